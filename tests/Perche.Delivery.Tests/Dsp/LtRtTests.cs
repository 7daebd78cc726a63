using Perche.Core.Audio;
using Perche.Core.Dsp.Downmix;

namespace Perche.Delivery.Tests.Dsp;

/// <summary>
/// The Lt/Rt matrix encode: Lt = L + 0.707 C + j 0.707 S, Rt = R + 0.707 C - j 0.707 S (S = Ls + Rs), measured on
/// sines through <see cref="StereoDownmix"/> as a whole programme (delay taken out, flushed at the end).
/// </summary>
public sealed class LtRtTests
{
    private const int Rate = 48000;
    private const int Frames = Rate; // one second
    private const int L = 0;
    private const int C = 2;
    private const int Ls = 4;
    private const int Rs = 5;

    [Theory]
    [InlineData(100)]
    [InlineData(250)]
    [InlineData(1000)]
    [InlineData(3000)]
    [InlineData(10000)]
    public void The_surround_path_is_90_degrees_ahead_of_the_fronts_in_lt_and_behind_in_rt(int frequencyHz)
    {
        var front = Fold(frequencyHz, L);
        var surround = Fold(frequencyHz, Ls, Rs);
        var (frontAmp, frontLt) = Fit(front, 0, frequencyHz);
        var (surroundAmp, surroundLt) = Fit(surround, 0, frequencyHz);
        var (_, surroundRt) = Fit(surround, 1, frequencyHz);

        // The front path is the source itself (delay removed): unit gain, no phase change.
        Assert.Equal(0.5, frontAmp, 3);
        Assert.Equal(0, frontLt, 0.1);
        Assert.Equal(90, Wrap(surroundLt - frontLt), 1.0);
        Assert.Equal(-90, Wrap(surroundRt - frontLt), 1.0);

        // S = Ls + Rs = 2 x 0.5, times 0.7071: 0.7071 in each of Lt and Rt (the shifter's gain is 1 within 0.05 dB).
        Assert.Equal(0.7071, surroundAmp, 0.005);
    }

    [Fact]
    public void A_centre_only_signal_gives_lt_equal_to_rt_at_minus_3_db()
    {
        var stereo = Fold(1000, C);
        var (ampLt, phaseLt) = Fit(stereo, 0, 1000);
        var (ampRt, phaseRt) = Fit(stereo, 1, 1000);
        Assert.Equal(-3.01, 20 * Math.Log10(ampLt / 0.5), 2);
        Assert.Equal(0, phaseLt, 0.1);
        for (var f = 0; f < Frames; f++)
        {
            Assert.Equal(stereo[2 * f], stereo[(2 * f) + 1]);
        }

        Assert.Equal(ampLt, ampRt, 6);
        Assert.Equal(phaseLt, phaseRt, 6);
    }

    [Fact]
    public void A_surround_only_signal_gives_lt_equal_to_minus_rt_and_cancels_in_mono()
    {
        var stereo = Fold(440, Ls, Rs);
        double side = 0, mid = 0;
        for (var f = 0; f < Frames; f++)
        {
            Assert.Equal(stereo[2 * f], -stereo[(2 * f) + 1]);
            side += Math.Abs(stereo[2 * f]);
            mid += Math.Abs(stereo[2 * f] + stereo[(2 * f) + 1]);
        }

        Assert.True(side > 1000, $"the surround is there: mean |Lt| {side / Frames}");
        Assert.Equal(0, mid);
    }

    [Fact]
    public void The_shifter_is_flat_within_0_05_db_from_40_hz_and_the_fold_down_keeps_the_length()
    {
        foreach (var rate in new[] { 44100, 48000, 96000 })
        {
            foreach (var f in new[] { 40.0, 100, 1000, 10000, (rate / 2.0) - 40 })
            {
                Assert.InRange(HilbertTransformer.MagnitudeDb(rate, f), -0.05, 0.05);
            }

            Assert.True(HilbertTransformer.MagnitudeDb(rate, 5) < -1, "rolls off towards 0 Hz");
        }

        var stereo = Fold(1000, L);
        Assert.Equal(Frames * 2, stereo.Length);
    }

    // One second of a 0.5-amplitude sine on the given channels of a 5.1 (L R C LFE Ls Rs) through the Lt/Rt fold,
    // in blocks of an awkward size, flushed at the end.
    private static float[] Fold(int frequencyHz, params int[] channels)
    {
        var layout = ChannelLayout.Surround51;
        var input = new float[Frames * 6];
        for (var f = 0; f < Frames; f++)
        {
            var v = (float)(0.5 * Math.Sin(2 * Math.PI * frequencyHz * f / Rate));
            foreach (var c in channels)
            {
                input[(f * 6) + c] = v;
            }
        }

        var downmix = new StereoDownmix(layout, DownmixKind.LtRt, Rate);
        var output = new List<float>();
        var buffer = new float[Math.Max(3001, downmix.LatencyFrames) * 2];
        for (var start = 0; start < Frames; start += 3001)
        {
            var n = Math.Min(3001, Frames - start);
            var written = downmix.Process(input.AsSpan(start * 6, n * 6), buffer);
            output.AddRange(buffer.AsSpan(0, written * 2).ToArray());
        }

        var tail = downmix.Flush(buffer);
        output.AddRange(buffer.AsSpan(0, tail * 2).ToArray());
        return [.. output];
    }

    // Amplitude and phase (degrees, against sin(wt)) of one channel over the middle half second: a whole number of
    // cycles for every tested frequency, away from the edges where the shifter sees the start and end.
    private static (double Amplitude, double PhaseDegrees) Fit(float[] stereo, int channel, int frequencyHz)
    {
        double s = 0, c = 0;
        const int start = Rate / 4;
        const int count = Rate / 2;
        for (var f = start; f < start + count; f++)
        {
            var w = 2 * Math.PI * frequencyHz * f / Rate;
            s += stereo[(2 * f) + channel] * Math.Sin(w);
            c += stereo[(2 * f) + channel] * Math.Cos(w);
        }

        s *= 2.0 / count;
        c *= 2.0 / count;
        return (Math.Sqrt((s * s) + (c * c)), Math.Atan2(c, s) * 180 / Math.PI);
    }

    private static double Wrap(double degrees) => ((degrees + 540) % 360) - 180;
}
