using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using Perche.Core;

namespace Perche.Preproduction.Output;

/// <summary>
/// Renders a <see cref="ReportDocument"/> to PDF with PDFsharp: A4, title, sections, tables whose columns share
/// the width by content and whose cells wrap. Fonts come from the system (DejaVu Sans, Liberation Sans), found
/// by a small resolver, since PDFsharp's Core build has no font source of its own on Linux.
/// </summary>
public static class PdfRenderer
{
    private const double Margin = 40;
    private const double BodySize = 8;
    private static readonly object Gate = new();

    /// <summary>Writes the document to a stream.</summary>
    public static void Render(ReportDocument doc, Stream output)
    {
        EnsureFonts();
        using var pdf = new PdfDocument();
        pdf.Info.Title = doc.Title;
        pdf.Info.Creator = "Perche";
        var state = new PageState(pdf);
        var title = new XFont(SystemFonts.Family, 15, XFontStyleEx.Bold);
        var h1 = new XFont(SystemFonts.Family, 12, XFontStyleEx.Bold);
        var h2 = new XFont(SystemFonts.Family, 10, XFontStyleEx.Bold);
        var body = new XFont(SystemFonts.Family, BodySize, XFontStyleEx.Regular);
        var bold = new XFont(SystemFonts.Family, BodySize, XFontStyleEx.Bold);
        state.Text(doc.Title, title, state.Width);
        state.Text(doc.Subtitle, body, state.Width);
        state.Y += 6;
        foreach (var section in doc.Sections)
        {
            state.Need(40);
            state.Y += 4;
            state.Text(section.Heading, section.Level <= 1 ? h1 : h2, state.Width);
            foreach (var p in section.Paragraphs)
            {
                state.Text(p, body, state.Width);
            }

            foreach (var table in section.Tables)
            {
                DrawTable(state, table, body, bold);
            }
        }

        state.Close();
        pdf.Save(output, closeStream: false);
    }

    private static void DrawTable(PageState s, ReportTable table, XFont body, XFont bold)
    {
        var n = table.Columns.Count;
        var weights = new double[n];
        for (var c = 0; c < n; c++)
        {
            double longest = table.Columns[c].Length;
            foreach (var row in table.Rows)
            {
                longest = Math.Max(longest, c < row.Length ? Math.Min(row[c].Length, 60) : 0);
            }

            weights[c] = Math.Max(6, longest);
        }

        var sum = weights.Sum();
        var widths = weights.Select(w => s.Width * w / sum).ToArray();
        DrawRow(s, table.Columns.ToArray(), widths, bold, header: true);
        foreach (var row in table.Rows)
        {
            DrawRow(s, row, widths, body, header: false);
        }

        s.Y += 6;
    }

    private static void DrawRow(PageState s, string[] cells, double[] widths, XFont font, bool header)
    {
        var lineHeight = font.Size * 1.25;
        var wrapped = new List<string>[widths.Length];
        var lines = 1;
        for (var c = 0; c < widths.Length; c++)
        {
            wrapped[c] = s.Wrap(c < cells.Length ? cells[c] : string.Empty, font, widths[c] - 4);
            lines = Math.Max(lines, wrapped[c].Count);
        }

        var height = lines * lineHeight + 3;
        s.Need(height);
        var x = Margin;
        for (var c = 0; c < widths.Length; c++)
        {
            var rect = new XRect(x, s.Y, widths[c], height);
            if (header)
            {
                s.Graphics!.DrawRectangle(XBrushes.Gainsboro, rect);
            }

            s.Graphics!.DrawRectangle(new XPen(XColors.Gray, 0.4), rect);
            for (var l = 0; l < wrapped[c].Count; l++)
            {
                s.Graphics.DrawString(wrapped[c][l], font, XBrushes.Black, new XPoint(x + 2, s.Y + 1.5 + font.Size + l * lineHeight));
            }

            x += widths[c];
        }

        s.Y += height;
    }

    private static void EnsureFonts()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = new SystemFonts();
            }
        }
    }

    private sealed class PageState(PdfDocument pdf)
    {
        public XGraphics? Graphics { get; private set; }

        public double Y { get; set; } = double.MaxValue;

        public double Width => 595 - (2 * Margin);

        private double Bottom => 842 - Margin;

        public void Need(double height)
        {
            if (this.Graphics is null || this.Y + height > this.Bottom)
            {
                this.Graphics?.Dispose();
                var page = pdf.AddPage();
                page.Size = PdfSharp.PageSize.A4;
                this.Graphics = XGraphics.FromPdfPage(page);
                this.Y = Margin;
            }
        }

        public void Text(string text, XFont font, double width)
        {
            foreach (var line in this.Wrap(text, font, width))
            {
                this.Need(font.Size * 1.3);
                this.Graphics!.DrawString(line, font, XBrushes.Black, new XPoint(Margin, this.Y + font.Size));
                this.Y += font.Size * 1.3;
            }
        }

        public List<string> Wrap(string text, XFont font, double width)
        {
            this.Need(0);
            var result = new List<string>();
            foreach (var paragraph in text.Split('\n'))
            {
                var line = string.Empty;
                foreach (var word in paragraph.Split(' '))
                {
                    var candidate = line.Length == 0 ? word : line + " " + word;
                    if (line.Length > 0 && this.Graphics!.MeasureString(candidate, font).Width > width)
                    {
                        result.Add(line);
                        line = word;
                    }
                    else
                    {
                        line = candidate;
                    }
                }

                result.Add(line);
            }

            return result;
        }

        public void Close() => this.Graphics?.Dispose();
    }

    /// <summary>Resolves one family to the regular and bold TrueType files of a sans-serif system font.</summary>
    private sealed class SystemFonts : IFontResolver
    {
        public const string Family = "Perche Sans";

        private static readonly string[][] Candidates =
        [
            ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"],
            ["/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"],
            ["/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"],
            ["/Library/Fonts/Arial.ttf", "/Library/Fonts/Arial Bold.ttf"],
            ["C:\\Windows\\Fonts\\arial.ttf", "C:\\Windows\\Fonts\\arialbd.ttf"],
        ];

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? "perche-bold" : "perche-regular");

        public byte[]? GetFont(string faceName)
        {
            foreach (var pair in Candidates)
            {
                var path = faceName == "perche-bold" ? pair[1] : pair[0];
                if (File.Exists(path))
                {
                    return File.ReadAllBytes(path);
                }
            }

            throw PercheFormatException.ForInput("PDF", "no TrueType font found for PDF output (install fonts-dejavu-core, or use --format html)");
        }
    }
}
