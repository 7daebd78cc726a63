using System.Text.RegularExpressions;

namespace Perche.Preproduction.Screenplay;

/// <summary>Where the camera is: inside, outside or both (a car, a doorway).</summary>
public enum Setting
{
    /// <summary>No INT./EXT. prefix (forced heading, or a script that omits it).</summary>
    Unknown,

    /// <summary>INT.</summary>
    Interior,

    /// <summary>EXT.</summary>
    Exterior,

    /// <summary>INT./EXT., I/E., EXT./INT.</summary>
    InteriorExterior,
}

/// <summary>The time of day of a heading, French and English words mapped to one list.</summary>
public enum TimeOfDay
{
    /// <summary>Not given.</summary>
    Unknown,

    /// <summary>DAY, JOUR, AFTERNOON, APRÈS-MIDI, MIDI.</summary>
    Day,

    /// <summary>NIGHT, NUIT.</summary>
    Night,

    /// <summary>MORNING, MATIN.</summary>
    Morning,

    /// <summary>EVENING, SOIR, FIN DE JOURNÉE.</summary>
    Evening,

    /// <summary>DAWN, AUBE, SUNRISE, LEVER DU JOUR.</summary>
    Dawn,

    /// <summary>DUSK, CRÉPUSCULE, SUNSET, COUCHER DE SOLEIL.</summary>
    Dusk,

    /// <summary>CONTINUOUS, CONTINU, SAME, LATER, PLUS TARD: the time of the previous scene.</summary>
    Continuous,
}

/// <summary>Weather written in the heading (it decides the ambience and often the recording plan).</summary>
public enum Weather
{
    /// <summary>None stated.</summary>
    None,

    /// <summary>RAIN, PLUIE.</summary>
    Rain,

    /// <summary>STORM, ORAGE, TEMPÊTE.</summary>
    Storm,

    /// <summary>SNOW, NEIGE.</summary>
    Snow,

    /// <summary>WIND, VENT.</summary>
    Wind,

    /// <summary>FOG, BROUILLARD, BRUME.</summary>
    Fog,
}

/// <summary>A parsed scene heading: INT./EXT., place, time of day, weather, and a French sequence number.</summary>
public sealed partial class SceneHeading
{
    private static readonly (string Word, TimeOfDay Time)[] Times =
    [
        ("FIN DE JOURNEE", TimeOfDay.Evening), ("COUCHER DE SOLEIL", TimeOfDay.Dusk), ("LEVER DU JOUR", TimeOfDay.Dawn),
        ("LEVER DU SOLEIL", TimeOfDay.Dawn), ("MOMENTS LATER", TimeOfDay.Continuous), ("MOMENTS PLUS TARD", TimeOfDay.Continuous),
        ("PLUS TARD", TimeOfDay.Continuous), ("APRES-MIDI", TimeOfDay.Day), ("APRES MIDI", TimeOfDay.Day),
        ("DAY", TimeOfDay.Day), ("JOUR", TimeOfDay.Day), ("AFTERNOON", TimeOfDay.Day), ("MIDI", TimeOfDay.Day), ("NOON", TimeOfDay.Day),
        ("NIGHT", TimeOfDay.Night), ("NUIT", TimeOfDay.Night), ("MORNING", TimeOfDay.Morning), ("MATIN", TimeOfDay.Morning),
        ("EVENING", TimeOfDay.Evening), ("SOIR", TimeOfDay.Evening), ("SOIREE", TimeOfDay.Evening),
        ("DAWN", TimeOfDay.Dawn), ("AUBE", TimeOfDay.Dawn), ("SUNRISE", TimeOfDay.Dawn),
        ("DUSK", TimeOfDay.Dusk), ("CREPUSCULE", TimeOfDay.Dusk), ("SUNSET", TimeOfDay.Dusk), ("TWILIGHT", TimeOfDay.Dusk),
        ("CONTINUOUS", TimeOfDay.Continuous), ("CONTINU", TimeOfDay.Continuous), ("CONTINUE", TimeOfDay.Continuous),
        ("SAME", TimeOfDay.Continuous), ("LATER", TimeOfDay.Continuous), ("SUITE", TimeOfDay.Continuous),
    ];

    private static readonly (string Word, Weather Weather)[] Weathers =
    [
        ("RAIN", Weather.Rain), ("RAINING", Weather.Rain), ("PLUIE", Weather.Rain), ("SOUS LA PLUIE", Weather.Rain),
        ("STORM", Weather.Storm), ("ORAGE", Weather.Storm), ("TEMPETE", Weather.Storm), ("THUNDERSTORM", Weather.Storm),
        ("SNOW", Weather.Snow), ("NEIGE", Weather.Snow), ("WIND", Weather.Wind), ("VENT", Weather.Wind),
        ("FOG", Weather.Fog), ("BROUILLARD", Weather.Fog), ("BRUME", Weather.Fog),
    ];

    private SceneHeading(string text)
    {
        this.Text = text;
    }

    /// <summary>The heading as written (scene number markup removed).</summary>
    public string Text { get; }

    /// <summary>INT., EXT. or both.</summary>
    public Setting Setting { get; private set; }

    /// <summary>The place, e.g. "WILL'S BEDROOM", "CUISINE".</summary>
    public string Place { get; private set; } = string.Empty;

    /// <summary>The time of day.</summary>
    public TimeOfDay TimeOfDay { get; private set; }

    /// <summary>The time-of-day words as written ("NIGHT (1973)" gives "NIGHT").</summary>
    public string TimeOfDayText { get; private set; } = string.Empty;

    /// <summary>Weather written in the heading.</summary>
    public Weather Weather { get; private set; }

    /// <summary>A number written before the heading (French <c>SÉQ. 12 -</c>, <c>12.</c>), or null.</summary>
    public string? LeadingNumber { get; private set; }

    /// <summary>True when a French-only word (JOUR, NUIT, SÉQ.) was used.</summary>
    public bool HasFrenchWords { get; private set; }

    /// <summary>True when the text starts like a scene heading (the Fountain rule plus French forms).</summary>
    public static bool LooksLikeHeading(string line) => HeadingStart().IsMatch(line.TrimStart());

    /// <summary>Parses a heading line.</summary>
    public static SceneHeading Parse(string text)
    {
        var heading = new SceneHeading(text.Trim());
        var rest = heading.Text;
        var lead = LeadingNumberPattern().Match(rest);
        if (lead.Success)
        {
            heading.LeadingNumber = lead.Groups["n"].Value;
            heading.HasFrenchWords |= lead.Groups["seq"].Success && lead.Groups["seq"].Value.Length > 0;
            rest = rest[lead.Length..];
        }

        var prefix = Prefix().Match(rest);
        if (prefix.Success)
        {
            var p = CharacterCue.Normalise(prefix.Groups["p"].Value);
            heading.Setting = p switch
            {
                "INT" => Setting.Interior,
                "EXT" or "EST" => Setting.Exterior,
                _ => Setting.InteriorExterior,
            };
            rest = rest[prefix.Length..];
        }

        var parts = Separator().Split(rest.Trim().Trim('-', '–', '—', ' ').Trim());
        var place = new List<string>();
        foreach (var rawPart in parts)
        {
            var part = rawPart.Trim();
            if (part.Length == 0)
            {
                continue;
            }

            var key = Fold(StripParentheses(part));
            var time = TimeOf(key);
            if (time == TimeOfDay.Unknown && key.Contains(',', StringComparison.Ordinal))
            {
                // "APARTMENT, DAY" and "HALLWAY, A MOMENT LATER": the time after the last comma.
                var comma = key.LastIndexOf(',');
                var tail = LooseTimeOf(key[(comma + 1)..].Trim());
                if (tail != TimeOfDay.Unknown)
                {
                    heading.TimeOfDay = heading.TimeOfDay == TimeOfDay.Unknown ? tail : heading.TimeOfDay;
                    heading.TimeOfDayText = part[(part.LastIndexOf(',') + 1)..].Trim();
                    place.Add(part[..part.LastIndexOf(',')].Trim());
                    continue;
                }
            }
            else if (time == TimeOfDay.Unknown && heading.TimeOfDay == TimeOfDay.Unknown)
            {
                time = LooseTimeOf(key);
            }

            var weather = WeatherOf(key);
            if (time != TimeOfDay.Unknown && heading.TimeOfDay == TimeOfDay.Unknown)
            {
                heading.TimeOfDay = time;
                heading.TimeOfDayText = StripParentheses(part).Trim();
                heading.HasFrenchWords |= key is "JOUR" or "NUIT" or "SOIR" or "MATIN" or "AUBE" or "CREPUSCULE" or "CONTINU" or "PLUS TARD";
            }
            else if (weather != Weather.None)
            {
                heading.Weather = weather;
            }
            else
            {
                place.Add(part);
            }
        }

        // Space-separated headings ("INT HOUSE DAY") put the time in the last word.
        if (heading.TimeOfDay == TimeOfDay.Unknown && place.Count == 1)
        {
            var words = place[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 1 && TimeOf(Fold(words[^1])) is var t && t != TimeOfDay.Unknown)
            {
                heading.TimeOfDay = t;
                heading.TimeOfDayText = words[^1];
                place[0] = string.Join(' ', words[..^1]);
            }
        }

        // Weather in parentheses inside the place: "RUE (PLUIE)".
        if (heading.Weather == Weather.None)
        {
            foreach (Match m in Parenthesised().Matches(rest))
            {
                var w = WeatherOf(Fold(m.Groups[1].Value.Trim()));
                if (w != Weather.None)
                {
                    heading.Weather = w;
                }
            }
        }

        heading.Place = string.Join(" - ", place).Trim().TrimEnd('.');
        return heading;
    }

    /// <summary>Upper case without accents, for matching French words written with or without them.</summary>
    internal static string Fold(string text) => TextFold.Upper(text).Trim();

    private static TimeOfDay TimeOf(string key)
    {
        foreach (var (word, time) in Times)
        {
            if (key == word)
            {
                return time;
            }
        }

        return TimeOfDay.Unknown;
    }

    // "THE NEXT MORNING", "LATER THAT EVENING", "A MOMENT LATER": a short phrase ending with a time word.
    private static TimeOfDay LooseTimeOf(string key)
    {
        var words = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words.Length > 4)
        {
            return TimeOfDay.Unknown;
        }

        var exact = TimeOf(key);
        return exact != TimeOfDay.Unknown ? exact : TimeOf(words[^1]);
    }

    private static Weather WeatherOf(string key)
    {
        foreach (var (word, weather) in Weathers)
        {
            if (key == word)
            {
                return weather;
            }
        }

        return Weather.None;
    }

    private static string StripParentheses(string part)
    {
        var i = part.IndexOfAny(['(', '[']);
        return (i > 0 ? part[..i] : part).Trim();
    }

    [GeneratedRegex(@"^(?:(?<seq>S[ÉE]Q(?:UENCE)?\.?|SC(?:[ÈE]NE)?\.?)\s*)?(?<n>\d+[A-Z]?)\s*[.:)]?\s*[-–—]?\s*(?=(?:INT|EXT|I/E|I\./E|EST)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingNumberPattern();

    [GeneratedRegex(@"^(?<p>INT\.?\s*/\s*EXT|EXT\.?\s*/\s*INT|I\.?\s*/\s*E|INT|EXT|EST)(?:\.|\s|$)\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Prefix();

    [GeneratedRegex(@"^(?:(?:S[ÉE]Q(?:UENCE)?\.?|SC(?:[ÈE]NE)?\.?)\s*\d+[A-Z]?\s*[.:)]?\s*[-–—]?\s*|\d+[A-Z]?\s*[.:)]?\s*[-–—]?\s*)?(?:INT\.?\s*/\s*EXT|EXT\.?\s*/\s*INT|I\.?\s*/\s*E|INT|EXT|EST)[\. ]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeadingStart();

    [GeneratedRegex(@"\s+[-–—]+\s+|\s*/\s+|\s+/\s*")]
    private static partial Regex Separator();

    [GeneratedRegex(@"\(([^)]*)\)")]
    private static partial Regex Parenthesised();
}
