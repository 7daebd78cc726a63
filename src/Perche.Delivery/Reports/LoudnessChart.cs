using System.Globalization;
using System.Text;
using Perche.Core.Dsp.Loudness;

namespace Perche.Delivery.Reports;

/// <summary>The loudness-over-time plot: momentary and short-term curves, the integrated value and the target band.</summary>
internal sealed class LoudnessChart
{
    public const double Top = 0;
    public const double Bottom = -60;

    public LoudnessChart(LoudnessPoint[] series, double integrated, double target, double? tolerance)
    {
        this.Series = Decimate(series, 1500);
        this.Integrated = integrated;
        this.Target = target;
        this.Tolerance = tolerance;
        this.DurationSeconds = series.Length > 0 ? series[^1].TimeSeconds : 1;
    }

    public LoudnessPoint[] Series { get; }

    public double Integrated { get; }

    public double Target { get; }

    public double? Tolerance { get; }

    public double DurationSeconds { get; }

    public static double Clamp(double lufs) => double.IsFinite(lufs) ? Math.Clamp(lufs, Bottom, Top) : Bottom;

    /// <summary>An SVG drawing of width x height pixels.</summary>
    public string ToSvg(int width, int height, string language)
    {
        var inv = CultureInfo.InvariantCulture;
        const int left = 48, right = 12, top = 12, bottom = 36;
        var w = width - left - right;
        var h = height - top - bottom;
        double X(double t) => left + (w * t / Math.Max(this.DurationSeconds, 1e-9));
        double Y(double l) => top + (h * (Top - Clamp(l)) / (Top - Bottom));
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"11\">");
        sb.Append(inv, $"<rect x=\"{left}\" y=\"{top}\" width=\"{w}\" height=\"{h}\" fill=\"#fafafa\" stroke=\"#999\"/>");
        if (double.IsFinite(this.Target))
        {
            var tol = this.Tolerance ?? 0;
            var y1 = Y(this.Target + tol);
            var y2 = Y(this.Target - tol);
            sb.Append(inv, $"<rect x=\"{left}\" y=\"{y1:0.0}\" width=\"{w}\" height=\"{Math.Max(1, y2 - y1):0.0}\" fill=\"#c8e6c9\" opacity=\"0.8\"><title>{ReportText.Get("targetBand", language)}</title></rect>");
        }

        for (var l = Top; l >= Bottom; l -= 10)
        {
            sb.Append(inv, $"<line x1=\"{left}\" x2=\"{left + w}\" y1=\"{Y(l):0.0}\" y2=\"{Y(l):0.0}\" stroke=\"#ddd\"/><text x=\"{left - 4}\" y=\"{Y(l) + 4:0.0}\" text-anchor=\"end\">{l:0}</text>");
        }

        var step = NiceStep(this.DurationSeconds);
        for (var t = 0.0; t <= this.DurationSeconds + 1e-9; t += step)
        {
            sb.Append(inv, $"<text x=\"{X(t):0.0}\" y=\"{top + h + 14}\" text-anchor=\"middle\">{FormatTime(t)}</text>");
        }

        sb.Append(inv, $"<text x=\"12\" y=\"{top + (h / 2)}\" transform=\"rotate(-90 12 {top + (h / 2)})\" text-anchor=\"middle\">LUFS</text>");
        Polyline(sb, this.Series, p => p.MomentaryLufs, X, Y, "#90caf9", 1);
        Polyline(sb, this.Series, p => p.ShortTermLufs, X, Y, "#1565c0", 1.8);
        if (double.IsFinite(this.Integrated))
        {
            sb.Append(inv, $"<line x1=\"{left}\" x2=\"{left + w}\" y1=\"{Y(this.Integrated):0.0}\" y2=\"{Y(this.Integrated):0.0}\" stroke=\"#c62828\" stroke-dasharray=\"6 3\" stroke-width=\"1.5\"/>");
        }

        var ly = height - 8;
        sb.Append(inv, $"<line x1=\"{left}\" x2=\"{left + 20}\" y1=\"{ly - 4}\" y2=\"{ly - 4}\" stroke=\"#90caf9\" stroke-width=\"2\"/><text x=\"{left + 24}\" y=\"{ly}\">{ReportText.Get("momentary", language)}</text>");
        sb.Append(inv, $"<line x1=\"{left + 170}\" x2=\"{left + 190}\" y1=\"{ly - 4}\" y2=\"{ly - 4}\" stroke=\"#1565c0\" stroke-width=\"2\"/><text x=\"{left + 194}\" y=\"{ly}\">{ReportText.Get("shortTerm", language)}</text>");
        sb.Append(inv, $"<line x1=\"{left + 330}\" x2=\"{left + 350}\" y1=\"{ly - 4}\" y2=\"{ly - 4}\" stroke=\"#c62828\" stroke-dasharray=\"6 3\" stroke-width=\"2\"/><text x=\"{left + 354}\" y=\"{ly}\">{ReportText.Get("integrated", language)}</text>");
        sb.Append(inv, $"<rect x=\"{left + 450}\" y=\"{ly - 9}\" width=\"20\" height=\"10\" fill=\"#c8e6c9\"/><text x=\"{left + 474}\" y=\"{ly}\">{ReportText.Get("targetBand", language)}</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }

    public static double NiceStep(double duration)
    {
        foreach (var s in new[] { 1.0, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600 })
        {
            if (duration / s <= 10)
            {
                return s;
            }
        }

        return 7200;
    }

    public static string FormatTime(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Round(seconds));
        return t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
    }

    private static void Polyline(StringBuilder sb, LoudnessPoint[] series, Func<LoudnessPoint, double> value, Func<double, double> x, Func<double, double> y, string colour, double width)
    {
        if (series.Length == 0)
        {
            return;
        }

        sb.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\" points=\"");
        foreach (var p in series)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{x(p.TimeSeconds):0.0},{y(value(p)):0.0} ");
        }

        sb.Append("\"/>");
    }

    // Keeps at most `max` points, each the loudest of its span, so short peaks stay visible.
    private static LoudnessPoint[] Decimate(LoudnessPoint[] series, int max)
    {
        if (series.Length <= max)
        {
            return series;
        }

        var result = new LoudnessPoint[max];
        for (var i = 0; i < max; i++)
        {
            var start = (int)((long)i * series.Length / max);
            var end = (int)((long)(i + 1) * series.Length / max);
            double m = double.NegativeInfinity, s = double.NegativeInfinity;
            for (var k = start; k < end; k++)
            {
                m = Math.Max(m, series[k].MomentaryLufs);
                s = Math.Max(s, series[k].ShortTermLufs);
            }

            result[i] = new LoudnessPoint(series[end - 1].TimeSeconds, m, s);
        }

        return result;
    }
}
