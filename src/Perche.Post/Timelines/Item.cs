using Perche.Core.Time;

namespace Perche.Post.Timelines;

/// <summary>
/// A composable that occupies time: a clip, a gap, or a nested track or stack. Its <see cref="SourceRange"/> is the
/// part of its media (or of its children) it shows, in the media's own time (source timecode for a clip).
/// </summary>
public abstract class Item : Composable
{
    /// <summary>The part shown, in the item's own time; null means all of <see cref="AvailableRange"/>.</summary>
    public TimeRange? SourceRange { get; set; }

    /// <summary>False when the editor muted or disabled the item; it keeps its place but is not heard or seen.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Markers, with ranges in the item's own time (like <see cref="SourceRange"/>).</summary>
    public List<Marker> Markers { get; } = [];

    /// <summary>Speed changes (a freeze frame, a constant time warp) applied to the media.</summary>
    public List<TimeEffect> Effects { get; } = [];

    /// <inheritdoc/>
    public override bool TakesTime => true;

    /// <summary>What could be shown: the media's extent for a clip, the children's extent for a composition.</summary>
    public abstract TimeRange? AvailableRange { get; }

    /// <summary>The range shown: <see cref="SourceRange"/>, else <see cref="AvailableRange"/>, else empty.</summary>
    public TimeRange TrimmedRange => this.SourceRange ?? this.AvailableRange ?? default;

    /// <summary>How long the item lasts in its parent.</summary>
    public RationalTime Duration => this.TrimmedRange.Duration;

    /// <summary>The speed multiplier of the effects (1 when none, 0 for a freeze frame).</summary>
    public double SpeedScalar
    {
        get
        {
            var scalar = 1.0;
            foreach (var effect in this.Effects)
            {
                scalar *= effect.TimeScalar;
            }

            return scalar;
        }
    }

    /// <summary>Where the item sits in its parent track (start and duration), or its own range at the top.</summary>
    public TimeRange RangeInParent() => this.Parent is { } parent ? parent.RangeOfChild(this) : this.TrimmedRange;
}
