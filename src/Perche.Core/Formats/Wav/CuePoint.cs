namespace Perche.Core.Formats.Wav;

/// <summary>
/// A marker from the <c>cue </c> chunk with its <c>adtl</c> label, note and range (<c>ltxt</c>), when present.
/// </summary>
public sealed class CuePoint
{
    /// <summary>dwName: the identifier the adtl sub-chunks refer to.</summary>
    public uint Id { get; set; }

    /// <summary>dwPosition (play-order position).</summary>
    public uint Position { get; set; }

    /// <summary>fccChunk: the chunk the cue points into (normally "data").</summary>
    public FourCC DataChunkId { get; set; } = WavConstants.Data;

    /// <summary>dwChunkStart.</summary>
    public uint ChunkStart { get; set; }

    /// <summary>dwBlockStart.</summary>
    public uint BlockStart { get; set; }

    /// <summary>dwSampleOffset: the marker's position in sample frames from the start of the data.</summary>
    public uint SampleOffset { get; set; }

    /// <summary>The labl text, or null.</summary>
    public string? Label { get; set; }

    /// <summary>The note text, or null.</summary>
    public string? Note { get; set; }

    /// <summary>The ltxt sample length (a marker range), or null.</summary>
    public uint? RangeLengthSamples { get; set; }

    /// <summary>The ltxt purpose code (for example "rgn ").</summary>
    public FourCC? RangePurpose { get; set; }

    /// <summary>The ltxt text, or null.</summary>
    public string? RangeText { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"cue {this.Id} @{this.SampleOffset} {this.Label}";
}
