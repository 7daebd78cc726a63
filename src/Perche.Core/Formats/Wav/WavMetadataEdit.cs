namespace Perche.Core.Formats.Wav;

/// <summary>Metadata to replace (or add) when rewriting a file; null members leave the source chunk as it is.</summary>
public sealed class WavMetadataEdit
{
    /// <summary>A new bext chunk.</summary>
    public BroadcastExtension? Bext { get; set; }

    /// <summary>A new iXML chunk.</summary>
    public IxmlMetadata? Ixml { get; set; }
}
