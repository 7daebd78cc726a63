using Perche.Core.Dsp.Loudness;

namespace Perche.Cli.Output;

/// <summary>Draws momentary and short-term loudness over time (the meter's 10 Hz series) to a PNG.</summary>
internal static class LoudnessPlot
{
    private const double FloorLufs = -60;

    public static void Write(FileLoudnessResult result, string path)
    {
        var series = result.Meter.GetSeries();
        var t = new double[series.Length];
        var m = new double[series.Length];
        var s = new double[series.Length];
        for (var i = 0; i < series.Length; i++)
        {
            t[i] = series[i].TimeSeconds;
            m[i] = Math.Max(FloorLufs, double.IsFinite(series[i].MomentaryLufs) ? series[i].MomentaryLufs : FloorLufs);
            s[i] = Math.Max(FloorLufs, double.IsFinite(series[i].ShortTermLufs) ? series[i].ShortTermLufs : FloorLufs);
        }

        var plot = new ScottPlot.Plot();
        var ms = plot.Add.Scatter(t, m);
        ms.LegendText = "momentary (400 ms)";
        ms.MarkerSize = 0;
        var ss = plot.Add.Scatter(t, s);
        ss.LegendText = "short-term (3 s)";
        ss.MarkerSize = 0;
        ss.LineWidth = 2;
        var integrated = result.Meter.IntegratedLufs;
        if (double.IsFinite(integrated))
        {
            var line = plot.Add.HorizontalLine(integrated);
            line.LegendText = FormattableString.Invariant($"integrated {integrated:F1} LUFS");
            line.LinePattern = ScottPlot.LinePattern.Dashed;
        }

        plot.Title(Path.GetFileName(result.Path));
        plot.XLabel("time (s)");
        plot.YLabel("loudness (LUFS)");
        plot.Axes.SetLimitsY(FloorLufs, Math.Max(0, m.Length > 0 ? m.Max() + 3 : 0));
        plot.ShowLegend();

        // Render to a temporary file, then rename: no half-written PNG under the final name.
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.partial.png");
        plot.SavePng(temp, 1200, 500);
        File.Move(temp, full, overwrite: true);
    }
}
