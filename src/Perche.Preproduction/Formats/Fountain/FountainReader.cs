using System.Text;
using System.Text.RegularExpressions;
using Perche.Preproduction.Screenplay;

namespace Perche.Preproduction.Formats.Fountain;

/// <summary>
/// Reads Fountain 1.1 (fountain.io/syntax): title page, scene headings (with #numbers#, forced `.`), action
/// (forced `!`, centered `> <`), character cues (forced `@`, extensions, dual `^`), parentheticals, dialogue
/// (with `  ` blank lines), lyrics `~`, transitions (forced `>`), page breaks `===`, sections `#`, synopses `=`,
/// notes `[[ ]]` and boneyard `/* */`; CRLF, CR and a BOM are accepted. French conventions are recognised too
/// (`SÉQ. 12 - INT. CUISINE - JOUR`, `FONDU AU NOIR.`, `COUPE FRANCHE`). Each paragraph is one element, as in
/// the reference parser, so element indices can be compared with its tests.
/// </summary>
public static partial class FountainReader
{
    private static readonly HashSet<string> TitleKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "Title", "Credit", "Author", "Authors", "Source", "Draft date", "Date", "Contact", "Copyright", "Notes", "Revision",
        "Titre", "Auteur", "Auteurs", "Crédit", "Credits", "Version", "Episode", "Épisode", "Réalisation", "Production",
    };

    private static readonly HashSet<string> FullTransitions = new(StringComparer.Ordinal)
    {
        "FADE OUT.", "FADE OUT", "FADE TO BLACK.", "FADE TO BLACK", "CUT TO BLACK.", "CUT TO BLACK", "FADE TO WHITE.",
        "FONDU AU NOIR.", "FONDU AU NOIR", "FONDU AU BLANC.", "FONDU ENCHAÎNÉ.", "FONDU ENCHAÎNÉ", "FONDU ENCHAINÉ", "FONDU ENCHAINE",
        "ENCHAÎNÉ.", "ENCHAÎNÉ", "ENCHAINÉ", "ENCHAINE", "COUPE FRANCHE.", "COUPE FRANCHE", "COUPE FRANCHE :", "CUT :", "CUT.",
        "OUVERTURE AU NOIR.", "FERMETURE AU NOIR.", "FERMETURE AU NOIR",
    };

    /// <summary>Reads a Fountain file.</summary>
    public static Screenplay.Screenplay Read(string path, ScriptLanguage? language = null)
    {
        return ScriptText.ReadScript(path, language, Parse);
    }

    /// <summary>Parses Fountain text (a leading BOM is ignored).</summary>
    public static Screenplay.Screenplay Parse(string text, string inputName, ScriptLanguage? language = null, List<string>? warnings = null)
    {
        var (titlePage, elements) = ParseElements(text);
        return ScreenplayBuilder.Build(inputName, ScreenplayFormat.Fountain, titlePage, elements, language, warnings ?? []);
    }

    /// <summary>The title page and the flat element list.</summary>
    internal static (List<KeyValuePair<string, IReadOnlyList<string>>> TitlePage, List<ScriptElement> Elements) ParseElements(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var titlePage = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        var i = ReadTitlePage(lines, titlePage);
        var elements = new List<ScriptElement>();
        var parser = new Body(lines, elements);
        parser.Run(i);
        return (titlePage, elements);
    }

    private static int ReadTitlePage(string[] lines, List<KeyValuePair<string, IReadOnlyList<string>>> titlePage)
    {
        if (lines.Length == 0 || !IsTitleKeyLine(lines[0], out _, out _))
        {
            return 0;
        }

        var i = 0;
        string? key = null;
        List<string>? values = null;
        for (; i < lines.Length && lines[i].Trim().Length > 0; i++)
        {
            var line = lines[i];
            if (!char.IsWhiteSpace(line[0]) && IsTitleKeyLine(line, out var k, out var v))
            {
                if (key is not null)
                {
                    titlePage.Add(new(key, values!));
                }

                key = k;
                values = v.Length > 0 ? [v] : [];
            }
            else if (values is not null)
            {
                values.Add(line.Trim());
            }
        }

        if (key is not null)
        {
            titlePage.Add(new(key, values!));
        }

        return i;
    }

    private static bool IsTitleKeyLine(string line, out string key, out string value)
    {
        key = string.Empty;
        value = string.Empty;
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        var k = line[..colon].Trim();
        foreach (var c in k)
        {
            if (!char.IsLetter(c) && c != ' ' && c != '-')
            {
                return false;
            }
        }

        // "FADE IN:" must not open a title page: keys are known ones or written in mixed case.
        if (!TitleKeys.Contains(k) && k.ToUpperInvariant() == k)
        {
            return false;
        }

        key = k;
        value = line[(colon + 1)..].Trim();
        return true;
    }

    /// <summary>True for a line that is a transition by the Fountain rule or a known French/English one.</summary>
    internal static bool IsTransitionText(string line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.Length == 0 || HasLower(trimmed))
        {
            return false;
        }

        // Trailing spaces make "CUT TO:  " an action line (the reference parser's rule: an escape hatch).
        if (trimmed.EndsWith("TO:", StringComparison.Ordinal))
        {
            return true;
        }

        return FullTransitions.Contains(trimmed.TrimEnd());
    }

    /// <summary>True for a character cue: no lower case before the extensions and at least one letter.</summary>
    internal static bool IsCueText(string trimmed)
    {
        if (trimmed.Length == 0 || trimmed.Length > 60 || SceneHeading.LooksLikeHeading(trimmed))
        {
            return false;
        }

        var paren = trimmed.IndexOf('(', StringComparison.Ordinal);
        var name = (paren >= 0 ? trimmed[..paren] : trimmed).TrimEnd('^', ' ');
        if (name.Length == 0 || HasLower(name))
        {
            return false;
        }

        var hasLetter = false;
        foreach (var c in trimmed)
        {
            hasLetter |= char.IsLetter(c);
        }

        // A cue never ends a sentence: "BANG!" or "A RIVER." followed by text are action (the dialogue case is
        // handled by the caller's blank-line rule); but "MR." or "DR. NO" are names, so only '!' and '?' reject.
        return hasLetter && !name.EndsWith('!') && !name.EndsWith('?') && !name.EndsWith(':');
    }

    private static bool HasLower(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLower(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Removes inline boneyard and notes from element text, keeping the notes.</summary>
    internal static string Clean(string text, out List<string> notes)
    {
        notes = [];
        if (text.Contains("/*", StringComparison.Ordinal))
        {
            text = InlineBoneyard().Replace(text, string.Empty);
        }

        if (text.Contains("[[", StringComparison.Ordinal))
        {
            var found = new List<string>();
            text = InlineNote().Replace(text, m =>
            {
                found.Add(m.Groups[1].Value.Trim());
                return string.Empty;
            });
            notes = found;
        }

        return text;
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex InlineBoneyard();

    [GeneratedRegex(@"\[\[(.*?)\]\]", RegexOptions.Singleline)]
    private static partial Regex InlineNote();

    [GeneratedRegex(@"\s*#([^#\s][^#]*)#\s*$")]
    private static partial Regex SceneNumber();

    /// <summary>The body parser: a cursor over the lines and the element list it fills.</summary>
    private sealed class Body(string[] lines, List<ScriptElement> elements)
    {
        private bool previousBlank = true;

        public void Run(int start)
        {
            var i = start;
            while (i < lines.Length)
            {
                var line = lines[i];
                var trimmed = line.Trim();
                if (trimmed.Length == 0)
                {
                    this.previousBlank = true;
                    i++;
                    continue;
                }

                var next = this.Step(i, line, trimmed);
                this.previousBlank = false;
                i = next;
            }
        }

        private bool NextIsBlank(int i) => i + 1 >= lines.Length || lines[i + 1].Trim().Length == 0;

        private int Step(int i, string line, string trimmed)
        {
            var lineNumber = i + 1;
            if (trimmed.StartsWith("/*", StringComparison.Ordinal))
            {
                return this.Boneyard(i);
            }

            if (trimmed.StartsWith("[[", StringComparison.Ordinal) && this.previousBlank && this.TryNote(i, out var afterNote))
            {
                return afterNote;
            }

            if (trimmed.Length >= 3 && trimmed.Trim('=').Length == 0)
            {
                elements.Add(new ScriptElement(ElementKind.PageBreak, string.Empty, lineNumber));
                return i + 1;
            }

            if (trimmed[0] == '#')
            {
                var depth = 0;
                while (depth < trimmed.Length && trimmed[depth] == '#')
                {
                    depth++;
                }

                elements.Add(new ScriptElement(ElementKind.Section, trimmed[depth..].Trim(), lineNumber) { SectionDepth = depth });
                return i + 1;
            }

            if (trimmed[0] == '=')
            {
                elements.Add(new ScriptElement(ElementKind.Synopsis, trimmed[1..].Trim(), lineNumber));
                return i + 1;
            }

            if (trimmed[0] == '~')
            {
                return this.Lyrics(i);
            }

            if (trimmed[0] == '>')
            {
                if (trimmed.Length > 1 && trimmed[^1] == '<')
                {
                    elements.Add(new ScriptElement(ElementKind.Action, trimmed[1..^1].Trim(), lineNumber) { IsCentered = true });
                }
                else
                {
                    elements.Add(new ScriptElement(ElementKind.Transition, trimmed[1..].Trim(), lineNumber));
                }

                return i + 1;
            }

            if (trimmed[0] == '!')
            {
                // A forced action may itself be centered: "!>THE END.<".
                return this.Action(i, forced: true);
            }

            if (trimmed[0] == '.' && trimmed.Length > 1 && trimmed[1] != '.')
            {
                this.Heading(trimmed[1..], lineNumber);
                return i + 1;
            }

            if (this.previousBlank && this.NextIsBlank(i) && SceneHeading.LooksLikeHeading(trimmed))
            {
                this.Heading(trimmed, lineNumber);
                return i + 1;
            }

            if (this.previousBlank && this.NextIsBlank(i) && IsTransitionText(line.TrimEnd('\t')) && line.TrimEnd() == line)
            {
                elements.Add(new ScriptElement(ElementKind.Transition, trimmed, lineNumber));
                return i + 1;
            }

            // A cue must name someone: "@ (V.O.)" or a line of symbols is action (found by the fuzzer).
            if (this.previousBlank && !this.NextIsBlank(i) && (trimmed[0] == '@' || IsCueText(trimmed)) && CharacterCue.Parse(trimmed).Name.Length > 0)
            {
                return this.Dialogue(i, trimmed);
            }

            return this.Action(i, forced: false);
        }

        private void Heading(string text, int lineNumber)
        {
            string? number = null;
            var m = SceneNumber().Match(text);
            if (m.Success)
            {
                number = m.Groups[1].Value.Trim();
                text = text[..m.Index];
            }

            elements.Add(new ScriptElement(ElementKind.SceneHeading, text.Trim(), lineNumber) { SceneNumber = number });
        }

        private int Boneyard(int i)
        {
            var start = i;
            var sb = new StringBuilder();
            for (; i < lines.Length; i++)
            {
                sb.Append(lines[i]).Append('\n');
                if (lines[i].Contains("*/", StringComparison.Ordinal))
                {
                    i++;
                    break;
                }
            }

            var text = sb.ToString().Trim();
            text = text[2..];
            var end = text.LastIndexOf("*/", StringComparison.Ordinal);
            if (end >= 0)
            {
                text = text[..end];
            }

            elements.Add(new ScriptElement(ElementKind.Boneyard, text.Trim(), start + 1));
            return i;
        }

        private bool TryNote(int i, out int after)
        {
            var sb = new StringBuilder();
            var j = i;
            for (; j < lines.Length && lines[j].Trim().Length > 0; j++)
            {
                sb.Append(lines[j].Trim()).Append('\n');
                if (lines[j].TrimEnd().EndsWith("]]", StringComparison.Ordinal))
                {
                    j++;
                    break;
                }
            }

            var text = sb.ToString().Trim();
            after = j;
            if (!text.EndsWith("]]", StringComparison.Ordinal) || text.IndexOf("]]", StringComparison.Ordinal) != text.Length - 2)
            {
                return false;
            }

            elements.Add(new ScriptElement(ElementKind.Note, text[2..^2].Trim(), i + 1));
            return true;
        }

        private int Lyrics(int i)
        {
            var start = i;
            var sb = new StringBuilder();
            while (i < lines.Length && lines[i].TrimStart().StartsWith('~'))
            {
                sb.Append(lines[i].TrimStart()[1..].Trim()).Append('\n');
                i++;
            }

            elements.Add(new ScriptElement(ElementKind.Lyrics, sb.ToString().TrimEnd('\n'), start + 1));
            return i;
        }

        private int Action(int i, bool forced)
        {
            var start = i;
            var sb = new StringBuilder();
            for (; i < lines.Length && lines[i].Trim().Length > 0; i++)
            {
                var l = lines[i].TrimEnd();
                if (i == start && forced)
                {
                    l = l.TrimStart()[1..];
                }

                if (sb.Length > 0)
                {
                    sb.Append('\n');
                }

                sb.Append(l);
            }

            var raw = sb.ToString();
            var t = raw.Trim();
            if (forced && t.StartsWith('>') && t.EndsWith('<') && !t.Contains('\n', StringComparison.Ordinal))
            {
                elements.Add(new ScriptElement(ElementKind.Action, t[1..^1].Trim(), start + 1) { IsCentered = true });
                return i;
            }

            var text = Clean(raw, out var notes);
            elements.Add(new ScriptElement(ElementKind.Action, text, start + 1) { Notes = notes });
            return i;
        }

        private int Dialogue(int i, string cueLine)
        {
            var cue = CharacterCue.Parse(cueLine);
            var cueElement = new ScriptElement(ElementKind.Character, cue.Name, i + 1) { Cue = cue, IsDual = cue.HasDualMarker };
            if (cue.HasDualMarker)
            {
                for (var k = elements.Count - 1; k >= 0; k--)
                {
                    if (elements[k].Kind == ElementKind.Character)
                    {
                        elements[k].IsDual = true;
                        break;
                    }
                }
            }

            elements.Add(cueElement);
            i++;
            var sb = new StringBuilder();
            var dialogueLine = 0;
            void Flush()
            {
                if (sb.Length > 0)
                {
                    var text = Clean(sb.ToString(), out var notes);
                    elements.Add(new ScriptElement(ElementKind.Dialogue, text, dialogueLine) { Notes = notes });
                    sb.Clear();
                }
            }

            while (i < lines.Length)
            {
                var line = lines[i];
                var trimmed = line.Trim();
                if (trimmed.Length == 0)
                {
                    // Two spaces on a line keep a dialogue block going across a deliberate empty line.
                    if (line.Length >= 2 && sb.Length > 0 && i + 1 < lines.Length && lines[i + 1].Trim().Length > 0)
                    {
                        sb.Append('\n');
                        i++;
                        continue;
                    }

                    break;
                }

                if (trimmed[0] == '(')
                {
                    Flush();
                    var start = i;
                    var p = new StringBuilder(trimmed);
                    while (!p.ToString().TrimEnd().EndsWith(')') && i + 1 < lines.Length && lines[i + 1].Trim().Length > 0 && !lines[i + 1].Trim().StartsWith('('))
                    {
                        i++;
                        p.Append(' ').Append(lines[i].Trim());
                    }

                    elements.Add(new ScriptElement(ElementKind.Parenthetical, p.ToString(), start + 1));
                }
                else if (trimmed[0] == '~')
                {
                    Flush();
                    elements.Add(new ScriptElement(ElementKind.Lyrics, trimmed[1..].Trim(), i + 1));
                }
                else
                {
                    if (sb.Length == 0)
                    {
                        dialogueLine = i + 1;
                    }
                    else
                    {
                        sb.Append('\n');
                    }

                    sb.Append(line.TrimEnd());
                }

                i++;
            }

            Flush();
            return i;
        }
    }
}
