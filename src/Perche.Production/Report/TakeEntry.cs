using Perche.Core.Time;

namespace Perche.Production.Report;

/// <summary>
/// One line of the sound report: a take, recorded as one polyphonic file or as a family of mono files (one per
/// recorder channel), with its slate, timing, format, tracks, flags, notes and QC findings.
/// </summary>
public sealed class TakeEntry
{
    /// <summary>A stable key for edits: the family UID, else the first file's relative path.</summary>
    public required string Key { get; init; }

    /// <summary>The files, first one first (poly: one file).</summary>
    public List<RecorderFile> Files { get; } = [];

    /// <summary>The first file.</summary>
    public RecorderFile First => this.Files[0];

    /// <summary>Scene.</summary>
    public string Scene { get; set; } = string.Empty;

    /// <summary>Take.</summary>
    public string Take { get; set; } = string.Empty;

    /// <summary>Sound roll.</summary>
    public string Tape { get; set; } = string.Empty;

    /// <summary>Note(s).</summary>
    public string Note { get; set; } = string.Empty;

    /// <summary>Circled.</summary>
    public bool Circled { get; set; }

    /// <summary>Wild track.</summary>
    public bool WildTrack { get; set; }

    /// <summary>False start.</summary>
    public bool FalseStart { get; set; }

    /// <summary>No good.</summary>
    public bool NoGood { get; set; }

    /// <summary>Room tone.</summary>
    public bool RoomTone { get; set; }

    /// <summary>Start timecode.</summary>
    public Timecode? Start => this.First.Start;

    /// <summary>Timecode rate.</summary>
    public FrameRate? FrameRate => this.First.FrameRate;

    /// <summary>Duration (longest file).</summary>
    public double DurationSeconds => this.Files.Max(f => f.DurationSeconds);

    /// <summary>Sample rate.</summary>
    public int SampleRateHz => this.First.SampleRateHz;

    /// <summary>Bit depth.</summary>
    public int BitsPerSample => this.First.BitsPerSample;

    /// <summary>Channels over all files.</summary>
    public int ChannelCount => this.Files.Sum(f => f.ChannelCount);

    /// <summary>True when the take is a family of mono files.</summary>
    public bool IsMonoFamily => this.Files.Count > 1;

    /// <summary>The channels in recorder order.</summary>
    public List<TrackInfo> Tracks { get; } = [];

    /// <summary>QC findings that belong in the report ("clip ch2 at 00:00:03", "dropout"...).</summary>
    public List<string> QcFlags { get; } = [];

    /// <summary>Recording date.</summary>
    public DateOnly? RecordedOn => this.First.RecordedOn;

    /// <summary>The end timecode (exclusive: the frame after the last sample, floored), from the sample clock.</summary>
    public Timecode? End
    {
        get
        {
            var longest = this.Files.MaxBy(f => f.FrameCount)!;
            return longest.TimeReferenceSamples is { } t && this.FrameRate is { } r && longest.SampleRateHz > 0
                ? Timecode.FromSamples((long)t + longest.FrameCount, longest.SampleRateHz, r)
                : null;
        }
    }
}
