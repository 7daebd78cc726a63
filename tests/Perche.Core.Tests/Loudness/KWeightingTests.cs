using Perche.Core.Dsp;
using Perche.Core.Dsp.Loudness;

namespace Perche.Core.Tests.Loudness;

/// <summary>K-weighting coefficients (BS.1770-5 Annex 1) and the true-peak interpolator (Annex 2).</summary>
public sealed class KWeightingTests
{
    [Fact]
    public void Coefficients_derived_at_48_kHz_reproduce_the_table_of_BS_1770()
    {
        var shelf = KWeighting.Shelf(48000);
        var highPass = KWeighting.HighPass(48000);

        AssertClose(1.53512485958697, shelf.B0);
        AssertClose(-2.69169618940638, shelf.B1);
        AssertClose(1.19839281085285, shelf.B2);
        AssertClose(-1.69065929318241, shelf.A1);
        AssertClose(0.73248077421585, shelf.A2);

        Assert.Equal(1.0, highPass.B0);
        Assert.Equal(-2.0, highPass.B1);
        Assert.Equal(1.0, highPass.B2);
        AssertClose(-1.99004745483398, highPass.A1);
        AssertClose(0.99007225036621, highPass.A2);
    }

    [Theory]
    [InlineData(100.0)]
    [InlineData(1000.0)]
    [InlineData(10000.0)]
    public void Coefficients_derived_at_44_1_kHz_give_the_same_response_as_at_48_kHz(double frequencyHz)
    {
        Assert.Equal(KWeighting.GainDb(frequencyHz, 48000), KWeighting.GainDb(frequencyHz, 44100), 0.01);
    }

    [Theory]
    [InlineData(32000)]
    [InlineData(88200)]
    [InlineData(96000)]
    [InlineData(192000)]
    public void Coefficients_at_other_rates_keep_the_response_within_a_few_hundredths_of_a_dB(int sampleRateHz)
    {
        foreach (var frequencyHz in new[] { 50.0, 200.0, 1000.0, 4000.0, 12000.0 })
        {
            Assert.Equal(KWeighting.GainDb(frequencyHz, 48000), KWeighting.GainDb(frequencyHz, sampleRateHz), 0.05);
        }
    }

    [Fact]
    public void The_k_weighting_gain_at_1_kHz_is_what_the_minus_0_691_offset_cancels()
    {
        Assert.Equal(0.691, KWeighting.GainDb(997, 48000), 0.001);
    }

    [Fact]
    public void Rates_too_low_for_the_shelf_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KWeighting.Shelf(4000));
    }

    [Fact]
    public void The_bilinear_transform_of_a_prototype_matches_its_analogue_gain_at_the_corner()
    {
        // A second-order Butterworth low-pass, -3.01 dB at its corner whatever the rate thanks to pre-warping.
        var lowPass = BiquadCoefficients.FromAnalogPrototype((1, 0, 0), (1, Math.Sqrt(2), 1), 5000, 44100);
        Assert.Equal(-3.0103, lowPass.GainDb(5000, 44100), 3);
        Assert.Equal(0.0, lowPass.GainDb(0, 44100), 9);
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.75)]
    public void Each_true_peak_phase_is_flat_within_0_002_dB_up_to_16_kHz(double fraction)
    {
        var taps = TruePeakFilter.Taps(fraction);
        Assert.Equal(1.0, taps.Sum(), 12);
        for (var frequencyHz = 0.0; frequencyHz <= 16000; frequencyHz += 100)
        {
            var w = 2 * Math.PI * frequencyHz / 48000;
            double re = 0, im = 0;
            for (var j = 0; j < taps.Length; j++)
            {
                re += taps[j] * Math.Cos(w * j);
                im -= taps[j] * Math.Sin(w * j);
            }

            Assert.InRange(20 * Math.Log10(Math.Sqrt((re * re) + (im * im))), -0.002, 0.002);
        }
    }

    [Fact]
    public void The_three_quarter_phase_is_the_quarter_phase_reversed()
    {
        Assert.Equal(TruePeakFilter.Taps(0.25).Reverse(), TruePeakFilter.Taps(0.75), new ToleranceComparer(1e-15));
        Assert.Equal(TruePeakFilter.Taps(0.5).Reverse(), TruePeakFilter.Taps(0.5), new ToleranceComparer(1e-15));
    }

    [Fact]
    public void The_annex_2_example_phases_are_mirror_pairs()
    {
        Assert.Equal(TruePeakFilter.Annex2Taps(0).Reverse(), TruePeakFilter.Annex2Taps(3));
        Assert.Equal(TruePeakFilter.Annex2Taps(1).Reverse(), TruePeakFilter.Annex2Taps(2));
        Assert.Equal(4, TruePeakFilter.OversamplingFor(48000));
        Assert.Equal(4, TruePeakFilter.OversamplingFor(44100));
        Assert.Equal(2, TruePeakFilter.OversamplingFor(96000));
        Assert.Equal(1, TruePeakFilter.OversamplingFor(192000));
    }

    [Theory]
    [InlineData(4000, -0.02)]
    [InlineData(8000, -0.07)]
    [InlineData(16000, -0.29)]
    [InlineData(20000, -0.42)]
    public void The_true_peak_of_a_sine_is_read_within_the_documented_error(int maxFrequencyHz, double lowestDb)
    {
        for (var frequencyHz = 250; frequencyHz <= maxFrequencyHz; frequencyHz += 250)
        {
            for (var k = 0; k < 8; k++)
            {
                var meter = LoudnessMeter.Create(Perche.Core.Audio.ChannelLayout.Mono, 48000, LoudnessModes.TruePeak);
                // Faded in and out: a sine switched on abruptly really does overshoot between samples.
                meter.AddInterleaved(TestSignals.Faded(TestSignals.Sine(0.5, frequencyHz, 0.1, (k * 45.0) + 10), 960));
                var errorDb = meter.TruePeakDbtp(0) - (20 * Math.Log10(0.5));
                Assert.True(errorDb >= lowestDb && errorDb <= 0.003, FormattableString.Invariant($"{frequencyHz} Hz, phase {k}: {errorDb:F4} dB"));
            }
        }
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }

    private static void AssertClose(double expected, double actual) => Assert.True(
        Math.Abs(expected - actual) <= 1e-12,
        FormattableString.Invariant($"expected {expected:R}, got {actual:R}"));
}
