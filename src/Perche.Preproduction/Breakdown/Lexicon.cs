using System.Globalization;
using System.Reflection;
using System.Text;
using Perche.Preproduction.Screenplay;

namespace Perche.Preproduction.Breakdown;

/// <summary>One lexicon entry: a sound word or phrase, the sound it names, and how sure a mention makes us.</summary>
public sealed class LexiconEntry
{
    internal LexiconEntry(string lemma, char partOfSpeech, string key, SoundCategory category, string label, bool implied, bool weak)
    {
        this.Lemma = lemma;
        this.PartOfSpeech = partOfSpeech;
        this.Key = key;
        this.Category = category;
        this.Label = label;
        this.Implied = implied;
        this.Weak = weak;
    }

    /// <summary>The dictionary form ("claquer", "slam").</summary>
    public string Lemma { get; }

    /// <summary>'v' verb, 'n' noun, 'x' invariable word or phrase.</summary>
    public char PartOfSpeech { get; }

    /// <summary>The sound key shared by both languages.</summary>
    public string Key { get; }

    /// <summary>The category the sound belongs to.</summary>
    public SoundCategory Category { get; }

    /// <summary>A human label in the lexicon's language.</summary>
    public string Label { get; }

    /// <summary>The word implies a sound rather than naming it (drives, walks).</summary>
    public bool Implied { get; }

    /// <summary>A mention that is often not heard (a door, a dog in the room).</summary>
    public bool Weak { get; }
}

/// <summary>
/// A curated sound lexicon (French or English) with lemmatised matching: every inflected form of each entry is
/// generated once (English -s/-ed/-ing with doubling; French -er and -ir conjugations, plurals) and indexed by its
/// first word, accents and case folded, so matching a token is one dictionary look-up.
/// </summary>
public sealed class Lexicon
{
    private static readonly Lazy<Lexicon> EnglishLexicon = new(() => Load(ScriptLanguage.English));
    private static readonly Lazy<Lexicon> FrenchLexicon = new(() => Load(ScriptLanguage.French));

    private readonly Dictionary<string, List<(LexiconEntry Entry, string[] Tokens)>> byFirstToken = new(StringComparer.Ordinal);

    private Lexicon(ScriptLanguage language, List<LexiconEntry> entries)
    {
        this.Language = language;
        this.Entries = entries;
    }

    /// <summary>The language.</summary>
    public ScriptLanguage Language { get; }

    /// <summary>Every entry.</summary>
    public IReadOnlyList<LexiconEntry> Entries { get; }

    /// <summary>The shipped lexicon of a language.</summary>
    public static Lexicon For(ScriptLanguage language) => language == ScriptLanguage.French ? FrenchLexicon.Value : EnglishLexicon.Value;

    /// <summary>Parses a lexicon file's text (see the header of Lexicons/en.tsv for the format).</summary>
    public static Lexicon Parse(string tsv, ScriptLanguage language)
    {
        var entries = new List<LexiconEntry>();
        var lexicon = new Lexicon(language, entries);
        var lineNumber = 0;
        foreach (var raw in tsv.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var cols = line.Split('\t');
            if (cols.Length < 5 || cols[1].Length != 1 || !Enum.TryParse<SoundCategory>(cols[3], out var category))
            {
                throw new InvalidDataException($"lexicon {language}: line {lineNumber}: expected 'lemma<TAB>v|n|x<TAB>key<TAB>category<TAB>label'");
            }

            var implied = false;
            var weak = false;
            var extra = new List<string>();
            for (var c = 5; c < cols.Length; c++)
            {
                foreach (var word in cols[c].Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
                {
                    if (word == "implied" && !cols[c].Contains(',', StringComparison.Ordinal))
                    {
                        implied = true;
                    }
                    else if (word == "weak" && !cols[c].Contains(',', StringComparison.Ordinal))
                    {
                        weak = true;
                    }
                }

                if (cols[c].Contains(',', StringComparison.Ordinal) || (cols[c].Length > 0 && cols[c] is not ("implied" or "weak" or "implied weak")))
                {
                    extra.AddRange(cols[c].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                }
            }

            var entry = new LexiconEntry(cols[0], cols[1][0], cols[2], category, cols[4], implied, weak);
            entries.Add(entry);
            var forms = new HashSet<string>(StringComparer.Ordinal) { Fold(entry.Lemma) };
            foreach (var f in Inflect(entry.Lemma, entry.PartOfSpeech, language))
            {
                forms.Add(Fold(f));
            }

            foreach (var f in extra)
            {
                forms.Add(Fold(f));
            }

            foreach (var form in forms)
            {
                var tokens = Tokenizer.Tokenize(form).Select(t => t.Folded).ToArray();
                if (tokens.Length == 0)
                {
                    continue;
                }

                if (!lexicon.byFirstToken.TryGetValue(tokens[0], out var list))
                {
                    list = [];
                    lexicon.byFirstToken[tokens[0]] = list;
                }

                list.Add((entry, tokens));
            }
        }

        foreach (var list in lexicon.byFirstToken.Values)
        {
            // Longest phrase first, so "coup de feu" wins over a shorter entry starting with "coup".
            list.Sort((a, b) => b.Tokens.Length.CompareTo(a.Tokens.Length));
        }

        return lexicon;
    }

    /// <summary>The longest entry matching the tokens at <paramref name="index"/>, and how many tokens it spans.</summary>
    public (LexiconEntry? Entry, int Length) Match(IReadOnlyList<Token> tokens, int index)
    {
        if (!this.byFirstToken.TryGetValue(tokens[index].Folded, out var candidates))
        {
            return (null, 0);
        }

        foreach (var (entry, pattern) in candidates)
        {
            if (index + pattern.Length > tokens.Count)
            {
                continue;
            }

            var ok = true;
            for (var k = 1; k < pattern.Length && ok; k++)
            {
                ok = tokens[index + k].Folded == pattern[k];
            }

            if (ok)
            {
                return (entry, pattern.Length);
            }
        }

        return (null, 0);
    }

    /// <summary>Lower case without diacritics, typographic apostrophes made straight.</summary>
    public static string Fold(string text) => TextFold.Lower(text);

    /// <summary>The regular inflections of a lemma (the lemma itself excluded).</summary>
    internal static IEnumerable<string> Inflect(string lemma, char pos, ScriptLanguage language)
    {
        if (pos == 'x' || lemma.Contains(' ', StringComparison.Ordinal))
        {
            return [];
        }

        return language == ScriptLanguage.French ? InflectFrench(lemma, pos) : InflectEnglish(lemma, pos);
    }

    private static List<string> InflectEnglish(string w, char pos)
    {
        var forms = new List<string> { ThirdPerson(w) };
        if (pos != 'v')
        {
            return forms;
        }

        var doubled = DoublesFinalConsonant(w) ? w + w[^1] : w;
        if (w.EndsWith('e'))
        {
            forms.Add(w + "d");
            forms.Add(w.EndsWith("ee", StringComparison.Ordinal) ? w + "ing" : w.EndsWith("ie", StringComparison.Ordinal) ? w[..^2] + "ying" : w[..^1] + "ing");
        }
        else if (w.EndsWith('y') && w.Length > 1 && !IsVowel(w[^2]))
        {
            forms.Add(w[..^1] + "ied");
            forms.Add(w + "ing");
        }
        else
        {
            forms.Add(doubled + "ed");
            forms.Add(doubled + "ing");
        }

        return forms;
    }

    private static string ThirdPerson(string w)
    {
        if (w.EndsWith('y') && w.Length > 1 && !IsVowel(w[^2]))
        {
            return w[..^1] + "ies";
        }

        return w.EndsWith('s') || w.EndsWith('x') || w.EndsWith('z') || w.EndsWith("sh", StringComparison.Ordinal) || w.EndsWith("ch", StringComparison.Ordinal) || w.EndsWith('o')
            ? w + "es"
            : w + "s";
    }

    // slam -> slammed, drip -> dripping; knock, creak, bark do not double (two final consonants or two vowels).
    private static bool DoublesFinalConsonant(string w) =>
        w.Length >= 3 && w.Length <= 5 && !IsVowel(w[^1]) && w[^1] is not ('w' or 'x' or 'y') && IsVowel(w[^2]) && !IsVowel(w[^3]);

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static List<string> InflectFrench(string w, char pos)
    {
        if (pos != 'v')
        {
            if (w.EndsWith("al", StringComparison.Ordinal))
            {
                return [w[..^2] + "aux"];
            }

            return w.EndsWith("eau", StringComparison.Ordinal) || w.EndsWith("au", StringComparison.Ordinal) || w.EndsWith("eu", StringComparison.Ordinal)
                ? [w + "x"]
                : [w + "s"];
        }

        var forms = new List<string>();
        if (w.EndsWith("er", StringComparison.Ordinal))
        {
            var stem = w[..^2];
            foreach (var end in new[] { "e", "es", "ent", "ons", "ez", "ais", "ait", "aient", "a", "èrent", "é", "ée", "és", "ées", "ant", "era", "eront", "erait", "eraient" })
            {
                forms.Add(stem + end);
            }

            if (stem.EndsWith('g'))
            {
                forms.AddRange(new[] { "a", "ant", "ait", "aient", "ons" }.Select(e => stem + "e" + e));
            }

            if (stem.EndsWith('c'))
            {
                forms.AddRange(new[] { "a", "ant", "ait", "aient", "ons" }.Select(e => stem[..^1] + "ç" + e));
            }

            if (stem.EndsWith('y'))
            {
                forms.AddRange(new[] { "e", "es", "ent" }.Select(e => stem[..^1] + "i" + e));
            }
        }
        else if (w.EndsWith("ir", StringComparison.Ordinal))
        {
            var stem = w[..^2];
            foreach (var end in new[] { "is", "it", "issons", "issez", "issent", "issait", "issaient", "issant", "i", "ie", "ies", "ira", "iront" })
            {
                forms.Add(stem + end);
            }
        }

        return forms;
    }

    private static Lexicon Load(ScriptLanguage language)
    {
        var name = language == ScriptLanguage.French ? "fr" : "en";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Perche.Preproduction.Lexicons.{name}.tsv")
            ?? throw new InvalidOperationException($"lexicon {name}.tsv is not embedded");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd(), language);
    }
}
