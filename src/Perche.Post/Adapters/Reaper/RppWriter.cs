using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Perche.Core.Time;
using Perche.Post.Timelines;

namespace Perche.Post.Adapters.Reaper;

/// <summary>
/// Writes a timeline's audio tracks as a REAPER project (.rpp): one track per timeline track, one item per clip with
/// its position, length, source offset, play rate, crossfades from transitions, and the channel it plays of a
/// polyphonic file. The project offset is the timeline's start, so REAPER's ruler shows the picture's record timecode.
/// </summary>
public static class RppWriter
{
    /// <summary>The project text.</summary>
    public static string WriteString(Timeline timeline, int sampleRateHz = 48000)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("<REAPER_PROJECT 0.1 \"7.0/perche\" 0\n");
        sb.Append("  SAMPLERATE ").Append(sampleRateHz.ToString(inv)).Append(" 0 0\n");
        var offset = timeline.GlobalStartTime?.ToSeconds() ?? 0;
        sb.Append("  PROJOFFS ").Append(Seconds(offset)).Append(" 0 0\n");
        if (timeline.Rate is { } rate)
        {
            // SMPTEFPS: REAPER's timecode display rate (frames per second, drop-frame flag).
            sb.Append("  SMPTESYNC 0 ").Append(Seconds((double)rate.Numerator / rate.Denominator)).Append(' ').Append(rate.IsDropFrame ? "1" : "0").Append(" 0 0 0 0 0 0 0 0 0 0\n");
        }

        foreach (var track in timeline.AudioTracks())
        {
            sb.Append("  <TRACK ").Append(Guid(timeline.Name + "/" + track.Name)).Append('\n');
            sb.Append("    NAME ").Append(Quote(track.Name)).Append('\n');
            sb.Append("    NCHAN 2\n");
            var children = track.Children;
            RationalTime cursor = default;
            for (var i = 0; i < children.Count; i++)
            {
                if (children[i] is not Item item)
                {
                    continue;
                }

                var position = cursor;
                cursor = TimeMath.Add(cursor, item.Duration);
                if (item is not Clip clip || clip.Media.Kind != MediaKind.External)
                {
                    continue;
                }

                // A transition before this clip: start earlier by its in-offset... REAPER overlaps items for crossfades.
                var fadeIn = i > 0 && children[i - 1] is Transition tin ? tin.Duration.ToSeconds() : 0;
                var fadeOut = i + 1 < children.Count && children[i + 1] is Transition tout ? tout.Duration.ToSeconds() : 0;
                var speed = clip.SpeedScalar;
                var playRate = clip.Effects.Count == 0 || speed <= 0 ? 1 : speed;
                var start = position.ToSeconds();
                var length = clip.Duration.ToSeconds() + fadeOut;
                var mediaStart = MetadataValue.Int64(clip.Metadata["perche"], "fileStartSamples") is { } fileStart && clip.Media.AvailableRange is not null
                    ? RationalTime.FromSamples(fileStart, clip.TrimmedRange.Start.RateNumerator).ToSeconds()
                    : clip.Media.AvailableRange?.Start.ToSeconds() ?? 0;
                var sourceOffset = clip.TrimmedRange.Start.ToSeconds() - mediaStart;
                sb.Append("    <ITEM\n");
                sb.Append("      POSITION ").Append(Seconds(start)).Append('\n');
                sb.Append("      LENGTH ").Append(Seconds(length)).Append('\n');
                sb.Append("      LOOP 0\n");
                sb.Append("      MUTE ").Append(clip.Enabled ? "0" : "1").Append(" 0\n");
                sb.Append("      FADEIN 1 ").Append(Seconds(fadeIn)).Append(" 0 1 0 0 0\n");
                sb.Append("      FADEOUT 1 ").Append(Seconds(fadeOut)).Append(" 0 1 0 0 0\n");
                sb.Append("      NAME ").Append(Quote(clip.Name)).Append('\n');
                sb.Append("      SOFFS ").Append(Seconds(sourceOffset)).Append('\n');
                sb.Append("      PLAYRATE ").Append(Seconds(playRate)).Append(" 1 0 -1 0 0.0025\n");

                // I_CHANMODE: 0 plays all channels; 3 + (n − 1) plays channel n alone (3 = left, 4 = right, 5 = channel 3...).
                var chanMode = clip.Media.Channel is { } ch && clip.Media.ChannelCount is > 1 ? 2 + ch : 0;
                sb.Append("      CHANMODE ").Append(chanMode.ToString(inv)).Append('\n');
                sb.Append("      <SOURCE WAVE\n");
                sb.Append("        FILE ").Append(Quote(Path.GetFullPath(clip.Media.TargetUrl))).Append('\n');
                sb.Append("      >\n");
                sb.Append("    >\n");
            }

            sb.Append("  >\n");
        }

        foreach (var (m, index) in timeline.Markers.Select((m, i) => (m, i + 1)))
        {
            sb.Append("  MARKER ").Append(index.ToString(inv)).Append(' ').Append(Seconds(m.MarkedRange.Start.ToSeconds())).Append(' ').Append(Quote(m.Name)).Append(" 0\n");
        }

        sb.Append(">\n");
        return sb.ToString();
    }

    /// <summary>Writes the project atomically.</summary>
    public static void WriteFile(Timeline timeline, string path, int sampleRateHz = 48000) => SafeFile.WriteText(path, WriteString(timeline, sampleRateHz));

    private static string Seconds(double s) => s.ToString("0.##########", CultureInfo.InvariantCulture);

    private static string Quote(string s) => "\"" + s.Replace("\"", "'", StringComparison.Ordinal).Replace('\n', ' ') + "\"";

    private static string Guid(string seed)
    {
        // Stable GUIDs: writing the same session twice gives the same file.
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(seed));
        return "{" + new Guid(hash).ToString().ToUpperInvariant() + "}";
    }
}
