using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Perche.Core.Dsp.Loudness;

/// <summary>
/// Sample peak and true peak (BS.1770-5 Annex 2) of every channel, LFE included. Each channel is processed on its
/// own planar copy: the caller writes a chunk into <see cref="ChunkBuffer"/>, then calls <see cref="Process"/>.
/// </summary>
/// <remarks>
/// The polyphase interpolator computes <see cref="Vector{T}.Count"/> consecutive outputs of every phase at once:
/// each tap is a broadcast coefficient times an unaligned load of consecutive input samples, so a load is shared
/// by all phases. The scalar tail uses the same fused operations in the same order, so an output never depends on
/// where the chunk boundaries fall.
/// <para>
/// Exact shortcut: an output of phase p is bounded by max|x| times the L1 norm of p's taps. When that bound (with a
/// margin for float rounding) cannot exceed the true peak already found, the chunk's interpolation is skipped; the
/// maximum, the only thing kept, is bit-identical to what the full computation would give.
/// </para>
/// </remarks>
internal sealed class PeakMeter
{
    private const int History = TruePeakFilter.TapsPerPhase - 1;

    // Float rounding of a 12-tap fused dot product is below 12 * 2^-24 ~ 7e-7 of the L1 bound; 1e-5 is ample.
    private const double BoundMargin = 1 + 1e-5;

    private readonly int maxFrames;
    private readonly float[][] buffers;
    private readonly float[] samplePeaks;
    private readonly float[] interpolatedPeaks;
    private readonly float[] taps;
    private readonly int phaseCount;
    private readonly double maxPhaseL1;

    /// <summary>Creates peak meters for <paramref name="channelCount"/> channels.</summary>
    /// <param name="channelCount">Channels to follow.</param>
    /// <param name="oversampling">1 (sample peak only), 2 or 4.</param>
    /// <param name="maxFrames">Largest chunk passed to <see cref="Process"/>.</param>
    public PeakMeter(int channelCount, int oversampling, int maxFrames)
    {
        this.maxFrames = maxFrames;
        this.samplePeaks = new float[channelCount];
        this.interpolatedPeaks = new float[channelCount];
        this.buffers = new float[channelCount][];
        for (var c = 0; c < channelCount; c++)
        {
            this.buffers[c] = new float[History + maxFrames];
        }

        // 4x uses every Annex 2 phase; 2x keeps phases 0 and 2, half a sample apart.
        this.phaseCount = oversampling switch { 4 => 4, 2 => 2, _ => 0 };
        this.taps = new float[this.phaseCount * TruePeakFilter.TapsPerPhase];
        for (var p = 0; p < this.phaseCount; p++)
        {
            var phase = TruePeakFilter.Taps(oversampling == 2 ? 2 * p : p);
            var l1 = 0.0;
            for (var k = 0; k < phase.Length; k++)
            {
                this.taps[(p * TruePeakFilter.TapsPerPhase) + k] = (float)phase[k];
                l1 += Math.Abs((double)(float)phase[k]);
            }

            this.maxPhaseL1 = Math.Max(this.maxPhaseL1, l1);
        }

        this.UseSimd = Vector.IsHardwareAccelerated;
    }

    /// <summary>Whether the SIMD path runs (tests switch it off to compare with the scalar path).</summary>
    public bool UseSimd { get; set; }

    /// <summary>Chunks whose interpolation the exact shortcut skipped (for tests and benchmarks).</summary>
    public long SkippedChunks { get; private set; }

    /// <summary>Where the caller writes the next chunk (up to <c>maxFrames</c> samples) of <paramref name="channel"/>.</summary>
    public Span<float> ChunkBuffer(int channel) => this.buffers[channel].AsSpan(History, this.maxFrames);

    /// <summary>Largest |sample| seen on <paramref name="channel"/>.</summary>
    public float SamplePeak(int channel) => this.samplePeaks[channel];

    /// <summary>
    /// Largest |value| of the 4x (2x) interpolated waveform of <paramref name="channel"/>, never below its sample peak.
    /// </summary>
    public float TruePeak(int channel) => Math.Max(this.interpolatedPeaks[channel], this.samplePeaks[channel]);

    /// <summary>Takes the <paramref name="frameCount"/> samples written into <see cref="ChunkBuffer"/> for <paramref name="channel"/>.</summary>
    public void Process(int channel, int frameCount)
    {
        var buffer = this.buffers[channel];
        var chunkPeak = MaxAbs(buffer.AsSpan(History, frameCount), this.UseSimd);
        this.samplePeaks[channel] = Math.Max(this.samplePeaks[channel], chunkPeak);

        if (this.phaseCount > 0)
        {
            var bound = Math.Max(chunkPeak, MaxAbs(buffer.AsSpan(0, History), useSimd: false));
            if (bound * this.maxPhaseL1 * BoundMargin <= this.interpolatedPeaks[channel])
            {
                this.SkippedChunks++;
            }
            else
            {
                var peak = this.phaseCount == 4
                    ? this.Interpolate4(buffer, frameCount)
                    : this.Interpolate2(buffer, frameCount);
                this.interpolatedPeaks[channel] = Math.Max(this.interpolatedPeaks[channel], peak);
            }
        }

        // Keep the last taps - 1 samples as history for the next chunk.
        buffer.AsSpan(frameCount, History).CopyTo(buffer);
    }

    /// <summary>Forgets every peak and the interpolator history.</summary>
    public void Reset()
    {
        Array.Clear(this.samplePeaks);
        Array.Clear(this.interpolatedPeaks);
        foreach (var b in this.buffers)
        {
            Array.Clear(b);
        }

        this.SkippedChunks = 0;
    }

    private static float MaxAbs(ReadOnlySpan<float> values, bool useSimd)
    {
        var i = 0;
        var max = 0f;
        if (useSimd && values.Length >= Vector<float>.Count)
        {
            var m = Vector<float>.Zero;
            ref var r = ref MemoryMarshal.GetReference(values);
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                m = Vector.MaxNative(m, Vector.Abs(Vector.LoadUnsafe(ref r, (nuint)i)));
            }

            for (var k = 0; k < Vector<float>.Count; k++)
            {
                max = Math.Max(max, m[k]);
            }
        }

        for (; i < values.Length; i++)
        {
            max = Math.Max(max, Math.Abs(values[i]));
        }

        return max;
    }

    // buffer[History + n] is input sample n of the chunk; output n of phase p is sum_k taps[p][k] * x[n - k].
    private float Interpolate4(float[] buffer, int frameCount)
    {
        const int T = TruePeakFilter.TapsPerPhase;
        var h = this.taps;
        var n = 0;
        var max = 0f;
        if (this.UseSimd)
        {
            var width = Vector<float>.Count;
            var m = Vector<float>.Zero;
            ref var x = ref MemoryMarshal.GetArrayDataReference(buffer);
            ref var tap = ref MemoryMarshal.GetArrayDataReference(h);
            for (; n <= frameCount - width; n += width)
            {
                var a0 = Vector<float>.Zero;
                var a1 = Vector<float>.Zero;
                var a2 = Vector<float>.Zero;
                var a3 = Vector<float>.Zero;

                // One load of x[n-k .. n-k+width) feeds tap k of all four phases.
                ref var newest = ref Unsafe.Add(ref x, History + n);
                for (var k = 0; k < T; k++)
                {
                    var v = Vector.LoadUnsafe(ref Unsafe.Subtract(ref newest, k));
                    a0 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref tap, k)), v, a0);
                    a1 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref tap, T + k)), v, a1);
                    a2 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref tap, (2 * T) + k)), v, a2);
                    a3 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref tap, (3 * T) + k)), v, a3);
                }

                m = Vector.MaxNative(m, Vector.MaxNative(Vector.MaxNative(Vector.Abs(a0), Vector.Abs(a1)), Vector.MaxNative(Vector.Abs(a2), Vector.Abs(a3))));
            }

            for (var k = 0; k < width; k++)
            {
                max = Math.Max(max, m[k]);
            }
        }

        for (; n < frameCount; n++)
        {
            for (var p = 0; p < 4; p++)
            {
                var a = 0f;
                for (var k = 0; k < T; k++)
                {
                    a = MathF.FusedMultiplyAdd(h[(p * T) + k], buffer[History + n - k], a);
                }

                max = Math.Max(max, Math.Abs(a));
            }
        }

        return max;
    }

    private float Interpolate2(float[] buffer, int frameCount)
    {
        const int T = TruePeakFilter.TapsPerPhase;
        var h = this.taps;
        var n = 0;
        var max = 0f;
        if (this.UseSimd)
        {
            var width = Vector<float>.Count;
            var m = Vector<float>.Zero;
            ref var x = ref MemoryMarshal.GetArrayDataReference(buffer);
            ref var tap = ref MemoryMarshal.GetArrayDataReference(h);
            for (; n <= frameCount - width; n += width)
            {
                var a0 = Vector<float>.Zero;
                var a1 = Vector<float>.Zero;
                ref var newest = ref Unsafe.Add(ref x, History + n);
                for (var k = 0; k < T; k++)
                {
                    var v = Vector.LoadUnsafe(ref Unsafe.Subtract(ref newest, k));
                    a0 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref tap, k)), v, a0);
                    a1 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref tap, T + k)), v, a1);
                }

                m = Vector.MaxNative(m, Vector.MaxNative(Vector.Abs(a0), Vector.Abs(a1)));
            }

            for (var k = 0; k < width; k++)
            {
                max = Math.Max(max, m[k]);
            }
        }

        for (; n < frameCount; n++)
        {
            for (var p = 0; p < 2; p++)
            {
                var a = 0f;
                for (var k = 0; k < T; k++)
                {
                    a = MathF.FusedMultiplyAdd(h[(p * T) + k], buffer[History + n - k], a);
                }

                max = Math.Max(max, Math.Abs(a));
            }
        }

        return max;
    }
}
