using Perche.Core.Time;

namespace Perche.Post.Timelines;

/// <summary>An item made of other items: a track (in sequence) or a stack (in parallel).</summary>
public abstract class Composition : Item
{
    private readonly List<Composable> children = [];

    /// <summary>The children, in order.</summary>
    public IReadOnlyList<Composable> Children => this.children;

    /// <summary>Adds a child at the end and makes this its parent.</summary>
    public void Add(Composable child)
    {
        ArgumentNullException.ThrowIfNull(child);
        if (child.Parent is not null)
        {
            throw new InvalidOperationException($"'{child.Name}' already belongs to '{child.Parent.Name}'");
        }

        child.Parent = this;
        this.children.Add(child);
    }

    /// <summary>Removes every child.</summary>
    public void Clear()
    {
        foreach (var child in this.children)
        {
            child.Parent = null;
        }

        this.children.Clear();
    }

    /// <summary>Removes and returns every child, so they can move to another composition.</summary>
    public List<Composable> DetachAll()
    {
        var list = new List<Composable>(this.children);
        this.Clear();
        return list;
    }

    /// <summary>The children that take time (clips, gaps, nested compositions), in order.</summary>
    public IEnumerable<Item> Items()
    {
        foreach (var child in this.children)
        {
            if (child is Item item)
            {
                yield return item;
            }
        }
    }

    /// <summary>Where a child sits inside this composition.</summary>
    public abstract TimeRange RangeOfChild(Item child);

    /// <summary>Every clip below this composition, depth first.</summary>
    public IEnumerable<Clip> AllClips()
    {
        foreach (var child in this.children)
        {
            if (child is Clip clip)
            {
                yield return clip;
            }
            else if (child is Composition nested)
            {
                foreach (var inner in nested.AllClips())
                {
                    yield return inner;
                }
            }
        }
    }
}
