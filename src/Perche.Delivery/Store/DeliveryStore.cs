using System.Globalization;
using System.IO.Hashing;
using Perche.Delivery.Analysis;
using Perche.Delivery.Compliance;
using Perche.Delivery.Processing;
using Perche.Project;
using DeliveryProfile = Perche.Delivery.Profiles.DeliveryProfile;

namespace Perche.Delivery.Store;

/// <summary>A delivery or check run stored in the project.</summary>
public sealed record StoredDeliveryRun(long Id, string Verb, string ProfileId, string SourcePath, string Verdict, string? OutputFolder, string RunAtUtc, int FileCount);

/// <summary>One file of a stored run: the source (or the checked file) or an output, with what was measured.</summary>
public sealed record StoredDeliveryFile(long Id, long RunId, string Role, string Kind, string? Channel, string Path, long SizeBytes, string? Xxh64, double? Level, double? IntegratedLufs, double? TruePeakDbtp, string Verdict, IReadOnlyList<string> Reports);

/// <summary>
/// The delivery phase's tables in the project store: every `perche deliver` and `perche check` run (profile,
/// source, verdict), each file it read or wrote (path, size, xxHash64 of the bytes on disk, the measured loudness,
/// gain and limiter, verdict, report paths) and every criterion with its measured value, requirement and source.
/// Hashes are computed before the one short write transaction.
/// </summary>
public sealed class DeliveryStore : IStoreModule
{
    private DeliveryStore()
    {
    }

    /// <summary>The module to open a store with.</summary>
    public static DeliveryStore Module { get; } = new();

    /// <inheritdoc/>
    public string Name => "delivery";

    /// <inheritdoc/>
    public IReadOnlyList<StoreMigration> Migrations { get; } =
    [
        new StoreMigration(1, "delivery and check runs, their files and criteria", """
            CREATE TABLE delivery_run (
              id {id},
              verb TEXT NOT NULL CHECK (verb IN ('deliver', 'check')),
              profile_id TEXT NOT NULL,
              profile_name TEXT NOT NULL,
              source_path TEXT NOT NULL,
              output_folder TEXT,
              verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'warn', 'fail', 'info')),
              errors TEXT NOT NULL,
              tool TEXT NOT NULL,
              run_at TEXT NOT NULL);
            CREATE TABLE delivery_file (
              id {id},
              run_id BIGINT NOT NULL REFERENCES delivery_run (id) ON DELETE CASCADE,
              role TEXT NOT NULL CHECK (role IN ('source', 'output')),
              position BIGINT NOT NULL,
              kind TEXT NOT NULL,
              channel TEXT,
              parent_path TEXT,
              path TEXT NOT NULL,
              size_bytes BIGINT NOT NULL,
              xxh64 {blob},
              sample_rate_hz BIGINT NOT NULL,
              channels BIGINT NOT NULL,
              duration_seconds DOUBLE PRECISION NOT NULL,
              level DOUBLE PRECISION,
              level_unit TEXT NOT NULL,
              integrated_lufs DOUBLE PRECISION,
              true_peak_dbtp DOUBLE PRECISION,
              loudness_range_lu DOUBLE PRECISION,
              max_short_term_lufs DOUBLE PRECISION,
              max_momentary_lufs DOUBLE PRECISION,
              gain_db DOUBLE PRECISION,
              limited BOOLEAN NOT NULL,
              limiter_max_reduction_db DOUBLE PRECISION,
              verdict TEXT NOT NULL,
              reports TEXT NOT NULL,
              UNIQUE (run_id, role, position));
            CREATE TABLE delivery_criterion (
              id {id},
              file_id BIGINT NOT NULL REFERENCES delivery_file (id) ON DELETE CASCADE,
              position BIGINT NOT NULL,
              criterion TEXT NOT NULL,
              measured DOUBLE PRECISION,
              measured_text TEXT NOT NULL,
              requirement TEXT NOT NULL,
              unit TEXT NOT NULL,
              verdict TEXT NOT NULL,
              source TEXT NOT NULL,
              confirmed BOOLEAN NOT NULL,
              UNIQUE (file_id, position));
            CREATE INDEX delivery_file_path ON delivery_file (path);
            CREATE INDEX delivery_run_profile ON delivery_run (profile_id, run_at);
            """),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<StatusLine> Summarise(StoreTransaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var deliveries = tx.Scalar<long>("SELECT COUNT(*) FROM delivery_run WHERE verb = 'deliver'");
        var outputs = tx.Scalar<long>("SELECT COUNT(*) FROM delivery_file f JOIN delivery_run r ON r.id = f.run_id WHERE r.verb = 'deliver' AND f.role = 'output'");
        var failed = tx.Scalar<long>("SELECT COUNT(*) FROM delivery_file f JOIN delivery_run r ON r.id = f.run_id WHERE r.verb = 'deliver' AND f.role = 'output' AND f.verdict = 'fail'");
        var profiles = tx.Query("SELECT DISTINCT profile_id FROM delivery_run WHERE verb = 'deliver' ORDER BY profile_id", r => r.GetString("profile_id"));
        var checks = tx.Scalar<long>("SELECT COUNT(*) FROM delivery_run WHERE verb = 'check'");
        var checkFails = tx.Scalar<long>("SELECT COUNT(*) FROM delivery_run WHERE verb = 'check' AND verdict = 'fail'");
        return
        [
            new("delivery runs", deliveries, deliveries == 0 ? string.Empty : $"{outputs} file{(outputs == 1 ? string.Empty : "s")}, {failed} failing; profiles {string.Join(", ", profiles)}"),
            new("compliance checks", checks, checks == 0 ? string.Empty : $"{checkFails} failing"),
        ];
    }

    /// <summary>Stores a delivery (source and every output, hashed now) and returns the run's id.</summary>
    public static long SaveDelivery(ProjectStore store, DeliveryResult result, string outputFolder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(result);
        var files = new List<FileRow> { Row("source", 0, "source", null, null, result.Source, result.SourceCriteria, result.Profile, null, cancellationToken) };
        for (var i = 0; i < result.Files.Count; i++)
        {
            var f = result.Files[i];
            files.Add(Row("output", i, f.Kind, f.Channel, f.ParentPath, f.Analysis, f.Criteria, result.Profile, f, cancellationToken));
        }

        return Save(store, "deliver", result.Profile, result.Source.Path, Path.GetFullPath(outputFolder), result.Verdict, result.Errors, files);
    }

    /// <summary>Stores a check of one file and returns the run's id.</summary>
    public static long SaveCheck(ProjectStore store, ProgrammeAnalysis analysis, IReadOnlyList<Criterion> criteria, DeliveryProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(profile);
        var row = Row("source", 0, "checked", null, null, analysis, criteria, profile, null, cancellationToken);
        return Save(store, "check", profile, analysis.Path, null, ComplianceChecker.Overall(criteria), [], [row]);
    }

    /// <summary>Every stored run, newest first.</summary>
    public static IReadOnlyList<StoredDeliveryRun> Runs(ProjectStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Read(tx => tx.Query(
            "SELECT r.id, r.verb, r.profile_id, r.source_path, r.verdict, r.output_folder, r.run_at, (SELECT COUNT(*) FROM delivery_file f WHERE f.run_id = r.id) AS files FROM delivery_run r ORDER BY r.id DESC",
            r => new StoredDeliveryRun(r.GetInt64("id"), r.GetString("verb"), r.GetString("profile_id"), r.GetString("source_path"), r.GetString("verdict"), r.GetStringOrNull("output_folder"), r.GetString("run_at"), (int)r.GetInt64("files"))));
    }

    /// <summary>The files of one run: the source first, then the outputs in the order written.</summary>
    public static IReadOnlyList<StoredDeliveryFile> Files(ProjectStore store, long runId)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Read(tx => tx.Query(
            "SELECT id, run_id, role, kind, channel, path, size_bytes, xxh64, level, integrated_lufs, true_peak_dbtp, verdict, reports FROM delivery_file WHERE run_id = @run ORDER BY CASE role WHEN 'source' THEN 0 ELSE 1 END, position",
            new { run = runId },
            r => new StoredDeliveryFile(
                r.GetInt64("id"),
                r.GetInt64("run_id"),
                r.GetString("role"),
                r.GetString("kind"),
                r.GetStringOrNull("channel"),
                r.GetString("path"),
                r.GetInt64("size_bytes"),
                r.GetBytesOrNull("xxh64") is { } h ? Convert.ToHexStringLower(h) : null,
                r.GetDoubleOrNull("level"),
                r.GetDoubleOrNull("integrated_lufs"),
                r.GetDoubleOrNull("true_peak_dbtp"),
                r.GetString("verdict"),
                r.GetString("reports").Split('\n', StringSplitOptions.RemoveEmptyEntries))));
    }

    /// <summary>xxHash64 of a file's bytes (big-endian, as Perche's offload and MHL write it).</summary>
    public static byte[] HashFile(string path, CancellationToken cancellationToken = default)
    {
        var hash = new XxHash64();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            hash.Append(buffer.AsSpan(0, n));
        }

        return hash.GetCurrentHash();
    }

    private static FileRow Row(string role, int position, string kind, string? channel, string? parent, ProgrammeAnalysis a, IReadOnlyList<Criterion> criteria, DeliveryProfile profile, DeliveredFile? output, CancellationToken cancellationToken)
    {
        var exists = File.Exists(a.Path);
        var level = criteria.FirstOrDefault(c => c.Id == "level")?.Measured;
        return new FileRow(
            role,
            position,
            kind,
            channel,
            parent,
            Path.GetFullPath(a.Path),
            exists ? new FileInfo(a.Path).Length : 0,
            exists ? HashFile(a.Path, cancellationToken) : null,
            a,
            level,
            profile.LevelUnit,
            output,
            ComplianceChecker.Overall(criteria),
            criteria);
    }

    private static long Save(ProjectStore store, string verb, DeliveryProfile profile, string sourcePath, string? outputFolder, Verdict verdict, IReadOnlyList<string> errors, List<FileRow> files)
    {
        var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        return store.Write(tx =>
        {
            var runId = tx.Scalar<long>(
                "INSERT INTO delivery_run (verb, profile_id, profile_name, source_path, output_folder, verdict, errors, tool, run_at) VALUES (@verb, @profile, @name, @source, @folder, @verdict, @errors, @tool, @at) RETURNING id",
                new { verb, profile = profile.Id, name = profile.Name, source = Path.GetFullPath(sourcePath), folder = outputFolder, verdict = Text(verdict), errors = string.Join("\n", errors), tool = DeliveryEngine.ToolVersion, at = now });
            using var insertFile = tx.Prepare("""
                INSERT INTO delivery_file (run_id, role, position, kind, channel, parent_path, path, size_bytes, xxh64, sample_rate_hz, channels, duration_seconds,
                  level, level_unit, integrated_lufs, true_peak_dbtp, loudness_range_lu, max_short_term_lufs, max_momentary_lufs, gain_db, limited, limiter_max_reduction_db, verdict, reports)
                VALUES (@run, @role, @position, @kind, @channel, @parent, @path, @size, @hash, @rate, @channels, @duration,
                  @level, @unit, @integrated, @tp, @lra, @maxS, @maxM, @gain, @limited, @reduction, @verdict, @reports) RETURNING id
                """);
            using var insertCriterion = tx.Prepare("""
                INSERT INTO delivery_criterion (file_id, position, criterion, measured, measured_text, requirement, unit, verdict, source, confirmed)
                VALUES (@file, @position, @criterion, @measured, @text, @requirement, @unit, @verdict, @source, @confirmed)
                """);
            foreach (var f in files)
            {
                var m = f.Analysis.Meter;
                var fileId = insertFile.Scalar<long>(new Dictionary<string, object?>
                {
                    ["run"] = runId,
                    ["role"] = f.Role,
                    ["position"] = f.Position,
                    ["kind"] = f.Kind,
                    ["channel"] = f.Channel,
                    ["parent"] = f.Parent is null ? null : Path.GetFullPath(f.Parent),
                    ["path"] = f.Path,
                    ["size"] = f.SizeBytes,
                    ["hash"] = f.Hash,
                    ["rate"] = f.Analysis.SampleRateHz,
                    ["channels"] = f.Analysis.Layout.ChannelCount,
                    ["duration"] = f.Analysis.DurationSeconds,
                    ["level"] = Finite(f.Level),
                    ["unit"] = f.LevelUnit,
                    ["integrated"] = Finite(m.IntegratedLufs),
                    ["tp"] = Finite(m.MaxTruePeakDbtp),
                    ["lra"] = Finite(m.LoudnessRangeLu),
                    ["maxS"] = Finite(m.MaxShortTermLufs),
                    ["maxM"] = Finite(m.MaxMomentaryLufs),
                    ["gain"] = f.Output is { } o ? Finite(o.GainDb) : null,
                    ["limited"] = f.Output?.Limited ?? false,
                    ["reduction"] = f.Output is { Limited: true } lo ? Finite(-lo.LimiterMaxReductionDb) : null,
                    ["verdict"] = Text(f.Verdict),
                    ["reports"] = f.Output is { } r ? string.Join("\n", r.Reports.Select(Path.GetFullPath)) : string.Empty,
                });
                for (var i = 0; i < f.Criteria.Count; i++)
                {
                    var c = f.Criteria[i];
                    insertCriterion.Execute(new Dictionary<string, object?>
                    {
                        ["file"] = fileId,
                        ["position"] = i,
                        ["criterion"] = c.Id,
                        ["measured"] = Finite(c.Measured),
                        ["text"] = c.MeasuredText,
                        ["requirement"] = c.Requirement,
                        ["unit"] = c.Unit,
                        ["verdict"] = Text(c.Verdict),
                        ["source"] = c.Source,
                        ["confirmed"] = c.Confirmed,
                    });
                }
            }

            return runId;
        });
    }

    private static string Text(Verdict v) => v.ToString().ToLowerInvariant();

    private static double? Finite(double? v) => v is { } x && double.IsFinite(x) ? x : null;

    private sealed record FileRow(string Role, int Position, string Kind, string? Channel, string? Parent, string Path, long SizeBytes, byte[]? Hash, ProgrammeAnalysis Analysis, double? Level, string LevelUnit, DeliveredFile? Output, Verdict Verdict, IReadOnlyList<Criterion> Criteria);
}
