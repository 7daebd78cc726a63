using Perche.Core.Time;

namespace Perche.Post.Timelines;

/// <summary>Whether a track carries picture or sound.</summary>
public enum TrackKind
{
    /// <summary>Picture.</summary>
    Video,

    /// <summary>Sound.</summary>
    Audio,
}

/// <summary>Items one after another in time; transitions overlap their neighbours without taking time.</summary>
public sealed class Track : Composition
{
    /// <summary>Creates a track.</summary>
    public Track(string name, TrackKind kind)
    {
        this.Name = name;
        this.Kind = kind;
    }

    /// <summary>Video or audio.</summary>
    public TrackKind Kind { get; set; }

    /// <inheritdoc/>
    public override TimeRange? AvailableRange
    {
        get
        {
            RationalTime total = default;
            foreach (var item in this.Items())
            {
                total = TimeMath.Add(total, item.Duration);
            }

            return new TimeRange(default, total);
        }
    }

    /// <inheritdoc/>
    public override TimeRange RangeOfChild(Item child)
    {
        RationalTime start = default;
        foreach (var item in this.Items())
        {
            if (ReferenceEquals(item, child))
            {
                return new TimeRange(start, item.Duration);
            }

            start = TimeMath.Add(start, item.Duration);
        }

        throw new ArgumentException($"'{child.Name}' is not in track '{this.Name}'", nameof(child));
    }

    /// <summary>Each time-taking child with its range in the track, in one pass (RangeOfChild per item is quadratic).</summary>
    public IEnumerable<(Item Item, TimeRange Range)> ItemsWithRanges()
    {
        RationalTime start = default;
        foreach (var item in this.Items())
        {
            var duration = item.Duration;
            yield return (item, new TimeRange(start, duration));
            start = TimeMath.Add(start, duration);
        }
    }

    /// <summary>The transitions with the item before and after each (either may be null at the ends).</summary>
    public IEnumerable<(Transition Transition, Item? Before, Item? After)> TransitionsWithNeighbours()
    {
        var children = this.Children;
        for (var i = 0; i < children.Count; i++)
        {
            if (children[i] is Transition t)
            {
                yield return (t, i > 0 ? children[i - 1] as Item : null, i + 1 < children.Count ? children[i + 1] as Item : null);
            }
        }
    }
}
