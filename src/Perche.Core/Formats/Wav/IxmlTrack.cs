namespace Perche.Core.Formats.Wav;

/// <summary>One TRACK of an iXML TRACK_LIST: the recorder's channel number, its place in this file, its name.</summary>
public sealed class IxmlTrack
{
    /// <summary>The recorder's channel (1-based CHANNEL_INDEX); stays the same across the mono files of a take.</summary>
    public int? ChannelIndex { get; set; }

    /// <summary>The channel in this file (1-based INTERLEAVE_INDEX).</summary>
    public int? InterleaveIndex { get; set; }

    /// <summary>Track name ("Boom", "Lav Georgie").</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>FUNCTION, when given ("M-MID_SIDE", "L", ...).</summary>
    public string Function { get; set; } = string.Empty;

    /// <inheritdoc/>
    public override string ToString() => $"{this.ChannelIndex}:{this.InterleaveIndex}={this.Name}";
}
