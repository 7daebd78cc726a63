using System.Text.Json.Nodes;

namespace Perche.Post.Timelines;

/// <summary>
/// Anything that sits in a composition (after OpenTimelineIO's Composable): items that take time (clips, gaps,
/// nested tracks and stacks) and transitions, which overlap their neighbours and take none.
/// </summary>
public abstract class Composable
{
    /// <summary>The name as the editing system gave it (a clip name, a transition description).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>
    /// What the source format said that the model has no field for, namespaced by adapter (for example
    /// <c>cmx_3600.reel</c> or <c>fcp_xml</c>), kept so a writer can give it back.
    /// </summary>
    public JsonObject Metadata { get; set; } = [];

    /// <summary>The composition holding this one, or null at the top.</summary>
    public Composition? Parent { get; internal set; }

    /// <summary>True for items that occupy time in their track (clips, gaps, compositions).</summary>
    public abstract bool TakesTime { get; }
}
