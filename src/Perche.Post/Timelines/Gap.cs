using Perche.Core.Time;

namespace Perche.Post.Timelines;

/// <summary>Empty time in a track (OTIO Gap, AAF Filler, an EDL jump in record timecode).</summary>
public sealed class Gap : Item
{
    /// <summary>Creates a gap of a duration.</summary>
    public Gap(RationalTime duration)
    {
        this.SourceRange = new TimeRange(new RationalTime(0, duration.RateNumerator, duration.RateDenominator), duration);
    }

    /// <inheritdoc/>
    public override TimeRange? AvailableRange => this.SourceRange;
}
