using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using Perche.Core;
using Perche.Core.Formats.Wav;
using Perche.Core.Time;
using Perche.Reliability.Tests.Support;

namespace Perche.Reliability.Tests.Corruption;

/// <summary>Timecodes past 24 hours, out-of-range fields, and recorder time stamps past midnight.</summary>
public sealed class TimecodeBoundaryTests
{
    [Fact]
    public void Labels_past_24_hours_are_refused_at_every_standard_rate()
    {
        var property = Prop.ForAll(
            Gen.Choose(24, 99).ToArbitrary(),
            Gen.Choose(0, 59).ToArbitrary(),
            Gen.Elements(FrameRate.Standard.ToArray()).ToArbitrary(),
            (hours, minutes, rate) =>
            {
                var label = $"{hours:D2}:{minutes:D2}:00{(rate.IsDropFrame ? ';' : ':')}00";
                var ex = Assert.Throws<PercheFormatException>(() => Timecode.Parse(label, rate));
                Assert.Contains(label, ex.Message, StringComparison.Ordinal);
                Assert.False(Timecode.TryParse(label, rate, out _));
            });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void Out_of_range_minutes_seconds_and_frames_are_refused()
    {
        var labels = from h in Gen.Choose(0, 23)
                     from m in Gen.Choose(0, 99)
                     from sec in Gen.Choose(0, 99)
                     from f in Gen.Choose(0, 99)
                     select (h, m, sec, f);
        var property = Prop.ForAll(
            labels.ToArbitrary(),
            Gen.Elements(FrameRate.Standard.ToArray()).ToArbitrary(),
            (fields, rate) =>
            {
                var (h, m, s, f) = fields;
                var label = $"{h:D2}:{m:D2}:{s:D2}{(rate.IsDropFrame ? ';' : ':')}{f:D2}";
                var valid = m < 60 && s < 60 && f < rate.TimecodeBase
                    && !(rate.IsDropFrame && s == 0 && m % 10 != 0 && f < rate.DroppedFramesPerMinute);
                Assert.Equal(valid, Timecode.TryParse(label, rate, out var tc));
                if (valid)
                {
                    Assert.Equal(label, tc.ToString());
                }
            });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }

    [Fact]
    public void A_bext_time_reference_past_midnight_wraps_like_the_clock()
    {
        // 24 h + 1 s at 48 kHz and 25 fps is 00:00:01:00 the next day; the largest value must not overflow.
        Assert.Equal("00:00:01:00", StartWith((48000UL * 86400) + 48000));
        Assert.NotNull(StartWith(ulong.MaxValue));
        Assert.NotNull(StartWith(1UL << 63));
    }

    [Fact]
    public void A_very_long_timecode_line_is_refused_quickly()
    {
        var input = System.Text.Encoding.ASCII.GetBytes("25\n" + new string('1', 1 << 20) + "\n" + string.Concat(Enumerable.Repeat("00:", 100_000)));
        var result = ReaderAssert.Reads("timecode", input, "1 MB line");
        Assert.True(result.ElapsedSeconds < 10, $"{result.ElapsedSeconds} s");
        ReaderAssert.ClearError("timecode", System.Text.Encoding.ASCII.GetBytes(new string('9', 1 << 20)), "1 MB rate");
    }

    private static string? StartWith(ulong timeReference)
    {
        var bext = new byte[BroadcastExtension.FixedSize];
        BinaryPrimitives.WriteUInt64LittleEndian(bext.AsSpan(338), timeReference);
        var bytes = new RiffBuilder().Add("bext", bext).Add("fmt ", RiffBuilder.FmtPcm16Mono48k()).Add("data", new byte[200]).ToRiff();
        var info = WavReader.ReadInfo(new MemoryStream(bytes), "tr.wav");
        return WavTimecode.StartOf(info, FrameRate.Fps25)?.ToString();
    }
}
