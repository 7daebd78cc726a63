namespace Perche.Core.Formats.Wav;

/// <summary>A chunk to write as given (identifier and payload bytes, without pad).</summary>
public sealed class RawChunk
{
    /// <summary>Creates a raw chunk.</summary>
    public RawChunk(FourCC id, byte[] payload)
    {
        this.Id = id;
        this.Payload = payload;
    }

    /// <summary>The identifier.</summary>
    public FourCC Id { get; }

    /// <summary>The payload.</summary>
    public byte[] Payload { get; }
}
