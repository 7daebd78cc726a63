using Perche.Core.Time;

namespace Perche.Core.Tests.Time;

public class TimecodeSampleTests
{
    // bext TimeReference values and the start timecodes the recorders' own tools print for them
    // (Sound Devices 702T at 23.976 ND, Metacorder and Zoom F8 at 25 ND; all 48 kHz).
    [Theory]
    [InlineData(2190940753L, "23.976", "12:39:59:00")]
    [InlineData(2191180996L, "23.976", "12:40:04:00")]
    [InlineData(2191661476L, "23.976", "12:40:14:00")]
    [InlineData(2191709524L, "23.976", "12:40:15:00")]
    [InlineData(2350375830L, "25", "13:36:06:04")]
    [InlineData(2354414956L, "25", "13:37:30:07")]
    [InlineData(3917280000L, "25", "22:40:10:00")]
    public void Bext_time_reference_gives_the_recorder_start_timecode(long timeReferenceSamples, string rateText, string expected)
    {
        var timecode = Timecode.FromSamples(timeReferenceSamples, 48000, FrameRate.Parse(rateText));

        Assert.Equal(expected, timecode.ToString());
    }

    [Fact]
    public void At_23_976_a_labelled_second_lasts_1_001_real_seconds()
    {
        // 2190940753 samples = 45644.6 s of real time, yet labels say 12:39:59 = 45599 labelled seconds:
        // frames = floor(samples × 24000 / (1001 × 48000)) = 1094376, counted at 24 per labelled second.
        var timecode = Timecode.FromSamples(2190940753L, 48000, FrameRate.Fps23976);

        Assert.Equal(1094376, timecode.TotalFrames);
        Assert.Equal(45599 * 24, timecode.TotalFrames);
    }

    [Theory]
    [InlineData("23.976", "01:00:00:00", 44100, 158918760L)]
    [InlineData("23.976", "01:00:00:00", 48000, 172972800L)]
    [InlineData("23.976", "01:00:00:00", 96000, 345945600L)]
    [InlineData("23.976", "01:00:00:00", 192000, 691891200L)]
    [InlineData("25", "01:00:00:00", 44100, 158760000L)]
    [InlineData("25", "01:00:00:00", 48000, 172800000L)]
    [InlineData("25", "01:00:00:00", 96000, 345600000L)]
    [InlineData("25", "01:00:00:00", 192000, 691200000L)]
    [InlineData("29.97 DF", "01:00:00;00", 44100, 158759841L)]
    [InlineData("29.97 DF", "01:00:00;00", 48000, 172799827L)]
    [InlineData("29.97 DF", "01:00:00;00", 96000, 345599654L)]
    [InlineData("29.97 DF", "01:00:00;00", 192000, 691199308L)]
    [InlineData("59.94 DF", "01:00:00;00", 48000, 172799827L)]
    [InlineData("23.976", "00:00:00:01", 44100, 1839L)]
    [InlineData("23.976", "00:00:00:01", 48000, 2002L)]
    [InlineData("29.97 NDF", "00:00:00:01", 44100, 1471L)]
    [InlineData("29.97 NDF", "00:00:00:01", 48000, 1601L)]
    [InlineData("29.97 NDF", "00:00:00:01", 96000, 3203L)]
    [InlineData("29.97 NDF", "00:00:00:01", 192000, 6406L)]
    public void ToSamples_is_the_floor_of_the_exact_frame_start(string rateText, string label, int sampleRate, long expectedSamples)
    {
        var timecode = Timecode.Parse(label, FrameRate.Parse(rateText));

        Assert.Equal(expectedSamples, timecode.ToSamples(sampleRate));
    }

    [Fact]
    public void One_hour_at_23_976_is_86400_frames_and_3603_6_seconds()
    {
        var timecode = Timecode.Parse("01:00:00:00", FrameRate.Fps23976);

        Assert.Equal(86400, timecode.TotalFrames);
        Assert.Equal(new RationalTime(36036, 10), timecode.ToRationalTime());
        Assert.Equal(172972800L, timecode.ToSamples(48000));
    }

    [Theory]
    [InlineData(44100, 1839, 1840, 1839)]
    [InlineData(48000, 2002, 2002, 2002)]
    public void ToSamples_rounding_can_be_chosen_where_a_frame_starts_between_samples(int sampleRate, long floor, long ceiling, long nearest)
    {
        var frameOne = Timecode.FromFrames(1, FrameRate.Fps23976);

        Assert.Equal(floor, frameOne.ToSamples(sampleRate, MidpointRounding.ToNegativeInfinity));
        Assert.Equal(ceiling, frameOne.ToSamples(sampleRate, MidpointRounding.ToPositiveInfinity));
        Assert.Equal(nearest, frameOne.ToSamples(sampleRate, MidpointRounding.AwayFromZero));
    }

    [Theory]
    [InlineData(48000, 1919, 0)]
    [InlineData(48000, 1920, 1)]
    [InlineData(44100, 1763, 0)]
    [InlineData(44100, 1764, 1)]
    [InlineData(48000, 0, 0)]
    [InlineData(48000, -1, 2160000 - 1)]
    public void FromSamples_takes_the_frame_during_which_the_sample_falls(int sampleRate, long samples, int expectedFrame)
    {
        Assert.Equal(expectedFrame, Timecode.FromSamples(samples, sampleRate, FrameRate.Fps25).TotalFrames);
    }

    [Fact]
    public void FromSamples_floors_at_ntsc_rates_where_frames_do_not_start_on_samples()
    {
        // Frame 1 at 29.97 starts at sample 1601.6 (48 kHz): sample 1601 still belongs to frame 0.
        Assert.Equal(0, Timecode.FromSamples(1601, 48000, FrameRate.Fps2997Df).TotalFrames);
        Assert.Equal(1, Timecode.FromSamples(1602, 48000, FrameRate.Fps2997Df).TotalFrames);

        // Frame 1 at 23.976 starts at sample 1839.3375 (44.1 kHz).
        Assert.Equal(0, Timecode.FromSamples(1839, 44100, FrameRate.Fps23976).TotalFrames);
        Assert.Equal(1, Timecode.FromSamples(1840, 44100, FrameRate.Fps23976).TotalFrames);
    }

    [Theory]
    [MemberData(nameof(StandardRates.All), MemberType = typeof(StandardRates))]
    public void Samples_round_trip_through_the_first_sample_inside_each_frame(string rateText)
    {
        var rate = FrameRate.Parse(rateText);
        foreach (var sampleRate in new[] { 44100, 48000, 96000, 192000 })
        {
            for (var frame = 0; frame < rate.FramesPerDay; frame += 7919)
            {
                var timecode = Timecode.FromFrames(frame, rate);
                var firstInside = timecode.ToSamples(sampleRate, MidpointRounding.ToPositiveInfinity);
                var floor = timecode.ToSamples(sampleRate);

                Assert.Equal(timecode, Timecode.FromSamples(firstInside, sampleRate, rate));

                // The floor sample is the first inside the frame only when the frame starts exactly on a sample.
                var expectedFromFloor = floor == firstInside ? timecode : timecode - 1;
                Assert.Equal(expectedFromFloor, Timecode.FromSamples(floor, sampleRate, rate));
            }
        }
    }

    [Fact]
    public void FromSamples_wraps_a_time_reference_past_midnight()
    {
        // 24 h of 25 fps labels is exactly 86400 s; one frame later is 00:00:00:01 the next day.
        var samples = (86400L * 48000) + 1920;

        Assert.Equal("00:00:00:01", Timecode.FromSamples(samples, 48000, FrameRate.Fps25).ToString());
    }

    [Fact]
    public void Sample_conversions_reject_a_sample_rate_that_is_not_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Timecode.FromSamples(0, 0, FrameRate.Fps25));
        Assert.Throws<ArgumentOutOfRangeException>(() => Timecode.FromFrames(0, FrameRate.Fps25).ToSamples(-48000));
    }

    [Fact]
    public void FromRationalTime_floors_to_the_frame()
    {
        Assert.Equal(1, Timecode.FromRationalTime(new RationalTime(1840, 44100), FrameRate.Fps23976).TotalFrames);
        Assert.Equal(0, Timecode.FromRationalTime(new RationalTime(1839, 44100), FrameRate.Fps23976).TotalFrames);
        Assert.Equal("01:00:00:00", Timecode.FromRationalTime(new RationalTime(36036, 10), FrameRate.Fps23976).ToString());
    }
}
