using Perche.Core.Time;

namespace Perche.Production.Report;

/// <summary>What one recorder file says about its take, read from iXML first, then the bext description keys.</summary>
public sealed class RecorderFile
{
    /// <summary>Full path.</summary>
    public required string Path { get; init; }

    /// <summary>Path relative to the report's folder ('/' separators).</summary>
    public required string RelativePath { get; init; }

    /// <summary>The file name.</summary>
    public string FileName => System.IO.Path.GetFileName(this.Path);

    /// <summary>Recorder family.</summary>
    public RecorderDialect Dialect { get; set; }

    /// <summary>The bext originator (recorder model and serial), or empty.</summary>
    public string Recorder { get; set; } = string.Empty;

    /// <summary>Production name (iXML PROJECT).</summary>
    public string Project { get; set; } = string.Empty;

    /// <summary>Scene.</summary>
    public string Scene { get; set; } = string.Empty;

    /// <summary>Take.</summary>
    public string Take { get; set; } = string.Empty;

    /// <summary>Tape / sound roll.</summary>
    public string Tape { get; set; } = string.Empty;

    /// <summary>Note.</summary>
    public string Note { get; set; } = string.Empty;

    /// <summary>Circled (printed) take.</summary>
    public bool Circled { get; set; }

    /// <summary>Wild track (son seul).</summary>
    public bool WildTrack { get; set; }

    /// <summary>False start.</summary>
    public bool FalseStart { get; set; }

    /// <summary>Marked no good.</summary>
    public bool NoGood { get; set; }

    /// <summary>Room tone (ambiance plateau).</summary>
    public bool RoomTone { get; set; }

    /// <summary>Timecode rate, when declared.</summary>
    public FrameRate? FrameRate { get; set; }

    /// <summary>Start timecode (floored to the frame), when known.</summary>
    public Timecode? Start { get; set; }

    /// <summary>Samples since midnight of the first sample.</summary>
    public ulong? TimeReferenceSamples { get; set; }

    /// <summary>Sample rate.</summary>
    public int SampleRateHz { get; set; }

    /// <summary>Bits per sample.</summary>
    public int BitsPerSample { get; set; }

    /// <summary>True for float samples.</summary>
    public bool IsFloat { get; set; }

    /// <summary>Channels in the file.</summary>
    public int ChannelCount { get; set; }

    /// <summary>Sample frames.</summary>
    public long FrameCount { get; set; }

    /// <summary>Duration.</summary>
    public double DurationSeconds => this.SampleRateHz > 0 ? (double)this.FrameCount / this.SampleRateHz : 0;

    /// <summary>The channels with their names.</summary>
    public List<TrackInfo> Tracks { get; } = [];

    /// <summary>iXML FILE_SET/FAMILY_UID.</summary>
    public string FamilyUid { get; set; } = string.Empty;

    /// <summary>iXML FILE_UID.</summary>
    public string FileUid { get; set; } = string.Empty;

    /// <summary>Recording date (bext origination date, any separator).</summary>
    public DateOnly? RecordedOn { get; set; }

    /// <summary>Recording time of day (bext origination time).</summary>
    public TimeOnly? RecordedAt { get; set; }

    /// <summary>Things that are odd but readable.</summary>
    public List<string> Warnings { get; } = [];
}
