using System.Text;
using System.Xml;
using Perche.Core;
using Perche.Preproduction.Screenplay;

namespace Perche.Preproduction.Formats.Fdx;

/// <summary>
/// Reads Final Draft XML (.fdx): <c>Content/Paragraph</c> by <c>Type</c> (Scene Heading with <c>Number</c> and
/// <c>SceneProperties</c>, Action, Character, Parenthetical, Dialogue, Transition, Shot, General, Lyrics,
/// Cast List), <c>DualDialogue</c> blocks, styled <c>Text</c> runs joined, and the <c>TitlePage</c> (centered
/// paragraphs: the first is the title, a "Written by" line introduces the authors). Malformed XML is reported
/// with its line and column.
/// </summary>
public static class FdxReader
{
    /// <summary>Reads an .fdx file.</summary>
    public static Screenplay.Screenplay Read(string path, ScriptLanguage? language = null)
    {
        var bytes = ScriptText.ReadBytes(path);
        using var stream = new MemoryStream(bytes, writable: false);
        return Read(stream, path, language);
    }

    /// <summary>Reads FDX from a stream.</summary>
    public static Screenplay.Screenplay Read(Stream stream, string inputName, ScriptLanguage? language = null)
    {
        var elements = new List<ScriptElement>();
        var titleLines = new List<string>();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = false, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            var info = (IXmlLineInfo)reader;
            if (!reader.ReadToFollowing("FinalDraft"))
            {
                throw PercheFormatException.AtLine(inputName, Math.Max(1, info.LineNumber), "no <FinalDraft> root element: not a Final Draft document");
            }

            var depth = reader.Depth;
            var inContent = false;
            var inDual = false;
            var dualCues = new List<ScriptElement>();
            while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Name == "TitlePage")
                {
                    ReadTitlePage(reader.ReadSubtree(), titleLines);
                    continue;
                }

                if (reader.Depth == depth + 1 && reader.Name == "Content")
                {
                    inContent = reader.NodeType == XmlNodeType.Element && !reader.IsEmptyElement;
                    continue;
                }

                if (reader.NodeType == XmlNodeType.Element && reader.Name == "DualDialogue")
                {
                    inDual = true;
                    dualCues.Clear();
                    continue;
                }

                if (reader.NodeType == XmlNodeType.EndElement && reader.Name == "DualDialogue")
                {
                    inDual = false;
                    foreach (var cue in dualCues)
                    {
                        cue.IsDual = true;
                    }

                    continue;
                }

                if (reader.NodeType == XmlNodeType.Element && reader.Name == "Paragraph" && inContent && reader.GetAttribute("Type") is { } type)
                {
                    var line = info.LineNumber;
                    var number = reader.GetAttribute("Number");
                    var text = ReadParagraphText(reader);
                    var element = ToElement(type, text, line, number);
                    // Consecutive Dialogue paragraphs are the lines of one speech (screenplain writes one per line).
                    if (element is { Kind: ElementKind.Dialogue } && elements.Count > 0 && elements[^1].Kind == ElementKind.Dialogue)
                    {
                        var previous = elements[^1];
                        elements[^1] = new ScriptElement(ElementKind.Dialogue, previous.Text + "\n" + element.Text, previous.Line);
                    }
                    else if (element is not null)
                    {
                        elements.Add(element);
                        if (inDual && element.Kind == ElementKind.Character)
                        {
                            dualCues.Add(element);
                        }
                    }
                }
            }
        }
        catch (XmlException ex)
        {
            throw PercheFormatException.AtLine(inputName, Math.Max(1, ex.LineNumber), $"malformed Final Draft XML at column {ex.LinePosition}: {ex.Message}", ex);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            // System.Xml throws this (Buffer.BlockCopy, negative count) on a non-ASCII byte in the XML declaration's
            // version before an encoding switch; found by AFL++ (mhl-chain campaign) and the XML attack test.
            throw PercheFormatException.AtLine(inputName, 1, $"malformed XML declaration (the parser could not decode it: {ex.Message})", ex);
        }

        var titlePage = TitlePageOf(titleLines);
        return ScreenplayBuilder.Build(inputName, ScreenplayFormat.FinalDraft, titlePage, elements, language, []);
    }

    private static ScriptElement? ToElement(string type, string text, int line, string? number)
    {
        var trimmed = text.Trim();
        switch (type)
        {
            case "Scene Heading":
                return new ScriptElement(ElementKind.SceneHeading, trimmed, line) { SceneNumber = string.IsNullOrWhiteSpace(number) ? null : number.Trim() };
            case "Character":
                var cue = CharacterCue.Parse(trimmed);
                return cue.Name.Length == 0 ? null : new ScriptElement(ElementKind.Character, cue.Name, line) { Cue = cue };
            case "Dialogue":
                return trimmed.Length == 0 ? null : new ScriptElement(ElementKind.Dialogue, trimmed, line);
            case "Parenthetical":
                return trimmed.Length == 0 ? null : new ScriptElement(ElementKind.Parenthetical, trimmed, line);
            case "Transition":
                return trimmed.Length == 0 ? null : new ScriptElement(ElementKind.Transition, trimmed, line);
            case "Lyrics":
                return trimmed.Length == 0 ? null : new ScriptElement(ElementKind.Lyrics, trimmed, line);
            case "Cast List":
            case "New Act":
            case "End of Act":
                return trimmed.Length == 0 ? null : new ScriptElement(ElementKind.Section, trimmed, line) { SectionDepth = 1 };
            default:
                // Action, Shot, General and custom element types all read as scene description.
                return trimmed.Length == 0 ? null : new ScriptElement(ElementKind.Action, text.TrimEnd(), line);
        }
    }

    /// <summary>Joins the paragraph's Text runs (styles split a line into several); skips SceneProperties etc.</summary>
    private static string ReadParagraphText(XmlReader reader)
    {
        var sb = new StringBuilder();
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }

        var depth = reader.Depth;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Name == "Text" && reader.Depth == depth + 1 && !reader.IsEmptyElement)
            {
                // ReadElementContentAsString leaves the reader on the node after </Text>: no extra Read.
                var content = reader.ReadElementContentAsString();
                if (sb.Length > 0 && content.Length > 0 && !char.IsWhiteSpace(sb[^1]) && !char.IsWhiteSpace(content[0]) && IsRunBreak(sb))
                {
                    sb.Append('\n');
                }

                sb.Append(content);
                continue;
            }

            reader.Read();
        }

        return sb.ToString();
    }

    // Two runs "FADE TO BLACK." + "THE END." are two lines; styled runs inside a sentence are not.
    private static bool IsRunBreak(StringBuilder sb) => sb[^1] is '.' or '!' or '?' or ':';

    private static void ReadTitlePage(XmlReader sub, List<string> lines)
    {
        using (sub)
        {
            // Only TitlePage/Content carries the page; its HeaderAndFooter holds page-number furniture.
            sub.Read();
            var top = sub.Depth;
            while (sub.Read())
            {
                if (sub.NodeType == XmlNodeType.Element && sub.Depth == top + 1 && sub.Name != "Content")
                {
                    sub.Skip();
                    if (sub.NodeType == XmlNodeType.Element && sub.Depth == top + 1 && sub.Name == "Content")
                    {
                        ReadTitleContent(sub, lines);
                    }

                    continue;
                }

                if (sub.NodeType == XmlNodeType.Element && sub.Depth == top + 1 && sub.Name == "Content")
                {
                    ReadTitleContent(sub, lines);
                }
            }
        }
    }

    private static void ReadTitleContent(XmlReader sub, List<string> lines)
    {
        var depth = sub.Depth;
        while (sub.Read() && !(sub.NodeType == XmlNodeType.EndElement && sub.Depth == depth))
        {
            if (sub.NodeType == XmlNodeType.Element && sub.Name == "Paragraph")
            {
                lines.Add(ReadParagraphText(sub).Trim());
            }
        }
    }

    private static List<KeyValuePair<string, IReadOnlyList<string>>> TitlePageOf(List<string> lines)
    {
        var page = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        var nonEmpty = lines.Where(l => l.Length > 0).ToList();
        if (nonEmpty.Count == 0)
        {
            return page;
        }

        page.Add(new("Title", [nonEmpty[0]]));
        var rest = new List<string>();
        for (var i = 1; i < nonEmpty.Count; i++)
        {
            var l = nonEmpty[i];
            var lower = l.ToLowerInvariant();
            if ((lower is "written by" or "by" or "écrit par" or "scénario" or "scénario de" or "un film de") && i + 1 < nonEmpty.Count)
            {
                page.Add(new("Credit", [l]));
                page.Add(new("Author", [nonEmpty[i + 1]]));
                i++;
            }
            else
            {
                rest.Add(l);
            }
        }

        if (rest.Count > 0)
        {
            page.Add(new("Contact", rest));
        }

        return page;
    }
}
