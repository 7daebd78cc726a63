using System.Globalization;

namespace Perche.Production.Report;

/// <summary>The report as rows of text cells, shared by CSV, HTML and PDF so they list the same values.</summary>
public static class ReportTable
{
    /// <summary>Column headings.</summary>
    public static string[] Headings(ReportLabels l)
    {
        ArgumentNullException.ThrowIfNull(l);
        return [l.File, l.Roll, l.Scene, l.Take, l.Circled, l.StartTc, l.Duration, l.FrameRate, l.SampleRate, l.BitDepth, l.Channels, l.Tracks, l.Flags, l.Notes, l.Qc];
    }

    /// <summary>One take's cells, in heading order.</summary>
    public static string[] Cells(TakeEntry t, ReportLabels l)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(l);
        return
        [
            string.Join(" ", t.Files.Select(f => f.FileName)),
            t.Tape,
            t.Scene,
            t.Take,
            t.Circled ? "O" : string.Empty,
            ReportFormat.Timecode(t.Start),
            ReportFormat.Duration(t.DurationSeconds),
            t.FrameRate is { } r ? ReportFormat.Rate(r) : string.Empty,
            (t.SampleRateHz / 1000.0).ToString("0.###", CultureInfo.InvariantCulture),
            t.BitsPerSample.ToString(CultureInfo.InvariantCulture),
            t.ChannelCount.ToString(CultureInfo.InvariantCulture),
            ReportFormat.Tracks(t),
            ReportFormat.Flags(t, l),
            t.Note,
            string.Join("; ", t.QcFlags),
        ];
    }

    /// <summary>The header's label/value pairs.</summary>
    public static (string Label, string Value)[] HeaderFields(ReportHeader h, ReportLabels l)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(l);
        return
        [
            (l.Production, h.Production), (l.Date, h.Date), (l.SoundMixer, h.SoundMixer), (l.BoomOperator, h.BoomOperator),
            (l.Recorder, h.Recorder), (l.TimecodeRate, h.TimecodeRate), (l.FileFormat, h.FileFormat), (l.Media, h.Media), (l.ToneReference, h.ToneReference),
        ];
    }
}
