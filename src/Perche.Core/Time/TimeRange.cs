using System.Globalization;

namespace Perche.Core.Time;

/// <summary>
/// A span of time after OpenTimelineIO's TimeRange: a start and a non-negative duration, exact
/// (<see cref="RationalTime"/>), with an exclusive end: [Start, EndExclusive).
/// </summary>
/// <remarks>
/// A clip of 48 frames starting at frame 0 ends at frame 48, which it does not contain; two ranges that only touch
/// do not overlap. <c>default(TimeRange)</c> is the empty range at zero.
/// </remarks>
public readonly struct TimeRange : IEquatable<TimeRange>
{
    private readonly RationalTime start;
    private readonly RationalTime duration;

    /// <summary>Creates the range [start, start + duration).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The duration is negative.</exception>
    public TimeRange(RationalTime start, RationalTime duration)
    {
        if (duration.Value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "a time range cannot have a negative duration");
        }

        this.start = start;
        this.duration = duration;
    }

    /// <summary>The first instant inside the range.</summary>
    public RationalTime Start => this.start;

    /// <summary>The length of the range (zero or more).</summary>
    public RationalTime Duration => this.duration;

    /// <summary>The first instant after the range: Start + Duration.</summary>
    public RationalTime EndExclusive => this.start + this.duration;

    /// <summary>True when the duration is zero: the range contains no instant.</summary>
    public bool IsEmpty => this.duration.Value == 0;

    /// <summary>Exact equality of start and duration (as instants, whatever their rates).</summary>
    public static bool operator ==(TimeRange left, TimeRange right) => left.Equals(right);

    /// <summary>Exact inequality of start or duration.</summary>
    public static bool operator !=(TimeRange left, TimeRange right) => !left.Equals(right);

    /// <summary>The range [start, endExclusive); the duration takes the rate both fit exactly.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The end is before the start.</exception>
    public static TimeRange FromStartEndExclusive(RationalTime start, RationalTime endExclusive)
    {
        if (endExclusive < start)
        {
            throw new ArgumentOutOfRangeException(nameof(endExclusive), endExclusive, $"the end is before the start {start}");
        }

        return new TimeRange(start, endExclusive - start);
    }

    /// <summary>True when Start ≤ <paramref name="time"/> &lt; EndExclusive.</summary>
    public bool Contains(RationalTime time) => this.start <= time && time < this.EndExclusive;

    /// <summary>True when <paramref name="other"/> lies wholly inside this range (an empty range inside or at the ends counts).</summary>
    public bool Contains(TimeRange other) => this.start <= other.start && other.EndExclusive <= this.EndExclusive;

    /// <summary>True when the ranges share at least an instant or, for an empty range, it lies strictly inside the other.</summary>
    public bool Overlaps(TimeRange other) => this.start < other.EndExclusive && other.start < this.EndExclusive;

    /// <summary>The range both cover, or null when they do not overlap (ranges that only touch do not).</summary>
    public TimeRange? Intersect(TimeRange other)
    {
        if (!this.Overlaps(other))
        {
            return null;
        }

        return FromStartEndExclusive(RationalTime.Max(this.start, other.start), RationalTime.Min(this.EndExclusive, other.EndExclusive));
    }

    /// <summary>The smallest range covering both (the gap between disjoint ranges included).</summary>
    public TimeRange ExtendedBy(TimeRange other)
        => FromStartEndExclusive(RationalTime.Min(this.start, other.start), RationalTime.Max(this.EndExclusive, other.EndExclusive));

    /// <summary>True when start and end are each within <paramref name="toleranceSeconds"/> of the other range's.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The tolerance is negative or not a number.</exception>
    public bool AlmostEquals(TimeRange other, double toleranceSeconds)
        => this.start.AlmostEquals(other.start, toleranceSeconds) && this.EndExclusive.AlmostEquals(other.EndExclusive, toleranceSeconds);

    /// <inheritdoc/>
    public bool Equals(TimeRange other) => this.start == other.start && this.duration == other.duration;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TimeRange other && this.Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(this.start, this.duration);

    /// <summary>"[start, end)" with each time as value@rate.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{this.start}, {this.EndExclusive})");
}
