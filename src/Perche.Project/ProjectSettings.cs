using System.Globalization;
using Perche.Core;
using Perche.Core.Time;

namespace Perche.Project;

/// <summary>
/// The settings every phase reads: the production's title and company, the picture frame rate and the
/// timecode rate, the sample rate and bit depth of the recordings, and the languages (the first is the
/// original version). Stored in <c>project_settings</c> (one row) and <c>project_language</c>.
/// </summary>
public sealed class ProjectSettings
{
    /// <summary>The production's title.</summary>
    public required string Title { get; set; }

    /// <summary>The production company.</summary>
    public string Company { get; set; } = string.Empty;

    /// <summary>The picture frame rate.</summary>
    public FrameRate FrameRate { get; set; } = FrameRate.Fps25;

    /// <summary>The timecode rate of the recorders and the edit (usually the frame rate).</summary>
    public FrameRate TimecodeRate { get; set; } = FrameRate.Fps25;

    /// <summary>The sample rate of the recordings and the mix.</summary>
    public int SampleRateHz { get; set; } = 48000;

    /// <summary>The bit depth of the recordings (16, 24 or 32 for float).</summary>
    public int BitDepth { get; set; } = 24;

    /// <summary>Language codes (ISO 639-1 such as "fr", "en"), the original version first.</summary>
    public IList<string> Languages { get; init; } = new List<string>();

    /// <summary>When the project was created (UTC ISO 8601), set by the store.</summary>
    public string CreatedAt { get; private set; } = string.Empty;

    /// <summary>Reads the settings; null when the project has none yet.</summary>
    public static ProjectSettings? Load(StoreTransaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var settings = tx.Query("SELECT * FROM project_settings WHERE id = 1", r => new ProjectSettings
        {
            Title = r.GetString("title"),
            Company = r.GetString("company"),
            FrameRate = ParseRate(r.GetString("frame_rate")),
            TimecodeRate = ParseRate(r.GetString("timecode_rate")),
            SampleRateHz = (int)r.GetInt64("sample_rate_hz"),
            BitDepth = (int)r.GetInt64("bit_depth"),
            CreatedAt = r.GetString("created_at"),
        }).FirstOrDefault();
        if (settings is not null)
        {
            foreach (var code in tx.Query("SELECT code FROM project_language ORDER BY position", r => r.GetString("code")))
            {
                settings.Languages.Add(code);
            }
        }

        return settings;
    }

    /// <summary>The rate as stored: "25/1", "24000/1001", "30000/1001 DF" (<see cref="FrameRate.Parse(string)"/> reads it back).</summary>
    public static string FormatRate(FrameRate rate) => rate.ToRationalString() + (rate.IsDropFrame ? " DF" : string.Empty);

    /// <summary>Checks the values a user typed; returns the problem, or null when they are fine.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(this.Title))
        {
            return "the title is empty";
        }

        if (!this.FrameRate.IsValid || !this.TimecodeRate.IsValid)
        {
            return "the frame rate is not set";
        }

        if (this.SampleRateHz is < 8000 or > 768000)
        {
            return string.Create(CultureInfo.InvariantCulture, $"sample rate {this.SampleRateHz} Hz is outside 8000..768000 Hz");
        }

        if (this.BitDepth is not (16 or 24 or 32))
        {
            return string.Create(CultureInfo.InvariantCulture, $"bit depth {this.BitDepth} is not 16, 24 or 32");
        }

        foreach (var code in this.Languages)
        {
            if (code.Length is < 2 or > 8 || !code.All(c => char.IsAsciiLetter(c) || c == '-'))
            {
                return $"'{code}' is not a language code (expected fr, en, pt-BR...)";
            }
        }

        return null;
    }

    /// <summary>Writes the settings (replacing the previous ones) inside a write transaction.</summary>
    /// <exception cref="ArgumentException">A value is invalid (see <see cref="Validate"/>).</exception>
    public void Save(StoreTransaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (this.Validate() is { } problem)
        {
            throw new ArgumentException(problem);
        }

        var now = ProjectStore.Now();
        tx.Execute(
            """
            INSERT INTO project_settings (id, title, company, frame_rate, timecode_rate, sample_rate_hz, bit_depth, created_at, updated_at)
            VALUES (1, @title, @company, @frameRate, @timecodeRate, @sampleRate, @bitDepth, @now, @now)
            ON CONFLICT (id) DO UPDATE SET title = excluded.title, company = excluded.company, frame_rate = excluded.frame_rate,
              timecode_rate = excluded.timecode_rate, sample_rate_hz = excluded.sample_rate_hz, bit_depth = excluded.bit_depth,
              updated_at = excluded.updated_at
            """,
            new
            {
                title = this.Title,
                company = this.Company,
                frameRate = FormatRate(this.FrameRate),
                timecodeRate = FormatRate(this.TimecodeRate),
                sampleRate = this.SampleRateHz,
                bitDepth = this.BitDepth,
                now,
            });
        tx.Execute("DELETE FROM project_language");
        for (var i = 0; i < this.Languages.Count; i++)
        {
            tx.Execute("INSERT INTO project_language (code, position) VALUES (@code, @position)", new { code = this.Languages[i], position = i });
        }

        this.CreatedAt = tx.Scalar<string>("SELECT created_at FROM project_settings WHERE id = 1") ?? now;
    }

    private static FrameRate ParseRate(string text)
    {
        try
        {
            return FrameRate.Parse(text);
        }
        catch (PercheFormatException ex)
        {
            throw new ProjectStoreException(StoreErrorKind.Corrupt, $"project_settings holds an unreadable frame rate '{text}': {ex.Problem}", ex);
        }
    }
}
