using Perche.Core.Audio;
using Perche.Core.Dsp.Loudness;
using static Perche.Core.Tests.Loudness.TestSignals;

namespace Perche.Core.Tests.Loudness;

/// <summary>EBU Tech 3342 loudness-range cases 1-4, plus pyloudnorm's synthetic sanity checks.</summary>
public sealed class EbuTech3342Tests
{
    private const double RangeTolerance = 1.0;

    [Theory]
    [InlineData(1, new[] { -20.0, -30.0 }, 10.0)]
    [InlineData(2, new[] { -20.0, -15.0 }, 5.0)]
    [InlineData(3, new[] { -40.0, -20.0 }, 20.0)]
    [InlineData(4, new[] { -50.0, -35.0, -20.0, -35.0, -50.0 }, 15.0)]
    public void Cases_1_to_4_loudness_range_of_20_second_tones_at_given_levels(int testCase, double[] levelsDbfs, double expectedLu)
    {
        _ = testCase;
        var meter = StereoMeter(LoudnessModes.Range);
        Feed(meter, Stereo(Tone(levelsDbfs.Select(l => ((double?)l, 20.0)))));
        Assert.Equal(expectedLu, meter.LoudnessRangeLu, RangeTolerance);
    }

    [Fact]
    public void Repeating_a_case_signal_leaves_its_loudness_range_unchanged()
    {
        var once = StereoMeter(LoudnessModes.Range);
        var twice = StereoMeter(LoudnessModes.Range);
        var signal = Stereo(Tone([(-20, 20), (-30, 20)]));
        Feed(once, signal);
        Feed(twice, signal);
        Feed(twice, signal);
        Assert.Equal(once.LoudnessRangeLu, twice.LoudnessRangeLu, RangeTolerance);
    }

    [Fact]
    public void A_steady_tone_has_a_narrow_range()
    {
        var meter = LoudnessMeter.Create(ChannelLayout.Mono, 44100, LoudnessModes.Range);
        Feed(meter, Sine(0.5, 1000, 10, rate: 44100));
        Assert.InRange(meter.LoudnessRangeLu, 0, 3);
    }

    [Fact]
    public void Alternating_quiet_and_loud_segments_have_a_wide_range()
    {
        var meter = LoudnessMeter.Create(ChannelLayout.Mono, 44100, LoudnessModes.Range);
        var level = 20 * Math.Log10(0.05);
        var loud = 20 * Math.Log10(0.5);
        Feed(meter, Tone([(level, 3), (loud, 3), (level, 3), (loud, 3)], 440, 44100));
        Assert.True(meter.LoudnessRangeLu > 5, $"LRA {meter.LoudnessRangeLu} LU");
    }

    [Fact]
    public void Noise_below_the_absolute_gate_has_an_undefined_range()
    {
        var random = new Random(1770);
        var noise = new float[44100 * 10];
        for (var i = 0; i < noise.Length; i++)
        {
            noise[i] = (float)(1e-10 * ((random.NextDouble() * 2) - 1));
        }

        var meter = LoudnessMeter.Create(ChannelLayout.Mono, 44100, LoudnessModes.Range);
        Feed(meter, noise);
        Assert.True(double.IsNaN(meter.LoudnessRangeLu));
    }

    [Fact]
    public void A_programme_shorter_than_one_short_term_window_has_an_undefined_range()
    {
        var meter = StereoMeter(LoudnessModes.Range);
        Feed(meter, Stereo(Tone([(-20, 2.9)])));
        Assert.True(double.IsNaN(meter.LoudnessRangeLu));
    }

    [Fact]
    public void The_range_of_several_programmes_is_computed_over_all_their_short_term_values()
    {
        var loud = StereoMeter(LoudnessModes.Range);
        var quiet = StereoMeter(LoudnessModes.Range);
        Feed(loud, Stereo(Tone([(-20, 20)])));
        Feed(quiet, Stereo(Tone([(-30, 20)])));

        Assert.Equal(0.0, loud.LoudnessRangeLu, 0.1);
        Assert.Equal(10.0, LoudnessMeter.LoudnessRangeOf([loud, quiet]), RangeTolerance);
    }
}
