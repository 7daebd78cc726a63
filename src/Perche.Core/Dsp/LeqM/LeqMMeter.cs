using System.Runtime.CompilerServices;
using System.Numerics;
using Perche.Core.Audio;

namespace Perche.Core.Dsp.LeqM;

/// <summary>
/// Leq(M) after ISO 21727:2016 (cinema trailers and commercials; TASA, SAWA, CST-RT-003): each channel scaled to
/// its replay level, M-weighted, squared, summed over channels (scalar summation) and averaged over the whole
/// programme, ungated; reported in dB relative to 20 uPa for a room calibrated to SMPTE RP 200.
/// </summary>
/// <remarks>
/// <para>
/// M weighting = the ITU-R BS.468-4 curve lowered by 5.6 dB (0 dB at 2 kHz), the "CCIR-weighted, 5.6 dB offset"
/// curve of the Dolby Model 737 Leq(m) meter manual (appendix A). The 468 magnitude is the closed form of its
/// reference network (|H| = 1.246332637532143e-4 f / |h1 + j h2|, +18.2 dB), which reproduces the 21 points of the
/// 468 table within 0.1 dB. It is applied as a 2047-tap linear-phase FIR (frequency sampling, Kaiser window) by
/// FFT overlap-save, two channels per complex transform.
/// </para>
/// <para>
/// Calibration: 108.0103 dB is added to 10 log10 of the weighted mean square, so a steady -20 dBFS sine (AES17:
/// RMS 0.0707) at 2 kHz in one screen channel reads 85.0 dB, the RP 200 reference (leqm-nrt uses the same
/// constant). Channel scaling per ISO 21727 table 2 (typical six-channel calibration): screen channels 0 dB,
/// surrounds -3 dB (82 dB), LFE +10 dB (95 dB). Unpositioned channels count as screen channels.
/// </para>
/// </remarks>
public sealed class LeqMMeter
{
    /// <summary>dB added to the weighted mean square (full-scale sine RMS = 1) to read dB SPL at RP 200 calibration.</summary>
    public const double CalibrationDb = 108.010299957;

    private const int FirLength = 2047;
    private const int FftSize = 8192;
    private const int Hop = FftSize - FirLength + 1;

    private static readonly Lazy<Complex[]> SpectrumAt48k = new(() => DesignSpectrum(48000));
    private readonly Complex[] spectrum;
    private readonly Fft.Fft fft = new(FftSize);
    private readonly int channels;
    private readonly double[] channelGains;
    private readonly float[][] history; // per channel: FftSize samples (FirLength - 1 of overlap + Hop new)
    private readonly Complex[] work = new Complex[FftSize];
    private readonly double[] sums;
    private int filled;
    private long frames;

    /// <summary>Creates a meter for <paramref name="layout"/> at <paramref name="sampleRateHz"/>.</summary>
    public LeqMMeter(ChannelLayout layout, int sampleRateHz)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRateHz, 8000);
        this.channels = layout.ChannelCount;
        this.SampleRateHz = sampleRateHz;
        this.spectrum = sampleRateHz == 48000 ? SpectrumAt48k.Value : DesignSpectrum(sampleRateHz);
        this.channelGains = new double[this.channels];
        for (var c = 0; c < this.channels; c++)
        {
            this.channelGains[c] = layout.Speakers[c] switch
            {
                Speaker.LowFrequency => 10.0,
                Speaker.BackLeft or Speaker.BackRight or Speaker.SideLeft or Speaker.SideRight or Speaker.BackCenter => 0.5,
                _ => 1.0,
            };
        }

        this.history = new float[this.channels][];
        for (var c = 0; c < this.channels; c++)
        {
            this.history[c] = new float[FftSize];
        }

        this.sums = new double[this.channels];
        this.filled = FirLength - 1;
    }

    /// <summary>Sample rate.</summary>
    public int SampleRateHz { get; }

    /// <summary>Frames measured.</summary>
    public long FramesProcessed => this.frames;

    /// <summary>Power gain applied to each channel before summation (ISO 21727 table 2).</summary>
    public IReadOnlyList<double> ChannelPowerGains => this.channelGains;

    /// <summary>Leq(M) of everything fed so far, in dB; negative infinity for silence or no input.</summary>
    public double LeqMDb
    {
        get
        {
            var total = this.Total();
            return total > 0 ? (10 * Math.Log10(total)) + CalibrationDb : double.NegativeInfinity;
        }
    }

    /// <summary>The M weighting in dB at <paramref name="frequencyHz"/> (analytic curve, 0 dB at 2 kHz).</summary>
    public static double WeightingDb(double frequencyHz)
    {
        if (frequencyHz <= 0)
        {
            return double.NegativeInfinity;
        }

        var f = frequencyHz;
        var f2 = f * f;
        var h1 = (-4.737338981378384e-24 * f2 * f2 * f2) + (2.043828333606125e-15 * f2 * f2) - (1.363894795463638e-7 * f2) + 1;
        var h2 = (1.306612257412824e-19 * f2 * f2 * f) - (2.118150887518656e-11 * f2 * f) + (5.559488023498642e-4 * f);
        var r = 1.246332637532143e-4 * f / Math.Sqrt((h1 * h1) + (h2 * h2));
        return 18.2 + (20 * Math.Log10(r)) - 5.6;
    }

    /// <summary>The gain of the FIR as applied, in dB, at <paramref name="frequencyHz"/> (for tests and reports).</summary>
    public double AppliedWeightingDb(double frequencyHz)
    {
        // Interpolate the designed spectrum between bins (magnitude).
        var bin = frequencyHz / this.SampleRateHz * FftSize;
        var k = (int)Math.Floor(bin);
        var t = bin - k;
        var a = this.spectrum[k].Magnitude;
        var b = this.spectrum[Math.Min(k + 1, FftSize / 2)].Magnitude;
        return 20 * Math.Log10(a + ((b - a) * t));
    }

    /// <summary>Feeds interleaved frames.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddInterleaved(ReadOnlySpan<float> interleaved)
    {
        var ch = this.channels;
        var total = interleaved.Length / ch;
        var offset = 0;
        while (offset < total)
        {
            var take = Math.Min(total - offset, FftSize - this.filled);
            for (var c = 0; c < ch; c++)
            {
                var h = this.history[c];
                for (var i = 0; i < take; i++)
                {
                    h[this.filled + i] = interleaved[((offset + i) * ch) + c];
                }
            }

            this.filled += take;
            offset += take;
            this.frames += take;
            if (this.filled == FftSize)
            {
                this.ProcessBlock(Hop);
            }
        }
    }

    private double Total()
    {
        if (this.frames == 0)
        {
            return 0;
        }

        // Filter what is still buffered (zero-padded) into a copy of the sums, so the meter can keep going.
        var saved = (double[])this.sums.Clone();
        var pending = this.filled - (FirLength - 1);
        if (pending > 0)
        {
            var savedHistory = new float[this.channels][];
            for (var c = 0; c < this.channels; c++)
            {
                savedHistory[c] = (float[])this.history[c].Clone();
                this.history[c].AsSpan(this.filled).Clear();
            }

            var savedFilled = this.filled;
            this.ProcessBlock(pending);
            var result = this.Weighted();
            for (var c = 0; c < this.channels; c++)
            {
                this.history[c] = savedHistory[c];
            }

            this.filled = savedFilled;
            saved.CopyTo(this.sums, 0);
            return result;
        }

        return this.Weighted();
    }

    private double Weighted()
    {
        var total = 0.0;
        for (var c = 0; c < this.channels; c++)
        {
            total += this.channelGains[c] * this.sums[c];
        }

        return total / this.frames;
    }

    // Filters the buffered block of every channel (two per complex FFT) and adds the energy of its first
    // `valid` new outputs; then keeps the last FirLength - 1 inputs as the next overlap.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ProcessBlock(int valid)
    {
        for (var c = 0; c < this.channels; c += 2)
        {
            var a = this.history[c];
            var b = c + 1 < this.channels ? this.history[c + 1] : null;
            for (var i = 0; i < FftSize; i++)
            {
                this.work[i] = new Complex(a[i], b is null ? 0 : b[i]);
            }

            this.fft.Forward(this.work);
            for (var i = 0; i < FftSize; i++)
            {
                this.work[i] *= this.spectrum[i];
            }

            this.fft.Inverse(this.work);
            double sa = 0, sb = 0;
            for (var i = FirLength - 1; i < FirLength - 1 + valid; i++)
            {
                var v = this.work[i];
                sa += v.Real * v.Real;
                sb += v.Imaginary * v.Imaginary;
            }

            this.sums[c] += sa;
            if (b is not null)
            {
                this.sums[c + 1] += sb;
            }
        }

        for (var c = 0; c < this.channels; c++)
        {
            var h = this.history[c];
            Array.Copy(h, FftSize - (FirLength - 1), h, 0, FirLength - 1);
        }

        this.filled = FirLength - 1;
    }

    // The FIR: the weighting sampled on the FFT grid (zero phase), windowed to FirLength taps, then transformed
    // back into the spectrum used by overlap-save. Real taps, so two real channels share one complex transform.
    private static Complex[] DesignSpectrum(int sampleRateHz)
    {
        var fft = new Fft.Fft(FftSize);
        var grid = new Complex[FftSize];
        for (var k = 0; k <= FftSize / 2; k++)
        {
            var f = (double)k * sampleRateHz / FftSize;
            var gain = k == 0 ? 0 : Math.Pow(10, WeightingDb(f) / 20);
            grid[k] = gain;
            if (k > 0 && k < FftSize / 2)
            {
                grid[FftSize - k] = gain;
            }
        }

        fft.Inverse(grid);
        const int half = FirLength / 2;
        const double beta = 8.0;
        var taps = new Complex[FftSize];
        for (var j = -half; j <= half; j++)
        {
            var r = (double)j / (half + 1);
            var w = KaiserWindow.At(r, beta);
            taps[j + half] = grid[(j + FftSize) % FftSize].Real * w;
        }

        fft.Forward(taps);
        return taps;
    }
}
