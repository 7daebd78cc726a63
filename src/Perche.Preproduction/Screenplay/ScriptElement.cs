namespace Perche.Preproduction.Screenplay;

/// <summary>
/// The kinds of screenplay elements. The list follows the Fountain 1.1 element set, which is also what Final
/// Draft and plain-text layouts carry; centered text is an <see cref="Action"/> with <see cref="ScriptElement.IsCentered"/>.
/// </summary>
public enum ElementKind
{
    /// <summary>Scene description (action lines).</summary>
    Action,

    /// <summary>A scene heading (slug line): INT./EXT., place, time of day.</summary>
    SceneHeading,

    /// <summary>A character cue above dialogue, with its extensions.</summary>
    Character,

    /// <summary>Spoken lines.</summary>
    Dialogue,

    /// <summary>A direction in parentheses inside a dialogue block.</summary>
    Parenthetical,

    /// <summary>CUT TO:, FONDU AU NOIR., etc.</summary>
    Transition,

    /// <summary>Sung lines (Fountain `~`).</summary>
    Lyrics,

    /// <summary>A forced page break (`===`).</summary>
    PageBreak,

    /// <summary>A note paragraph (`[[ ]]`).</summary>
    Note,

    /// <summary>A section heading (`#`, `##`...).</summary>
    Section,

    /// <summary>A synopsis (`=`).</summary>
    Synopsis,

    /// <summary>Text commented out (`/* */`).</summary>
    Boneyard,
}

/// <summary>One element of a screenplay, with the line of the source it starts on.</summary>
public sealed class ScriptElement
{
    /// <summary>Creates an element.</summary>
    public ScriptElement(ElementKind kind, string text, int line)
    {
        this.Kind = kind;
        this.Text = text;
        this.Line = line;
    }

    /// <summary>What the element is.</summary>
    public ElementKind Kind { get; }

    /// <summary>The text, markup-free for cues and headings; emphasis markers kept in action and dialogue.</summary>
    public string Text { get; }

    /// <summary>The one-based line of the source where the element starts (for FDX: the XML line).</summary>
    public int Line { get; }

    /// <summary>Centered action text (Fountain `> text <`).</summary>
    public bool IsCentered { get; init; }

    /// <summary>Part of a dual-dialogue pair (both cues of the pair are flagged).</summary>
    public bool IsDual { get; set; }

    /// <summary>The explicit scene number of a heading (`#12A#`, FDX Number, `SÉQ. 12`), or null.</summary>
    public string? SceneNumber { get; init; }

    /// <summary>The depth of a section (1 for `#`).</summary>
    public int SectionDepth { get; init; }

    /// <summary>For a character cue: the parsed name and extensions.</summary>
    public CharacterCue? Cue { get; init; }

    /// <summary>Inline notes (`[[ ]]`) found inside the element, removed from <see cref="Text"/>.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <inheritdoc/>
    public override string ToString() => $"{this.Kind}: {this.Text}";
}
