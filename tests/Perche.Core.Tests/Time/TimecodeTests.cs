using Perche.Core.Time;

namespace Perche.Core.Tests.Time;

public class TimecodeTests
{
    [Theory]
    [InlineData("25", "01:00:00:00", 90000)]
    [InlineData("24", "01:00:00:00", 86400)]
    [InlineData("23.976", "01:00:00:00", 86400)]
    [InlineData("29.97 NDF", "01:00:00:00", 108000)]
    [InlineData("29.97 DF", "00:00:59;29", 1799)]
    [InlineData("29.97 DF", "00:01:00;02", 1800)]
    [InlineData("29.97 DF", "00:09:59;29", 17981)]
    [InlineData("29.97 DF", "00:10:00;00", 17982)]
    [InlineData("29.97 DF", "00:10:00;01", 17983)]
    [InlineData("29.97 DF", "00:11:00;02", 17982 + 1800)]
    [InlineData("29.97 DF", "01:00:00;00", 107892)]
    [InlineData("29.97 DF", "10:00:00;00", 1078920)]
    [InlineData("29.97 DF", "23:59:59;29", 2589407)]
    [InlineData("59.94 DF", "00:00:59;59", 3599)]
    [InlineData("59.94 DF", "00:01:00;04", 3600)]
    [InlineData("59.94 DF", "00:10:00;00", 35964)]
    [InlineData("59.94 DF", "01:00:00;00", 215784)]
    [InlineData("59.94 DF", "23:59:59;59", 5178815)]
    [InlineData("59.94 NDF", "01:00:00:00", 216000)]
    [InlineData("50", "23:59:59:49", 4319999)]
    public void Label_and_frame_count_agree_with_known_values(string rateText, string label, int totalFrames)
    {
        var rate = FrameRate.Parse(rateText);

        var parsed = Timecode.Parse(label, rate);

        Assert.Equal(totalFrames, parsed.TotalFrames);
        Assert.Equal(label, Timecode.FromFrames(totalFrames, rate).ToString());
    }

    [Fact]
    public void Drop_frame_skips_two_numbers_at_a_minute_but_not_at_ten_minutes()
    {
        var df = FrameRate.Fps2997Df;

        Assert.Equal("00:01:00;02", (Timecode.Parse("00:00:59;29", df) + 1).ToString());
        Assert.Equal("00:10:00;00", (Timecode.Parse("00:09:59;29", df) + 1).ToString());
        Assert.Equal("00:00:59;29", (Timecode.Parse("00:01:00;02", df) - 1).ToString());
        Assert.Equal("00:09:59;29", (Timecode.Parse("00:10:00;00", df) - 1).ToString());
        Assert.Equal("01:01:00;02", (Timecode.Parse("01:00:59;29", df) + 1).ToString());
        Assert.Equal("01:10:00;00", (Timecode.Parse("01:09:59;29", df) + 1).ToString());
    }

    [Fact]
    public void Drop_frame_at_59_94_skips_four_numbers()
    {
        var df = FrameRate.Fps5994Df;

        Assert.Equal("00:01:00;04", (Timecode.Parse("00:00:59;59", df) + 1).ToString());
        Assert.Equal("00:10:00;00", (Timecode.Parse("00:09:59;59", df) + 1).ToString());
        Assert.Equal("00:00:59;59", (Timecode.Parse("00:01:00;04", df) - 1).ToString());
    }

    [Fact]
    public void One_hour_of_drop_frame_labels_is_3_6_frames_short_of_real_time_per_1000_seconds()
    {
        // 01:00:00;00 DF is 107892 frames = 107892 × 1001 / 30000 s = 3599.9964 s: within 4 ms of the label.
        var oneHour = Timecode.Parse("01:00:00;00", FrameRate.Fps2997Df).ToRationalTime();

        Assert.Equal(new RationalTime(107892L * 1001, 30000), oneHour);
        Assert.True(oneHour.AlmostEquals(RationalTime.FromSeconds(3600), 0.004));
        Assert.False(oneHour.AlmostEquals(RationalTime.FromSeconds(3600), 0.003));
    }

    [Theory]
    [InlineData("29.97 DF", "00:01:00;00")]
    [InlineData("29.97 DF", "00:01:00;01")]
    [InlineData("29.97 DF", "12:59:00;01")]
    [InlineData("59.94 DF", "00:01:00;00")]
    [InlineData("59.94 DF", "00:01:00;03")]
    [InlineData("59.94 DF", "23:09:00;02")]
    public void Parse_rejects_labels_drop_frame_skips(string rateText, string label)
    {
        var rate = FrameRate.Parse(rateText);

        var error = Assert.Throws<PercheFormatException>(() => Timecode.Parse(label, rate));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains(label, error.Message, StringComparison.Ordinal);
        Assert.False(Timecode.TryParse(label, rate, out _));
    }

    [Theory]
    [InlineData("29.97 DF", 0, 1, 0)]
    [InlineData("29.97 DF", 0, 1, 1)]
    [InlineData("59.94 DF", 23, 59, 3)]
    public void Constructor_rejects_labels_drop_frame_skips(string rateText, int hours, int minutes, int frames)
    {
        var error = Assert.Throws<ArgumentException>(() => new Timecode(hours, minutes, 0, frames, FrameRate.Parse(rateText)));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("29.97 DF", "00:10:00;00")]
    [InlineData("29.97 DF", "00:20:00;01")]
    [InlineData("29.97 DF", "00:01:00;02")]
    [InlineData("29.97 DF", "00:01:01;00")]
    [InlineData("59.94 DF", "00:30:00;00")]
    [InlineData("59.94 DF", "00:01:00;04")]
    public void Parse_accepts_the_drop_frame_labels_that_exist(string rateText, string label)
    {
        var rate = FrameRate.Parse(rateText);

        Assert.Equal(label, Timecode.Parse(label, rate).ToString());
    }

    [Theory]
    [InlineData("01:00:00;00")]
    [InlineData("01:00:00.00")]
    [InlineData("01:00:00,00")]
    [InlineData("01:00:00:00")]
    [InlineData("01;00;00;00")]
    [InlineData(" 01:00:00;00 ")]
    public void Parse_accepts_every_drop_frame_separator_when_the_rate_is_drop_frame(string label)
    {
        Assert.Equal(107892, Timecode.Parse(label, FrameRate.Fps2997Df).TotalFrames);
    }

    [Theory]
    [InlineData("25", "01:00:00;00")]
    [InlineData("29.97 NDF", "01:00:00;00")]
    [InlineData("23.976", "01:00:00.00")]
    [InlineData("24", "01:00:00,00")]
    [InlineData("25", "24:00:00:00")]
    [InlineData("25", "00:60:00:00")]
    [InlineData("25", "00:00:60:00")]
    [InlineData("25", "00:00:00:25")]
    [InlineData("24", "00:00:00:24")]
    [InlineData("23.976", "00:00:00:24")]
    [InlineData("29.97 DF", "00:00:00;30")]
    [InlineData("25", "1:00:00:00")]
    [InlineData("25", "01:00:00")]
    [InlineData("25", "01:00:00:000")]
    [InlineData("25", "01:00:00:0")]
    [InlineData("25", "ab:cd:ef:gh")]
    [InlineData("25", "01-00-00-00")]
    [InlineData("25", "01:00:00:+1")]
    [InlineData("25", "")]
    [InlineData("25", "   ")]
    public void Parse_rejects_text_that_is_not_a_label_at_the_rate(string rateText, string label)
    {
        var rate = FrameRate.Parse(rateText);

        Assert.False(Timecode.TryParse(label, rate, out _));
        var error = Assert.Throws<PercheFormatException>(() => Timecode.Parse(label, rate));
        Assert.Equal("timecode", error.InputName);
        Assert.Contains(label, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_explains_a_drop_frame_separator_at_a_non_drop_rate()
    {
        var error = Assert.Throws<PercheFormatException>(() => Timecode.Parse("01:00:00;00", FrameRate.Fps25));

        Assert.Contains("non-drop", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_of_null_is_false()
    {
        Assert.False(Timecode.TryParse((string?)null, FrameRate.Fps25, out _));
    }

    [Fact]
    public void Label_fields_are_read_from_the_frame_count()
    {
        var timecode = Timecode.FromFrames(1078920 + 1800 + 5, FrameRate.Fps2997Df);

        Assert.Equal(10, timecode.Hours);
        Assert.Equal(1, timecode.Minutes);
        Assert.Equal(0, timecode.Seconds);
        Assert.Equal(7, timecode.Frames);
        var (hours, minutes, seconds, frames) = timecode;
        Assert.Equal((10, 1, 0, 7), (hours, minutes, seconds, frames));
        Assert.True(timecode.IsDropFrame);
        Assert.Equal(FrameRate.Fps2997Df, timecode.Rate);
    }

    [Fact]
    public void Constructor_builds_from_label_fields_and_rejects_out_of_range_fields()
    {
        Assert.Equal(90000 + 1500 + 75 + 3, new Timecode(1, 1, 3, 3, FrameRate.Fps25).TotalFrames);
        Assert.Throws<ArgumentException>(() => new Timecode(24, 0, 0, 0, FrameRate.Fps25));
        Assert.Throws<ArgumentException>(() => new Timecode(0, 60, 0, 0, FrameRate.Fps25));
        Assert.Throws<ArgumentException>(() => new Timecode(0, 0, 60, 0, FrameRate.Fps25));
        Assert.Throws<ArgumentException>(() => new Timecode(0, 0, 0, 25, FrameRate.Fps25));
        Assert.Throws<ArgumentException>(() => new Timecode(0, 0, 0, -1, FrameRate.Fps25));
        Assert.Throws<ArgumentException>(() => new Timecode(0, 0, 0, 0, default));
        Assert.True(Timecode.TryFromLabel(0, 1, 0, 2, FrameRate.Fps2997Df, out var exists));
        Assert.Equal(1800, exists.TotalFrames);
        Assert.False(Timecode.TryFromLabel(0, 1, 0, 1, FrameRate.Fps2997Df, out _));
    }

    [Fact]
    public void Adding_past_midnight_wraps_to_the_start_of_the_day()
    {
        var last = Timecode.Parse("23:59:59:24", FrameRate.Fps25);

        var next = last + 1;

        Assert.Equal("00:00:00:00", next.ToString());
        Assert.Equal(0, next.TotalFrames);
        Assert.Equal("23:59:59:24", (next - 1).ToString());
        Assert.Equal("00:00:00;00", (Timecode.Parse("23:59:59;29", FrameRate.Fps2997Df) + 1).ToString());
        Assert.Equal("23:59:59;59", (Timecode.FromFrames(0, FrameRate.Fps5994Df) - 1).ToString());
    }

    [Fact]
    public void Frame_counts_outside_a_day_wrap_both_ways()
    {
        var rate = FrameRate.Fps25;

        Assert.Equal("23:59:59:24", Timecode.FromFrames(-1, rate).ToString());
        Assert.Equal("00:00:00:00", Timecode.FromFrames(rate.FramesPerDay, rate).ToString());
        Assert.Equal("00:00:00:05", Timecode.FromFrames((3L * rate.FramesPerDay) + 5, rate).ToString());
        Assert.Equal("23:59:59:20", Timecode.FromFrames((-3L * rate.FramesPerDay) - 5, rate).ToString());
        Assert.Equal("00:00:00:10", Timecode.FromFrames(5, rate).AddFrames(rate.FramesPerDay + 5L).ToString());
        Assert.Equal("23:59:59:24", Timecode.FromFrames(5, rate).AddFrames(-6).ToString());

        // The extremes of long still wrap exactly (the sum is taken in 128 bits): values from modular arithmetic.
        Assert.Equal(2104197, Timecode.FromFrames(5, rate).AddFrames(long.MinValue).TotalFrames);
        Assert.Equal(55812, Timecode.FromFrames(5, rate).AddFrames(long.MaxValue).TotalFrames);
    }

    [Fact]
    public void Increment_and_decrement_step_one_frame()
    {
        var timecode = Timecode.Parse("00:00:59;29", FrameRate.Fps2997Df);

        timecode++;
        Assert.Equal("00:01:00;02", timecode.ToString());
        timecode--;
        Assert.Equal("00:00:59;29", timecode.ToString());
    }

    [Fact]
    public void Timecodes_add_and_subtract_as_durations_and_wrap()
    {
        var rate = FrameRate.Fps25;
        var start = Timecode.Parse("23:59:50:00", rate);
        var duration = Timecode.Parse("00:00:20:10", rate);

        Assert.Equal("00:00:10:10", (start + duration).ToString());
        Assert.Equal("23:59:29:15", (start - duration).ToString());
        Assert.Equal("23:59:50:00", (start + duration - duration).ToString());
        Assert.Equal("23:59:59:24", (Timecode.FromFrames(0, rate) - Timecode.FromFrames(1, rate)).ToString());
    }

    [Fact]
    public void Differences_are_signed_within_the_day_and_forward_across_midnight()
    {
        var rate = FrameRate.Fps25;
        var before = Timecode.Parse("23:59:50:00", rate);
        var after = Timecode.Parse("00:00:10:00", rate);

        Assert.Equal(500, before.ForwardFramesTo(after));
        Assert.Equal(rate.FramesPerDay - 500, after.ForwardFramesTo(before));
        Assert.Equal(0, after.ForwardFramesTo(after));
        Assert.Equal(-(rate.FramesPerDay - 500), after.DifferenceInFrames(before));
        Assert.Equal(rate.FramesPerDay - 500, before.DifferenceInFrames(after));
        Assert.Equal(2, Timecode.Parse("00:01:00;02", FrameRate.Fps2997Df).DifferenceInFrames(Timecode.Parse("00:00:59;28", FrameRate.Fps2997Df)));
    }

    [Fact]
    public void Comparison_orders_by_frame_within_the_day()
    {
        var rate = FrameRate.Fps2997Df;
        var early = Timecode.Parse("00:00:59;29", rate);
        var late = Timecode.Parse("00:01:00;02", rate);

        Assert.True(early < late);
        Assert.True(late > early);
        Assert.True(early <= Timecode.FromFrames(1799, rate));
        Assert.True(late >= early);
        Assert.False(early > late);
        Assert.True(early != late);
        Assert.True(early == Timecode.FromFrames(1799, rate));
        Assert.Equal(-1, early.CompareTo(late));
        Assert.Equal(early.GetHashCode(), Timecode.FromFrames(1799, rate).GetHashCode());
    }

    [Fact]
    public void Timecodes_at_different_rates_are_not_equal_and_cannot_be_ordered_or_combined()
    {
        var df = Timecode.FromFrames(1000, FrameRate.Fps2997Df);
        var ndf = Timecode.FromFrames(1000, FrameRate.Fps2997Ndf);

        Assert.NotEqual(df, ndf);
        Assert.False(df.Equals((object)ndf));
        Assert.Throws<ArgumentException>(() => df < ndf);
        Assert.Throws<ArgumentException>(() => df.CompareTo(ndf));
        Assert.Throws<ArgumentException>(() => df + ndf);
        Assert.Throws<ArgumentException>(() => df.DifferenceInFrames(ndf));
        Assert.Throws<ArgumentException>(() => df.ForwardFramesTo(ndf));
    }

    [Fact]
    public void TryFormat_writes_without_allocating_and_refuses_a_short_buffer()
    {
        var timecode = Timecode.Parse("10:00:00;00", FrameRate.Fps2997Df);
        Span<char> buffer = stackalloc char[16];

        Assert.True(timecode.TryFormat(buffer, out var written));
        Assert.Equal("10:00:00;00", buffer[..written].ToString());
        Assert.False(timecode.TryFormat(buffer[..10], out written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void Rates_above_100_fps_use_three_frame_digits()
    {
        var rate = new FrameRate(120, 1);
        var timecode = Timecode.Parse("00:00:01:119", rate);

        Assert.Equal(239, timecode.TotalFrames);
        Assert.Equal("00:00:01:119", timecode.ToString());
        Assert.Equal("00:00:00:005", Timecode.FromFrames(5, rate).ToString());
        Assert.Equal(5, Timecode.Parse("00:00:00:05", rate).TotalFrames);
        Assert.Throws<PercheFormatException>(() => Timecode.Parse("00:00:00:120", rate));
        Assert.Throws<PercheFormatException>(() => Timecode.Parse("00:00:00:005", FrameRate.Fps60));
    }

    [Fact]
    public void Default_timecode_has_no_label()
    {
        Assert.Equal("(no timecode)", default(Timecode).ToString());
        Assert.Throws<InvalidOperationException>(() => default(Timecode).Hours);
    }
}
