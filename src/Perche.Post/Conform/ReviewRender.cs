using System.Buffers;
using Perche.Core;
using Perche.Core.Audio;
using Perche.Core.Formats.Wav;
using Perche.Core.Time;
using Perche.Post.Timelines;

namespace Perche.Post.Conform;

/// <summary>
/// Writes one mono WAV per session track with the conformed sound laid out on the record timeline, for a quick
/// listen against the picture, with the session's crossfades (equal power, or linear when the transition says so);
/// speed-changed clips are left silent and counted. Streams block by block: a reel never has to fit in memory.
/// </summary>
public static class ReviewRender
{
    private const int BlockFrames = 16384;

    /// <summary>Renders every audio track of <paramref name="session"/> into <paramref name="folder"/>; returns the paths and the clips left silent.</summary>
    /// <exception cref="PercheFormatException">A recorder file cannot be read.</exception>
    public static (List<string> Files, int SilentClips) Write(Timeline session, string folder, string stem, int sampleRateHz = 48000)
    {
        ArgumentNullException.ThrowIfNull(session);
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        var silent = 0;
        var n = 0;
        foreach (var track in session.AudioTracks())
        {
            n++;
            var name = new string([.. track.Name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
            var path = Path.Combine(folder, $"{stem}.{n:00}_{name}.review.wav");
            var temp = path + ".tmp";
            try
            {
                using (var writer = WavWriter.Create(temp, WavFormat.Create(SampleEncoding.PcmInt24, sampleRateHz, ChannelLayout.Discrete(1), extensible: false)))
                {
                    silent += RenderTrack(track, writer, sampleRateHz);
                    writer.Complete();
                }

                File.Move(temp, path, overwrite: true);
            }
            catch
            {
                File.Delete(temp);
                throw;
            }

            files.Add(path);
        }

        return (files, silent);
    }

    /// <summary>How a crossfade's two gains run: equal power (sin/cos, the default for sound) or linear.</summary>
    public static string CurveOf(Transition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var said = (transition.Metadata["perche"] as System.Text.Json.Nodes.JsonObject)?["curve"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var c) ? c : transition.Name;
        return said.Contains("lin", StringComparison.OrdinalIgnoreCase) ? "linear" : "equal-power";
    }

    // A clip as the mixer plays it: its record span (extended into the transitions on either side), where that span
    // starts in the file, and the fades the transitions put on it.
    private sealed class Segment
    {
        public required long Start { get; init; }

        public required long End { get; init; }

        public required long FileOffset { get; init; }

        public required string File { get; init; }

        public required int Channel { get; init; }

        public long FadeInLength { get; init; }

        public bool FadeInLinear { get; init; }

        public long FadeOutLength { get; init; }

        public bool FadeOutLinear { get; init; }

        public long Consumed { get; set; }

        public WavSampleReader? Reader { get; set; }

        public float[]? Buffer { get; set; }
    }

    private static int RenderTrack(Track track, WavWriter writer, int sampleRateHz)
    {
        var silent = 0;
        var fadeIn = new Dictionary<Item, Transition>(ReferenceEqualityComparer.Instance);
        var fadeOut = new Dictionary<Item, Transition>(ReferenceEqualityComparer.Instance);
        foreach (var (t, before, after) in track.TransitionsWithNeighbours())
        {
            if (before is not null && after is not null)
            {
                fadeOut[before] = t;
                fadeIn[after] = t;
            }
        }

        var segments = new List<Segment>();
        long trackEnd = 0;
        foreach (var (item, range) in track.ItemsWithRanges())
        {
            var start = range.Start.ToSamples(sampleRateHz, MidpointRounding.AwayFromZero);
            var end = start + range.Duration.ToSamples(sampleRateHz, MidpointRounding.AwayFromZero);
            trackEnd = Math.Max(trackEnd, end);
            if (item is not Clip clip || clip.Media.Kind != MediaKind.External || clip.Effects.Count > 0 || clip.SourceRange is not { } source
                || !((clip.Metadata["perche"] as System.Text.Json.Nodes.JsonObject)?["fileStartSamples"] is System.Text.Json.Nodes.JsonValue fileStartValue && fileStartValue.TryGetValue<long>(out var fileStart)) || source.Start.RateNumerator != sampleRateHz || source.Start.RateDenominator != 1)
            {
                silent += item is Clip ? 1 : 0;
                continue;
            }

            // A transition overlaps InOffset before the cut and OutOffset after it: the outgoing clip plays on past its
            // end into its handle, the incoming one starts that much earlier in its own, each under its fade.
            var inOffset = fadeIn.TryGetValue(item, out var tin) ? tin.InOffset.ToSamples(sampleRateHz, MidpointRounding.AwayFromZero) : 0;
            var inLength = tin is null ? 0 : tin.Duration.ToSamples(sampleRateHz, MidpointRounding.AwayFromZero);
            var outOffset = fadeOut.TryGetValue(item, out var tout) ? tout.OutOffset.ToSamples(sampleRateHz, MidpointRounding.AwayFromZero) : 0;
            var outLength = tout is null ? 0 : tout.Duration.ToSamples(sampleRateHz, MidpointRounding.AwayFromZero);
            segments.Add(new Segment
            {
                Start = start - inOffset,
                End = end + outOffset,
                FileOffset = source.Start.Value - fileStart - inOffset,
                File = clip.Media.TargetUrl,
                Channel = (clip.Media.Channel ?? 1) - 1,
                FadeInLength = inLength,
                FadeInLinear = tin is not null && CurveOf(tin) == "linear",
                FadeOutLength = outLength,
                FadeOutLinear = tout is not null && CurveOf(tout) == "linear",
            });
            trackEnd = Math.Max(trackEnd, end + outOffset);
        }

        segments.Sort((a, b) => a.Start.CompareTo(b.Start));
        var mix = ArrayPool<float>.Shared.Rent(BlockFrames);
        try
        {
            var next = 0;
            var active = new List<Segment>();
            for (long position = 0; position < trackEnd; position += BlockFrames)
            {
                var n = (int)Math.Min(BlockFrames, trackEnd - position);
                var block = mix.AsSpan(0, n);
                block.Clear();
                while (next < segments.Count && segments[next].Start < position + n)
                {
                    active.Add(segments[next++]);
                }

                for (var i = active.Count - 1; i >= 0; i--)
                {
                    var seg = active[i];
                    var from = Math.Max(position, seg.Start);
                    var to = Math.Min(position + n, seg.End);
                    if (to > from)
                    {
                        Mix(seg, block[(int)(from - position)..(int)(to - position)], from);
                    }

                    if (seg.End <= position + n)
                    {
                        seg.Reader?.Dispose();
                        active.RemoveAt(i);
                    }
                }

                writer.WriteFrames(block);
            }

            foreach (var seg in active)
            {
                seg.Reader?.Dispose();
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(mix);
            foreach (var seg in segments)
            {
                seg.Reader?.Dispose();
            }
        }

        return silent;
    }

    // Adds the segment's next samples (as many as the span) to the span, under its fades.
    private static void Mix(Segment seg, Span<float> span, long recordPosition)
    {
        if (seg.Reader is null)
        {
            seg.Reader = WavReader.OpenSamples(seg.File);
            seg.Buffer = new float[BlockFrames * seg.Reader.Format.ChannelCount];

            // No seek in the sample reader: read past the head (recorder takes are minutes, not hours).
            var skip = Math.Max(0, seg.FileOffset);
            var channelsInFile = seg.Reader.Format.ChannelCount;
            while (skip > 0)
            {
                var got = seg.Reader.ReadFrames(seg.Buffer.AsSpan(0, (int)Math.Min(skip, BlockFrames) * channelsInFile));
                if (got == 0)
                {
                    break;
                }

                skip -= got;
            }
        }

        var reader = seg.Reader;
        var channels = reader.Format.ChannelCount;
        var channel = Math.Clamp(seg.Channel, 0, channels - 1);
        var buffer = seg.Buffer!;
        var done = 0;
        while (done < span.Length)
        {
            // Before the file's first sample (a fade reaching past the head of the take): silence.
            var filePosition = seg.FileOffset + seg.Consumed;
            if (filePosition < 0)
            {
                var quiet = (int)Math.Min(-filePosition, span.Length - done);
                seg.Consumed += quiet;
                done += quiet;
                continue;
            }

            var want = Math.Min(span.Length - done, BlockFrames);
            var got = reader.ReadFrames(buffer.AsSpan(0, want * channels));
            for (var i = 0; i < got; i++)
            {
                var at = recordPosition + done + i;
                span[done + i] += buffer[(i * channels) + channel] * Gain(seg, at);
            }

            // Past the file's end: silence for the rest.
            seg.Consumed += want;
            done += want;
        }
    }

    private static float Gain(Segment seg, long at)
    {
        double g = 1;
        if (seg.FadeInLength > 0 && at < seg.Start + seg.FadeInLength)
        {
            var x = (at - seg.Start + 0.5) / seg.FadeInLength;
            g *= seg.FadeInLinear ? x : Math.Sin(x * Math.PI / 2);
        }

        if (seg.FadeOutLength > 0 && at >= seg.End - seg.FadeOutLength)
        {
            var x = (seg.End - at - 0.5) / seg.FadeOutLength;
            g *= seg.FadeOutLinear ? x : Math.Sin(x * Math.PI / 2);
        }

        return (float)g;
    }

    private static void WriteSilence(WavWriter writer, float[] block, long frames)
    {
        if (frames <= 0)
        {
            return;
        }

        var zeros = block.AsSpan(0, BlockFrames);
        zeros.Clear();
        while (frames > 0)
        {
            var n = (int)Math.Min(frames, BlockFrames);
            writer.WriteFrames(zeros[..n]);
            frames -= n;
        }
    }
}
