using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Perche.Core.Dsp.Loudness;

/// <summary>
/// Sample peak and true peak (BS.1770-5 Annex 2) of every channel, LFE included. Each channel is processed on its
/// own planar copy: the caller writes a chunk into <see cref="ChunkBuffer"/>, then calls <see cref="Process"/>.
/// Different channels may be processed on different threads at the same time.
/// </summary>
/// <remarks>
/// <para>
/// Mirror-pair evaluation. The Annex 2 phases come in mirror pairs (phase 3 is phase 0 reversed, phase 2 is phase 1
/// reversed). With a_j = x[n - j] and h the taps of phase p, the pair's outputs are y_p = sum h[j] a_j and
/// y_q = sum h[11 - j] a_j. Folding the window, S = sum_(j&lt;6) (h[j] + h[11-j])/2 (a_j + a_(11-j)) and
/// D = sum_(j&lt;6) (h[j] - h[11-j])/2 (a_j - a_(11-j)) give y_p = S + D and y_q = S - D, hence
/// max(|y_p|, |y_q|) = |S| + |D|: 12 multiply-adds per pair instead of 24. The folded taps are exact in float
/// (the Annex 2 taps are multiples of 2^-13).
/// </para>
/// <para>
/// SIMD. <see cref="Vector{T}.Count"/> consecutive outputs are computed at once: each folded tap is a broadcast
/// coefficient times sums and differences of unaligned loads, shared by both pairs. The scalar path performs the
/// same fused operations in the same order, so an output never depends on the path or on chunk boundaries.
/// </para>
/// <para>
/// Exact shortcut. An interpolated value is bounded by max|x| over its 12 inputs times the L1 norm of its phase. When
/// that bound (with a margin for float rounding) cannot exceed the true peak already found, the interpolation of a
/// whole chunk, or of a 64-output segment, is skipped; the maximum, the only thing kept, is bit-identical to what
/// the full computation gives. On programme material most segments sit well below the running peak.
/// </para>
/// </remarks>
internal sealed class PeakMeter
{
    private const int Taps = TruePeakFilter.TapsPerPhase;
    private const int Half = Taps / 2;
    private const int History = Taps - 1;

    // Vectors of outputs per skip test: 64 outputs with 256-bit vectors, so the test reads 75 inputs.
    private const int SegmentVectors = 8;

    // Float rounding of the folded 12-tap sums is a few units of 2^-24 of the L1 bound; 1e-5 is ample.
    private const double BoundMargin = 1 + 1e-5;

    private static readonly int SegmentFrames = SegmentVectors * Vector<float>.Count;

    private readonly int maxFrames;
    private readonly float[][] buffers;
    private readonly float[] samplePeaks;
    private readonly float[] interpolatedPeaks;

    // Per mirror pair: 6 folded sum taps then 6 folded difference taps.
    private readonly float[] folded;
    private readonly int pairCount;
    private readonly double maxPhaseL1;

    // Counted per channel: channels may be processed on different threads.
    private readonly long[] skippedSegments;
    private readonly long[] segments;

    /// <summary>Creates peak meters for <paramref name="channelCount"/> channels.</summary>
    /// <param name="channelCount">Channels to follow.</param>
    /// <param name="oversampling">1 (sample peak only), 2 or 4.</param>
    /// <param name="maxFrames">Largest chunk passed to <see cref="Process"/>.</param>
    public PeakMeter(int channelCount, int oversampling, int maxFrames)
    {
        this.maxFrames = maxFrames;
        this.samplePeaks = new float[channelCount];
        this.interpolatedPeaks = new float[channelCount];
        this.skippedSegments = new long[channelCount];
        this.segments = new long[channelCount];
        this.buffers = new float[channelCount][];
        for (var c = 0; c < channelCount; c++)
        {
            this.buffers[c] = new float[History + maxFrames];
        }

        // 4x: pairs (0, 3) and (1, 2), every Annex 2 phase. 2x: the pair (1, 2) alone, which with the samples
        // themselves puts a point at about 0, 3/8 and 5/8 of each period, no gap wider than a uniform 2x grid.
        int[] pairPhases = oversampling switch { 4 => [0, 1], 2 => [1], _ => [] };
        this.pairCount = pairPhases.Length;
        this.folded = new float[this.pairCount * Taps];
        for (var pair = 0; pair < this.pairCount; pair++)
        {
            var h = TruePeakFilter.Taps(pairPhases[pair]);
            var l1 = 0.0;
            for (var j = 0; j < Half; j++)
            {
                this.folded[(pair * Taps) + j] = (float)((h[j] + h[Taps - 1 - j]) / 2);
                this.folded[(pair * Taps) + Half + j] = (float)((h[j] - h[Taps - 1 - j]) / 2);
            }

            foreach (var t in h)
            {
                l1 += Math.Abs(t);
            }

            this.maxPhaseL1 = Math.Max(this.maxPhaseL1, l1);
        }

        this.UseSimd = Vector.IsHardwareAccelerated;
    }

    /// <summary>Whether the SIMD path runs (tests switch it off to compare with the scalar path).</summary>
    public bool UseSimd { get; set; }

    /// <summary>Whether the exact shortcut may skip interpolation (tests switch it off to prove it changes nothing).</summary>
    public bool UseShortcut { get; set; } = true;

    /// <summary>Segments whose interpolation the exact shortcut skipped (for tests and benchmarks).</summary>
    public long SkippedSegments => this.skippedSegments.Sum();

    /// <summary>Segments looked at; with <see cref="SkippedSegments"/> this gives the share the shortcut saved.</summary>
    public long Segments => this.segments.Sum();

    /// <summary>Where the caller writes the next chunk (up to <c>maxFrames</c> samples) of <paramref name="channel"/>.</summary>
    public Span<float> ChunkBuffer(int channel) => this.buffers[channel].AsSpan(History, this.maxFrames);

    /// <summary>Largest |sample| seen on <paramref name="channel"/>.</summary>
    public float SamplePeak(int channel) => this.samplePeaks[channel];

    /// <summary>
    /// Largest |value| of the oversampled waveform of <paramref name="channel"/>, never below its sample peak.
    /// </summary>
    public float TruePeak(int channel) => Math.Max(this.interpolatedPeaks[channel], this.samplePeaks[channel]);

    /// <summary>Takes the <paramref name="frameCount"/> samples written into <see cref="ChunkBuffer"/> for <paramref name="channel"/>.</summary>
    public void Process(int channel, int frameCount)
    {
        var buffer = this.buffers[channel];
        var chunkPeak = MaxAbs(buffer.AsSpan(History, frameCount), this.UseSimd);
        this.samplePeaks[channel] = Math.Max(this.samplePeaks[channel], chunkPeak);

        if (this.pairCount > 0)
        {
            this.segments[channel] += (frameCount + SegmentFrames - 1) / SegmentFrames;
            var peak = this.interpolatedPeaks[channel];
            var bound = Math.Max(chunkPeak, MaxAbs(buffer.AsSpan(0, History), useSimd: false));
            if (this.UseShortcut && bound * this.maxPhaseL1 * BoundMargin <= peak)
            {
                this.skippedSegments[channel] += (frameCount + SegmentFrames - 1) / SegmentFrames;
            }
            else
            {
                var start = this.UseSimd ? this.InterpolateVector(buffer, frameCount, channel, ref peak) : 0;
                peak = this.InterpolateScalar(buffer, start, frameCount, peak);
            }

            this.interpolatedPeaks[channel] = peak;
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

        Array.Clear(this.skippedSegments);
        Array.Clear(this.segments);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

            max = HorizontalMax(m);
        }

        for (; i < values.Length; i++)
        {
            max = Math.Max(max, Math.Abs(values[i]));
        }

        return max;
    }

    private static float HorizontalMax(Vector<float> values)
    {
        var max = 0f;
        for (var k = 0; k < Vector<float>.Count; k++)
        {
            max = Math.Max(max, values[k]);
        }

        return max;
    }

    // Largest input that cannot lift an interpolated value above peak: max|x| x L1 x margin <= peak.
    private Vector<float> SkipThreshold(float peak) => new((float)(peak / (this.maxPhaseL1 * BoundMargin)));

    // Interpolates whole segments and vectors of the chunk, skipping segments whose inputs cannot beat the peak;
    // returns where the scalar tail starts. buffer[History + n] is input sample n of the chunk.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int InterpolateVector(float[] buffer, int frameCount, int channel, ref float peak)
    {
        var width = Vector<float>.Count;
        var segment = SegmentVectors * width;
        var windowLoads = (History + segment - 1) / width;
        ref var x = ref MemoryMarshal.GetArrayDataReference(buffer);
        var threshold = this.SkipThreshold(peak);
        var n = 0;
        for (; n + segment <= frameCount; n += segment)
        {
            if (this.UseShortcut)
            {
                // Every input the segment's outputs read: x[n - 11] .. x[n + segment - 1] = buffer[n .. n + 11 + segment).
                ref var window = ref Unsafe.Add(ref x, n);
                var inputMax = Vector.Abs(Vector.LoadUnsafe(ref window, (nuint)(History + segment - width)));
                for (var j = 0; j < windowLoads; j++)
                {
                    inputMax = Vector.MaxNative(inputMax, Vector.Abs(Vector.LoadUnsafe(ref window, (nuint)(j * width))));
                }

                if (!Vector.GreaterThanAny(inputMax, threshold))
                {
                    this.skippedSegments[channel]++;
                    continue;
                }
            }

            var segmentPeak = HorizontalMax(this.InterpolateVectors(ref x, n, SegmentVectors));
            if (segmentPeak > peak)
            {
                peak = segmentPeak;
                threshold = this.SkipThreshold(peak);
            }
        }

        var vectors = (frameCount - n) / width;
        if (vectors > 0)
        {
            peak = Math.Max(peak, HorizontalMax(this.InterpolateVectors(ref x, n, vectors)));
            n += vectors * width;
        }

        return n;
    }

    // Outputs n .. n + vectors x width of every pair; returns the lane-wise maximum of max(|y_p|, |y_q|) = |S| + |D|.
    // The six folded taps are written out: with constant offsets every load is one instruction, and the loop would
    // otherwise spend more instructions on addresses than on arithmetic.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Vector<float> InterpolateVectors(ref float x, int n, int vectors)
    {
        var width = Vector<float>.Count;
        var h = this.folded;
        var m = Vector<float>.Zero;
        if (this.pairCount == 2)
        {
            var c0 = new Vector<float>(h[0]);
            var c1 = new Vector<float>(h[1]);
            var c2 = new Vector<float>(h[2]);
            var c3 = new Vector<float>(h[3]);
            var c4 = new Vector<float>(h[4]);
            var c5 = new Vector<float>(h[5]);
            var c6 = new Vector<float>(h[6]);
            var c7 = new Vector<float>(h[7]);
            var c8 = new Vector<float>(h[8]);
            var c9 = new Vector<float>(h[9]);
            var c10 = new Vector<float>(h[10]);
            var c11 = new Vector<float>(h[11]);
            var c12 = new Vector<float>(h[12]);
            var c13 = new Vector<float>(h[13]);
            var c14 = new Vector<float>(h[14]);
            var c15 = new Vector<float>(h[15]);
            var c16 = new Vector<float>(h[16]);
            var c17 = new Vector<float>(h[17]);
            var c18 = new Vector<float>(h[18]);
            var c19 = new Vector<float>(h[19]);
            var c20 = new Vector<float>(h[20]);
            var c21 = new Vector<float>(h[21]);
            var c22 = new Vector<float>(h[22]);
            var c23 = new Vector<float>(h[23]);
            for (var v = 0; v < vectors; v++)
            {
                // oldest = x[n + v*width - 11]: a_j = oldest[11 - j], its mirror a_(11-j) = oldest[j].
                ref var oldest = ref Unsafe.Add(ref x, n + (v * width));
                Vector<float> near, far, sum, difference;
                near = Vector.LoadUnsafe(ref oldest, 11);
                far = Vector.LoadUnsafe(ref oldest, 0);
                sum = near + far;
                difference = near - far;
                var s0 = c0 * sum;
                var d0 = c6 * difference;
                var s1 = c12 * sum;
                var d1 = c18 * difference;
                near = Vector.LoadUnsafe(ref oldest, 10);
                far = Vector.LoadUnsafe(ref oldest, 1);
                sum = near + far;
                difference = near - far;
                s0 = Vector.FusedMultiplyAdd(c1, sum, s0);
                d0 = Vector.FusedMultiplyAdd(c7, difference, d0);
                s1 = Vector.FusedMultiplyAdd(c13, sum, s1);
                d1 = Vector.FusedMultiplyAdd(c19, difference, d1);
                near = Vector.LoadUnsafe(ref oldest, 9);
                far = Vector.LoadUnsafe(ref oldest, 2);
                sum = near + far;
                difference = near - far;
                s0 = Vector.FusedMultiplyAdd(c2, sum, s0);
                d0 = Vector.FusedMultiplyAdd(c8, difference, d0);
                s1 = Vector.FusedMultiplyAdd(c14, sum, s1);
                d1 = Vector.FusedMultiplyAdd(c20, difference, d1);
                near = Vector.LoadUnsafe(ref oldest, 8);
                far = Vector.LoadUnsafe(ref oldest, 3);
                sum = near + far;
                difference = near - far;
                s0 = Vector.FusedMultiplyAdd(c3, sum, s0);
                d0 = Vector.FusedMultiplyAdd(c9, difference, d0);
                s1 = Vector.FusedMultiplyAdd(c15, sum, s1);
                d1 = Vector.FusedMultiplyAdd(c21, difference, d1);
                near = Vector.LoadUnsafe(ref oldest, 7);
                far = Vector.LoadUnsafe(ref oldest, 4);
                sum = near + far;
                difference = near - far;
                s0 = Vector.FusedMultiplyAdd(c4, sum, s0);
                d0 = Vector.FusedMultiplyAdd(c10, difference, d0);
                s1 = Vector.FusedMultiplyAdd(c16, sum, s1);
                d1 = Vector.FusedMultiplyAdd(c22, difference, d1);
                near = Vector.LoadUnsafe(ref oldest, 6);
                far = Vector.LoadUnsafe(ref oldest, 5);
                sum = near + far;
                difference = near - far;
                s0 = Vector.FusedMultiplyAdd(c5, sum, s0);
                d0 = Vector.FusedMultiplyAdd(c11, difference, d0);
                s1 = Vector.FusedMultiplyAdd(c17, sum, s1);
                d1 = Vector.FusedMultiplyAdd(c23, difference, d1);
                m = Vector.MaxNative(m, Vector.MaxNative(Vector.Abs(s0) + Vector.Abs(d0), Vector.Abs(s1) + Vector.Abs(d1)));
            }
        }
        else
        {
            var c0 = new Vector<float>(h[0]);
            var c1 = new Vector<float>(h[1]);
            var c2 = new Vector<float>(h[2]);
            var c3 = new Vector<float>(h[3]);
            var c4 = new Vector<float>(h[4]);
            var c5 = new Vector<float>(h[5]);
            var c6 = new Vector<float>(h[6]);
            var c7 = new Vector<float>(h[7]);
            var c8 = new Vector<float>(h[8]);
            var c9 = new Vector<float>(h[9]);
            var c10 = new Vector<float>(h[10]);
            var c11 = new Vector<float>(h[11]);
            for (var v = 0; v < vectors; v++)
            {
                ref var oldest = ref Unsafe.Add(ref x, n + (v * width));
                Vector<float> near, far;
                near = Vector.LoadUnsafe(ref oldest, 11);
                far = Vector.LoadUnsafe(ref oldest, 0);
                var s0 = c0 * (near + far);
                var d0 = c6 * (near - far);
                near = Vector.LoadUnsafe(ref oldest, 10);
                far = Vector.LoadUnsafe(ref oldest, 1);
                s0 = Vector.FusedMultiplyAdd(c1, near + far, s0);
                d0 = Vector.FusedMultiplyAdd(c7, near - far, d0);
                near = Vector.LoadUnsafe(ref oldest, 9);
                far = Vector.LoadUnsafe(ref oldest, 2);
                s0 = Vector.FusedMultiplyAdd(c2, near + far, s0);
                d0 = Vector.FusedMultiplyAdd(c8, near - far, d0);
                near = Vector.LoadUnsafe(ref oldest, 8);
                far = Vector.LoadUnsafe(ref oldest, 3);
                s0 = Vector.FusedMultiplyAdd(c3, near + far, s0);
                d0 = Vector.FusedMultiplyAdd(c9, near - far, d0);
                near = Vector.LoadUnsafe(ref oldest, 7);
                far = Vector.LoadUnsafe(ref oldest, 4);
                s0 = Vector.FusedMultiplyAdd(c4, near + far, s0);
                d0 = Vector.FusedMultiplyAdd(c10, near - far, d0);
                near = Vector.LoadUnsafe(ref oldest, 6);
                far = Vector.LoadUnsafe(ref oldest, 5);
                s0 = Vector.FusedMultiplyAdd(c5, near + far, s0);
                d0 = Vector.FusedMultiplyAdd(c11, near - far, d0);
                m = Vector.MaxNative(m, Vector.Abs(s0) + Vector.Abs(d0));
            }
        }

        return m;
    }

    // Outputs start .. frameCount one at a time, with the same operations in the same order as a SIMD lane.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float InterpolateScalar(float[] buffer, int start, int frameCount, float peak)
    {
        var h = this.folded;
        for (var n = start; n < frameCount; n++)
        {
            for (var pair = 0; pair < this.pairCount; pair++)
            {
                // j = 0 is a plain product, then fused multiply-adds, exactly as in the vector path.
                var s = h[pair * Taps] * (buffer[History + n] + buffer[n]);
                var d = h[(pair * Taps) + Half] * (buffer[History + n] - buffer[n]);
                for (var j = 1; j < Half; j++)
                {
                    var near = buffer[History + n - j];
                    var far = buffer[n + j];
                    s = MathF.FusedMultiplyAdd(h[(pair * Taps) + j], near + far, s);
                    d = MathF.FusedMultiplyAdd(h[(pair * Taps) + Half + j], near - far, d);
                }

                peak = Math.Max(peak, Math.Abs(s) + Math.Abs(d));
            }
        }

        return peak;
    }
}
