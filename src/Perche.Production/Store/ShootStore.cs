using Perche.Production.Edits;
using Perche.Production.Hashing;
using Perche.Production.Offload;
using Perche.Project;

namespace Perche.Production.Store;

/// <summary>
/// Where the shoot phase keeps what the files do not say: the mixer's report edits and the offload results.
/// Inside a project, its store (tables of <see cref="ShootModule"/>, one transaction per save); on a plain
/// folder, <c>perche-report-edits.json</c> in the folder the report describes (offloads then live only in their
/// ASC MHL histories).
/// </summary>
public sealed class ShootStore
{
    /// <summary>The JSON file name used without a project.</summary>
    public const string EditsFileName = "perche-report-edits.json";

    private readonly IReportEditStore edits;
    private readonly ProjectStore? project;

    private ShootStore(IReportEditStore edits, ProjectStore? project, string description)
    {
        this.edits = edits;
        this.project = project;
        this.Description = description;
    }

    /// <summary>The module to register with the project.</summary>
    public static IStoreModule Module { get; } = new ShootModule();

    /// <summary>Where the data goes, for messages.</summary>
    public string Description { get; }

    /// <summary>True when backed by a project store.</summary>
    public bool IsProject => this.project is not null;

    /// <summary>
    /// Opens the store for a card or folder: the project's store when <paramref name="project"/> is given (the caller
    /// keeps it open and disposes it), else the folder's JSON file.
    /// </summary>
    public static ShootStore Open(string reportPath, ProjectStore? project)
    {
        ArgumentNullException.ThrowIfNull(reportPath);
        if (project is not null)
        {
            return new ShootStore(new ProjectEditStore(project), project, "the project store " + project.Location);
        }

        var folder = File.Exists(reportPath) ? Path.GetDirectoryName(Path.GetFullPath(reportPath))! : Path.GetFullPath(reportPath);
        var path = Path.Combine(folder, EditsFileName);
        return new ShootStore(new JsonEditStore(path), null, path);
    }

    /// <summary>Every edit.</summary>
    public IReadOnlyList<TakeEdit> LoadEdits() => this.edits.Load();

    /// <summary>Records an edit.</summary>
    public void SaveEdit(TakeEdit edit) => this.edits.Save(edit);

    /// <summary>Records an offload's outcome in the project (no-op on a plain folder); returns its id or null.</summary>
    public long? SaveOffload(OffloadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (this.project is null)
        {
            return null;
        }

        return this.project.Write(tx =>
        {
            var id = tx.Scalar<long>(
                "INSERT INTO shoot_offload (source, finished_at, hash_formats, bytes_read, bytes_written, elapsed_seconds, passed) " +
                "VALUES (@source, @finished, @formats, @read, @written, @elapsed, @passed) RETURNING id",
                new
                {
                    source = result.Source,
                    finished = DateTimeOffset.UtcNow,
                    formats = string.Join(",", result.Kinds.Select(HashKinds.Name)),
                    read = result.BytesRead,
                    written = result.BytesWritten,
                    elapsed = result.ElapsedSeconds,
                    passed = result.Passed,
                });
            using (var dest = tx.Prepare("INSERT INTO shoot_offload_destination (offload_id, position, root, verified, generation, error) VALUES (@id, @pos, @root, @verified, @generation, @error)"))
            {
                for (var d = 0; d < result.Destinations.Count; d++)
                {
                    var x = result.Destinations[d];
                    dest.Execute(new { id, pos = d, root = x.Root, verified = x.Verified, generation = x.GenerationPath, error = x.Error });
                }
            }

            using (var file = tx.Prepare("INSERT INTO shoot_offload_file (offload_id, path, size_bytes, digests, status, problems) VALUES (@id, @path, @size, @digests, @status, @problems)"))
            {
                foreach (var f in result.Files)
                {
                    file.Execute(new
                    {
                        id,
                        path = f.Path,
                        size = f.SizeBytes,
                        digests = string.Join(",", f.Digests.Select(d => HashKinds.Name(d.Key) + "=" + d.Value)),
                        status = string.Join(",", f.Status.Select(s => s.ToString().ToLowerInvariant())),
                        problems = string.Join("; ", f.Problems),
                    });
                }
            }

            return id;
        });
    }

    /// <summary>The latest recorded digests of a file path (for example to check a later copy), or null.</summary>
    public IReadOnlyDictionary<HashKind, string>? LatestDigests(string relativePath)
    {
        if (this.project is null)
        {
            return null;
        }

        var text = this.project.Read(tx => tx.Query(
            "SELECT digests FROM shoot_offload_file WHERE path = @path ORDER BY id DESC LIMIT 1", new { path = relativePath }, r => r.GetString("digests"))).FirstOrDefault();
        if (text is null)
        {
            return null;
        }

        var map = new Dictionary<HashKind, string>();
        foreach (var kv in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = kv.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && HashKinds.TryParse(kv[..eq], out var kind))
            {
                map[kind] = kv[(eq + 1)..];
            }
        }

        return map;
    }

    private sealed class ProjectEditStore(ProjectStore store) : IReportEditStore
    {
        public IReadOnlyList<TakeEdit> Load() => store.Read(tx => tx.Query(
            "SELECT take_key, circled, wild_track, room_tone, false_start, no_good, note, edited_at FROM shoot_take_edit ORDER BY id",
            r => new TakeEdit
            {
                TakeKey = r.GetString("take_key"),
                Circled = Bool(r, "circled"),
                WildTrack = Bool(r, "wild_track"),
                RoomTone = Bool(r, "room_tone"),
                FalseStart = Bool(r, "false_start"),
                NoGood = Bool(r, "no_good"),
                Note = r.GetStringOrNull("note"),
                EditedAt = DateTimeOffset.Parse(r.GetString("edited_at"), System.Globalization.CultureInfo.InvariantCulture),
            }));

        public void Save(TakeEdit edit) => store.Write(tx =>
        {
            // Read-merge-write inside one transaction: writers are serialised, so no edit is lost.
            var existing = tx.Query("SELECT circled, wild_track, room_tone, false_start, no_good, note FROM shoot_take_edit WHERE take_key = @key",
                new { key = edit.TakeKey },
                r => new TakeEdit
                {
                    TakeKey = edit.TakeKey,
                    Circled = Bool(r, "circled"),
                    WildTrack = Bool(r, "wild_track"),
                    RoomTone = Bool(r, "room_tone"),
                    FalseStart = Bool(r, "false_start"),
                    NoGood = Bool(r, "no_good"),
                    Note = r.GetStringOrNull("note"),
                }).FirstOrDefault();
            var merged = existing ?? new TakeEdit { TakeKey = edit.TakeKey };
            merged.Merge(edit);
            tx.Execute(
                "INSERT INTO shoot_take_edit (take_key, circled, wild_track, room_tone, false_start, no_good, note, edited_at) " +
                "VALUES (@key, @circled, @wild, @room, @falseStart, @noGood, @note, @at) " +
                "ON CONFLICT (take_key) DO UPDATE SET circled = excluded.circled, wild_track = excluded.wild_track, room_tone = excluded.room_tone, " +
                "false_start = excluded.false_start, no_good = excluded.no_good, note = excluded.note, edited_at = excluded.edited_at",
                new
                {
                    key = merged.TakeKey,
                    circled = merged.Circled,
                    wild = merged.WildTrack,
                    room = merged.RoomTone,
                    falseStart = merged.FalseStart,
                    noGood = merged.NoGood,
                    note = merged.Note,
                    at = merged.EditedAt,
                });
        });

        private static bool? Bool(Perche.Project.StoreRow r, string column) => r.IsNull(column) ? null : r.GetBoolean(column);
    }
}
