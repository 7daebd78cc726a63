using BenchmarkDotNet.Attributes;
using Perche.Core.Audio;
using Perche.Core.Dsp.Loudness;

namespace Perche.Benchmarks;

/// <summary>
/// Integrated loudness + loudness range, with and without true peak, on 60 s of synthetic 48 kHz audio fed in
/// 4096-frame blocks. Each operation is one whole programme; the reported time is per sample (frames x channels).
/// </summary>
/// <remarks>
/// "Steady" is constant-level noise plus tones, where the true-peak shortcut almost never applies (worst case);
/// "Dynamic" moves through 20 dB of level like a programme, where quiet stretches skip the interpolation.
/// </remarks>
[MemoryDiagnoser]
public class LoudnessMeterBenchmarks
{
    private const int Rate = 48000;
    private const int Seconds = 60;
    private const int BlockFrames = 4096;

    private float[] interleaved = [];
    private ReadOnlyMemory<float>[] planar = [];
    private ChannelLayout layout = ChannelLayout.Stereo;

    /// <summary>Channel layout measured.</summary>
    [Params("5.1", "stereo")]
    public string Layout { get; set; } = "5.1";

    /// <summary>Signal shape.</summary>
    [Params("Steady", "Dynamic")]
    public string Signal { get; set; } = "Steady";

    /// <summary>Prepares the programme.</summary>
    [GlobalSetup]
    public void Setup()
    {
        this.layout = this.Layout == "5.1" ? ChannelLayout.Surround51 : ChannelLayout.Stereo;
        var channels = this.layout.ChannelCount;
        var frames = Rate * Seconds;
        this.interleaved = new float[frames * channels];
        var random = new Random(1770);
        var lowPassed = new double[channels];
        for (var i = 0; i < frames; i++)
        {
            var t = (double)i / Rate;

            // Dynamic: a 20 dB swing over 10 s, like dialogue against quiet ambience and louder music.
            var level = this.Signal == "Steady" ? 0.25 : 0.025 + (0.225 * Math.Pow(Math.Sin(Math.PI * t / 10), 8));
            for (var c = 0; c < channels; c++)
            {
                lowPassed[c] = (0.9 * lowPassed[c]) + (0.1 * ((random.NextDouble() * 2) - 1));
                var tone = Math.Sin((2 * Math.PI * (110 * (c + 1)) * t) + c);
                this.interleaved[(i * channels) + c] = (float)(level * ((2 * lowPassed[c]) + (0.5 * tone)));
            }
        }

        this.planar = new ReadOnlyMemory<float>[channels];
        for (var c = 0; c < channels; c++)
        {
            var channel = new float[frames];
            for (var i = 0; i < frames; i++)
            {
                channel[i] = this.interleaved[(i * channels) + c];
            }

            this.planar[c] = channel;
        }
    }

    /// <summary>Integrated + LRA, interleaved input.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Rate * Seconds)]
    public double IntegratedAndRange() => this.RunInterleaved(LoudnessModes.Integrated | LoudnessModes.Range);

    /// <summary>Integrated + LRA + true peak, interleaved input.</summary>
    [Benchmark(OperationsPerInvoke = Rate * Seconds)]
    public double IntegratedRangeTruePeak() => this.RunInterleaved(LoudnessModes.Integrated | LoudnessModes.Range | LoudnessModes.TruePeak);

    /// <summary>Integrated + LRA + true peak, planar input.</summary>
    [Benchmark(OperationsPerInvoke = Rate * Seconds)]
    public double IntegratedRangeTruePeakPlanar()
    {
        var meter = LoudnessMeter.Create(this.layout, Rate, LoudnessModes.Integrated | LoudnessModes.Range | LoudnessModes.TruePeak);
        var frames = this.planar[0].Length;
        var blocks = new ReadOnlyMemory<float>[this.planar.Length];
        for (var start = 0; start < frames; start += BlockFrames)
        {
            var n = Math.Min(BlockFrames, frames - start);
            for (var c = 0; c < blocks.Length; c++)
            {
                blocks[c] = this.planar[c].Slice(start, n);
            }

            meter.AddPlanar(blocks);
        }

        return meter.IntegratedLufs + meter.LoudnessRangeLu + meter.MaxTruePeakDbtp;
    }

    private double RunInterleaved(LoudnessModes modes)
    {
        var meter = LoudnessMeter.Create(this.layout, Rate, modes);
        var step = BlockFrames * this.layout.ChannelCount;
        var span = this.interleaved.AsSpan();
        for (var i = 0; i < span.Length; i += step)
        {
            meter.AddInterleaved(span.Slice(i, Math.Min(step, span.Length - i)));
        }

        var result = meter.IntegratedLufs + meter.LoudnessRangeLu;
        return (modes & LoudnessModes.TruePeak) == LoudnessModes.TruePeak ? result + meter.MaxTruePeakDbtp : result;
    }
}
