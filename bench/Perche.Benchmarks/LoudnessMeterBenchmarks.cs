using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Perche.Core.Audio;
using Perche.Core.Dsp.Loudness;

namespace Perche.Benchmarks;

/// <summary>
/// Integrated loudness + loudness range, with and without true peak, on 60 s of synthetic 48 kHz audio, side by
/// side with libebur128 (the system's libebur128.so.1, called through P/Invoke) on the same samples. Each operation
/// is one whole programme and is reported per frame; divide by the channel count for ns per sample.
/// </summary>
/// <remarks>
/// "Steady" is constant-level noise plus tones, where the true-peak shortcut rarely applies (worst case);
/// "Dynamic" swings through 20 dB like a programme, where quiet stretches skip the interpolation. Blocks of 65536
/// frames let the meter run peaks on a second core; 4096-frame blocks keep it on one.
/// </remarks>
[MemoryDiagnoser]
public class LoudnessMeterBenchmarks
{
    private const int Rate = 48000;
    private const int Seconds = 60;
    private const int Frames = Rate * Seconds;

    // libebur128 mode bits (ebur128.h): I = 5, LRA = 11, TRUE_PEAK = 49.
    private const int EburModeIntegrated = 5;
    private const int EburModeRange = 11;
    private const int EburModeTruePeak = 49;

    private float[] interleaved = [];
    private ReadOnlyMemory<float>[] planar = [];
    private ChannelLayout layout = ChannelLayout.Stereo;

    /// <summary>Channel layout measured.</summary>
    [Params("5.1", "stereo")]
    public string Layout { get; set; } = "5.1";

    /// <summary>Signal shape.</summary>
    [Params("Steady", "Dynamic")]
    public string Signal { get; set; } = "Steady";

    /// <summary>Frames per call, as a file reader would deliver them.</summary>
    [Params(4096, 65536)]
    public int BlockFrames { get; set; } = 4096;

    /// <summary>Prepares the programme.</summary>
    [GlobalSetup]
    public void Setup()
    {
        this.layout = this.Layout == "5.1" ? ChannelLayout.Surround51 : ChannelLayout.Stereo;
        var channels = this.layout.ChannelCount;
        this.interleaved = new float[Frames * channels];
        var random = new Random(1770);
        var lowPassed = new double[channels];
        for (var i = 0; i < Frames; i++)
        {
            var t = (double)i / Rate;
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
            var channel = new float[Frames];
            for (var i = 0; i < Frames; i++)
            {
                channel[i] = this.interleaved[(i * channels) + c];
            }

            this.planar[c] = channel;
        }
    }

    /// <summary>Perche: integrated + LRA, interleaved input.</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public double IntegratedAndRange() => this.RunInterleaved(LoudnessModes.Integrated | LoudnessModes.Range);

    /// <summary>Perche: integrated + LRA + true peak, interleaved input.</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public double IntegratedRangeTruePeak() => this.RunInterleaved(LoudnessModes.Integrated | LoudnessModes.Range | LoudnessModes.TruePeak);

    /// <summary>Perche: integrated + LRA + true peak, planar input.</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public double IntegratedRangeTruePeakPlanar()
    {
        var meter = LoudnessMeter.Create(this.layout, Rate, LoudnessModes.Integrated | LoudnessModes.Range | LoudnessModes.TruePeak);
        var blocks = new ReadOnlyMemory<float>[this.planar.Length];
        for (var start = 0; start < Frames; start += this.BlockFrames)
        {
            var n = Math.Min(this.BlockFrames, Frames - start);
            for (var c = 0; c < blocks.Length; c++)
            {
                blocks[c] = this.planar[c].Slice(start, n);
            }

            meter.AddPlanar(blocks);
        }

        return meter.IntegratedLufs + meter.LoudnessRangeLu + meter.MaxTruePeakDbtp;
    }

    /// <summary>libebur128: integrated + LRA.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    public double Libebur128IntegratedAndRange() => this.RunLibebur128(EburModeIntegrated | EburModeRange);

    /// <summary>libebur128: integrated + LRA + true peak.</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public double Libebur128IntegratedRangeTruePeak() => this.RunLibebur128(EburModeIntegrated | EburModeRange | EburModeTruePeak);

    [DllImport("libebur128.so.1", EntryPoint = "ebur128_init")]
    private static extern nint EburInit(uint channels, nuint sampleRateHz, int mode);

    [DllImport("libebur128.so.1", EntryPoint = "ebur128_add_frames_float")]
    private static extern int EburAddFramesFloat(nint state, ref float frames, nuint frameCount);

    [DllImport("libebur128.so.1", EntryPoint = "ebur128_loudness_global")]
    private static extern int EburLoudnessGlobal(nint state, out double loudnessLufs);

    [DllImport("libebur128.so.1", EntryPoint = "ebur128_loudness_range")]
    private static extern int EburLoudnessRange(nint state, out double rangeLu);

    [DllImport("libebur128.so.1", EntryPoint = "ebur128_true_peak")]
    private static extern int EburTruePeak(nint state, uint channel, out double peak);

    [DllImport("libebur128.so.1", EntryPoint = "ebur128_destroy")]
    private static extern void EburDestroy(ref nint state);

    private double RunInterleaved(LoudnessModes modes)
    {
        var meter = LoudnessMeter.Create(this.layout, Rate, modes);
        var step = this.BlockFrames * this.layout.ChannelCount;
        var span = this.interleaved.AsSpan();
        for (var i = 0; i < span.Length; i += step)
        {
            meter.AddInterleaved(span.Slice(i, Math.Min(step, span.Length - i)));
        }

        var result = meter.IntegratedLufs + meter.LoudnessRangeLu;
        return (modes & LoudnessModes.TruePeak) == LoudnessModes.TruePeak ? result + meter.MaxTruePeakDbtp : result;
    }

    // libebur128's default map for 6 channels is L R C (unused) Ls Rs, the same weights as Perche's 5.1.
    private double RunLibebur128(int mode)
    {
        var channels = this.layout.ChannelCount;
        var state = EburInit((uint)channels, Rate, mode);
        if (state == 0)
        {
            throw new InvalidOperationException("ebur128_init failed");
        }

        try
        {
            for (var start = 0; start < Frames; start += this.BlockFrames)
            {
                var n = Math.Min(this.BlockFrames, Frames - start);
                _ = EburAddFramesFloat(state, ref this.interleaved[start * channels], (nuint)n);
            }

            _ = EburLoudnessGlobal(state, out var integrated);
            _ = EburLoudnessRange(state, out var range);
            var peak = 0.0;
            if ((mode & EburModeTruePeak) == EburModeTruePeak)
            {
                for (var c = 0; c < channels; c++)
                {
                    _ = EburTruePeak(state, (uint)c, out var p);
                    peak = Math.Max(peak, p);
                }
            }

            return integrated + range + peak;
        }
        finally
        {
            EburDestroy(ref state);
        }
    }
}
