namespace Perche.Core.Formats.Wav;

/// <summary>
/// Everything a WAVE file says about itself, read from its headers without decoding audio: container,
/// format, the chunk table in file order, and the typed metadata (bext, iXML, INFO, cues).
/// </summary>
public sealed class WavInfo
{
    internal WavInfo(string inputName, WavContainer container, WavFormat format, WavChunkInfo dataChunk, IReadOnlyList<WavChunkInfo> chunks)
    {
        this.InputName = inputName;
        this.Container = container;
        this.Format = format;
        this.DataChunk = dataChunk;
        this.Chunks = chunks;
    }

    /// <summary>The file path or stream name the information was read from.</summary>
    public string InputName { get; }

    /// <summary>RIFF, RF64 or BW64.</summary>
    public WavContainer Container { get; }

    /// <summary>The fmt chunk.</summary>
    public WavFormat Format { get; }

    /// <summary>The data chunk record (offset and 64-bit size).</summary>
    public WavChunkInfo DataChunk { get; }

    /// <summary>Every chunk in file order, including the ones Perche does not interpret.</summary>
    public IReadOnlyList<WavChunkInfo> Chunks { get; }

    /// <summary>Whole sample frames in the data chunk (a trailing partial frame is ignored and reported).</summary>
    public long FrameCount => this.DataChunk.Size / this.Format.BlockAlign;

    /// <summary>Duration in seconds.</summary>
    public double DurationSeconds => (double)this.FrameCount / this.Format.SampleRateHz;

    /// <summary>The bext chunk, when present.</summary>
    public BroadcastExtension? Bext { get; internal set; }

    /// <summary>The iXML chunk, when present.</summary>
    public IxmlMetadata? Ixml { get; internal set; }

    /// <summary>LIST/INFO tags in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Info { get; internal set; } = [];

    /// <summary>Cue points with their adtl labels, notes and ranges.</summary>
    public IReadOnlyList<CuePoint> Cues { get; internal set; } = [];

    /// <summary>Things that are wrong but readable (missing final pad byte, RIFF size not matching the file...).</summary>
    public IReadOnlyList<string> Diagnostics { get; internal set; } = [];

    /// <summary>The value of an INFO tag (for example "INAM"), or null.</summary>
    public string? InfoTag(string id)
    {
        foreach (var kv in this.Info)
        {
            if (kv.Key == id)
            {
                return kv.Value;
            }
        }

        return null;
    }
}
