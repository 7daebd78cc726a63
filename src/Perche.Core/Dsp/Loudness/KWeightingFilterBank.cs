using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Perche.Core.Dsp.Loudness;

/// <summary>
/// K-weights every channel of a meter and accumulates the squared output, in double precision. Channels travel
/// four at a time as the lanes of one <see cref="Vector256{T}"/> ("group"), so one pass over the frames filters
/// four channels; input is first packed into that lane layout.
/// </summary>
/// <remarks>
/// Both sections run in direct form I. In that form the only loop-carried dependency of a section is a single
/// fused multiply-add on its previous output (direct form II transposed carries two), which halves the latency
/// chain that bounds an IIR filter's speed. The two stages share their middle history (stage 1's output is stage
/// 2's input), so a channel carries six state values. The scalar path performs the same fused operations in the
/// same order as each SIMD lane, so both paths give bit-identical results.
/// </remarks>
internal sealed class KWeightingFilterBank
{
    /// <summary>Channels per group: the lanes of a <see cref="Vector256{T}"/> of doubles.</summary>
    public const int Lanes = 4;

    // x1, x2, y1, y2, z1, z2 per lane: stage-1 input, stage-1 output (= stage-2 input) and stage-2 output history.
    private const int StateValuesPerLane = 6;

    // States smaller than this are flushed to zero on the sub-block grid: after a loud passage the recursions
    // decay through the subnormal range, where arithmetic is many times slower. 1e-20 is 300 dB below any
    // meaningful level and far above the subnormal range, so nothing measurable changes.
    private const double FlushBelow = 1e-20;

    private readonly int channelCount;
    private readonly int maxFrames;
    private readonly double[] coefficients;
    private readonly double[] state;
    private readonly double[] sums;
    private readonly double[] packed;

    /// <summary>Creates a bank for <paramref name="channelCount"/> channels fed at most <paramref name="maxFrames"/> frames per pack.</summary>
    public KWeightingFilterBank(int channelCount, BiquadCoefficients shelf, BiquadCoefficients highPass, int maxFrames)
    {
        this.channelCount = channelCount;
        this.maxFrames = maxFrames;
        this.GroupCount = (channelCount + Lanes - 1) / Lanes;

        // Feedback coefficients are stored negated so every step is a fused multiply-add.
        this.coefficients =
        [
            shelf.B0, shelf.B1, shelf.B2, -shelf.A1, -shelf.A2,
            highPass.B0, highPass.B1, highPass.B2, -highPass.A1, -highPass.A2,
        ];
        this.state = new double[this.GroupCount * Lanes * StateValuesPerLane];
        this.sums = new double[this.GroupCount * Lanes];
        this.packed = new double[this.GroupCount * maxFrames * Lanes];
        this.UseSimd = Vector256.IsHardwareAccelerated;
    }

    /// <summary>Number of four-channel groups.</summary>
    public int GroupCount { get; }

    /// <summary>Whether the SIMD path runs (tests switch it off to compare with the scalar path).</summary>
    public bool UseSimd { get; set; }

    /// <summary>The running sum of squared K-weighted samples of each lane since the last <see cref="TakeWeightedSum"/>.</summary>
    public ReadOnlySpan<double> LaneSums => this.sums;

    /// <summary>Converts <paramref name="frameCount"/> interleaved frames to the group lane layout.</summary>
    public void PackInterleaved(ReadOnlySpan<float> interleaved, int frameCount)
    {
        var channels = this.channelCount;
        var groupStride = this.maxFrames * Lanes;
        for (var g = 0; g < this.GroupCount; g++)
        {
            var first = g * Lanes;
            var lanes = Math.Min(Lanes, channels - first);
            var destination = this.packed.AsSpan(g * groupStride, frameCount * Lanes);
            var source = interleaved[first..];
            if (lanes == Lanes)
            {
                for (var i = 0; i < frameCount; i++)
                {
                    var frame = source.Slice(i * channels, Lanes);
                    var lane = destination.Slice(i * Lanes, Lanes);
                    lane[0] = frame[0];
                    lane[1] = frame[1];
                    lane[2] = frame[2];
                    lane[3] = frame[3];
                }
            }
            else
            {
                // Unused lanes keep the zeros they were created with, so they filter silence.
                for (var i = 0; i < frameCount; i++)
                {
                    var frame = source.Slice(i * channels, lanes);
                    var lane = destination.Slice(i * Lanes, lanes);
                    for (var k = 0; k < lanes; k++)
                    {
                        lane[k] = frame[k];
                    }
                }
            }
        }
    }

    /// <summary>Converts <paramref name="frameCount"/> frames starting at <paramref name="start"/> of planar channels to the lane layout.</summary>
    public void PackPlanar(ReadOnlySpan<ReadOnlyMemory<float>> channels, int start, int frameCount)
    {
        var groupStride = this.maxFrames * Lanes;
        for (var c = 0; c < this.channelCount; c++)
        {
            var source = channels[c].Span.Slice(start, frameCount);
            var destination = this.packed.AsSpan(((c / Lanes) * groupStride) + (c % Lanes));
            for (var i = 0; i < source.Length; i++)
            {
                destination[i * Lanes] = source[i];
            }
        }
    }

    /// <summary>Filters packed frames [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="frameCount"/>) of every group and adds their squares to the lane sums.</summary>
    public void Run(int offset, int frameCount)
    {
        var groupStride = this.maxFrames * Lanes;
        for (var g = 0; g < this.GroupCount; g++)
        {
            var input = this.packed.AsSpan((g * groupStride) + (offset * Lanes), frameCount * Lanes);
            var groupState = this.state.AsSpan(g * Lanes * StateValuesPerLane, Lanes * StateValuesPerLane);
            var groupSums = this.sums.AsSpan(g * Lanes, Lanes);
            if (this.UseSimd)
            {
                this.RunVector(input, groupState, groupSums);
            }
            else
            {
                for (var lane = 0; lane < Lanes; lane++)
                {
                    this.RunScalar(input, lane, groupState, groupSums);
                }
            }
        }
    }

    /// <summary>
    /// Returns the sum over channels of weight x sum of squares since the previous call, clears the sums, and flushes
    /// negligible filter states (called on the fixed sub-block grid so the result never depends on block sizes).
    /// </summary>
    public double TakeWeightedSum(ReadOnlySpan<double> laneWeights)
    {
        var total = 0.0;
        for (var i = 0; i < this.sums.Length; i++)
        {
            total += laneWeights[i] * this.sums[i];
        }

        Array.Clear(this.sums);
        foreach (ref var s in this.state.AsSpan())
        {
            if (Math.Abs(s) < FlushBelow)
            {
                s = 0;
            }
        }

        return total;
    }

    /// <summary>Clears the filter history and sums, as for a new programme.</summary>
    public void Reset()
    {
        Array.Clear(this.state);
        Array.Clear(this.sums);
    }

    private void RunVector(ReadOnlySpan<double> input, Span<double> groupState, Span<double> groupSums)
    {
        var c = this.coefficients;
        var b0 = Vector256.Create(c[0]);
        var b1 = Vector256.Create(c[1]);
        var b2 = Vector256.Create(c[2]);
        var na1 = Vector256.Create(c[3]);
        var na2 = Vector256.Create(c[4]);
        var d0 = Vector256.Create(c[5]);
        var d1 = Vector256.Create(c[6]);
        var d2 = Vector256.Create(c[7]);
        var nf1 = Vector256.Create(c[8]);
        var nf2 = Vector256.Create(c[9]);

        // State layout per group: [x1 | x2 | y1 | y2 | z1 | z2], each a 4-lane vector.
        ref var s = ref MemoryMarshal.GetReference(groupState);
        var x1 = Vector256.LoadUnsafe(ref s, 0);
        var x2 = Vector256.LoadUnsafe(ref s, 4);
        var y1 = Vector256.LoadUnsafe(ref s, 8);
        var y2 = Vector256.LoadUnsafe(ref s, 12);
        var z1 = Vector256.LoadUnsafe(ref s, 16);
        var z2 = Vector256.LoadUnsafe(ref s, 20);
        ref var sumRef = ref MemoryMarshal.GetReference(groupSums);
        var acc = Vector256.LoadUnsafe(ref sumRef);

        ref var x = ref MemoryMarshal.GetReference(input);
        var frames = (nuint)(input.Length / Lanes);
        for (nuint i = 0; i < frames; i++)
        {
            var x0 = Vector256.LoadUnsafe(ref x, i * Lanes);

            // Stage 1 (shelf): only the last step depends on the previous output y1.
            var t = b0 * x0;
            t = Vector256.FusedMultiplyAdd(b1, x1, t);
            t = Vector256.FusedMultiplyAdd(b2, x2, t);
            t = Vector256.FusedMultiplyAdd(na2, y2, t);
            var y0 = Vector256.FusedMultiplyAdd(na1, y1, t);

            // Stage 2 (RLB high-pass) on stage 1's output history.
            var u = d0 * y0;
            u = Vector256.FusedMultiplyAdd(d1, y1, u);
            u = Vector256.FusedMultiplyAdd(d2, y2, u);
            u = Vector256.FusedMultiplyAdd(nf2, z2, u);
            var z0 = Vector256.FusedMultiplyAdd(nf1, z1, u);

            acc = Vector256.FusedMultiplyAdd(z0, z0, acc);
            x2 = x1;
            x1 = x0;
            y2 = y1;
            y1 = y0;
            z2 = z1;
            z1 = z0;
        }

        x1.StoreUnsafe(ref s, 0);
        x2.StoreUnsafe(ref s, 4);
        y1.StoreUnsafe(ref s, 8);
        y2.StoreUnsafe(ref s, 12);
        z1.StoreUnsafe(ref s, 16);
        z2.StoreUnsafe(ref s, 20);
        acc.StoreUnsafe(ref sumRef);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunScalar(ReadOnlySpan<double> input, int lane, Span<double> groupState, Span<double> groupSums)
    {
        var c = this.coefficients;
        double b0 = c[0], b1 = c[1], b2 = c[2], na1 = c[3], na2 = c[4];
        double d0 = c[5], d1 = c[6], d2 = c[7], nf1 = c[8], nf2 = c[9];
        var x1 = groupState[lane];
        var x2 = groupState[4 + lane];
        var y1 = groupState[8 + lane];
        var y2 = groupState[12 + lane];
        var z1 = groupState[16 + lane];
        var z2 = groupState[20 + lane];
        var acc = groupSums[lane];
        for (var i = lane; i < input.Length; i += Lanes)
        {
            var x0 = input[i];
            var t = b0 * x0;
            t = Math.FusedMultiplyAdd(b1, x1, t);
            t = Math.FusedMultiplyAdd(b2, x2, t);
            t = Math.FusedMultiplyAdd(na2, y2, t);
            var y0 = Math.FusedMultiplyAdd(na1, y1, t);
            var u = d0 * y0;
            u = Math.FusedMultiplyAdd(d1, y1, u);
            u = Math.FusedMultiplyAdd(d2, y2, u);
            u = Math.FusedMultiplyAdd(nf2, z2, u);
            var z0 = Math.FusedMultiplyAdd(nf1, z1, u);
            acc = Math.FusedMultiplyAdd(z0, z0, acc);
            x2 = x1;
            x1 = x0;
            y2 = y1;
            y1 = y0;
            z2 = z1;
            z1 = z0;
        }

        groupState[lane] = x1;
        groupState[4 + lane] = x2;
        groupState[8 + lane] = y1;
        groupState[12 + lane] = y2;
        groupState[16 + lane] = z1;
        groupState[20 + lane] = z2;
        groupSums[lane] = acc;
    }
}
