namespace Perche.Project;

/// <summary>
/// The project's own tables, always applied first: the settings every phase reads (title, company, frame and
/// timecode rates, sample rate, bit depth, languages, crew, the delivery profiles the production must meet).
/// Everything a phase produces lives in that phase's module, deliveries and their QC verdicts included (the
/// delivery module's tables).
/// </summary>
public sealed class ProjectModule : IStoreModule
{
    private ProjectModule()
    {
    }

    /// <summary>The one instance.</summary>
    public static ProjectModule Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "project";

    /// <inheritdoc/>
    public IReadOnlyList<StoreMigration> Migrations { get; } =
    [
        new StoreMigration(1, "project settings, languages, crew, delivery profiles, deliveries and QC verdicts", """
            CREATE TABLE project_settings (
              id BIGINT PRIMARY KEY CHECK (id = 1),
              title TEXT NOT NULL,
              company TEXT NOT NULL DEFAULT '',
              frame_rate TEXT NOT NULL,
              timecode_rate TEXT NOT NULL,
              sample_rate_hz BIGINT NOT NULL CHECK (sample_rate_hz > 0),
              bit_depth BIGINT NOT NULL CHECK (bit_depth IN (16, 24, 32)),
              created_at TEXT NOT NULL,
              updated_at TEXT NOT NULL);
            CREATE TABLE project_language (
              code TEXT PRIMARY KEY,
              position BIGINT NOT NULL,
              role TEXT NOT NULL DEFAULT 'original');
            CREATE TABLE project_crew (
              id {id},
              name TEXT NOT NULL,
              role TEXT NOT NULL,
              email TEXT NOT NULL DEFAULT '',
              phone TEXT NOT NULL DEFAULT '',
              notes TEXT NOT NULL DEFAULT '');
            CREATE TABLE project_delivery_profile (
              id {id},
              name TEXT NOT NULL UNIQUE,
              medium TEXT NOT NULL,
              integrated_lufs DOUBLE PRECISION,
              integrated_tolerance_lu DOUBLE PRECISION,
              max_true_peak_dbtp DOUBLE PRECISION,
              max_loudness_range_lu DOUBLE PRECISION,
              max_short_term_lufs DOUBLE PRECISION,
              sample_rate_hz BIGINT,
              bit_depth BIGINT,
              channel_layout TEXT NOT NULL DEFAULT '',
              notes TEXT NOT NULL DEFAULT '');
            CREATE TABLE project_delivery (
              id {id},
              profile_id BIGINT REFERENCES project_delivery_profile (id),
              name TEXT NOT NULL,
              file_path TEXT NOT NULL,
              created_at TEXT NOT NULL,
              verdict TEXT NOT NULL DEFAULT 'pending' CHECK (verdict IN ('pending', 'pass', 'fail')));
            CREATE TABLE project_delivery_check (
              id {id},
              delivery_id BIGINT NOT NULL REFERENCES project_delivery (id) ON DELETE CASCADE,
              measure TEXT NOT NULL,
              value DOUBLE PRECISION,
              unit TEXT NOT NULL DEFAULT '',
              requirement TEXT NOT NULL DEFAULT '',
              passed BOOLEAN NOT NULL);
            CREATE INDEX project_delivery_check_delivery ON project_delivery_check (delivery_id);
            """),

        // Version 1 reserved these two tables before the delivery phase existed; its module now records every
        // delivery, file and criterion in far more detail, and no verb ever wrote here. Two places for one fact
        // would drift (status showed "deliveries 0" beside the real ones), so they go.
        new StoreMigration(2, "deliveries live in the delivery module: the unused project_delivery tables dropped", """
            DROP TABLE project_delivery_check;
            DROP TABLE project_delivery;
            """),
    ];

    /// <summary>Crew and delivery profiles for <c>perche status</c>.</summary>
    public IReadOnlyList<StatusLine> Summarise(StoreTransaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        return
        [
            new StatusLine("crew members", tx.Scalar<long>("SELECT COUNT(*) FROM project_crew")),
            new StatusLine("delivery profiles", tx.Scalar<long>("SELECT COUNT(*) FROM project_delivery_profile")),
        ];
    }
}
