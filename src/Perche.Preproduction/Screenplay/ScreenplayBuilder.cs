namespace Perche.Preproduction.Screenplay;

/// <summary>
/// Turns a reader's flat element list into the model: scenes, language, page length and warnings. Every format
/// ends here, so the scene rules are the same for Fountain, FDX and plain text.
/// </summary>
internal static class ScreenplayBuilder
{
    private static readonly HashSet<string> FrenchWords = new(StringComparer.Ordinal)
    {
        "le", "la", "les", "des", "est", "une", "dans", "et", "il", "elle", "que", "qui", "du", "au", "sur", "pas", "avec",
        "je", "tu", "nous", "vous", "ils", "elles", "sa", "son", "ses", "mais", "pour", "ce", "cette", "se", "ne", "aux", "un",
    };

    private static readonly HashSet<string> EnglishWords = new(StringComparer.Ordinal)
    {
        "the", "and", "is", "of", "to", "in", "he", "she", "it", "with", "his", "her", "on", "at", "you", "i", "that", "this",
        "was", "are", "for", "but", "they", "we", "what", "from", "into", "out", "an", "my", "your",
    };

    public static Screenplay Build(
        string inputName,
        ScreenplayFormat format,
        IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> titlePage,
        IReadOnlyList<ScriptElement> elements,
        ScriptLanguage? language,
        List<string> warnings)
    {
        var script = new Screenplay(inputName, format, titlePage, elements);
        var scenes = new List<Scene>();
        var firstHeading = -1;
        for (var i = 0; i < elements.Count; i++)
        {
            if (elements[i].Kind == ElementKind.SceneHeading)
            {
                firstHeading = i;
                break;
            }
        }

        if (firstHeading < 0)
        {
            var content = elements.Any(e => e.Kind is ElementKind.Action or ElementKind.Dialogue or ElementKind.Character);
            if (!content)
            {
                throw Perche.Core.PercheFormatException.ForInput(inputName, "the screenplay is empty: no action, dialogue or scene heading");
            }

            warnings.Add("no scene headings found: the whole script is treated as one scene");
            scenes.Add(new Scene(1, "1", SceneHeading.Parse(string.Empty), elements, elements.Count > 0 ? elements[0].Line : 1, isOpening: false)
            {
                LengthPages = PageEstimator.Pages(elements, 0, elements.Count),
            });
        }
        else
        {
            if (HasContent(elements, 0, firstHeading))
            {
                scenes.Add(new Scene(0, "0", SceneHeading.Parse(string.Empty), Slice(elements, 0, firstHeading), elements[0].Line, isOpening: true)
                {
                    LengthPages = PageEstimator.Pages(elements, 0, firstHeading),
                });
            }

            var ordinal = 0;
            for (var i = firstHeading; i < elements.Count;)
            {
                var end = i + 1;
                while (end < elements.Count && elements[end].Kind != ElementKind.SceneHeading)
                {
                    end++;
                }

                ordinal++;
                var heading = SceneHeading.Parse(elements[i].Text);
                var number = elements[i].SceneNumber ?? heading.LeadingNumber ?? ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);
                scenes.Add(new Scene(ordinal, number, heading, Slice(elements, i + 1, end), elements[i].Line, isOpening: false)
                {
                    LengthPages = PageEstimator.Pages(elements, i, end),
                });
                i = end;
            }
        }

        script.Scenes = scenes;
        script.LengthPages = PageEstimator.Pages(elements, 0, elements.Count);
        script.Language = language ?? Detect(elements);
        script.Warnings = warnings;
        return script;
    }

    /// <summary>French or English from common function words (headings count too: JOUR/NUIT against DAY/NIGHT).</summary>
    public static ScriptLanguage Detect(IReadOnlyList<ScriptElement> elements)
    {
        var fr = 0;
        var en = 0;
        foreach (var e in elements)
        {
            if (e.Kind is not (ElementKind.Action or ElementKind.Dialogue or ElementKind.SceneHeading or ElementKind.Parenthetical))
            {
                continue;
            }

            if (e.Kind == ElementKind.SceneHeading)
            {
                if (SceneHeading.Parse(e.Text).HasFrenchWords)
                {
                    fr += 3;
                }
                else
                {
                    en += 1;
                }

                continue;
            }

            foreach (var word in e.Text.Split([' ', '\t', '\n', ',', '.', '!', '?', ';', ':', '(', ')', '"', '\u2019', '\''], StringSplitOptions.RemoveEmptyEntries))
            {
                var w = word.ToLowerInvariant();
                if (FrenchWords.Contains(w))
                {
                    fr++;
                }
                else if (EnglishWords.Contains(w))
                {
                    en++;
                }
            }
        }

        return fr > en ? ScriptLanguage.French : ScriptLanguage.English;
    }

    private static bool HasContent(IReadOnlyList<ScriptElement> elements, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            var e = elements[i];
            if (e.Kind is ElementKind.Dialogue or ElementKind.Character
                || (e.Kind == ElementKind.Action && !e.IsCentered && !IsOpeningFurniture(e.Text)))
            {
                return true;
            }
        }

        return false;
    }

    // "FADE IN:" / "OUVERTURE AU NOIR" before the first heading is not a scene of its own.
    private static bool IsOpeningFurniture(string text)
    {
        var t = text.Trim().Trim('*', '_').Trim().ToUpperInvariant();
        return t.StartsWith("FADE IN", StringComparison.Ordinal) || t.StartsWith("OUVERTURE", StringComparison.Ordinal) || t.StartsWith("FONDU", StringComparison.Ordinal);
    }

    private static ScriptElement[] Slice(IReadOnlyList<ScriptElement> elements, int start, int end)
    {
        var slice = new ScriptElement[end - start];
        for (var i = start; i < end; i++)
        {
            slice[i - start] = elements[i];
        }

        return slice;
    }
}

/// <summary>
/// Estimates printed pages the way a screenplay is typeset (Courier 12, 55 lines a page: action 61 characters a
/// line, dialogue 35, parentheticals 25, one blank line between blocks), so a page is about a minute of film.
/// </summary>
public static class PageEstimator
{
    /// <summary>Printed lines on a page.</summary>
    public const int LinesPerPage = 55;

    /// <summary>Pages taken by elements [start, end).</summary>
    public static double Pages(IReadOnlyList<ScriptElement> elements, int start, int end)
    {
        var lines = 0;
        for (var i = start; i < end; i++)
        {
            var e = elements[i];
            lines += e.Kind switch
            {
                ElementKind.Action => Wrapped(e.Text, 61) + 1,
                ElementKind.SceneHeading => 3,
                ElementKind.Character => 2,
                ElementKind.Dialogue or ElementKind.Lyrics => Wrapped(e.Text, 35),
                ElementKind.Parenthetical => Wrapped(e.Text, 25),
                ElementKind.Transition => 2,
                _ => 0,
            };
        }

        return (double)lines / LinesPerPage;
    }

    private static int Wrapped(string text, int width)
    {
        var lines = 0;
        foreach (var line in text.Split('\n'))
        {
            lines += Math.Max(1, (line.Length + width - 1) / width);
        }

        return lines;
    }
}
