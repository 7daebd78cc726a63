using System.Globalization;
using Perche.Core.Time;

namespace Perche.Production.Report;

/// <summary>How values are printed in every report format (one place, so CSV, HTML, PDF and ALE agree).</summary>
public static class ReportFormat
{
    /// <summary>"23.976 NDF", "25", "29.97 DF".</summary>
    public static string Rate(FrameRate rate)
    {
        var fps = (double)rate.Numerator / rate.Denominator;
        var text = rate.Denominator == 1 ? rate.Numerator.ToString(CultureInfo.InvariantCulture) : fps.ToString("0.###", CultureInfo.InvariantCulture);
        return rate.IsDropFrame ? text + " DF" : rate.IsNtsc ? text + " NDF" : text;
    }

    /// <summary>"48 kHz / 24-bit".</summary>
    public static string SampleFormat(int sampleRateHz, int bits, bool isFloat) =>
        string.Create(CultureInfo.InvariantCulture, $"{sampleRateHz / 1000.0:0.###} kHz / {bits}-bit{(isFloat ? " float" : string.Empty)}");

    /// <summary>Duration as h:mm:ss, truncated to the second as report tools print it.</summary>
    public static string Duration(double seconds)
    {
        var s = (long)Math.Floor(seconds);
        return string.Create(CultureInfo.InvariantCulture, $"{s / 3600}:{s / 60 % 60:00}:{s % 60:00}");
    }

    /// <summary>Timecode or empty.</summary>
    public static string Timecode(Timecode? tc) => tc?.ToString() ?? string.Empty;

    /// <summary>Track list "1:Boom 2:Lav Marie".</summary>
    public static string Tracks(TakeEntry take)
    {
        ArgumentNullException.ThrowIfNull(take);
        return string.Join(" ", take.Tracks.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.ChannelIndex}:{(t.Name.Length > 0 ? t.Name : "-")}")));
    }

    /// <summary>The flags as words in a language.</summary>
    public static string Flags(TakeEntry take, ReportLabels labels)
    {
        ArgumentNullException.ThrowIfNull(take);
        ArgumentNullException.ThrowIfNull(labels);
        var list = new List<string>();
        if (take.WildTrack)
        {
            list.Add(labels.WildTrack);
        }

        if (take.RoomTone)
        {
            list.Add(labels.RoomTone);
        }

        if (take.FalseStart)
        {
            list.Add(labels.FalseStart);
        }

        if (take.NoGood)
        {
            list.Add(labels.NoGood);
        }

        return string.Join(", ", list);
    }
}
