namespace Perche.Production.Report;

/// <summary>One recorded channel of a take: the recorder's channel number and its name ("Boom", "Lav Marie").</summary>
public sealed class TrackInfo
{
    /// <summary>The recorder's channel (iXML CHANNEL_INDEX, 1-based).</summary>
    public int ChannelIndex { get; init; }

    /// <summary>The channel inside its file (1-based).</summary>
    public int InterleaveIndex { get; init; }

    /// <summary>Track name (may be empty when the recorder wrote none).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The file holding the channel.</summary>
    public string FileName { get; init; } = string.Empty;
}
