using System.Globalization;
using System.Text;
using Perche.Core.Time;
using Perche.Post.Timelines;

namespace Perche.Post.Adapters.Edl;

/// <summary>
/// Writes one track of a timeline as a CMX 3600 EDL: cuts, dissolves (a zero-length cut then the D line), M2 speed
/// lines, <c>* FROM CLIP NAME</c>, <c>* SOURCE FILE</c> and <c>* LOC</c> notes. Sound editors load one EDL per track
/// (an EDL has one picture channel and at most four audio channels), so a session is written as several files.
/// </summary>
public static class EdlWriter
{
    /// <summary>The EDL text for <paramref name="track"/> at <paramref name="rate"/>.</summary>
    public static string WriteString(Timeline timeline, Track track, FrameRate rate)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(track);
        var sb = new StringBuilder();
        var title = timeline.Name.Length > 0 ? timeline.Name : "Perche";
        sb.Append("TITLE: ").Append(Clean(title)).Append(' ').Append(Clean(track.Name)).Append("\r\n");
        sb.Append(rate.IsDropFrame ? "FCM: DROP FRAME\r\n" : "FCM: NON-DROP FRAME\r\n");
        var channel = track.Kind == TrackKind.Video ? "V" : "A";
        var start = timeline.GlobalStartTime ?? TimeMath.Zero(rate);
        var number = 0;
        var children = track.Children;
        RationalTime cursor = default;
        Clip? previous = null;
        RationalTime previousRecordEnd = default;
        for (var i = 0; i < children.Count; i++)
        {
            if (children[i] is Transition)
            {
                continue;
            }

            var item = (Item)children[i];
            var recordIn = TimeMath.Add(start, cursor);
            cursor = TimeMath.Add(cursor, item.Duration);
            if (item is not Clip clip)
            {
                previous = null;
                continue;
            }

            number++;
            var id = number.ToString(number < 1000 ? "000" : number < 10000 ? "0000" : "000000", CultureInfo.InvariantCulture);
            var reel = ReelOf(clip);
            var recIn = Frames(recordIn, rate);
            var recOut = recIn + Frames(clip.Duration, rate);
            var srcIn = Frames(clip.TrimmedRange.Start, rate);
            var speed = clip.SpeedScalar;
            var srcLength = clip.Effects.Count == 0 ? recOut - recIn : (long)Math.Round((recOut - recIn) * Math.Abs(speed), MidpointRounding.AwayFromZero);
            if (clip.Effects.Any(e => e.Kind == TimeEffectKind.FreezeFrame))
            {
                srcLength = 1;
            }

            var transition = i > 0 ? children[i - 1] as Transition : null;
            if (transition is not null && previous is not null && Frames(previousRecordEnd, rate) == recIn)
            {
                // The outgoing side: a zero-length cut at the transition point, with the same event number.
                var prevSrcOut = Frames(previous.TrimmedRange.Start, rate) + Frames(previous.Duration, rate);
                Line(sb, id, ReelOf(previous), channel, "C", null, prevSrcOut, prevSrcOut, recIn, recIn, rate);
                var type = transition.TransitionType == TransitionTypes.Wipe ? (MetadataValue.String(transition.Metadata["cmx_3600"], "transition") ?? "W001") : "D";
                Line(sb, id, reel, channel, type, Frames(transition.Duration, rate), srcIn, srcIn + srcLength, recIn, recOut, rate);
                sb.Append("* FROM CLIP NAME: ").Append(Clean(previous.Name)).Append("\r\n");
                sb.Append("* TO CLIP NAME: ").Append(Clean(clip.Name)).Append("\r\n");
            }
            else
            {
                Line(sb, id, reel, channel, "C", null, srcIn, srcIn + srcLength, recIn, recOut, rate);
                sb.Append("* FROM CLIP NAME: ").Append(Clean(clip.Name)).Append("\r\n");
            }

            if (clip.Effects.Count > 0)
            {
                var fps = speed * rate.Numerator / rate.Denominator;
                sb.Append("M2   ").Append(reel.PadRight(8)).Append("       ")
                  .Append(fps.ToString(fps < 0 ? "000.0;-000.0" : "000.0", CultureInfo.InvariantCulture)).Append("    ")
                  .Append(Tc(srcIn, rate)).Append("\r\n");
            }

            if (clip.Media.Kind is MediaKind.External or MediaKind.Embedded && clip.Media.TargetUrl.Length > 0)
            {
                sb.Append("* SOURCE FILE: ").Append(Clean(clip.Media.TargetUrl)).Append("\r\n");
            }

            if (clip.Media.Channel is { } ch && clip.Media.ChannelCount is > 1)
            {
                sb.Append("* SOURCE CHANNEL: ").Append(ch.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            }

            foreach (var m in clip.Markers)
            {
                var at = recIn + (Frames(m.MarkedRange.Start, rate) - srcIn);
                sb.Append("* LOC: ").Append(Tc(at, rate)).Append(' ').Append(m.Color.PadRight(7)).Append(' ').Append(Clean(m.Name)).Append("\r\n");
            }

            previous = clip;
            previousRecordEnd = TimeMath.Add(recordIn, clip.Duration);
        }

        return sb.ToString();
    }

    /// <summary>Writes the EDL of one track atomically.</summary>
    public static void WriteFile(Timeline timeline, Track track, FrameRate rate, string path)
        => SafeFile.WriteText(path, WriteString(timeline, track, rate));

    private static string ReelOf(Clip clip)
    {
        var reel = clip.Reel.Length > 0 ? clip.Reel : clip.Media.Kind == MediaKind.Generator ? "BL" : "AX";

        // Reels are one field: no spaces. CMX allowed 8 characters; today's systems read 32.
        reel = reel.Replace(' ', '_');
        return reel.Length > 32 ? reel[..32] : reel;
    }

    private static void Line(StringBuilder sb, string id, string reel, string channel, string type, long? transitionFrames, long srcIn, long srcOut, long recIn, long recOut, FrameRate rate)
    {
        sb.Append(id).Append("  ").Append(reel.PadRight(8)).Append(' ').Append(channel.PadRight(5)).Append(' ').Append(type.PadRight(4)).Append(' ')
          .Append(transitionFrames is { } t ? t.ToString("000", CultureInfo.InvariantCulture) : "   ").Append(' ')
          .Append(Tc(srcIn, rate)).Append(' ').Append(Tc(srcOut, rate)).Append(' ').Append(Tc(recIn, rate)).Append(' ').Append(Tc(recOut, rate)).Append("\r\n");
    }

    private static long Frames(RationalTime t, FrameRate rate) => t.ToFrames(rate);

    private static string Tc(long frames, FrameRate rate) => Timecode.FromFrames(frames, rate).ToString();

    private static string Clean(string s) => s.Replace('\r', ' ').Replace('\n', ' ');
}
