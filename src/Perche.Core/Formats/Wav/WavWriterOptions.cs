namespace Perche.Core.Formats.Wav;

/// <summary>What to write around the audio of a new file.</summary>
public sealed class WavWriterOptions
{
    /// <summary>
    /// Forces a container. Null writes RIFF with a JUNK reservation that becomes ds64 (RF64) automatically when
    /// the file grows past 4 GiB.
    /// </summary>
    public WavContainer? Container { get; set; }

    /// <summary>A bext chunk (written before fmt).</summary>
    public BroadcastExtension? Bext { get; set; }

    /// <summary>An iXML chunk (written before fmt, after bext).</summary>
    public IxmlMetadata? Ixml { get; set; }

    /// <summary>Cue points (cue + LIST/adtl written after the data).</summary>
    public IReadOnlyList<CuePoint>? Cues { get; set; }

    /// <summary>Other chunks to write before fmt, in order.</summary>
    public IReadOnlyList<RawChunk>? ExtraChunks { get; set; }
}
