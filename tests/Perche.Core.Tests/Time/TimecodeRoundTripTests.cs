using Perche.Core.Time;

namespace Perche.Core.Tests.Time;

public class TimecodeRoundTripTests
{
    [Theory]
    [MemberData(nameof(StandardRates.All), MemberType = typeof(StandardRates))]
    public void Every_frame_matches_an_independent_label_counter(string rateText)
    {
        var rate = FrameRate.Parse(rateText);

        // Labels repeat every ten minutes (drop-frame) or every minute (non-drop), so the first two hours cover
        // every carry and the ten-minute rule, and the last hour the run up to midnight.
        Assert.Equal(new Timecode(2, 0, 0, 0, rate).TotalFrames, WalkLabels(rate, startHour: 0, endHour: 2));
        Assert.Equal(rate.FramesPerDay, WalkLabels(rate, startHour: 23, endHour: 24));
    }

    [Theory]
    [MemberData(nameof(StandardRates.All), MemberType = typeof(StandardRates))]
    public void Frames_to_text_to_frames_round_trips_over_the_day_at_a_coarse_stride(string rateText)
    {
        var rate = FrameRate.Parse(rateText);

        // A prime stride visits every FF value and every minute phase over the day.
        for (var frame = 0; frame < rate.FramesPerDay; frame += 997)
        {
            AssertTextRoundTrip(frame, rate);
        }

        AssertTextRoundTrip(rate.FramesPerDay - 1, rate);
    }

    [Theory]
    [MemberData(nameof(StandardRates.All), MemberType = typeof(StandardRates))]
    public void Frames_to_text_to_frames_round_trips_exhaustively_around_every_minute_boundary(string rateText)
    {
        var rate = FrameRate.Parse(rateText);
        var window = rate.TimecodeBase + 5;
        for (var minute = 0; minute < 24 * 60; minute++)
        {
            var boundary = Timecode.TryFromLabel(minute / 60, minute % 60, 0, rate.DroppedFramesPerMinute, rate, out var first)
                ? first.TotalFrames
                : throw new InvalidOperationException("every minute has a first label");
            for (var frame = boundary - window; frame <= boundary + window; frame++)
            {
                AssertTextRoundTrip((int)(((long)frame + rate.FramesPerDay) % rate.FramesPerDay), rate);
            }
        }
    }

    [Theory]
    [MemberData(nameof(StandardRates.All), MemberType = typeof(StandardRates))]
    public void Adding_one_frame_is_the_next_label_and_subtracting_it_goes_back(string rateText)
    {
        var rate = FrameRate.Parse(rateText);
        for (var frame = 0; frame < rate.FramesPerDay; frame += 1009)
        {
            var timecode = Timecode.FromFrames(frame, rate);

            Assert.Equal(frame + 1, (timecode + 1).TotalFrames);
            Assert.Equal(timecode, timecode + 1 - 1);
        }
    }

    /// <summary>
    /// Counts labels the way a reader of SMPTE ST 12-1 would by hand: advance FF, carry into SS, MM, HH, and at
    /// each new minute not divisible by ten skip the dropped frame numbers. Asserts the kernel agrees on every
    /// frame in both directions, and returns the frame count reached at <paramref name="endHour"/>.
    /// </summary>
    private static int WalkLabels(FrameRate rate, int startHour, int endHour)
    {
        var timecodeBase = rate.TimecodeBase;
        var dropped = rate.IsDropFrame ? (timecodeBase == 30 ? 2 : 4) : 0;
        int hours = startHour, minutes = 0, seconds = 0, frames = 0;

        // An hour is six ten-minute blocks; each block has nine minutes that lost `dropped` numbers.
        var frame = startHour * 6 * ((timecodeBase * 600) - (9 * dropped));
        while (hours < endHour)
        {
            var timecode = Timecode.FromFrames(frame, rate);
            timecode.Deconstruct(out var h, out var m, out var s, out var f);
            if (h != hours || m != minutes || s != seconds || f != frames)
            {
                Assert.Fail($"frame {frame} at {rate}: got {timecode}, counter says {hours:00}:{minutes:00}:{seconds:00}:{frames:00}");
            }

            if (new Timecode(hours, minutes, seconds, frames, rate).TotalFrames != frame)
            {
                Assert.Fail($"label {hours:00}:{minutes:00}:{seconds:00}:{frames:00} at {rate} does not map back to frame {frame}");
            }

            frame++;
            if (++frames == timecodeBase)
            {
                frames = 0;
                if (++seconds == 60)
                {
                    seconds = 0;
                    if (++minutes == 60)
                    {
                        minutes = 0;
                        hours++;
                    }

                    if (minutes % 10 != 0)
                    {
                        frames = dropped;
                    }
                }
            }
        }

        return frame;
    }

    private static void AssertTextRoundTrip(int frame, FrameRate rate)
    {
        var text = Timecode.FromFrames(frame, rate).ToString();
        var parsed = Timecode.Parse(text, rate);
        if (parsed.TotalFrames != frame)
        {
            Assert.Fail($"frame {frame} at {rate} printed as {text}, which parses back as frame {parsed.TotalFrames}");
        }
    }
}
