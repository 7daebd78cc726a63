using Perche.Core.Time;

namespace Perche.Post.Timelines;

/// <summary>Items on top of each other, all starting at the stack's start (the tracks of a timeline, a nested sequence).</summary>
public sealed class Stack : Composition
{
    /// <summary>Creates a stack.</summary>
    public Stack(string name = "")
    {
        this.Name = name;
    }

    /// <inheritdoc/>
    public override TimeRange? AvailableRange
    {
        get
        {
            RationalTime longest = default;
            foreach (var item in this.Items())
            {
                longest = RationalTime.Max(longest, item.Duration);
            }

            return new TimeRange(default, longest);
        }
    }

    /// <inheritdoc/>
    public override TimeRange RangeOfChild(Item child) => new(default, child.Duration);
}
