using System.Globalization;

namespace Perche.Core.Time;

/// <summary>
/// Frame count ↔ HH:MM:SS:FF label arithmetic (SMPTE ST 12-1). Drop-frame skips the first
/// <see cref="FrameRate.DroppedFramesPerMinute"/> frame numbers of every minute not divisible by ten, so that
/// labels stay within about a frame of real time at 29.97 and 59.94 fps.
/// </summary>
internal static class TimecodeLabel
{
    /// <summary>The frames since midnight of a label (which must be valid).</summary>
    public static int ToFrames(int hours, int minutes, int seconds, int frames, FrameRate rate)
    {
        var totalMinutes = (hours * 60) + minutes;
        var labelCount = (((totalMinutes * 60) + seconds) * rate.TimecodeBase) + frames;

        // Every minute but each tenth has skipped DroppedFramesPerMinute numbers before this label.
        return labelCount - (rate.DroppedFramesPerMinute * (totalMinutes - (totalMinutes / 10)));
    }

    /// <summary>The label of a frame since midnight (0 ≤ frame &lt; FramesPerDay).</summary>
    public static void FromFrames(int frame, FrameRate rate, out int hours, out int minutes, out int seconds, out int frames)
    {
        if (!rate.IsValid)
        {
            throw new InvalidOperationException("default(Timecode) has no frame rate, so it has no label");
        }

        var timecodeBase = rate.TimecodeBase;
        var drop = rate.DroppedFramesPerMinute;
        var labelCount = frame;
        if (drop != 0)
        {
            var framesPerFullMinute = timecodeBase * 60;
            var framesPerDroppedMinute = framesPerFullMinute - drop;
            var framesPerTenMinutes = (timecodeBase * 600) - (9 * drop);
            var tenMinuteBlocks = frame / framesPerTenMinutes;
            var inBlock = frame % framesPerTenMinutes;

            // The first minute of a ten-minute block keeps all its numbers; each later one lost `drop` of them.
            var droppedInBlock = inBlock < framesPerFullMinute ? 0 : drop * (1 + ((inBlock - framesPerFullMinute) / framesPerDroppedMinute));
            labelCount = frame + (9 * drop * tenMinuteBlocks) + droppedInBlock;
        }

        frames = labelCount % timecodeBase;
        var totalSeconds = labelCount / timecodeBase;
        seconds = totalSeconds % 60;
        var totalMinutes = totalSeconds / 60;
        minutes = totalMinutes % 60;
        hours = totalMinutes / 60;
    }

    /// <summary>Null when HH:MM:SS:FF names a frame at <paramref name="rate"/>, else what is wrong with it.</summary>
    public static string? Validate(int hours, int minutes, int seconds, int frames, FrameRate rate)
    {
        if (hours is < 0 or > 23)
        {
            return string.Create(CultureInfo.InvariantCulture, $"hours {hours} out of range 00-23");
        }

        if (minutes is < 0 or > 59)
        {
            return string.Create(CultureInfo.InvariantCulture, $"minutes {minutes} out of range 00-59");
        }

        if (seconds is < 0 or > 59)
        {
            return string.Create(CultureInfo.InvariantCulture, $"seconds {seconds} out of range 00-59");
        }

        if (frames < 0 || frames >= rate.TimecodeBase)
        {
            return string.Create(CultureInfo.InvariantCulture, $"frame {frames} does not exist at {rate} (frames 00-{rate.TimecodeBase - 1})");
        }

        var drop = rate.DroppedFramesPerMinute;
        if (drop != 0 && seconds == 0 && frames < drop && minutes % 10 != 0)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{hours:00}:{minutes:00}:00;{frames:00} does not exist at {rate}: drop-frame timecode skips frames 00-{drop - 1:00} at the start of every minute except each tenth (the next label is {hours:00}:{minutes:00}:00;{drop:00})");
        }

        return null;
    }
}
