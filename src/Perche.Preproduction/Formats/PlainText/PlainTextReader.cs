using System.Text;
using Perche.Preproduction.Formats.Fountain;
using Perche.Preproduction.Screenplay;

namespace Perche.Preproduction.Formats.PlainText;

/// <summary>
/// Reads a plain-text screenplay. Two layouts are met in practice: the printed layout (cues indented about 20
/// spaces, dialogue about 10, transitions pushed right), which is classified by indentation; and flush-left
/// text, which follows the same blank-line rules as Fountain. A free-form title page before <c>FADE IN:</c> or
/// the first heading becomes Title / Credit / Author / Contact.
/// </summary>
public static class PlainTextReader
{
    /// <summary>Reads a plain-text file.</summary>
    public static Screenplay.Screenplay Read(string path, ScriptLanguage? language = null)
    {
        return ScriptText.ReadScript(path, language, Parse);
    }

    /// <summary>Parses plain-text screenplay text.</summary>
    public static Screenplay.Screenplay Parse(string text, string inputName, ScriptLanguage? language = null, List<string>? warnings = null)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Replace("\f", "\n", StringComparison.Ordinal).Split('\n');
        var bodyStart = TitlePageEnd(lines, out var titlePage);
        var body = lines[bodyStart..];
        List<ScriptElement> elements;
        if (IsIndentedLayout(body))
        {
            elements = ParseIndented(body, bodyStart);
        }
        else
        {
            // Flush-left plain text reads with the Fountain rules; line numbers are shifted past the title page.
            var (_, parsed) = FountainReader.ParseElements(string.Join('\n', body));
            elements = parsed.Select(e => Shift(e, bodyStart)).ToList();
        }

        return ScreenplayBuilder.Build(inputName, ScreenplayFormat.PlainText, titlePage, elements, language, warnings ?? []);
    }

    private static ScriptElement Shift(ScriptElement e, int offset) => new(e.Kind, e.Text, e.Line + offset)
    {
        IsCentered = e.IsCentered, IsDual = e.IsDual, SceneNumber = e.SceneNumber, SectionDepth = e.SectionDepth, Cue = e.Cue, Notes = e.Notes,
    };

    private static int TitlePageEnd(string[] lines, out List<KeyValuePair<string, IReadOnlyList<string>>> titlePage)
    {
        titlePage = [];
        var limit = Math.Min(lines.Length, 80);
        var end = -1;
        for (var i = 0; i < limit; i++)
        {
            var t = lines[i].Trim();
            if (t.StartsWith("FADE IN", StringComparison.OrdinalIgnoreCase) || t.StartsWith("OUVERTURE", StringComparison.OrdinalIgnoreCase) || SceneHeading.LooksLikeHeading(t))
            {
                end = i;
                break;
            }
        }

        if (end <= 0)
        {
            return 0;
        }

        var text = lines[..end].Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        // Dialogue before the first heading means there is no title page but a cold open.
        if (text.Count == 0 || text.Count > 20)
        {
            return 0;
        }

        titlePage.Add(new("Title", [text[0]]));
        var rest = new List<string>();
        for (var i = 1; i < text.Count; i++)
        {
            var lower = text[i].ToLowerInvariant();
            if ((lower.StartsWith("written by", StringComparison.Ordinal) || lower is "by" or "écrit par" or "scénario") && i + 1 < text.Count)
            {
                titlePage.Add(new("Credit", [text[i]]));
                titlePage.Add(new("Author", [text[i + 1]]));
                i++;
            }
            else
            {
                rest.Add(text[i]);
            }
        }

        if (rest.Count > 0)
        {
            titlePage.Add(new("Contact", rest));
        }

        return end;
    }

    private static int Indent(string line)
    {
        var n = 0;
        foreach (var c in line)
        {
            if (c == ' ')
            {
                n++;
            }
            else if (c == '\t')
            {
                n += 8 - (n % 8);
            }
            else
            {
                break;
            }
        }

        return n;
    }

    private static bool IsIndentedLayout(string[] lines)
    {
        var nonBlank = 0;
        var indented = 0;
        foreach (var l in lines)
        {
            if (l.Trim().Length == 0)
            {
                continue;
            }

            nonBlank++;
            if (Indent(l) >= 10)
            {
                indented++;
            }
        }

        return nonBlank > 0 && indented * 5 >= nonBlank;
    }

    private static List<ScriptElement> ParseIndented(string[] lines, int offset)
    {
        var elements = new List<ScriptElement>();
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i];
            var t = line.Trim();
            var indent = Indent(line);
            var lineNumber = offset + i + 1;
            if (t.Length == 0 || IsPageFurniture(t, indent))
            {
                i++;
                continue;
            }

            var nextBlank = i + 1 >= lines.Length || lines[i + 1].Trim().Length == 0;
            if (indent < 10 && SceneHeading.LooksLikeHeading(t))
            {
                elements.Add(new ScriptElement(ElementKind.SceneHeading, t, lineNumber));
                i++;
                continue;
            }

            if (FountainReader.IsTransitionText(t) || (indent >= 40 && t.ToUpperInvariant() == t))
            {
                elements.Add(new ScriptElement(ElementKind.Transition, t, lineNumber));
                i++;
                continue;
            }

            if (indent >= 15 && !nextBlank && FountainReader.IsCueText(t) && CharacterCue.Parse(t).Name.Length > 0)
            {
                var cue = CharacterCue.Parse(t);
                elements.Add(new ScriptElement(ElementKind.Character, cue.Name, lineNumber) { Cue = cue });
                i++;
                var sb = new StringBuilder();
                var start = 0;
                while (i < lines.Length && lines[i].Trim().Length > 0)
                {
                    var d = lines[i].Trim();
                    if (d.StartsWith('('))
                    {
                        Flush(elements, sb, start);
                        elements.Add(new ScriptElement(ElementKind.Parenthetical, d, offset + i + 1));
                    }
                    else if (!IsPageFurniture(d, Indent(lines[i])))
                    {
                        if (sb.Length == 0)
                        {
                            start = offset + i + 1;
                        }
                        else
                        {
                            sb.Append('\n');
                        }

                        sb.Append(d);
                    }

                    i++;
                }

                Flush(elements, sb, start);
                continue;
            }

            var action = new StringBuilder();
            var first = lineNumber;
            while (i < lines.Length && lines[i].Trim().Length > 0)
            {
                if (action.Length > 0)
                {
                    action.Append('\n');
                }

                action.Append(lines[i].Trim());
                i++;
            }

            elements.Add(new ScriptElement(ElementKind.Action, action.ToString(), first));
        }

        return elements;
    }

    private static void Flush(List<ScriptElement> elements, StringBuilder sb, int line)
    {
        if (sb.Length > 0)
        {
            elements.Add(new ScriptElement(ElementKind.Dialogue, sb.ToString(), line));
            sb.Clear();
        }
    }

    // Page numbers ("12."), (MORE) and (CONT'D) at page ends are printing furniture, not content.
    private static bool IsPageFurniture(string t, int indent) =>
        t is "(MORE)" or "(SUITE)" or "(CONT'D)" || (indent >= 40 && t.TrimEnd('.').All(char.IsDigit));
}
