namespace Perche.Preproduction.Screenplay;

/// <summary>A scene: its heading and the elements up to the next heading.</summary>
public sealed class Scene
{
    /// <summary>Creates a scene.</summary>
    public Scene(int ordinal, string number, SceneHeading heading, IReadOnlyList<ScriptElement> elements, int line, bool isOpening)
    {
        this.Ordinal = ordinal;
        this.Number = number;
        this.Heading = heading;
        this.Elements = elements;
        this.Line = line;
        this.IsOpening = isOpening;
    }

    /// <summary>Position among the scenes, from 1 (0 for the opening before the first heading).</summary>
    public int Ordinal { get; }

    /// <summary>The scene number: the one written in the script, else the ordinal.</summary>
    public string Number { get; }

    /// <summary>The parsed heading.</summary>
    public SceneHeading Heading { get; }

    /// <summary>The elements after the heading, up to the next heading.</summary>
    public IReadOnlyList<ScriptElement> Elements { get; }

    /// <summary>The one-based source line of the heading (or of the first element of the opening).</summary>
    public int Line { get; }

    /// <summary>True for the material before the first heading (a pre-title sequence, a voice-over opening).</summary>
    public bool IsOpening { get; }

    /// <summary>Length in pages as the layout would print it (55 lines a page; see <see cref="PageEstimator"/>).</summary>
    public double LengthPages { get; init; }

    /// <summary>The characters who speak, in order of first line, with their number of dialogue blocks.</summary>
    public IReadOnlyList<(string Name, int Lines)> Speakers
    {
        get
        {
            var list = new List<(string Name, int Lines)>();
            string? current = null;
            foreach (var e in this.Elements)
            {
                if (e.Kind == ElementKind.Character && e.Cue is { } cue)
                {
                    current = cue.Name;
                    var i = list.FindIndex(s => s.Name == current);
                    if (i < 0)
                    {
                        list.Add((current, 0));
                    }
                }
                else if (e.Kind is ElementKind.Dialogue or ElementKind.Lyrics && current is not null)
                {
                    var i = list.FindIndex(s => s.Name == current);
                    list[i] = (current, list[i].Lines + 1);
                }
            }

            return list;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{this.Number} {this.Heading.Text}";
}
