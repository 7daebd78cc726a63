namespace Perche.Preproduction.Screenplay;

/// <summary>The source format a screenplay was read from.</summary>
public enum ScreenplayFormat
{
    /// <summary>Fountain 1.1 (.fountain, .spmd, or Fountain in .txt).</summary>
    Fountain,

    /// <summary>Final Draft XML (.fdx).</summary>
    FinalDraft,

    /// <summary>A plain-text screenplay in the standard indented layout.</summary>
    PlainText,
}

/// <summary>The language of a screenplay, which picks the lexicon and the document language.</summary>
public enum ScriptLanguage
{
    /// <summary>English.</summary>
    English,

    /// <summary>French.</summary>
    French,
}

/// <summary>One screenplay model for every format: title page, flat element list, scenes.</summary>
public sealed class Screenplay
{
    /// <summary>Creates the model; <see cref="ScreenplayBuilder"/> fills it.</summary>
    public Screenplay(string inputName, ScreenplayFormat format, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> titlePage, IReadOnlyList<ScriptElement> elements)
    {
        this.InputName = inputName;
        this.Format = format;
        this.TitlePage = titlePage;
        this.Elements = elements;
    }

    /// <summary>The file path or stream name.</summary>
    public string InputName { get; }

    /// <summary>The format it was read from.</summary>
    public ScreenplayFormat Format { get; }

    /// <summary>Title-page entries in order (key as written, e.g. "Title", "Credit"; values one per line).</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> TitlePage { get; }

    /// <summary>Every element after the title page, in order.</summary>
    public IReadOnlyList<ScriptElement> Elements { get; }

    /// <summary>The scenes, including an opening (<see cref="Scene.IsOpening"/>) when material precedes the first heading.</summary>
    public IReadOnlyList<Scene> Scenes { get; internal set; } = [];

    /// <summary>The detected (or forced) language.</summary>
    public ScriptLanguage Language { get; internal set; }

    /// <summary>The text encoding used to decode the file ("UTF-8", "Windows-1252").</summary>
    public string EncodingName { get; internal set; } = "UTF-8";

    /// <summary>Things the reader had to guess (no headings, Windows-1252 fallback...).</summary>
    public IReadOnlyList<string> Warnings { get; internal set; } = [];

    /// <summary>Estimated printed length in pages.</summary>
    public double LengthPages { get; internal set; }

    /// <summary>The title from the title page, or the file name.</summary>
    public string Title
    {
        get
        {
            foreach (var kv in this.TitlePage)
            {
                if (kv.Key.Equals("Title", StringComparison.OrdinalIgnoreCase) || kv.Key.Equals("Titre", StringComparison.OrdinalIgnoreCase))
                {
                    return string.Join(' ', kv.Value).Replace("*", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).Trim();
                }
            }

            return Path.GetFileNameWithoutExtension(this.InputName);
        }
    }

    /// <summary>The values of a title-page key, or empty.</summary>
    public IReadOnlyList<string> TitleValue(string key)
    {
        foreach (var kv in this.TitlePage)
        {
            if (kv.Key.Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                return kv.Value;
            }
        }

        return [];
    }

    /// <summary>The scenes that follow a heading (the opening excluded).</summary>
    public IEnumerable<Scene> HeadedScenes => this.Scenes.Where(s => !s.IsOpening);

    /// <summary>Every speaking character with its number of dialogue blocks, most lines first then by name.</summary>
    public IReadOnlyList<(string Name, int Lines)> Characters
    {
        get
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var order = new List<string>();
            string? current = null;
            foreach (var e in this.Elements)
            {
                if (e.Kind == ElementKind.Character && e.Cue is { } cue)
                {
                    current = cue.Name;
                    if (!counts.ContainsKey(current))
                    {
                        counts[current] = 0;
                        order.Add(current);
                    }
                }
                else if (e.Kind is ElementKind.Dialogue or ElementKind.Lyrics && current is not null)
                {
                    counts[current]++;
                }
                else if (e.Kind is not ElementKind.Parenthetical)
                {
                    current = null;
                }
            }

            return order.Select(n => (n, counts[n])).OrderByDescending(c => c.Item2).ThenBy(c => c.n, StringComparer.Ordinal).ToList();
        }
    }
}
