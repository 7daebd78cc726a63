using System.Buffers;
using Perche.Core;
using Perche.Core.Audio;
using Perche.Core.Formats.Wav;
using Perche.Core.Time;
using Perche.Post.Timelines;

namespace Perche.Post.Conform;

/// <summary>
/// Writes one mono WAV per session track with the conformed sound laid out on the record timeline, for a quick
/// listen against the picture (hard cuts; speed-changed clips are left silent and counted). Streams block by block:
/// a reel never has to fit in memory.
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

    private static int RenderTrack(Track track, WavWriter writer, int sampleRateHz)
    {
        var silent = 0;
        long written = 0;
        var block = ArrayPool<float>.Shared.Rent(BlockFrames * 64);
        try
        {
            foreach (var (item, range) in track.ItemsWithRanges())
            {
                var start = range.Start.ToSamples(sampleRateHz, MidpointRounding.AwayFromZero);
                var length = range.Duration.ToSamples(sampleRateHz, MidpointRounding.AwayFromZero);
                WriteSilence(writer, block, start - written);
                written = Math.Max(written, start);
                var end = start + length;
                if (end <= written)
                {
                    continue;
                }

                var skipHead = written - start;
                if (item is not Clip clip || clip.Media.Kind != MediaKind.External || clip.Effects.Count > 0 || clip.SourceRange is not { } source
                    || clip.Metadata["perche"]?["fileStartSamples"]?.GetValue<long>() is not { } fileStart || source.Start.RateNumerator != sampleRateHz || source.Start.RateDenominator != 1)
                {
                    silent += item is Clip ? 1 : 0;
                    WriteSilence(writer, block, end - written);
                    written = end;
                    continue;
                }

                using var reader = WavReader.OpenSamples(clip.Media.TargetUrl);
                var channels = reader.Format.ChannelCount;
                var channel = Math.Clamp((clip.Media.Channel ?? 1) - 1, 0, channels - 1);
                var offset = source.Start.Value - fileStart + skipHead;
                var frames = BlockFrames;
                var buffer = block.AsSpan(0, frames * channels);

                // No seek in the sample reader: read past the head (recorder takes are minutes, not hours).
                while (offset > 0)
                {
                    var got = reader.ReadFrames(buffer[..((int)Math.Min(offset, frames) * channels)]);
                    if (got == 0)
                    {
                        break;
                    }

                    offset -= got;
                }

                var remaining = end - written;
                var mono = new float[frames];
                while (remaining > 0)
                {
                    var want = (int)Math.Min(remaining, frames);
                    var got = offset > 0 ? 0 : reader.ReadFrames(buffer[..(want * channels)]);
                    for (var i = 0; i < got; i++)
                    {
                        mono[i] = buffer[(i * channels) + channel];
                    }

                    // Past the file's end (a clip longer than its take): silence.
                    mono.AsSpan(got, want - got).Clear();
                    writer.WriteFrames(mono.AsSpan(0, want));
                    remaining -= want;
                    written += want;
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(block);
        }

        return silent;
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
