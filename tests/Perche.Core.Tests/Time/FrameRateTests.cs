using Perche.Core.Time;

namespace Perche.Core.Tests.Time;

public class FrameRateTests
{
    [Theory]
    [InlineData("23.976", 24000, 1001, false)]
    [InlineData("23.98", 24000, 1001, false)]
    [InlineData("23.97", 24000, 1001, false)]
    [InlineData("23.976023976", 24000, 1001, false)]
    [InlineData("24", 24, 1, false)]
    [InlineData("25", 25, 1, false)]
    [InlineData("29.97", 30000, 1001, false)]
    [InlineData("29.97DF", 30000, 1001, true)]
    [InlineData("29.97 DF", 30000, 1001, true)]
    [InlineData("29.97df", 30000, 1001, true)]
    [InlineData("29.97NDF", 30000, 1001, false)]
    [InlineData("29.97 NDF", 30000, 1001, false)]
    [InlineData("2997DF", 30000, 1001, true)]
    [InlineData("2997", 30000, 1001, false)]
    [InlineData("23976", 24000, 1001, false)]
    [InlineData("5994DF", 60000, 1001, true)]
    [InlineData("30", 30, 1, false)]
    [InlineData("47.952", 48000, 1001, false)]
    [InlineData("48", 48, 1, false)]
    [InlineData("50", 50, 1, false)]
    [InlineData("59.94DF", 60000, 1001, true)]
    [InlineData("59.94", 60000, 1001, false)]
    [InlineData("60", 60, 1, false)]
    [InlineData("24000/1001", 24000, 1001, false)]
    [InlineData("30000/1001 DF", 30000, 1001, true)]
    [InlineData("60000/1001DF", 60000, 1001, true)]
    [InlineData("25/1", 25, 1, false)]
    [InlineData("48000/2002", 24000, 1001, false)]
    [InlineData("023.976-ND", 24000, 1001, false)]
    [InlineData("023.976-NDF", 24000, 1001, false)]
    [InlineData("23.976ND", 24000, 1001, false)]
    [InlineData("25.000ND", 25, 1, false)]
    [InlineData("029.970-DF", 30000, 1001, true)]
    [InlineData("029.970-ND", 30000, 1001, false)]
    [InlineData("030.000-ND", 30, 1, false)]
    [InlineData("059.940-DF", 60000, 1001, true)]
    [InlineData("  25  ", 25, 1, false)]
    [InlineData("119.88", 120000, 1001, false)]
    [InlineData("120", 120, 1, false)]
    [InlineData("23.976 fps", 24000, 1001, false)]
    [InlineData("25FPS", 25, 1, false)]
    [InlineData("29.97fps DF", 30000, 1001, true)]
    [InlineData("29.97 DF fps", 30000, 1001, true)]
    public void Parse_reads_every_common_spelling(string text, int numerator, int denominator, bool isDropFrame)
    {
        var rate = FrameRate.Parse(text);

        Assert.Equal(numerator, rate.Numerator);
        Assert.Equal(denominator, rate.Denominator);
        Assert.Equal(isDropFrame, rate.IsDropFrame);
        Assert.True(FrameRate.TryParse(text, out var tried));
        Assert.Equal(rate, tried);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("fps")]
    [InlineData("fps 25")]
    [InlineData("DF")]
    [InlineData("23.9")]
    [InlineData("23.96")]
    [InlineData("23.99")]
    [InlineData("23.")]
    [InlineData(".976")]
    [InlineData("23.97.6")]
    [InlineData("12.5")]
    [InlineData("0")]
    [InlineData("-24")]
    [InlineData("121")]
    [InlineData("24/0")]
    [InlineData("0/1")]
    [InlineData("/1001")]
    [InlineData("24000/")]
    [InlineData("25/2")]
    [InlineData("30DF")]
    [InlineData("30 DF")]
    [InlineData("030.000-DF")]
    [InlineData("23.976DF")]
    [InlineData("25DF")]
    [InlineData("29.97 XX")]
    [InlineData("29.97 DF NDF")]
    [InlineData("2400")]
    [InlineData("11988")]
    [InlineData("99999999999999999999")]
    public void Parse_rejects_text_that_is_not_a_timecode_rate(string text)
    {
        Assert.False(FrameRate.TryParse(text, out var rate));
        Assert.False(rate.IsValid);
        var error = Assert.Throws<PercheFormatException>(() => FrameRate.Parse(text));
        Assert.Equal("frame rate", error.InputName);
        Assert.Contains(text.Trim(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_explains_that_30_fps_cannot_drop_frames()
    {
        var error = Assert.Throws<PercheFormatException>(() => FrameRate.Parse("30DF"));

        Assert.Contains("29.97 and 59.94", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("100000/1001", "100000/1001")] // 99.9 would read back as 999/10 (found by the fuzzer)
    [InlineData("24000/1001", "23.976")]
    [InlineData("120000/1001", "119.88")]
    public void Every_rate_prints_as_text_that_parses_back_to_it(string text, string printed)
    {
        var rate = FrameRate.Parse(text);
        Assert.Equal(printed, rate.ToString());
        Assert.Equal(rate, FrameRate.Parse(rate.ToString()));
    }

    [Fact]
    public void TryParse_of_null_is_false()
    {
        Assert.False(FrameRate.TryParse((string?)null, out _));
        Assert.False(FrameRate.TryParse(null, "DF", out _));
    }

    [Theory]
    [InlineData("24000/1001", "NDF", 24000, 1001, false)]
    [InlineData("30000/1001", "DF", 30000, 1001, true)]
    [InlineData("30000/1001", "NDF", 30000, 1001, false)]
    [InlineData("30000/1001", "", 30000, 1001, false)]
    [InlineData("30000/1001", null, 30000, 1001, false)]
    [InlineData("60000/1001", " df ", 60000, 1001, true)]
    [InlineData("25/1", "NDF", 25, 1, false)]
    [InlineData("29.97DF", "DF", 30000, 1001, true)]
    [InlineData("29.97DF", "", 30000, 1001, true)]
    public void Parse_reads_the_ixml_rate_and_flag_pair(string rateText, string? flag, int numerator, int denominator, bool isDropFrame)
    {
        var rate = FrameRate.Parse(rateText, flag);

        Assert.Equal(new FrameRate(numerator, denominator, isDropFrame), rate);
        Assert.True(FrameRate.TryParse(rateText, flag, out var tried));
        Assert.Equal(rate, tried);
    }

    [Theory]
    [InlineData("25/1", "DF")]
    [InlineData("24000/1001", "DF")]
    [InlineData("30000/1001", "DROP")]
    [InlineData("29.97DF", "NDF")]
    [InlineData("29.97NDF", "DF")]
    [InlineData("bad", "NDF")]
    public void Parse_rejects_an_ixml_pair_that_is_malformed_or_contradictory(string rateText, string flag)
    {
        Assert.False(FrameRate.TryParse(rateText, flag, out _));
        Assert.Throws<PercheFormatException>(() => FrameRate.Parse(rateText, flag));
    }

    [Fact]
    public void ToString_prints_what_engineers_write()
    {
        Assert.Equal("23.976", FrameRate.Fps23976.ToString());
        Assert.Equal("24", FrameRate.Fps24.ToString());
        Assert.Equal("25", FrameRate.Fps25.ToString());
        Assert.Equal("29.97 DF", FrameRate.Fps2997Df.ToString());
        Assert.Equal("29.97 NDF", FrameRate.Fps2997Ndf.ToString());
        Assert.Equal("30", FrameRate.Fps30.ToString());
        Assert.Equal("47.952", FrameRate.Fps47952.ToString());
        Assert.Equal("48", FrameRate.Fps48.ToString());
        Assert.Equal("50", FrameRate.Fps50.ToString());
        Assert.Equal("59.94 DF", FrameRate.Fps5994Df.ToString());
        Assert.Equal("59.94 NDF", FrameRate.Fps5994Ndf.ToString());
        Assert.Equal("60", FrameRate.Fps60.ToString());
        Assert.Equal("119.88", new FrameRate(120000, 1001).ToString());
        Assert.Equal("(no frame rate)", default(FrameRate).ToString());
    }

    [Fact]
    public void ToRationalString_prints_the_ixml_fraction()
    {
        Assert.Equal("24000/1001", FrameRate.Fps23976.ToRationalString());
        Assert.Equal("30000/1001", FrameRate.Fps2997Df.ToRationalString());
        Assert.Equal("25/1", FrameRate.Fps25.ToRationalString());
    }

    [Theory]
    [MemberData(nameof(StandardRates.All), MemberType = typeof(StandardRates))]
    public void ToString_parses_back_to_the_same_rate(string text)
    {
        var rate = FrameRate.Parse(text);

        Assert.Equal(text, rate.ToString());
        Assert.Equal(rate, FrameRate.Parse(rate.ToString()));
        Assert.Equal(rate, FrameRate.Parse(rate.ToRationalString(), rate.IsDropFrame ? "DF" : "NDF"));
    }

    [Fact]
    public void Standard_lists_the_twelve_production_rates_in_order()
    {
        Assert.Equal(
            [
                FrameRate.Fps23976, FrameRate.Fps24, FrameRate.Fps25, FrameRate.Fps2997Df, FrameRate.Fps2997Ndf, FrameRate.Fps30,
                FrameRate.Fps47952, FrameRate.Fps48, FrameRate.Fps50, FrameRate.Fps5994Df, FrameRate.Fps5994Ndf, FrameRate.Fps60,
            ],
            FrameRate.Standard);
    }

    [Fact]
    public void Standard_cannot_be_changed_by_a_caller()
    {
        Assert.False(FrameRate.Standard is FrameRate[]);
        Assert.Equal(FrameRate.Fps23976, FrameRate.Standard[0]);
    }

    [Theory]
    [InlineData("23.976", 24, 0, 2073600)]
    [InlineData("24", 24, 0, 2073600)]
    [InlineData("25", 25, 0, 2160000)]
    [InlineData("29.97 DF", 30, 2, 2589408)]
    [InlineData("29.97 NDF", 30, 0, 2592000)]
    [InlineData("30", 30, 0, 2592000)]
    [InlineData("47.952", 48, 0, 4147200)]
    [InlineData("48", 48, 0, 4147200)]
    [InlineData("50", 50, 0, 4320000)]
    [InlineData("59.94 DF", 60, 4, 5178816)]
    [InlineData("59.94 NDF", 60, 0, 5184000)]
    [InlineData("60", 60, 0, 5184000)]
    public void Timecode_base_dropped_frames_and_frames_per_day_follow_SMPTE_12(string text, int timecodeBase, int dropped, int framesPerDay)
    {
        var rate = FrameRate.Parse(text);

        Assert.Equal(timecodeBase, rate.TimecodeBase);
        Assert.Equal(dropped, rate.DroppedFramesPerMinute);
        Assert.Equal(framesPerDay, rate.FramesPerDay);
    }

    [Fact]
    public void Constructor_reduces_the_fraction()
    {
        Assert.Equal(FrameRate.Fps23976, new FrameRate(48000, 2002));
        Assert.Equal(FrameRate.Fps25, new FrameRate(2500, 100));
        Assert.Equal(FrameRate.Fps2997Df, new FrameRate(60000, 2002, isDropFrame: true));
    }

    [Theory]
    [InlineData(30, 1, true)]
    [InlineData(24000, 1001, true)]
    [InlineData(25, 1, true)]
    [InlineData(60, 1, true)]
    [InlineData(25, 2, false)]
    [InlineData(24000, 1002, false)]
    [InlineData(121, 1, false)]
    [InlineData(0, 1, false)]
    [InlineData(24, 0, false)]
    [InlineData(-24, 1, false)]
    public void Constructor_rejects_rates_timecode_cannot_label(int numerator, int denominator, bool isDropFrame)
    {
        Assert.Throws<ArgumentException>(() => new FrameRate(numerator, denominator, isDropFrame));
        Assert.False(FrameRate.TryCreate(numerator, denominator, isDropFrame, out _));
    }

    [Fact]
    public void Drop_frame_and_non_drop_of_the_same_rate_differ()
    {
        Assert.NotEqual(FrameRate.Fps2997Df, FrameRate.Fps2997Ndf);
        Assert.True(FrameRate.Fps2997Df != FrameRate.Fps2997Ndf);
        Assert.True(FrameRate.Fps2997Ndf == new FrameRate(30000, 1001));
        Assert.Equal(FrameRate.Fps2997Ndf.GetHashCode(), new FrameRate(30000, 1001).GetHashCode());
    }

    [Fact]
    public void Ntsc_rates_are_flagged_and_their_frame_lasts_1001_over_24000_seconds()
    {
        Assert.True(FrameRate.Fps23976.IsNtsc);
        Assert.False(FrameRate.Fps24.IsNtsc);
        Assert.Equal(new RationalTime(1001, 24000), FrameRate.Fps23976.FrameDuration);
        Assert.Equal(new RationalTime(1, 25), FrameRate.Fps25.FrameDuration);
    }

    [Fact]
    public void Default_is_not_a_rate_and_is_refused_where_a_rate_is_needed()
    {
        Assert.False(default(FrameRate).IsValid);
        Assert.True(FrameRate.Fps25.IsValid);
        Assert.Throws<ArgumentException>(() => Timecode.FromFrames(0, default));
        Assert.Throws<ArgumentException>(() => Timecode.Parse("00:00:00:00", default));
    }
}
