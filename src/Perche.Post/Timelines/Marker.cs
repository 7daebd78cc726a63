using Perche.Core.Time;

namespace Perche.Post.Timelines;

/// <summary>The marker colours editing systems share (OTIO's MarkerColor names).</summary>
public static class MarkerColor
{
    /// <summary>The names OTIO uses; adapters map their own colour names onto these.</summary>
    public static IReadOnlyList<string> Names { get; } = ["PINK", "RED", "ORANGE", "YELLOW", "GREEN", "CYAN", "BLUE", "PURPLE", "MAGENTA", "BLACK", "WHITE"];

    /// <summary>The canonical name for a colour word, or null when it is not one.</summary>
    public static string? Normalize(string word)
    {
        foreach (var name in Names)
        {
            if (string.Equals(name, word, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return null;
    }
}

/// <summary>A named, coloured range or point on an item (a note to the sound editor, a VFX fix...).</summary>
public sealed class Marker
{
    /// <summary>The marker's text.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Where it is, in the owning item's own time (or the timeline's for timeline markers).</summary>
    public TimeRange MarkedRange { get; set; }

    /// <summary>One of <see cref="MarkerColor.Names"/>, "RED" by default as in OTIO.</summary>
    public string Color { get; set; } = "RED";

    /// <summary>A longer comment, when the format has one beside the name.</summary>
    public string Comment { get; set; } = string.Empty;
}
