using System.Globalization;
using Perche.Core;

namespace Perche.Preproduction.Plan;

/// <summary>
/// A rates file: day rates for crew and post, rental rates for gear, and the productivity figures that turn
/// pages and minutes into days. A plain `key = value` file with `[sections]` and `#` comments, so a production
/// manager edits it in any text editor (samples/rates/rates-example.ini documents every key).
/// </summary>
public sealed class RateCard
{
    private readonly Dictionary<string, double> values = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The currency code the amounts are in.</summary>
    public string Currency { get; private set; } = "EUR";

    /// <summary>Where the card came from.</summary>
    public string Source { get; private set; } = "built-in defaults";

    /// <summary>The built-in defaults (French feature-film rates, 2026, in euros, excluding VAT and social charges).</summary>
    public static RateCard Default { get; } = Parse(DefaultText, "built-in defaults");

    /// <summary>The shipped example text (same values as <see cref="Default"/>).</summary>
    public static string DefaultText => """
        # Perche rates file (example). Amounts per day, excluding VAT and employer's social charges.
        # Sections: [crew] day rates; [gear] rental per shooting day; [post] day rates of post-production work;
        # [productivity] the figures that turn pages and minutes into days. Keys not given fall back to these
        # built-in values, so a rates file can hold only what differs.
        currency = EUR

        [crew]
        production-sound-mixer = 520   # chef opérateur du son
        boom-operator = 400            # perchman / perchwoman
        second-assistant = 300         # 2e assistant son (câbles, HF, rapports, sauvegardes)

        [gear]
        recorder = 90                  # multitrack recorder, timecode, dual card
        boom-kit = 25                  # pole, shotgun, suspension, windshield, per kit
        wireless-channel = 18          # transmitter + receiver channel + lavalier
        plant-mic = 8
        stereo-pair = 20               # M/S or ORTF for wild tracks
        timecode-box = 10              # per camera
        monitoring-receiver = 6        # director / script headphones feed, per receiver
        playback-system = 40           # speaker, player, earpieces
        consumables = 15               # batteries, tape, lavalier mounts

        [post]
        dialogue-editor = 380
        effects-editor = 380
        foley-stage = 900              # stage, artist and recordist
        adr-stage = 950                # stage, engineer; actors paid by production
        mix-stage = 1600               # re-recording mixer and stage
        sound-designer = 420

        [productivity]
        pages-per-shooting-day = 3     # feature: 2-4; TV series: 5-8
        dialogue-edit-minutes-per-day = 5
        effects-edit-minutes-per-day = 6
        foley-minutes-per-day = 12
        adr-lines-per-day = 60
        mix-minutes-per-day = 10
        prep-days = 2                  # mixer's prep: reading, tests, location scouting
        """;

    /// <summary>Reads a rates file; unknown or malformed lines are errors with their line number.</summary>
    public static RateCard Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw PercheFormatException.ForInput(path, $"cannot read the rates file ({ex.Message})", ex);
        }

        var card = Parse(DefaultText, "built-in defaults");
        card.Apply(text, path);
        card.Source = path;
        return card;
    }

    /// <summary>Parses rates text on its own.</summary>
    public static RateCard Parse(string text, string inputName)
    {
        var card = new RateCard { Source = inputName };
        card.Apply(text, inputName);
        return card;
    }

    /// <summary>A value, "section.key" (e.g. "crew.boom-operator").</summary>
    public double this[string sectionKey] => this.values.TryGetValue(sectionKey, out var v)
        ? v
        : throw new KeyNotFoundException($"rate '{sectionKey}' is not defined");

    private void Apply(string text, string inputName)
    {
        var section = string.Empty;
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == '[')
            {
                if (line[^1] != ']')
                {
                    throw PercheFormatException.AtLine(inputName, lineNumber, $"a section is written [name]; found '{line}'");
                }

                section = line[1..^1].Trim().ToLowerInvariant();
                if (section is not ("crew" or "gear" or "post" or "productivity"))
                {
                    throw PercheFormatException.AtLine(inputName, lineNumber, $"unknown section [{section}]; expected [crew], [gear], [post] or [productivity]");
                }

                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw PercheFormatException.AtLine(inputName, lineNumber, $"expected 'key = value'; found '{line}'");
            }

            var key = line[..eq].Trim().ToLowerInvariant();
            var value = line[(eq + 1)..].Trim();
            if (section.Length == 0 && key == "currency")
            {
                this.Currency = value.ToUpperInvariant();
                continue;
            }

            if (section.Length == 0)
            {
                throw PercheFormatException.AtLine(inputName, lineNumber, $"'{key}' must be inside a section ([crew], [gear], [post], [productivity])");
            }

            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < 0 || !double.IsFinite(number))
            {
                throw PercheFormatException.AtLine(inputName, lineNumber, $"'{key}' needs a non-negative number (decimal point '.'); found '{value}'");
            }

            var full = section + "." + key;
            if (inputName != "built-in defaults" && !this.values.ContainsKey(full) && this.values.Count > 0)
            {
                throw PercheFormatException.AtLine(inputName, lineNumber, $"unknown rate '{key}' in [{section}] (a typo?)");
            }

            this.values[full] = number;
        }
    }
}
