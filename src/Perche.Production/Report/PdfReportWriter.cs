using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Perche.Production.Report;

/// <summary>
/// The report as a PDF laid out like the paper sound report of a shoot: A4 landscape, a boxed header (production,
/// date, crew, recorder, rates, roll, reference), a ruled table of takes with circled take numbers drawn as circles,
/// the column headings repeated on every page and "page n / N" at the foot. Fonts are embedded (the Segoe WP face
/// PDFsharp ships), so the document looks the same on every machine.
/// </summary>
public static class PdfReportWriter
{
    private const double Margin = 28;
    private const double TableFontSize = 7.5;
    private const double LineHeight = 9;

    // Table column widths in points (A4 landscape, 786 pt between margins); the Circled column is drawn as a circle.
    private static readonly double[] Widths = [100, 45, 42, 30, 62, 42, 45, 32, 24, 20, 120, 60, 90, 74];
    private static readonly int[] Wrapped = [0, 10, 11, 12, 13];
    private static readonly object FontLock = new();

    /// <summary>Writes the PDF to a stream.</summary>
    public static void Write(SoundReport report, ReportLabels labels, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(labels);
        EnsureFonts();
        using var doc = new PdfDocument();
        doc.Info.Title = $"{labels.Title} — {report.Header.Production}";
        doc.Info.Creator = "Perche";
        var regular = new XFont(BundledFonts.Family, TableFontSize, XFontStyleEx.Regular);
        var bold = new XFont(BundledFonts.Family, TableFontSize, XFontStyleEx.Bold);
        var headings = ReportTable.Headings(labels).Where((_, i) => i != 4).ToArray();
        PdfPage page = null!;
        XGraphics gfx = null!;
        double y = 0;

        void NewPage(bool first)
        {
            gfx?.Dispose();
            page = doc.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            page.Orientation = PdfSharp.PageOrientation.Landscape;
            gfx = XGraphics.FromPdfPage(page);
            y = Margin;
            if (first)
            {
                y = DrawHeader(gfx, report, labels, y);
            }
            else
            {
                gfx.DrawString($"{labels.Title} — {report.Header.Production}", bold, XBrushes.Black, new XPoint(Margin, y + 8));
                y += 16;
            }

            y = DrawRow(gfx, headings, bold, y, shade: true, circleTake: false, measureOnly: false);
        }

        NewPage(first: true);
        foreach (var t in report.Takes)
        {
            var cells = ReportTable.Cells(t, labels).Where((_, i) => i != 4).ToArray();
            var height = DrawRow(gfx, cells, regular, y, shade: false, circleTake: t.Circled, measureOnly: true) - y;
            if (y + height > page.Height.Point - Margin - 14)
            {
                NewPage(first: false);
            }

            y = DrawRow(gfx, cells, regular, y, shade: false, circleTake: t.Circled, measureOnly: false);
        }

        if (report.Findings.Count > 0 || report.Unreadable.Count > 0)
        {
            var lines = report.Findings.Select(f => "• " + f).Concat(report.Unreadable.Select(u => $"• {labels.Unreadable}: {u.RelativePath}: {u.Problem}")).ToList();
            y += 8;
            foreach (var line in lines)
            {
                foreach (var wrapped in Wrap(gfx, line, regular, page.Width.Point - (2 * Margin)))
                {
                    if (y + LineHeight > page.Height.Point - Margin - 14)
                    {
                        NewPage(first: false);
                    }

                    gfx.DrawString(wrapped, regular, XBrushes.DarkRed, new XPoint(Margin, y + 7));
                    y += LineHeight;
                }
            }
        }

        gfx.Dispose();
        var total = doc.PageCount;
        for (var i = 0; i < total; i++)
        {
            using var g = XGraphics.FromPdfPage(doc.Pages[i], XGraphicsPdfPageOptions.Append);
            var p = doc.Pages[i];
            var text = string.Create(CultureInfo.InvariantCulture, $"{labels.Page} {i + 1} / {total}");
            g.DrawString(text, regular, XBrushes.Black, new XRect(Margin, p.Height.Point - Margin, p.Width.Point - (2 * Margin), 10), XStringFormats.TopRight);
            g.DrawString("Perche", regular, XBrushes.Gray, new XRect(Margin, p.Height.Point - Margin, 200, 10), XStringFormats.TopLeft);
        }

        doc.Save(output, closeStream: false);
    }

    /// <summary>Writes the PDF file (temp + rename).</summary>
    public static void WriteFile(SoundReport report, ReportLabels labels, string path) => AtomicFile.Write(path, s => Write(report, labels, s));

    private static double DrawHeader(XGraphics gfx, SoundReport report, ReportLabels labels, double y)
    {
        var title = new XFont(BundledFonts.Family, 16, XFontStyleEx.Bold);
        var label = new XFont(BundledFonts.Family, 7, XFontStyleEx.Regular);
        var value = new XFont(BundledFonts.Family, 9.5, XFontStyleEx.Bold);
        gfx.DrawString(labels.Title, title, XBrushes.Black, new XPoint(Margin, y + 14));
        gfx.DrawString(report.Header.Production, title, XBrushes.Black, new XRect(Margin, y, gfx.PageSize.Width - (2 * Margin), 18), XStringFormats.TopRight);
        y += 24;
        var fields = ReportTable.HeaderFields(report.Header, labels);
        const int perRow = 3;
        var width = (gfx.PageSize.Width - (2 * Margin)) / perRow;
        const double boxHeight = 24;
        for (var i = 0; i < fields.Length; i++)
        {
            var x = Margin + (i % perRow * width);
            var top = y + (i / perRow * boxHeight);
            gfx.DrawRectangle(new XPen(XColors.Black, 0.6), x, top, width, boxHeight);
            gfx.DrawString(fields[i].Label, label, XBrushes.DimGray, new XPoint(x + 3, top + 8));
            gfx.DrawString(Fit(gfx, fields[i].Value, value, width - 6), value, XBrushes.Black, new XPoint(x + 3, top + 19));
        }

        return y + (((fields.Length + perRow - 1) / perRow) * boxHeight) + 10;
    }

    private static double DrawRow(XGraphics gfx, string[] cells, XFont font, double y, bool shade, bool circleTake, bool measureOnly)
    {
        var lines = new List<string>[cells.Length];
        var maxLines = 1;
        for (var i = 0; i < cells.Length; i++)
        {
            lines[i] = Array.IndexOf(Wrapped, i) >= 0 ? Wrap(gfx, cells[i], font, Widths[i] - 4) : [Fit(gfx, cells[i], font, Widths[i] - 4)];
            maxLines = Math.Max(maxLines, lines[i].Count);
        }

        var height = (maxLines * LineHeight) + 4;
        if (measureOnly)
        {
            return y + height;
        }

        var x = Margin;
        var pen = new XPen(XColors.Black, 0.4);
        for (var i = 0; i < cells.Length; i++)
        {
            if (shade)
            {
                gfx.DrawRectangle(XBrushes.Gainsboro, x, y, Widths[i], height);
            }

            gfx.DrawRectangle(pen, x, y, Widths[i], height);
            for (var l = 0; l < lines[i].Count; l++)
            {
                gfx.DrawString(lines[i][l], font, XBrushes.Black, new XPoint(x + 2, y + 2 + ((l + 1) * LineHeight) - 2));
            }

            if (circleTake && i == 3 && cells[i].Length > 0)
            {
                // The circled take, as the mixer circles it on the paper report.
                var w = Math.Max(gfx.MeasureString(cells[i], font).Width + 6, 12);
                gfx.DrawEllipse(new XPen(XColors.Black, 0.8), x + 2 - 3, y + 1, w, LineHeight + 2);
            }

            x += Widths[i];
        }

        return y + height;
    }

    private static List<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        var result = new List<string>();
        var line = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (gfx.MeasureString(candidate, font).Width <= width)
            {
                line = candidate;
                continue;
            }

            if (line.Length > 0)
            {
                result.Add(line);
            }

            line = Fit(gfx, word, font, width);
        }

        if (line.Length > 0 || result.Count == 0)
        {
            result.Add(line);
        }

        return result;
    }

    private static string Fit(XGraphics gfx, string text, XFont font, double width)
    {
        if (gfx.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var s = text;
        while (s.Length > 1 && gfx.MeasureString(s + "…", font).Width > width)
        {
            s = s[..^1];
        }

        return s + "…";
    }

    internal static void EnsureFonts()
    {
        lock (FontLock)
        {
            if (GlobalFontSettings.FontResolver is not BundledFonts)
            {
                GlobalFontSettings.FontResolver ??= new BundledFonts();
            }
        }
    }

    /// <summary>Resolves every family to the Segoe WP faces bundled with PDFsharp (no system fonts needed).</summary>
    private sealed class BundledFonts : IFontResolver
    {
        public const string Family = "Segoe WP";

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? "SegoeWP-Bold" : "SegoeWP", false, italic);

        public byte[]? GetFont(string faceName) =>
            faceName == "SegoeWP-Bold" ? PdfSharp.WPFonts.FontDataHelper.SegoeWPBold : PdfSharp.WPFonts.FontDataHelper.SegoeWP;
    }
}
