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

    [Fact]
    public void The_annex_2_interpolator_has_the_documented_passband_ripple()
    {
        // Whole 48-tap filter at 4 x 48 kHz, divided by the interpolation factor.
        var full = new double[48];
        for (var p = 0; p < 4; p++)
        {
            var taps = TruePeakFilter.Taps(p);
            for (var k = 0; k < 12; k++)
            {
                full[(4 * k) + p] = taps[k];
            }
        }

        double min = double.MaxValue, max = double.MinValue;
        for (var f = 0.0; f <= 20000; f += 50)
        {
            var w = 2 * Math.PI * f / 192000;
            double re = 0, im = 0;
            for (var n = 0; n < full.Length; n++)
            {
                re += full[n] * Math.Cos(w * n);
                im -= full[n] * Math.Sin(w * n);
            }

            var gainDb = 20 * Math.Log10(Math.Sqrt((re * re) + (im * im)) / 4);
            min = Math.Min(min, gainDb);
            max = Math.Max(max, gainDb);
        }

        Assert.InRange(max, 0.09, 0.11);
        Assert.InRange(min, -0.12, -0.10);
        Assert.Equal(4, TruePeakFilter.OversamplingFor(48000));
        Assert.Equal(4, TruePeakFilter.OversamplingFor(44100));
        Assert.Equal(2, TruePeakFilter.OversamplingFor(96000));
        Assert.Equal(1, TruePeakFilter.OversamplingFor(192000));
    }

    private static void AssertClose(double expected, double actual) => Assert.True(
        Math.Abs(expected - actual) <= 1e-12,
        FormattableString.Invariant($"expected {expected:R}, got {actual:R}"));
}
