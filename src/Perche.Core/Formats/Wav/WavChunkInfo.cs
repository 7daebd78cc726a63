namespace Perche.Core.Formats.Wav;

/// <summary>
/// One entry of a file's chunk table: identifier, where its 8-byte header starts, and its payload size in
/// bytes (64-bit: RF64 data chunks exceed 4 GiB). LIST chunks also carry their list type (INFO, adtl).
/// </summary>
public readonly struct WavChunkInfo
{
    /// <summary>Creates a chunk record.</summary>
    public WavChunkInfo(FourCC id, long headerOffset, long size, FourCC? listType = null)
    {
        this.Id = id;
        this.HeaderOffset = headerOffset;
        this.Size = size;
        this.ListType = listType;
    }

    /// <summary>The chunk identifier.</summary>
    public FourCC Id { get; }

    /// <summary>Byte offset of the chunk header in the file.</summary>
    public long HeaderOffset { get; }

    /// <summary>Byte offset of the payload.</summary>
    public long PayloadOffset => this.HeaderOffset + 8;

    /// <summary>Payload size in bytes (without the pad byte).</summary>
    public long Size { get; }

    /// <summary>The list type of a LIST chunk.</summary>
    public FourCC? ListType { get; }

    /// <summary>Offset just after the payload and its pad byte.</summary>
    public long End => this.PayloadOffset + this.Size + (this.Size & 1);

    /// <summary>"LIST/INFO" style name for displays.</summary>
    public string DisplayName => this.ListType is { } t ? $"{this.Id}/{t}" : this.Id.ToString();

    /// <inheritdoc/>
    public override string ToString() => $"{this.DisplayName} @{this.HeaderOffset} ({this.Size} bytes)";
}
