using System.Globalization;
using System.Text;
using Perche.Core.Time;
using Perche.Post.Adapters;
using Perche.Post.Timelines;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Perche.Post.Cues;

/// <summary>Cue lists as CSV and PDF (the ADR supervisor's and the Foley artist's paper), written safely.</summary>
public static class CueExport
{
    private static readonly object FontLock = new();

    /// <summary>The ADR list's column headings.</summary>
    public static IReadOnlyList<string> AdrHeadings { get; } = ["cue", "character", "tc_in", "tc_out", "duration_s", "scene", "take", "event", "reason", "line", "detail"];

    /// <summary>The Foley list's column headings.</summary>
    public static IReadOnlyList<string> FoleyHeadings { get; } = ["cue", "scene", "kind", "character", "description", "surface", "tc_in", "tc_out", "duration_s"];

    /// <summary>One ADR cue as cells (the CSV, the PDF, the CLI table and the JSON use these).</summary>
    public static string[] AdrCells(AdrCue c, FrameRate rate, RationalTime start) =>
    [
        c.Id, c.Character, Tc(c.Record.Start, rate, start), Tc(c.Record.EndExclusive, rate, start),
        c.Record.Duration.ToSeconds().ToString("0.00", CultureInfo.InvariantCulture), c.Scene, c.Take, c.EventId, c.ReasonCodes, c.Line, c.Detail,
    ];

    /// <summary>One Foley cue as cells.</summary>
    public static string[] FoleyCells(FoleyCue c, FrameRate rate, RationalTime start) =>
    [
        c.Id, c.Scene, c.Kind.ToString().ToLowerInvariant(), c.Character, c.Description, c.Surface, Tc(c.Record.Start, rate, start), Tc(c.Record.EndExclusive, rate, start),
        c.Record.Duration.ToSeconds().ToString("0.00", CultureInfo.InvariantCulture),
    ];

    /// <summary>The ADR list as CSV.</summary>
    public static string AdrCsv(IEnumerable<AdrCue> cues, FrameRate rate, RationalTime start) => Csv(AdrHeadings, cues.Select(c => AdrCells(c, rate, start)));

    /// <summary>The Foley list as CSV.</summary>
    public static string FoleyCsv(IEnumerable<FoleyCue> cues, FrameRate rate, RationalTime start) => Csv(FoleyHeadings, cues.Select(c => FoleyCells(c, rate, start)));

    /// <summary>Writes the ADR list as a PDF (A4 landscape, headings on every page).</summary>
    public static void WriteAdrPdf(string path, string title, IEnumerable<AdrCue> cues, FrameRate rate, RationalTime start) =>
        SafeFile.Write(path, s => Pdf(s, title + " — ADR cue list", ["Cue", "Character", "TC in", "TC out", "Dur. s", "Sc.", "Tk", "Event", "Reason", "Line", "Detail"], [48, 70, 62, 62, 34, 28, 22, 34, 62, 190, 174], cues.Select(c => AdrCells(c, rate, start))));

    /// <summary>Writes the Foley list as a PDF.</summary>
    public static void WriteFoleyPdf(string path, string title, IEnumerable<FoleyCue> cues, FrameRate rate, RationalTime start) =>
        SafeFile.Write(path, s => Pdf(s, title + " — Foley cue list", ["Cue", "Scene", "Kind", "Character", "Description", "Surface", "TC in", "TC out", "Dur. s"], [50, 40, 70, 100, 220, 100, 70, 70, 66], cues.Select(c => FoleyCells(c, rate, start))));

    private static string Tc(RationalTime t, FrameRate rate, RationalTime start) => Timecode.FromRationalTime(TimeMath.Add(start, t), rate).ToString();

    private static string Csv(IReadOnlyList<string> headings, IEnumerable<string[]> rows)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', headings).Append("\r\n");
        foreach (var r in rows)
        {
            sb.AppendJoin(',', r.Select(Cell)).Append("\r\n");
        }

        return sb.ToString();
    }

    private static string Cell(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static void Pdf(Stream output, string title, string[] headings, double[] widths, IEnumerable<string[]> rows)
    {
        const double margin = 28;
        const double size = 8;
        const double line = 10;
        EnsureFonts();
        using var doc = new PdfDocument();
        doc.Info.Title = title;
        doc.Info.Creator = "Perche";
        var regular = new XFont(BundledFonts.Family, size, XFontStyleEx.Regular);
        var bold = new XFont(BundledFonts.Family, size, XFontStyleEx.Bold);
        var heading = new XFont(BundledFonts.Family, 12, XFontStyleEx.Bold);
        PdfPage page = null!;
        XGraphics gfx = null!;
        double y = 0;
        var pages = new List<PdfPage>();

        double Row(string[] cells, XFont font, bool shade, bool draw)
        {
            // Each cell wraps within its column; the row is as tall as its tallest cell.
            var wrapped = new List<string>[cells.Length];
            var lines = 1;
            for (var i = 0; i < cells.Length; i++)
            {
                wrapped[i] = Wrap(gfx, cells[i], font, widths[i] - 4);
                lines = Math.Max(lines, wrapped[i].Count);
            }

            var height = (lines * line) + 4;
            if (draw)
            {
                var x = margin;
                for (var i = 0; i < cells.Length; i++)
                {
                    var rect = new XRect(x, y, widths[i], height);
                    if (shade)
                    {
                        gfx.DrawRectangle(XBrushes.LightGray, rect);
                    }

                    gfx.DrawRectangle(new XPen(XColors.Gray, 0.4), rect);
                    for (var l = 0; l < wrapped[i].Count; l++)
                    {
                        gfx.DrawString(wrapped[i][l], font, XBrushes.Black, new XPoint(x + 2, y + 2 + ((l + 1) * line) - 2));
                    }

                    x += widths[i];
                }
            }

            return height;
        }

        void NewPage()
        {
            gfx?.Dispose();
            page = doc.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            page.Orientation = PdfSharp.PageOrientation.Landscape;
            pages.Add(page);
            gfx = XGraphics.FromPdfPage(page);
            y = margin;
            gfx.DrawString(title, heading, XBrushes.Black, new XPoint(margin, y + 12));
            y += 22;
            y += Row(headings, bold, shade: true, draw: true);
        }

        NewPage();
        var count = 0;
        foreach (var r in rows)
        {
            count++;
            var h = Row(r, regular, shade: false, draw: false);
            if (y + h > page.Height.Point - margin - 12)
            {
                NewPage();
            }

            Row(r, regular, shade: false, draw: true);
            y += h;
        }

        if (count == 0)
        {
            gfx.DrawString("No cues.", regular, XBrushes.Black, new XPoint(margin, y + 12));
        }

        gfx.Dispose();
        for (var i = 0; i < pages.Count; i++)
        {
            using var g = XGraphics.FromPdfPage(pages[i]);
            g.DrawString(string.Create(CultureInfo.InvariantCulture, $"page {i + 1} / {pages.Count}"), regular, XBrushes.Black, new XPoint(pages[i].Width.Point - margin - 50, pages[i].Height.Point - margin + 8));
        }

        doc.Save(output, closeStream: false);
    }

    private static List<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (gfx.MeasureString(candidate, font).Width <= width || current.Length == 0)
            {
                current.Clear().Append(candidate);
            }
            else
            {
                result.Add(current.ToString());
                current.Clear().Append(word);
            }
        }

        if (current.Length > 0 || result.Count == 0)
        {
            result.Add(current.ToString());
        }

        return result;
    }

    private static void EnsureFonts()
    {
        lock (FontLock)
        {
            // The first library to need fonts installs a resolver; ours maps every family to the faces PDFsharp ships.
            GlobalFontSettings.FontResolver ??= new BundledFonts();
        }
    }

    private sealed class BundledFonts : IFontResolver
    {
        public const string Family = "Segoe WP";

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? "SegoeWP-Bold" : "SegoeWP", false, italic);

        public byte[]? GetFont(string faceName) => faceName == "SegoeWP-Bold" ? PdfSharp.WPFonts.FontDataHelper.SegoeWPBold : PdfSharp.WPFonts.FontDataHelper.SegoeWP;
    }
}
