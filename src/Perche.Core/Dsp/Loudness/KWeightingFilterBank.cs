using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Perche.Core.Dsp.Loudness;

/// <summary>
/// K-weights every channel of a meter and accumulates the squared output, in double precision. Channels travel
/// four at a time as the lanes of one <see cref="Vector256{T}"/> ("group"), so one pass over the frames filters
/// four channels, loading them straight from interleaved frames.
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
    private readonly double[] coefficients;
    private readonly double[] state;
    private readonly double[] sums;

    /// <summary>Creates a bank for <paramref name="channelCount"/> channels.</summary>
    public KWeightingFilterBank(int channelCount, BiquadCoefficients shelf, BiquadCoefficients highPass)
    {
        this.channelCount = channelCount;
        this.GroupCount = (channelCount + Lanes - 1) / Lanes;

        // The RLB stage's numerator is [1, -2, 1] at every rate (BS.1770 does not normalise it), which saves a
        // multiply per sample; anything else is a programming error.
        if (highPass.B0 != 1.0 || highPass.B1 != -2.0 || highPass.B2 != 1.0)
        {
            throw new ArgumentException("the high-pass stage must have the numerator [1, -2, 1]", nameof(highPass));
        }

        // Feedback coefficients are stored negated so every step is a fused multiply-add.
        this.coefficients = [shelf.B0, shelf.B1, shelf.B2, -shelf.A1, -shelf.A2, -highPass.A1, -highPass.A2];
        this.state = new double[this.GroupCount * Lanes * StateValuesPerLane];
        this.sums = new double[this.GroupCount * Lanes];
        this.UseSimd = Vector256.IsHardwareAccelerated;
    }

    /// <summary>Number of four-channel groups.</summary>
    public int GroupCount { get; }

    /// <summary>Whether the SIMD path runs (tests switch it off to compare with the scalar path).</summary>
    public bool UseSimd { get; set; }

    /// <summary>The running sum of squared K-weighted samples of each lane since the last <see cref="TakeWeightedSum"/>.</summary>
    public ReadOnlySpan<double> LaneSums => this.sums;

    /// <summary>
    /// Filters <paramref name="frameCount"/> interleaved frames of every channel and adds their squares to the lane sums.
    /// Each group loads its channels straight from the interleaved frames and widens them to double.
    /// </summary>
    public void Run(ReadOnlySpan<float> interleaved, int frameCount)
    {
        var channels = this.channelCount;
        if (interleaved.Length < frameCount * channels)
        {
            throw new ArgumentException("fewer samples than frames x channels", nameof(interleaved));
        }

        ref var first = ref MemoryMarshal.GetReference(interleaved);
        for (var g = 0; g < this.GroupCount; g++)
        {
            var firstChannel = g * Lanes;
            var lanes = Math.Min(Lanes, channels - firstChannel);
            ref var groupFirst = ref Unsafe.Add(ref first, firstChannel);
            var groupState = this.state.AsSpan(g * Lanes * StateValuesPerLane, Lanes * StateValuesPerLane);
            var groupSums = this.sums.AsSpan(g * Lanes, Lanes);
            if (this.UseSimd)
            {
                switch (lanes)
                {
                    case 4:
                        this.RunVector<LoadFour>(ref groupFirst, channels, frameCount, groupState, groupSums);
                        break;
                    case 3:
                        this.RunVector<LoadThree>(ref groupFirst, channels, frameCount, groupState, groupSums);
                        break;
                    case 2:
                        this.RunVector<LoadTwo>(ref groupFirst, channels, frameCount, groupState, groupSums);
                        break;
                    default:
                        this.RunVector<LoadOne>(ref groupFirst, channels, frameCount, groupState, groupSums);
                        break;
                }
            }
            else
            {
                for (var lane = 0; lane < lanes; lane++)
                {
                    this.RunScalar(interleaved[(firstChannel + lane)..], channels, frameCount, lane, groupState, groupSums);
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
            // Written so that NaN is flushed too: a corrupt sample then spoils one sub-block, not the rest.
            if (!(Math.Abs(s) >= FlushBelow))
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunVector<TLoad>(ref float groupFirst, int stride, int frameCount, Span<double> groupState, Span<double> groupSums)
        where TLoad : struct, ILaneLoader
    {
        var c = this.coefficients;
        var b0 = Vector256.Create(c[0]);
        var b1 = Vector256.Create(c[1]);
        var b2 = Vector256.Create(c[2]);
        var na1 = Vector256.Create(c[3]);
        var na2 = Vector256.Create(c[4]);
        var minusTwo = Vector256.Create(-2.0);
        var nf1 = Vector256.Create(c[5]);
        var nf2 = Vector256.Create(c[6]);

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

        for (var i = 0; i < frameCount; i++)
        {
            var x0 = TLoad.Load(ref Unsafe.Add(ref groupFirst, (nint)i * stride));

            // Stage 1 (shelf): only the last step depends on the previous output y1.
            var t = b0 * x0;
            t = Vector256.FusedMultiplyAdd(b1, x1, t);
            t = Vector256.FusedMultiplyAdd(b2, x2, t);
            t = Vector256.FusedMultiplyAdd(na2, y2, t);
            var y0 = Vector256.FusedMultiplyAdd(na1, y1, t);

            // Stage 2 (RLB high-pass), numerator [1, -2, 1], on stage 1's output history.
            var u = y0 + y2;
            u = Vector256.FusedMultiplyAdd(minusTwo, y1, u);
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
    private void RunScalar(ReadOnlySpan<float> channelFirst, int stride, int frameCount, int lane, Span<double> groupState, Span<double> groupSums)
    {
        var c = this.coefficients;
        double b0 = c[0], b1 = c[1], b2 = c[2], na1 = c[3], na2 = c[4], nf1 = c[5], nf2 = c[6];
        var x1 = groupState[lane];
        var x2 = groupState[4 + lane];
        var y1 = groupState[8 + lane];
        var y2 = groupState[12 + lane];
        var z1 = groupState[16 + lane];
        var z2 = groupState[20 + lane];
        var acc = groupSums[lane];
        for (var i = 0; i < frameCount; i++)
        {
            double x0 = channelFirst[i * stride];
            var t = b0 * x0;
            t = Math.FusedMultiplyAdd(b1, x1, t);
            t = Math.FusedMultiplyAdd(b2, x2, t);
            t = Math.FusedMultiplyAdd(na2, y2, t);
            var y0 = Math.FusedMultiplyAdd(na1, y1, t);
            var u = y0 + y2;
            u = Math.FusedMultiplyAdd(-2.0, y1, u);
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

    /// <summary>Loads the channels of one group from an interleaved frame, widened to double (unused lanes zero).</summary>
    private interface ILaneLoader
    {
        static abstract Vector256<double> Load(ref float frame);
    }

    private readonly struct LoadFour : ILaneLoader
    {
        public static Vector256<double> Load(ref float frame) => Widen(Vector128.LoadUnsafe(ref frame));
    }

    private readonly struct LoadThree : ILaneLoader
    {
        public static Vector256<double> Load(ref float frame) =>
            Widen(Vector128.Create(frame, Unsafe.Add(ref frame, 1), Unsafe.Add(ref frame, 2), 0f));
    }

    private readonly struct LoadTwo : ILaneLoader
    {
        // Two floats in one 64-bit load; the upper half of the vector is zeroed.
        public static Vector256<double> Load(ref float frame) =>
            Widen(Vector128.CreateScalar(Unsafe.ReadUnaligned<double>(ref Unsafe.As<float, byte>(ref frame))).AsSingle());
    }

    private readonly struct LoadOne : ILaneLoader
    {
        public static Vector256<double> Load(ref float frame) => Vector256.CreateScalar((double)frame);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Widen(Vector128<float> values) =>
        Avx.IsSupported
            ? Avx.ConvertToVector256Double(values)
            : Vector256.Create(Vector128.WidenLower(values), Vector128.WidenUpper(values));
}
