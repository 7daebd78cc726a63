namespace Perche.Preproduction.Breakdown;

/// <summary>A word of the action text: where it is, its folded form, and whether it was written in capitals.</summary>
public readonly record struct Token(int Start, int Length, string Folded, bool IsCapitalised);

/// <summary>
/// Splits text into words. Letters, digits and inner hyphens make a word; a French elision (l', d', s', qu')
/// is a word of its own so "l'orage" gives "l'" and "orage". Emphasis markup (*, _) is a separator.
/// </summary>
public static class Tokenizer
{
    private static readonly HashSet<string> Elisions = new(StringComparer.Ordinal) { "l", "d", "s", "n", "j", "m", "t", "c", "qu", "jusqu", "lorsqu", "puisqu" };

    /// <summary>The words of <paramref name="text"/>.</summary>
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || (text[i] == '-' && i + 1 < text.Length && char.IsLetter(text[i + 1]) && i > start)))
            {
                i++;
            }

            if (i < text.Length && text[i] is '\'' or '\u2019')
            {
                var word = Lexicon.Fold(text[start..i]);
                if (Elisions.Contains(word) && i + 1 < text.Length && char.IsLetter(text[i + 1]))
                {
                    tokens.Add(Make(text, start, i + 1 - start));
                    i++;
                    continue;
                }
            }

            tokens.Add(Make(text, start, i - start));
        }

        return tokens;
    }

    private static Token Make(string text, int start, int length)
    {
        var span = text.AsSpan(start, length);
        var letters = 0;
        var upper = true;
        foreach (var c in span)
        {
            if (char.IsLetter(c))
            {
                letters++;
                upper &= char.IsUpper(c);
            }
        }

        return new Token(start, length, Lexicon.Fold(span.ToString()).Replace('\u2019', '\''), letters >= 2 && upper);
    }
}
