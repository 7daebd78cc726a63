namespace Perche.Preproduction.Screenplay;

/// <summary>
/// Removes diacritics from Latin letters with a table, not with <see cref="string.Normalize()"/>: the CLI runs
/// with invariant globalization, where Unicode normalisation leaves "é" as it is. French words are then matched
/// whether the writer typed the accents or not (capitals are often written without: "ECLATE", "PLUIE").
/// </summary>
public static class TextFold
{
    private const string Accented = "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž";
    private const string Plain = "aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiiijklllllnnnnooooooooorrrssssttttuuuuuuuuuuwyyyzzz";

    /// <summary>The base letter of <paramref name="c"/> (lower case in, lower case out; other characters unchanged).</summary>
    public static char Base(char c)
    {
        if (c < 0xC0)
        {
            return c;
        }

        var i = Accented.IndexOf(c, StringComparison.Ordinal);
        return i >= 0 ? Plain[i] : c;
    }

    /// <summary>Lower case without diacritics; œ and æ become two letters; typographic apostrophes become '.</summary>
    public static string Lower(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            switch (c)
            {
                case 'œ':
                    sb.Append("oe");
                    break;
                case 'æ':
                    sb.Append("ae");
                    break;
                case '\u2019' or '\u2018' or '\u02BC':
                    sb.Append('\'');
                    break;
                default:
                    sb.Append(Base(c));
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Upper case without diacritics.</summary>
    public static string Upper(string text) => Lower(text).ToUpperInvariant();
}
