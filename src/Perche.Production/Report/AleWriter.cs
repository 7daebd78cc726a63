using System.Globalization;
using System.Text;
using Perche.Core.Time;

namespace Perche.Production.Report;

/// <summary>
/// Avid Log Exchange (ALE) for editorial: a Heading (tab-delimited fields, FPS, audio rate), a Column line and one
/// Data line per take, so Media Composer can merge the sound report into its bins (scene, take, sound roll,
/// circled, notes, track names).
/// </summary>
public static class AleWriter
{
    private static readonly string[] Columns =
        ["Name", "Tracks", "Start", "End", "Tape", "Soundroll", "Scene", "Take", "Circled", "Comments", "Source File", "Audio SR", "Audio Bit Depth", "Track Names"];

    /// <summary>The ALE text.</summary>
    public static string Write(SoundReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rate = report.Takes.Select(t => t.FrameRate).FirstOrDefault(r => r is not null);
        var sampleRate = report.Takes.Count > 0 ? report.Takes[0].SampleRateHz : 48000;
        var sb = new StringBuilder();
        sb.Append("Heading\n");
        sb.Append("FIELD_DELIM\tTABS\n");
        sb.Append("VIDEO_FORMAT\t1080\n");
        sb.Append("AUDIO_FORMAT\t").Append((sampleRate / 1000).ToString(CultureInfo.InvariantCulture)).Append("khz\n");
        sb.Append("FPS\t").Append(rate is { } r ? AleFps(r) : "25").Append("\n\n");
        sb.Append("Column\n").AppendJoin('\t', Columns).Append("\n\n");
        sb.Append("Data\n");
        foreach (var t in report.Takes)
        {
            var tracks = string.Concat(Enumerable.Range(1, t.ChannelCount).Select(i => "A" + i.ToString(CultureInfo.InvariantCulture)));
            var name = t.Scene.Length > 0 || t.Take.Length > 0 ? $"{t.Scene}-{t.Take}" : Path.GetFileNameWithoutExtension(t.First.FileName);
            string[] cells =
            [
                name,
                tracks,
                ReportFormat.Timecode(t.Start),
                ReportFormat.Timecode(t.End),
                t.Tape,
                t.Tape,
                t.Scene,
                t.Take,
                t.Circled ? "Yes" : string.Empty,
                t.Note,
                t.First.FileName,
                t.SampleRateHz.ToString(CultureInfo.InvariantCulture),
                t.BitsPerSample.ToString(CultureInfo.InvariantCulture),
                string.Join(", ", t.Tracks.Select(x => x.Name)),
            ];
            sb.AppendJoin('\t', cells.Select(Clean)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Writes the ALE file (temp + rename).</summary>
    public static void WriteFile(SoundReport report, string path) => AtomicFile.Write(path, Encoding.UTF8.GetBytes(Write(report)));

    /// <summary>The FPS value Avid expects: 23.976, 24, 25, 29.97, 30, 50, 59.94, 60.</summary>
    public static string AleFps(FrameRate rate) => ((double)rate.Numerator / rate.Denominator).ToString("0.###", CultureInfo.InvariantCulture);

    // A tab or a line break inside a value would shift every later column.
    private static string Clean(string s) => s.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}
