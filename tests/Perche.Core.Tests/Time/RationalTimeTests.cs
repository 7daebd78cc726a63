using Perche.Core.Time;

namespace Perche.Core.Tests.Time;

public class RationalTimeTests
{
    [Fact]
    public void The_same_instant_at_different_rates_is_equal()
    {
        var frames = RationalTime.FromFrames(86400, FrameRate.Fps23976);
        var samples = RationalTime.FromSamples(172972800, 48000);
        var seconds = new RationalTime(36036, 10);

        Assert.Equal(frames, samples);
        Assert.Equal(samples, seconds);
        Assert.True(frames == seconds);
        Assert.Equal(frames.GetHashCode(), samples.GetHashCode());
        Assert.Equal(frames.GetHashCode(), seconds.GetHashCode());
        Assert.NotEqual(frames, RationalTime.FromSamples(172972801, 48000));
    }

    [Fact]
    public void The_rate_is_kept_in_lowest_terms()
    {
        var time = new RationalTime(7, 48000, 2002);

        Assert.Equal(24000, time.RateNumerator);
        Assert.Equal(1001, time.RateDenominator);
        Assert.Equal(7, time.Value);
    }

    [Fact]
    public void Default_is_zero_seconds_at_one_tick_per_second()
    {
        var zero = default(RationalTime);

        Assert.Equal(0, zero.Value);
        Assert.Equal(1, zero.RateNumerator);
        Assert.Equal(1, zero.RateDenominator);
        Assert.Equal(RationalTime.FromSamples(0, 48000), zero);
        Assert.Equal(RationalTime.FromSamples(480, 48000), zero + RationalTime.FromSamples(480, 48000));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(-48000, 1)]
    [InlineData(48000, -1)]
    public void A_rate_that_is_not_positive_is_rejected(int rateNumerator, int rateDenominator)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RationalTime(1, rateNumerator, rateDenominator));
    }

    [Fact]
    public void Rescaling_is_exact_when_the_result_is_whole()
    {
        var oneHour = RationalTime.FromFrames(86400, FrameRate.Fps23976);

        Assert.Equal(172972800, oneHour.RescaledTo(48000, 1).Value);
        Assert.Equal(158918760, oneHour.ToSamples(44100));
        Assert.Equal(90090, oneHour.ToFrames(FrameRate.Fps25));
        Assert.True(oneHour.TryRescaleExactly(192000, 1, out var at192k));
        Assert.Equal(691891200, at192k.Value);
        Assert.Equal(192000, at192k.RateNumerator);
    }

    [Theory]
    [InlineData(MidpointRounding.ToNegativeInfinity, 1839)]
    [InlineData(MidpointRounding.ToPositiveInfinity, 1840)]
    [InlineData(MidpointRounding.ToZero, 1839)]
    [InlineData(MidpointRounding.AwayFromZero, 1839)]
    [InlineData(MidpointRounding.ToEven, 1839)]
    public void Rescaling_between_ticks_follows_the_rounding_rule(MidpointRounding rounding, long expected)
    {
        // One frame at 23.976 = 1839.3375 samples at 44.1 kHz.
        var frame = RationalTime.FromFrames(1, FrameRate.Fps23976);

        Assert.Equal(expected, frame.RescaledTo(44100, 1, rounding).Value);
        Assert.False(frame.TryRescaleExactly(44100, 1, out _));
    }

    [Theory]
    [InlineData(5, MidpointRounding.ToNegativeInfinity, 2)]
    [InlineData(5, MidpointRounding.ToPositiveInfinity, 3)]
    [InlineData(5, MidpointRounding.AwayFromZero, 3)]
    [InlineData(5, MidpointRounding.ToEven, 2)]
    [InlineData(7, MidpointRounding.ToEven, 4)]
    [InlineData(-5, MidpointRounding.ToNegativeInfinity, -3)]
    [InlineData(-5, MidpointRounding.ToPositiveInfinity, -2)]
    [InlineData(-5, MidpointRounding.ToZero, -2)]
    [InlineData(-5, MidpointRounding.AwayFromZero, -3)]
    [InlineData(-5, MidpointRounding.ToEven, -2)]
    [InlineData(-7, MidpointRounding.ToEven, -4)]
    public void Rescaling_handles_halves_and_negative_times(long halfSeconds, MidpointRounding rounding, long expectedSeconds)
    {
        Assert.Equal(expectedSeconds, new RationalTime(halfSeconds, 2).RescaledTo(1, 1, rounding).Value);
    }

    [Fact]
    public void Adding_times_at_different_rates_is_exact()
    {
        var frame = RationalTime.FromFrames(1, FrameRate.Fps23976);
        var sample = RationalTime.FromSamples(1, 48000);

        var sum = frame + sample;

        Assert.Equal(2003, sum.Value);
        Assert.Equal(48000, sum.RateNumerator);
        Assert.Equal(1, sum.RateDenominator);
    }

    [Fact]
    public void Adding_frames_of_24_and_25_uses_their_common_rate()
    {
        var sum = RationalTime.FromFrames(1, FrameRate.Fps24) + RationalTime.FromFrames(1, FrameRate.Fps25);

        Assert.Equal(49, sum.Value);
        Assert.Equal(600, sum.RateNumerator);
        Assert.Equal(new RationalTime(49, 600), sum);
    }

    [Fact]
    public void Thirds_add_up_to_exactly_one_second()
    {
        var third = new RationalTime(1, 3);

        Assert.Equal(RationalTime.FromSeconds(1), third + third + third);
        Assert.Equal(RationalTime.FromSeconds(1), new RationalTime(2, 3) + new RationalTime(1, 3));
    }

    [Fact]
    public void Subtraction_and_negation_are_exact()
    {
        var oneHour = RationalTime.FromFrames(86400, FrameRate.Fps23976);
        var oneHourAt25 = RationalTime.FromFrames(90000, FrameRate.Fps25);

        Assert.Equal(new RationalTime(36, 10), oneHour - oneHourAt25);
        Assert.Equal(new RationalTime(-36, 10), oneHourAt25 - oneHour);
        Assert.Equal(oneHourAt25 - oneHour, -(oneHour - oneHourAt25));
        Assert.Equal(default, oneHour - oneHour);
    }

    [Fact]
    public void Comparison_is_exact_across_rates()
    {
        var second = RationalTime.FromSeconds(1);
        var justAfter = RationalTime.FromSamples(48001, 48000);
        var justBefore = RationalTime.FromSamples(47999, 48000);

        Assert.True(justBefore < second);
        Assert.True(second < justAfter);
        Assert.True(justAfter > justBefore);
        Assert.True(second <= RationalTime.FromFrames(25, FrameRate.Fps25));
        Assert.True(second >= RationalTime.FromFrames(24, FrameRate.Fps24));
        Assert.True(RationalTime.FromSamples(-1, 48000) < default(RationalTime));
        Assert.Equal(justBefore, RationalTime.Min(second, justBefore));
        Assert.Equal(justAfter, RationalTime.Max(second, justAfter));
        Assert.Equal(0, second.CompareTo(RationalTime.FromSamples(96000, 96000)));
    }

    [Fact]
    public void AlmostEquals_is_separate_from_exact_equality()
    {
        var second = RationalTime.FromSeconds(1);
        var oneSampleLater = RationalTime.FromSamples(48001, 48000);

        Assert.False(second.Equals(oneSampleLater));
        Assert.True(second.AlmostEquals(oneSampleLater, 1e-4));
        Assert.True(oneSampleLater.AlmostEquals(second, 1.0 / 48000));
        Assert.False(second.AlmostEquals(oneSampleLater, 1e-5));
        Assert.True(second.AlmostEquals(second, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => second.AlmostEquals(second, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => second.AlmostEquals(second, double.NaN));
    }

    [Fact]
    public void ToSeconds_gives_a_double_for_display()
    {
        Assert.Equal(3603.6, RationalTime.FromFrames(86400, FrameRate.Fps23976).ToSeconds(), 9);
        Assert.Equal(-0.5, new RationalTime(-1, 2).ToSeconds());
    }

    [Fact]
    public void Overflow_is_reported_rather_than_wrapped()
    {
        var huge = new RationalTime(long.MaxValue, 1);

        Assert.Throws<OverflowException>(() => huge + RationalTime.FromSeconds(1));
        Assert.Throws<OverflowException>(() => huge.RescaledTo(48000, 1));
        Assert.Throws<OverflowException>(() => new RationalTime(long.MinValue, 1).Negate());
        Assert.False(huge.TryRescaleExactly(48000, 1, out _));
    }

    [Fact]
    public void ToString_shows_value_and_rate()
    {
        Assert.Equal("86400@24000/1001", RationalTime.FromFrames(86400, FrameRate.Fps23976).ToString());
        Assert.Equal("48000@48000", RationalTime.FromSamples(48000, 48000).ToString());
    }
}
