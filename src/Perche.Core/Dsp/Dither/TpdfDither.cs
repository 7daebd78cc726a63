using System.Runtime.CompilerServices;

namespace Perche.Core.Dsp.Dither;

/// <summary>
/// Triangular-PDF dither for word-length reduction: before the writer rounds a float sample to an integer of
/// <see cref="Bits"/> bits, adds the sum of two independent uniform values of +-1/2 LSB (a triangle of +-1 LSB peak,
/// 1/sqrt(6) LSB RMS, i.e. -98.1 dB relative to a peak of 1 at 16 bits). TPDF is the lowest-power dither that makes the first and
/// second moments of the quantisation error independent of the signal (Lipshitz, Wannamaker and Vanderkooy,
/// JAES 1992): no distortion, no noise modulation. Undithered truncation of faded material leaves
/// signal-correlated distortion, which is why every gain change before an integer output is dithered.
/// </summary>
/// <remarks>The generator is a deterministic xorshift, so a delivery is reproducible bit for bit for a given seed.</remarks>
public sealed class TpdfDither
{
    private readonly float lsb;
    private ulong state;

    /// <summary>Dither for a <paramref name="bits"/>-bit integer output (8 to 32).</summary>
    public TpdfDither(int bits, ulong seed = 0x9E3779B97F4A7C15UL)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 32);
        this.Bits = bits;
        this.lsb = (float)Math.Pow(2, -(bits - 1));
        this.state = seed == 0 ? 1 : seed;
    }

    /// <summary>Target word length.</summary>
    public int Bits { get; }

    /// <summary>The RMS level of the added noise in dBFS (full scale = 1.0 peak): 20 log10(LSB / sqrt(6)).</summary>
    public double NoiseRmsDbfs => 20 * Math.Log10(this.lsb / Math.Sqrt(6));

    /// <summary>Adds dither to the samples in place (any interleaving: each sample gets its own noise).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Apply(Span<float> samples)
    {
        var s = this.state;
        var lsb = this.lsb;
        const float unit = 1.0f / (1UL << 24);
        for (var i = 0; i < samples.Length; i++)
        {
            // Two 24-bit uniform values from one 64-bit xorshift step.
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            var u1 = (s & 0xFFFFFF) * unit;
            var u2 = ((s >> 24) & 0xFFFFFF) * unit;
            samples[i] += (u1 - u2) * lsb;
        }

        this.state = s;
    }
}
