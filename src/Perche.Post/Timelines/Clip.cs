using Perche.Core.Time;

namespace Perche.Post.Timelines;

/// <summary>A piece of media placed on a track: its source range is in the media's time (source timecode).</summary>
public sealed class Clip : Item
{
    /// <summary>Where the media is.</summary>
    public MediaReference Media { get; set; } = MediaReference.Missing();

    /// <inheritdoc/>
    public override TimeRange? AvailableRange => this.Media.AvailableRange;

    /// <summary>The source reel or tape (EDL reel field, AAF tape name), empty when unknown.</summary>
    public string Reel => this.Media.Reel;
}
