using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using Perche.Delivery.Compliance;
using Perche.Delivery.Processing;

namespace Perche.Delivery.Reports;

/// <summary>
/// The PDF form of the QC report, drawn with PDFsharp: header, verdict, the loudness plot drawn as vectors, the
/// criteria table, true peak per channel, processing and the compressed outputs. Fonts: PDFsharp has no system
/// font access on Linux, so a resolver embeds DejaVu Sans or Liberation Sans (Debian fonts-dejavu-core).
/// </summary>
public static class PdfReport
{
    private const double Margin = 40;
    private static readonly Lock FontLock = new();
    private static bool fontsReady;

    /// <summary>Writes the PDF; false with a reason when no usable font is installed.</summary>
    public static bool TryWrite(DeliveryResult result, DeliveredFile file, IReadOnlyList<DeliveredFile> encoded, string language, string path, out string error)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(encoded);
        if (!EnsureFonts(out error))
        {
            return false;
        }

        using var doc = new PdfDocument();
        doc.Info.Title = ReportText.Get("title", language) + " — " + Path.GetFileName(file.Path);
        doc.Info.Creator = DeliveryEngine.ToolVersion;
        var writer = new PageWriter(doc);
        string T(string k) => ReportText.Get(k, language);
        var a = file.Analysis;

        writer.Text(T("title"), 16, bold: true);
        writer.Text($"{T("verdict")}: {T(file.Verdict.ToString())}", 14, bold: true, colour: Colour(file.Verdict));
        writer.Text($"{T("file")}: {file.Path}", 8);
        writer.Text($"{T("profile")}: {result.Profile.Name} ({result.Profile.Id}) — {T("medium")}: {result.Profile.Medium}", 9);
        writer.Text($"{T("format")}: {a.Encoding}, {a.SampleRateHz} Hz, {a.Layout.Name} — {T("duration")}: {LoudnessChart.FormatTime(a.DurationSeconds)}", 9);
        writer.Text($"{T("source")}: {result.Source.Path}", 8);
        writer.Text($"{T("tool")}: {DeliveryEngine.ToolVersion} — {T("date")}: {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}", 9);
        writer.Gap(6);

        var (_, target, tol, _) = ComplianceChecker.ProgrammeLevel(a, result.Profile);
        var chartTarget = result.Profile.Method.Value is Profiles.MeasurementMethod.Bs1770 or Profiles.MeasurementMethod.DialogueGated ? target : double.NaN;
        writer.Text(T("plot"), 12, bold: true);
        writer.Chart(new LoudnessChart(a.Meter.GetSeries(), a.Meter.IntegratedLufs, chartTarget, tol), language);
        writer.Criteria(file.Criteria, language);
        writer.Text(T("channels"), 12, bold: true);
        writer.Text(string.Join("   ", a.Channels.Select(c => $"{c.Name} {ComplianceChecker.F(c.TruePeakDbtp)} dBTP")), 9);
        writer.Gap(6);
        writer.Text(T("processing"), 12, bold: true);
        foreach (var p in file.Processing)
        {
            writer.Text("• " + p, 8);
        }

        if (encoded.Count > 0)
        {
            writer.Gap(6);
            writer.Text(T("outputs"), 12, bold: true);
            foreach (var e in encoded)
            {
                writer.Text($"{Path.GetFileName(e.Path)} — {T(e.Verdict.ToString())}", 10, bold: true, colour: Colour(e.Verdict));
                writer.Criteria(e.Criteria, language);
            }
        }

        if (result.Profile.Method.Value == Profiles.MeasurementMethod.DialogueGated)
        {
            writer.Text(T("dialogueNote"), 7);
        }

        var temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.partial");
        try
        {
            doc.Save(temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        error = string.Empty;
        return true;
    }

    private static XColor Colour(Verdict v) => v switch
    {
        Verdict.Pass => XColor.FromArgb(27, 94, 32),
        Verdict.Fail => XColor.FromArgb(183, 28, 28),
        Verdict.Warn => XColor.FromArgb(230, 81, 0),
        _ => XColor.FromArgb(85, 85, 85),
    };

    private static bool EnsureFonts(out string error)
    {
        lock (FontLock)
        {
            error = string.Empty;
            if (fontsReady)
            {
                return true;
            }

            var resolver = FileFontResolver.Find();
            if (resolver is null)
            {
                error = "no TrueType font found (install fonts-dejavu-core)";
                return false;
            }

            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = resolver;
            }

            fontsReady = true;
            return true;
        }
    }

    private sealed class FileFontResolver : IFontResolver
    {
        private static readonly string[] Folders = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/TTF", "/Library/Fonts", @"C:\Windows\Fonts"];
        private readonly string regular;
        private readonly string bold;

        private FileFontResolver(string regular, string bold)
        {
            this.regular = regular;
            this.bold = bold;
        }

        public static FileFontResolver? Find()
        {
            foreach (var (r, b) in new[] { ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"), ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"), ("arial.ttf", "arialbd.ttf") })
            {
                foreach (var folder in Folders)
                {
                    var rp = Path.Combine(folder, r);
                    if (File.Exists(rp))
                    {
                        var bp = Path.Combine(folder, b);
                        return new FileFontResolver(rp, File.Exists(bp) ? bp : rp);
                    }
                }
            }

            return null;
        }

        public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) => new(isBold ? "perche-bold" : "perche-regular");

        public byte[]? GetFont(string faceName) => File.ReadAllBytes(faceName == "perche-bold" ? this.bold : this.regular);
    }

    // Lays text and tables top to bottom, starting a new A4 page when the next item does not fit.
    private sealed class PageWriter
    {
        private readonly PdfDocument doc;
        private XGraphics gfx = null!;
        private PdfPage page = null!;
        private double y;

        public PageWriter(PdfDocument doc)
        {
            this.doc = doc;
            this.NewPage();
        }

        private double Width => this.page.Width.Point - (2 * Margin);

        public void Gap(double points) => this.y += points;

        public void Text(string text, double size, bool bold = false, XColor? colour = null)
        {
            var font = new XFont("Perche", size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
            var brush = new XSolidBrush(colour ?? XColors.Black);
            foreach (var line in Wrap(text, font))
            {
                this.Room(size * 1.35);
                this.gfx.DrawString(line, font, brush, new XRect(Margin, this.y, this.Width, size * 1.35), XStringFormats.TopLeft);
                this.y += size * 1.35;
            }
        }

        public void Chart(LoudnessChart chart, string language)
        {
            const double height = 190;
            this.Room(height + 30);
            var left = Margin + 30;
            var w = this.Width - 30;
            var top = this.y;
            double X(double t) => left + (w * t / Math.Max(chart.DurationSeconds, 1e-9));
            double Y(double l) => top + (height * (LoudnessChart.Top - LoudnessChart.Clamp(l)) / (LoudnessChart.Top - LoudnessChart.Bottom));
            var small = new XFont("Perche", 7, XFontStyleEx.Regular);
            this.gfx.DrawRectangle(new XPen(XColors.Gray, 0.5), new XSolidBrush(XColor.FromArgb(250, 250, 250)), left, top, w, height);
            if (double.IsFinite(chart.Target))
            {
                var tol = chart.Tolerance ?? 0;
                this.gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(200, 230, 201)), left, Y(chart.Target + tol), w, Math.Max(1, Y(chart.Target - tol) - Y(chart.Target + tol)));
            }

            for (var l = LoudnessChart.Top; l >= LoudnessChart.Bottom; l -= 10)
            {
                this.gfx.DrawLine(new XPen(XColors.LightGray, 0.3), left, Y(l), left + w, Y(l));
                this.gfx.DrawString(l.ToString("0", CultureInfo.InvariantCulture), small, XBrushes.Black, new XRect(Margin, Y(l) - 4, 26, 8), XStringFormats.TopRight);
            }

            var step = LoudnessChart.NiceStep(chart.DurationSeconds);
            for (var t = 0.0; t <= chart.DurationSeconds + 1e-9; t += step)
            {
                this.gfx.DrawString(LoudnessChart.FormatTime(t), small, XBrushes.Black, new XRect(X(t) - 20, top + height + 2, 40, 8), XStringFormats.TopCenter);
            }

            this.Curve(chart.Series, p => p.MomentaryLufs, X, Y, XColor.FromArgb(144, 202, 249), 0.5);
            this.Curve(chart.Series, p => p.ShortTermLufs, X, Y, XColor.FromArgb(21, 101, 192), 1.0);
            if (double.IsFinite(chart.Integrated))
            {
                this.gfx.DrawLine(new XPen(XColor.FromArgb(198, 40, 40), 1) { DashStyle = XDashStyle.Dash }, left, Y(chart.Integrated), left + w, Y(chart.Integrated));
            }

            this.y = top + height + 14;
            this.Text($"— {ReportText.Get("momentary", language)} (light blue)   — {ReportText.Get("shortTerm", language)} (blue)   - - {ReportText.Get("integrated", language)} (red)   ▮ {ReportText.Get("targetBand", language)} (green)", 7);
            this.Gap(4);
        }

        public void Criteria(IReadOnlyList<Criterion> criteria, string language)
        {
            double[] widths = [150, 150, 115, 60];
            var font = new XFont("Perche", 7.5, XFontStyleEx.Regular);
            var boldFont = new XFont("Perche", 7.5, XFontStyleEx.Bold);
            var srcFont = new XFont("Perche", 6, XFontStyleEx.Regular);
            string[] headers = [ReportText.Get("criterion", language), ReportText.Get("measured", language), ReportText.Get("required", language), ReportText.Get("verdict", language)];
            this.Room(12);
            var x = Margin;
            for (var i = 0; i < headers.Length; i++)
            {
                this.gfx.DrawString(headers[i], boldFont, XBrushes.Black, new XRect(x, this.y, widths[i], 10), XStringFormats.TopLeft);
                x += widths[i];
            }

            this.y += 11;
            foreach (var c in criteria)
            {
                var source = c.Source.Length == 0 ? string.Empty : $"{c.Source} ({ReportText.Get(c.Confirmed ? "confirmed" : "unconfirmed", language)})";
                var sourceLines = source.Length == 0 ? [] : Wrap(source, srcFont, this.Width);
                this.Room(10 + (sourceLines.Count * 7.5));
                x = Margin;
                string[] cells = [ReportText.Get(c.Id, language), $"{c.MeasuredText} {c.Unit}", c.Requirement, ReportText.Get(c.Verdict.ToString(), language)];
                for (var i = 0; i < cells.Length; i++)
                {
                    var brush = i == 3 ? new XSolidBrush(Colour(c.Verdict)) : XBrushes.Black;
                    var cellFont = i == 3 ? boldFont : font;
                    this.gfx.DrawString(this.FitWidth(cells[i], cellFont, widths[i] - 4), cellFont, brush, new XRect(x, this.y, widths[i], 10), XStringFormats.TopLeft);
                    x += widths[i];
                }

                this.y += 10;
                foreach (var line in sourceLines)
                {
                    this.gfx.DrawString(line, srcFont, XBrushes.DimGray, new XRect(Margin + 10, this.y, this.Width, 8), XStringFormats.TopLeft);
                    this.y += 7.5;
                }

                this.gfx.DrawLine(new XPen(XColors.LightGray, 0.3), Margin, this.y + 1, Margin + this.Width, this.y + 1);
                this.y += 2;
            }

            this.Gap(8);
        }

        private void Curve(Perche.Core.Dsp.Loudness.LoudnessPoint[] series, Func<Perche.Core.Dsp.Loudness.LoudnessPoint, double> value, Func<double, double> x, Func<double, double> y, XColor colour, double width)
        {
            if (series.Length < 2)
            {
                return;
            }

            var points = new XPoint[series.Length];
            for (var i = 0; i < series.Length; i++)
            {
                points[i] = new XPoint(x(series[i].TimeSeconds), y(value(series[i])));
            }

            this.gfx.DrawLines(new XPen(colour, width), points);
        }

        private void Room(double height)
        {
            if (this.y + height > this.page.Height.Point - Margin)
            {
                this.NewPage();
            }
        }

        private void NewPage()
        {
            this.gfx?.Dispose();
            this.page = this.doc.AddPage();
            this.page.Size = PdfSharp.PageSize.A4;
            this.gfx = XGraphics.FromPdfPage(this.page);
            this.y = Margin;
        }

        private List<string> Wrap(string text, XFont font, double? width = null)
        {
            var max = width ?? this.Width;
            var lines = new List<string>();
            var current = string.Empty;
            foreach (var word in text.Split(' '))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (current.Length > 0 && this.gfx.MeasureString(candidate, font).Width > max)
                {
                    lines.Add(current);
                    current = word;
                }
                else
                {
                    current = candidate;
                }
            }

            if (current.Length > 0)
            {
                lines.Add(current);
            }

            return lines;
        }

        // Shortens a cell with an ellipsis until it fits its column.
        private string FitWidth(string s, XFont font, double width)
        {
            if (this.gfx.MeasureString(s, font).Width <= width)
            {
                return s;
            }

            var n = s.Length;
            while (n > 1 && this.gfx.MeasureString(s[..n] + "…", font).Width > width)
            {
                n--;
            }

            return s[..n] + "…";
        }
    }
}
