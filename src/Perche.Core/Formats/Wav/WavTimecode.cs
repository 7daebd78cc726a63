using System.Globalization;
using Perche.Core.Time;

namespace Perche.Core.Formats.Wav;

/// <summary>
/// Where a recorder file sits in time: its timecode rate (iXML SPEED, else the bext description's SPEED or
/// FRAMERATE key) and its start timecode (bext TimeReference, else iXML TIMESTAMP_SAMPLES_SINCE_MIDNIGHT),
/// floored to the frame as recorders and their report tools print it.
/// </summary>
public static class WavTimecode
{
    /// <summary>The file's timecode rate, or null when it declares none.</summary>
    public static FrameRate? FrameRateOf(WavInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.Ixml is { } x && x.TimecodeRate.Length > 0
            && FrameRate.TryParse(x.TimecodeRate, x.TimecodeFlag.Length > 0 ? x.TimecodeFlag : null, out var fromIxml))
        {
            return fromIxml;
        }

        if (info.Bext is { } b)
        {
            var values = b.DescriptionValues();
            foreach (var key in new[] { "SPEED", "FRAMERATE" })
            {
                if (values.TryGetValue(key, out var text) && FrameRate.TryParse(text, out var rate))
                {
                    return rate;
                }
            }
        }

        return null;
    }

    /// <summary>Samples since midnight of the first sample, or null when the file carries no time stamp.</summary>
    public static ulong? SamplesSinceMidnight(WavInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.Bext is { } b)
        {
            return b.TimeReferenceSamples;
        }

        return info.Ixml?.TimestampSamplesSinceMidnight;
    }

    /// <summary>
    /// The start timecode at the file's own rate (or <paramref name="fallbackRate"/> when it declares none),
    /// or null when the file has no time stamp or no rate is known.
    /// </summary>
    public static Timecode? StartOf(WavInfo info, FrameRate? fallbackRate = null)
    {
        ArgumentNullException.ThrowIfNull(info);
        var rate = FrameRateOf(info) ?? fallbackRate;
        var samples = SamplesSinceMidnight(info);
        if (rate is null || samples is null)
        {
            return null;
        }

        var sampleRate = info.Format.SampleRateHz;
        if (info.Ixml is { } x && int.TryParse(x.TimestampSampleRate, NumberStyles.None, CultureInfo.InvariantCulture, out var stampRate) && stampRate > 0 && info.Bext is null)
        {
            sampleRate = stampRate;
        }

        // A TimeReference past 24 h (a recorder bug) wraps like the clock would: Timecode counts modulo a day.
        return Timecode.FromSamples((long)Math.Min(samples.Value, long.MaxValue / 2), sampleRate, rate.Value);
    }
}
