using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Perche.Core.Dsp.Loudness;

/// <summary>
/// Sample peak and true peak of every channel, LFE included. Each channel is processed on its own planar copy: the
/// caller writes a chunk into <see cref="ChunkBuffer"/>, then calls <see cref="Process"/>. Different channels may
/// be processed on different threads at the same time.
/// </summary>
/// <remarks>
/// <para>
/// Folded evaluation. The interpolator (<see cref="TruePeakFilter"/>) has a mirror pair of phases (3/4 is 1/4
/// reversed) and a symmetric centre phase (1/2). With a_j = x[n - j] and h the 1/4 taps, the pair's outputs are
/// y = sum h[j] a_j and y' = sum h[15 - j] a_j. Folding the window, S = sum_(j&lt;8) (h[j] + h[15-j])/2
/// (a_j + a_(15-j)) and D = sum_(j&lt;8) (h[j] - h[15-j])/2 (a_j - a_(15-j)) give y = S + D and y' = S - D, hence
/// max(|y|, |y'|) = |S| + |D|; the centre phase is a plain folded sum. 24 multiply-adds per sample give all three
/// phases instead of 48.
/// </para>
/// <para>
/// SIMD. <see cref="Vector{T}.Count"/> consecutive outputs are computed at once: each folded tap is a broadcast
/// coefficient times sums and differences of unaligned loads, shared by all phases. The scalar path performs the
/// same fused operations in the same order, so an output never depends on the path or on chunk boundaries.
/// </para>
/// <para>
/// Exact shortcut. An interpolated value is bounded by max|x| over its 16 inputs times the L1 norm of its phase. When
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

    // Float rounding of the folded 16-tap sums is a few units of 2^-24 of the L1 bound; 1e-5 is ample.
    private const double BoundMargin = 1 + 1e-5;

    private static readonly int SegmentFrames = SegmentVectors * Vector<float>.Count;

    private readonly int maxFrames;
    private readonly float[][] buffers;
    private readonly float[] samplePeaks;
    private readonly float[] interpolatedPeaks;

    // 8 folded sum taps and 8 folded difference taps of the 1/4-3/4 pair, then 8 folded taps of the centre phase.
    private readonly float[] folded;
    private readonly bool usePair;
    private readonly bool useCentre;
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

        // 4x: the 1/4-3/4 pair and the centre phase; 2x: the centre phase alone, half a period from each sample.
        this.usePair = oversampling == 4;
        this.useCentre = oversampling >= 2;
        this.folded = new float[3 * Half];
        var quarter = TruePeakFilter.Taps(0.25);
        var centre = TruePeakFilter.Taps(0.5);
        double pairL1 = 0, centreL1 = 0;
        for (var j = 0; j < Half; j++)
        {
            var sum = (float)((quarter[j] + quarter[Taps - 1 - j]) / 2);
            var difference = (float)((quarter[j] - quarter[Taps - 1 - j]) / 2);
            var middle = (float)centre[j];
            this.folded[j] = sum;
            this.folded[Half + j] = difference;
            this.folded[(2 * Half) + j] = middle;

            // The bound uses the taps the kernels really apply: (s + d) and (s - d) for the pair, 2 x c folded.
            pairL1 += 2 * Math.Max(Math.Abs((double)sum), Math.Abs((double)difference));
            centreL1 += 2 * Math.Abs((double)middle);
        }

        this.maxPhaseL1 = Math.Max(this.usePair ? pairL1 : 0, this.useCentre ? centreL1 : 0);
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

        if (this.useCentre)
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

    // Outputs n .. n + vectors x width of every phase; returns the lane-wise maximum of their magnitudes. The eight
    // folded taps are written out: with constant offsets every load is one instruction, and a loop would spend more
    // instructions on addresses than on arithmetic.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Vector<float> InterpolateVectors(ref float x, int n, int vectors)
    {
        var width = Vector<float>.Count;
        var h = this.folded;
        var m = Vector<float>.Zero;
        if (this.usePair)
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
                // oldest = x[n + v*width - 15]: a_j = oldest[15 - j], its mirror a_(15-j) = oldest[j].
                ref var oldest = ref Unsafe.Add(ref x, n + (v * width));
                Vector<float> near, far, sum, difference;
                near = Vector.LoadUnsafe(ref oldest, 15);
                far = Vector.LoadUnsafe(ref oldest, 0);
                sum = near + far;
                difference = near - far;
                var s = c0 * sum;
                var d = c8 * difference;
                var centre = c16 * sum;
                near = Vector.LoadUnsafe(ref oldest, 14);
                far = Vector.LoadUnsafe(ref oldest, 1);
                sum = near + far;
                difference = near - far;
                s = Vector.FusedMultiplyAdd(c1, sum, s);
                d = Vector.FusedMultiplyAdd(c9, difference, d);
                centre = Vector.FusedMultiplyAdd(c17, sum, centre);
                near = Vector.LoadUnsafe(ref oldest, 13);
                far = Vector.LoadUnsafe(ref oldest, 2);
                sum = near + far;
                difference = near - far;
                s = Vector.FusedMultiplyAdd(c2, sum, s);
                d = Vector.FusedMultiplyAdd(c10, difference, d);
                centre = Vector.FusedMultiplyAdd(c18, sum, centre);
                near = Vector.LoadUnsafe(ref oldest, 12);
                far = Vector.LoadUnsafe(ref oldest, 3);
                sum = near + far;
                difference = near - far;
                s = Vector.FusedMultiplyAdd(c3, sum, s);
                d = Vector.FusedMultiplyAdd(c11, difference, d);
                centre = Vector.FusedMultiplyAdd(c19, sum, centre);
                near = Vector.LoadUnsafe(ref oldest, 11);
                far = Vector.LoadUnsafe(ref oldest, 4);
                sum = near + far;
                difference = near - far;
                s = Vector.FusedMultiplyAdd(c4, sum, s);
                d = Vector.FusedMultiplyAdd(c12, difference, d);
                centre = Vector.FusedMultiplyAdd(c20, sum, centre);
                near = Vector.LoadUnsafe(ref oldest, 10);
                far = Vector.LoadUnsafe(ref oldest, 5);
                sum = near + far;
                difference = near - far;
                s = Vector.FusedMultiplyAdd(c5, sum, s);
                d = Vector.FusedMultiplyAdd(c13, difference, d);
                centre = Vector.FusedMultiplyAdd(c21, sum, centre);
                near = Vector.LoadUnsafe(ref oldest, 9);
                far = Vector.LoadUnsafe(ref oldest, 6);
                sum = near + far;
                difference = near - far;
                s = Vector.FusedMultiplyAdd(c6, sum, s);
                d = Vector.FusedMultiplyAdd(c14, difference, d);
                centre = Vector.FusedMultiplyAdd(c22, sum, centre);
                near = Vector.LoadUnsafe(ref oldest, 8);
                far = Vector.LoadUnsafe(ref oldest, 7);
                sum = near + far;
                difference = near - far;
                s = Vector.FusedMultiplyAdd(c7, sum, s);
                d = Vector.FusedMultiplyAdd(c15, difference, d);
                centre = Vector.FusedMultiplyAdd(c23, sum, centre);
                m = Vector.MaxNative(m, Vector.MaxNative(Vector.Abs(s) + Vector.Abs(d), Vector.Abs(centre)));
            }
        }
        else
        {
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
                ref var oldest = ref Unsafe.Add(ref x, n + (v * width));
                var centre = c16 * (Vector.LoadUnsafe(ref oldest, 15) + Vector.LoadUnsafe(ref oldest, 0));
                centre = Vector.FusedMultiplyAdd(c17, Vector.LoadUnsafe(ref oldest, 14) + Vector.LoadUnsafe(ref oldest, 1), centre);
                centre = Vector.FusedMultiplyAdd(c18, Vector.LoadUnsafe(ref oldest, 13) + Vector.LoadUnsafe(ref oldest, 2), centre);
                centre = Vector.FusedMultiplyAdd(c19, Vector.LoadUnsafe(ref oldest, 12) + Vector.LoadUnsafe(ref oldest, 3), centre);
                centre = Vector.FusedMultiplyAdd(c20, Vector.LoadUnsafe(ref oldest, 11) + Vector.LoadUnsafe(ref oldest, 4), centre);
                centre = Vector.FusedMultiplyAdd(c21, Vector.LoadUnsafe(ref oldest, 10) + Vector.LoadUnsafe(ref oldest, 5), centre);
                centre = Vector.FusedMultiplyAdd(c22, Vector.LoadUnsafe(ref oldest, 9) + Vector.LoadUnsafe(ref oldest, 6), centre);
                centre = Vector.FusedMultiplyAdd(c23, Vector.LoadUnsafe(ref oldest, 8) + Vector.LoadUnsafe(ref oldest, 7), centre);
                m = Vector.MaxNative(m, Vector.Abs(centre));
            }
        }

        return m;
    }

    // Outputs start .. frameCount one at a time, with the same operations in the same order as a SIMD lane
    // (j = 0 a plain product, then fused multiply-adds).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float InterpolateScalar(float[] buffer, int start, int frameCount, float peak)
    {
        var h = this.folded;
        for (var n = start; n < frameCount; n++)
        {
            var near = buffer[History + n];
            var far = buffer[n];
            var s = h[0] * (near + far);
            var d = h[Half] * (near - far);
            var centre = h[2 * Half] * (near + far);
            for (var j = 1; j < Half; j++)
            {
                near = buffer[History + n - j];
                far = buffer[n + j];
                s = MathF.FusedMultiplyAdd(h[j], near + far, s);
                d = MathF.FusedMultiplyAdd(h[Half + j], near - far, d);
                centre = MathF.FusedMultiplyAdd(h[(2 * Half) + j], near + far, centre);
            }

            peak = Math.Max(peak, this.usePair ? Math.Max(Math.Abs(s) + Math.Abs(d), Math.Abs(centre)) : Math.Abs(centre));
        }

        return peak;
    }
}
