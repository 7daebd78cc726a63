using System.Text.RegularExpressions;

namespace Perche.Post.Conform;

/// <summary>Scene and take as a slate names them, normalised so "012A" and "12a" compare equal.</summary>
public readonly record struct Slate(string Scene, string Take)
{
    /// <summary>True when both parts are known.</summary>
    public bool IsKnown => this.Scene.Length > 0 && this.Take.Length > 0;

    /// <summary>Normalises a scene or take label: upper case, no leading zeros, no spaces ("012a" → "12A").</summary>
    public static string Normalize(string label)
    {
        var s = label.Trim().ToUpperInvariant().Replace(" ", string.Empty, StringComparison.Ordinal);
        var i = 0;
        while (i < s.Length - 1 && s[i] == '0' && char.IsAsciiDigit(s[i + 1]))
        {
            i++;
        }

        return s[i..];
    }

    /// <summary>A slate from iXML fields.</summary>
    public static Slate From(string scene, string take) => new(Normalize(scene), Normalize(take));
}

/// <summary>
/// Finds scene and take in an editor's clip name, the way assistants name synced clips: "12A-3", "12A/3", "12A_3",
/// "S12AT03", "Sc12A Tk3", "SC 12A TK 3", "Scene 12A Take 3". Camera names like A001C003 carry none.
/// </summary>
public static partial class SlateParser
{
    /// <summary>The slate named in <paramref name="text"/>, or null.</summary>
    public static Slate? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var m = Spelled().Match(text);
        if (!m.Success)
        {
            m = Compact().Match(text);
        }

        if (!m.Success)
        {
            m = Dashed().Match(text);
        }

        return m.Success ? Slate.From(m.Groups["scene"].Value, m.Groups["take"].Value) : null;
    }

    [GeneratedRegex(@"\b(?:SC(?:ENE)?|SCN)[\s._-]*(?<scene>\d+[A-Z]{0,2})[\s._-]*(?:TK|TAKE|T)[\s._-]*(?<take>\d+)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Spelled();

    [GeneratedRegex(@"(?<![A-Z0-9])S(?<scene>\d+[A-Z]{0,2})T(?<take>\d+)(?![0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Compact();

    [GeneratedRegex(@"(?<![A-Z0-9])(?<scene>\d+[A-Z]{0,2})[-/_](?<take>\d{1,3})(?![0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Dashed();
}
