using Perche.Core.Time;

namespace Perche.Core.Tests.Time;

public class TimeRangeTests
{
    private static readonly FrameRate Rate = FrameRate.Fps24;

    [Fact]
    public void The_end_is_exclusive()
    {
        var range = Frames(0, 48);

        Assert.Equal(At(48), range.EndExclusive);
        Assert.True(range.Contains(At(0)));
        Assert.True(range.Contains(At(47)));
        Assert.False(range.Contains(At(48)));
        Assert.False(range.Contains(At(-1)));
    }

    [Fact]
    public void Contains_a_time_compares_exactly_across_rates()
    {
        var range = Frames(0, 24);

        Assert.True(range.Contains(RationalTime.FromSamples(47999, 48000)));
        Assert.False(range.Contains(RationalTime.FromSamples(48000, 48000)));
    }

    [Fact]
    public void Contains_a_range_needs_it_wholly_inside()
    {
        var range = Frames(10, 20);

        Assert.True(range.Contains(Frames(10, 20)));
        Assert.True(range.Contains(Frames(15, 5)));
        Assert.True(range.Contains(Frames(30, 0)));
        Assert.False(range.Contains(Frames(25, 6)));
        Assert.False(range.Contains(Frames(9, 2)));
    }

    [Fact]
    public void Ranges_that_only_touch_do_not_overlap()
    {
        Assert.False(Frames(0, 10).Overlaps(Frames(10, 10)));
        Assert.False(Frames(10, 10).Overlaps(Frames(0, 10)));
        Assert.True(Frames(0, 11).Overlaps(Frames(10, 10)));
        Assert.True(Frames(0, 100).Overlaps(Frames(10, 10)));
        Assert.Null(Frames(0, 10).Intersect(Frames(10, 10)));
        Assert.Null(Frames(0, 10).Intersect(Frames(20, 10)));
    }

    [Fact]
    public void Intersect_is_the_shared_part()
    {
        Assert.Equal(Frames(10, 5), Frames(0, 15).Intersect(Frames(10, 20)));
        Assert.Equal(Frames(10, 5), Frames(10, 20).Intersect(Frames(0, 15)));
        Assert.Equal(Frames(12, 3), Frames(0, 100).Intersect(Frames(12, 3)));
    }

    [Fact]
    public void Intersect_across_rates_is_exact()
    {
        // Frames 0-24 at 24 fps against samples from 0.5 s on at 48 kHz: the shared half second.
        var samples = new TimeRange(RationalTime.FromSamples(24000, 48000), RationalTime.FromSamples(48000, 48000));

        var shared = Frames(0, 24).Intersect(samples);

        Assert.NotNull(shared);
        Assert.Equal(RationalTime.FromFrames(12, Rate), shared.Value.Start);
        Assert.Equal(new RationalTime(1, 2), shared.Value.Duration);
    }

    [Fact]
    public void ExtendedBy_covers_both_ranges_and_the_gap_between()
    {
        Assert.Equal(Frames(0, 30), Frames(0, 10).ExtendedBy(Frames(20, 10)));
        Assert.Equal(Frames(0, 30), Frames(20, 10).ExtendedBy(Frames(0, 10)));
        Assert.Equal(Frames(0, 100), Frames(0, 100).ExtendedBy(Frames(10, 10)));
    }

    [Fact]
    public void A_negative_duration_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimeRange(At(0), At(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeRange.FromStartEndExclusive(At(10), At(9)));
    }

    [Fact]
    public void FromStartEndExclusive_gives_the_duration()
    {
        var range = TimeRange.FromStartEndExclusive(At(86400), At(86400 + 48));

        Assert.Equal(At(48), range.Duration);
        Assert.Equal(At(86400), range.Start);
    }

    [Fact]
    public void An_empty_range_contains_nothing()
    {
        var empty = Frames(5, 0);

        Assert.True(empty.IsEmpty);
        Assert.False(empty.Contains(At(5)));
        Assert.True(default(TimeRange).IsEmpty);
        Assert.False(Frames(5, 1).IsEmpty);
    }

    [Fact]
    public void Equality_is_exact_and_AlmostEquals_is_tolerant()
    {
        var frames = Frames(24, 48);
        var samples = new TimeRange(RationalTime.FromSamples(48000, 48000), RationalTime.FromSamples(96000, 48000));
        var nudged = new TimeRange(RationalTime.FromSamples(48001, 48000), RationalTime.FromSamples(96000, 48000));

        Assert.Equal(frames, samples);
        Assert.True(frames == samples);
        Assert.Equal(frames.GetHashCode(), samples.GetHashCode());
        Assert.True(frames != nudged);
        Assert.True(frames.AlmostEquals(nudged, 1e-4));
        Assert.False(frames.AlmostEquals(nudged, 1e-6));
    }

    [Fact]
    public void ToString_shows_the_half_open_interval()
    {
        Assert.Equal("[24@24, 72@24)", Frames(24, 48).ToString());
    }

    private static RationalTime At(long frame) => RationalTime.FromFrames(frame, Rate);

    private static TimeRange Frames(long startFrame, long durationFrames) => new(At(startFrame), At(durationFrames));
}
