using Perche.Core;
using Perche.Core.Formats.Wav;

namespace Perche.Post.Cues;

/// <summary>The levels of one conformed channel over exactly the samples the cut plays.</summary>
/// <param name="SpeechDbfs">The 90th percentile of 20 ms block RMS: the level of the loud (spoken) part.</param>
/// <param name="NoiseDbfs">The 10th percentile of 20 ms block RMS: the floor between words.</param>
/// <param name="PeakDbfs">The sample peak.</param>
/// <param name="ClippedRuns">Runs of two or more consecutive samples at full scale.</param>
/// <param name="FirstClipSeconds">Where the first clipped run starts, in seconds from the event's first sample.</param>
public sealed record ChannelLevels(double SpeechDbfs, double NoiseDbfs, double PeakDbfs, int ClippedRuns, double? FirstClipSeconds)
{
    /// <summary>Speech over noise.</summary>
    public double SnrDb => this.SpeechDbfs - this.NoiseDbfs;

    /// <summary>True when the channel carries nothing (digital silence or below −90 dBFS).</summary>
    public bool IsSilent => this.SpeechDbfs < -90;
}

/// <summary>
/// Dialogue QC over the conformed range of each channel (not the whole take: a clip on a line the editor cut out is
/// no reason for ADR). Streams the file block by block; a take's prefix is read and skipped.
/// </summary>
public static class DialogueQc
{
    private const float FullScale = 0.9999f;
    private const double BlockSeconds = 0.02;

    /// <summary>Measures one channel over its conformed samples.</summary>
    /// <exception cref="PercheFormatException">The file cannot be read.</exception>
    public static ChannelLevels Measure(SessionChannel channel, long takeStartSamples)
    {
        ArgumentNullException.ThrowIfNull(channel);
        using var reader = WavReader.OpenSamples(channel.File);
        var channels = reader.Format.ChannelCount;
        var sampleRate = reader.Format.SampleRateHz;
        var ch = Math.Clamp(channel.ChannelInFile, 1, channels) - 1;
        var skip = Math.Max(0, channel.SourceStartSamples - takeStartSamples);
        var remaining = Math.Min(channel.LengthSamples, Math.Max(0, reader.FrameCount - skip));
        var blockFrames = Math.Max(1, (int)(sampleRate * BlockSeconds));
        var buffer = new float[4096 * channels];
        var blocks = new List<double>((int)Math.Min(int.MaxValue, (remaining / blockFrames) + 1));

        while (skip > 0)
        {
            var got = reader.ReadFrames(buffer.AsSpan(0, (int)Math.Min(4096, skip) * channels));
            if (got <= 0)
            {
                break;
            }

            skip -= got;
        }

        double sum = 0;
        var inBlock = 0;
        double peak = 0;
        var clipped = 0;
        var run = 0;
        long position = 0;
        long? firstClip = null;
        while (remaining > 0)
        {
            var got = reader.ReadFrames(buffer.AsSpan(0, (int)Math.Min(4096, remaining) * channels));
            if (got <= 0)
            {
                break;
            }

            for (var i = 0; i < got; i++)
            {
                var x = buffer[(i * channels) + ch];
                var a = Math.Abs(x);
                peak = Math.Max(peak, a);
                if (a >= FullScale)
                {
                    run++;
                    if (run == 2)
                    {
                        clipped++;
                        firstClip ??= position + i - 1;
                    }
                }
                else
                {
                    run = 0;
                }

                sum += (double)x * x;
                if (++inBlock == blockFrames)
                {
                    blocks.Add(sum / blockFrames);
                    sum = 0;
                    inBlock = 0;
                }
            }

            position += got;
            remaining -= got;
        }

        if (inBlock > blockFrames / 2)
        {
            blocks.Add(sum / inBlock);
        }

        blocks.Sort();
        return new ChannelLevels(
            Db(Percentile(blocks, 0.9)),
            Db(Percentile(blocks, 0.1)),
            Db(peak * peak),
            clipped,
            firstClip is { } f ? (double)f / sampleRate : null);
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];

    private static double Db(double meanSquare) => meanSquare <= 1e-20 ? -200 : 10 * Math.Log10(meanSquare);
}
