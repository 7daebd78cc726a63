namespace Perche.Production.Report;

/// <summary>The header of a sound report (rapport son).</summary>
public sealed class ReportHeader
{
    /// <summary>Production / project.</summary>
    public string Production { get; set; } = string.Empty;

    /// <summary>Shooting date(s).</summary>
    public string Date { get; set; } = string.Empty;

    /// <summary>Production sound mixer.</summary>
    public string SoundMixer { get; set; } = string.Empty;

    /// <summary>Boom operator.</summary>
    public string BoomOperator { get; set; } = string.Empty;

    /// <summary>Recorder(s).</summary>
    public string Recorder { get; set; } = string.Empty;

    /// <summary>Timecode rate(s).</summary>
    public string TimecodeRate { get; set; } = string.Empty;

    /// <summary>Sample rate and bit depth.</summary>
    public string FileFormat { get; set; } = string.Empty;

    /// <summary>Media: sound roll(s) / card.</summary>
    public string Media { get; set; } = string.Empty;

    /// <summary>Tone / reference level ("1 kHz -20 dBFS = 0 VU").</summary>
    public string ToneReference { get; set; } = string.Empty;
}

/// <summary>A file that could not be read, and why.</summary>
public sealed class UnreadableFile
{
    /// <summary>Relative path.</summary>
    public required string RelativePath { get; init; }

    /// <summary>The reader's message (file and byte).</summary>
    public required string Problem { get; init; }
}

/// <summary>A sound report: header, takes in recording order, and the files that could not be read.</summary>
public sealed class SoundReport
{
    /// <summary>The folder or card the report describes.</summary>
    public required string Source { get; init; }

    /// <summary>The header.</summary>
    public ReportHeader Header { get; } = new();

    /// <summary>The takes.</summary>
    public List<TakeEntry> Takes { get; } = [];

    /// <summary>Unreadable files.</summary>
    public List<UnreadableFile> Unreadable { get; } = [];

    /// <summary>Report-wide QC findings (timecode continuity, workflow mismatches).</summary>
    public List<string> Findings { get; } = [];
}
