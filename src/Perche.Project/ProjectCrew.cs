namespace Perche.Project;

/// <summary>A member of the sound crew (or anyone the reports name), in <c>project_crew</c>.</summary>
public sealed class CrewMember
{
    /// <summary>The row id (0 before it is stored).</summary>
    public long Id { get; init; }

    /// <summary>Full name.</summary>
    public required string Name { get; init; }

    /// <summary>Role: "production sound mixer", "boom operator", "sound editor", "re-recording mixer"...</summary>
    public required string Role { get; init; }

    /// <summary>E-mail address (empty when unknown).</summary>
    public string Email { get; init; } = string.Empty;

    /// <summary>Phone number (empty when unknown).</summary>
    public string Phone { get; init; } = string.Empty;

    /// <summary>Free notes.</summary>
    public string Notes { get; init; } = string.Empty;

    /// <summary>The crew, in the order they were added.</summary>
    public static List<CrewMember> LoadAll(StoreTransaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        return tx.Query("SELECT * FROM project_crew ORDER BY id", r => new CrewMember
        {
            Id = r.GetInt64("id"),
            Name = r.GetString("name"),
            Role = r.GetString("role"),
            Email = r.GetString("email"),
            Phone = r.GetString("phone"),
            Notes = r.GetString("notes"),
        });
    }

    /// <summary>Adds the member; returns the new id.</summary>
    public long Add(StoreTransaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentException.ThrowIfNullOrWhiteSpace(this.Name);
        ArgumentException.ThrowIfNullOrWhiteSpace(this.Role);
        return tx.Scalar<long>(
            "INSERT INTO project_crew (name, role, email, phone, notes) VALUES (@name, @role, @email, @phone, @notes) RETURNING id",
            new { name = this.Name, role = this.Role, email = this.Email, phone = this.Phone, notes = this.Notes });
    }
}

/// <summary>
/// What a delivery must meet, in <c>project_delivery_profile</c>: a target integrated loudness with its
/// tolerance, a true-peak ceiling, optional loudness-range and short-term limits, and the file format.
/// Null means "no requirement".
/// </summary>
public sealed class DeliveryProfile
{
    /// <summary>The row id (0 before it is stored).</summary>
    public long Id { get; init; }

    /// <summary>A unique name: "EBU R128 broadcast", "Netflix 5.1"...</summary>
    public required string Name { get; init; }

    /// <summary>The medium: cinema, broadcast, streaming, web, podcast, games.</summary>
    public required string Medium { get; init; }

    /// <summary>Target integrated loudness (LUFS).</summary>
    public double? IntegratedLufs { get; init; }

    /// <summary>Allowed deviation from the target (LU, either way).</summary>
    public double? IntegratedToleranceLu { get; init; }

    /// <summary>Maximum true peak (dBTP).</summary>
    public double? MaxTruePeakDbtp { get; init; }

    /// <summary>Maximum loudness range (LU).</summary>
    public double? MaxLoudnessRangeLu { get; init; }

    /// <summary>Maximum short-term loudness (LUFS).</summary>
    public double? MaxShortTermLufs { get; init; }

    /// <summary>Required sample rate (Hz).</summary>
    public int? SampleRateHz { get; init; }

    /// <summary>Required bit depth.</summary>
    public int? BitDepth { get; init; }

    /// <summary>Required channel layout ("2.0", "5.1"); empty for any.</summary>
    public string ChannelLayout { get; init; } = string.Empty;

    /// <summary>Free notes (the document the profile comes from).</summary>
    public string Notes { get; init; } = string.Empty;

    /// <summary>
    /// EBU R 128 for broadcast: programme loudness normalised to −23.0 LUFS with ±0.5 LU permitted (±1.0 LU
    /// only where exact normalisation is impractical, e.g. live), maximum true peak −1 dBTP in production.
    /// </summary>
    public static DeliveryProfile EbuR128 { get; } = new()
    {
        Name = "EBU R128 broadcast",
        Medium = "broadcast",
        IntegratedLufs = -23,
        IntegratedToleranceLu = 0.5,
        MaxTruePeakDbtp = -1,
        SampleRateHz = 48000,
        BitDepth = 24,
        Notes = "EBU R 128: -23.0 LUFS ±0.5 LU (±1.0 LU for live), max true peak -1 dBTP",
    };

    /// <summary>All profiles, by name.</summary>
    public static List<DeliveryProfile> LoadAll(StoreTransaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        return tx.Query("SELECT * FROM project_delivery_profile ORDER BY name", r => new DeliveryProfile
        {
            Id = r.GetInt64("id"),
            Name = r.GetString("name"),
            Medium = r.GetString("medium"),
            IntegratedLufs = r.GetDoubleOrNull("integrated_lufs"),
            IntegratedToleranceLu = r.GetDoubleOrNull("integrated_tolerance_lu"),
            MaxTruePeakDbtp = r.GetDoubleOrNull("max_true_peak_dbtp"),
            MaxLoudnessRangeLu = r.GetDoubleOrNull("max_loudness_range_lu"),
            MaxShortTermLufs = r.GetDoubleOrNull("max_short_term_lufs"),
            SampleRateHz = (int?)r.GetInt64OrNull("sample_rate_hz"),
            BitDepth = (int?)r.GetInt64OrNull("bit_depth"),
            ChannelLayout = r.GetString("channel_layout"),
            Notes = r.GetString("notes"),
        });
    }

    /// <summary>Adds the profile, or replaces the one with the same name; returns its id.</summary>
    public long Save(StoreTransaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentException.ThrowIfNullOrWhiteSpace(this.Name);
        return tx.Scalar<long>(
            """
            INSERT INTO project_delivery_profile (name, medium, integrated_lufs, integrated_tolerance_lu, max_true_peak_dbtp, max_loudness_range_lu,
              max_short_term_lufs, sample_rate_hz, bit_depth, channel_layout, notes)
            VALUES (@name, @medium, @integrated, @tolerance, @truePeak, @lra, @shortTerm, @sampleRate, @bitDepth, @layout, @notes)
            ON CONFLICT (name) DO UPDATE SET medium = excluded.medium, integrated_lufs = excluded.integrated_lufs,
              integrated_tolerance_lu = excluded.integrated_tolerance_lu, max_true_peak_dbtp = excluded.max_true_peak_dbtp,
              max_loudness_range_lu = excluded.max_loudness_range_lu, max_short_term_lufs = excluded.max_short_term_lufs,
              sample_rate_hz = excluded.sample_rate_hz, bit_depth = excluded.bit_depth, channel_layout = excluded.channel_layout, notes = excluded.notes
            RETURNING id
            """,
            new
            {
                name = this.Name,
                medium = this.Medium,
                integrated = this.IntegratedLufs,
                tolerance = this.IntegratedToleranceLu,
                truePeak = this.MaxTruePeakDbtp,
                lra = this.MaxLoudnessRangeLu,
                shortTerm = this.MaxShortTermLufs,
                sampleRate = this.SampleRateHz,
                bitDepth = this.BitDepth,
                layout = this.ChannelLayout,
                notes = this.Notes,
            });
    }
}
