using System.Globalization;
using Perche.Core.Time;
using Perche.Post.Adapters.Otio;
using Perche.Post.Conform;
using Perche.Post.Timelines;
using Perche.Project;

namespace Perche.Post.Store;

/// <summary>A cut stored in the project.</summary>
public sealed record StoredCut(long Id, string Name, string SourcePath, string Format, string Rate, int ClipCount, string ImportedAtUtc);

/// <summary>A conform run stored in the project.</summary>
public sealed record StoredConform(long Id, long CutId, string RushesFolder, double HandlesSeconds, int Matched, int Ambiguous, int Partial, int Unmatched, string OutputFolder, string RunAtUtc);

/// <summary>
/// The post phase's tables in the project store: imported cuts (with every clip, and the whole timeline as OTIO
/// JSON so nothing the adapters read is lost) and conform runs (the per-event report and the conformed session).
/// Later phases (re-conform, cue lists) read them from here.
/// </summary>
public sealed class PostStore : IStoreModule
{
    private PostStore()
    {
    }

    /// <summary>The module to open a store with.</summary>
    public static PostStore Module { get; } = new();

    /// <inheritdoc/>
    public string Name => "post";

    /// <inheritdoc/>
    public IReadOnlyList<StoreMigration> Migrations { get; } =
    [
        new StoreMigration(1, "cuts, their clips, conform runs and their events", """
            CREATE TABLE post_cut (
              id {id},
              name TEXT NOT NULL,
              source_path TEXT NOT NULL,
              format TEXT NOT NULL,
              rate TEXT NOT NULL,
              start_seconds DOUBLE PRECISION,
              duration_seconds DOUBLE PRECISION NOT NULL,
              imported_at TEXT NOT NULL,
              otio TEXT NOT NULL);
            CREATE TABLE post_cut_clip (
              id {id},
              cut_id BIGINT NOT NULL REFERENCES post_cut (id) ON DELETE CASCADE,
              track TEXT NOT NULL,
              track_kind TEXT NOT NULL,
              item_index BIGINT NOT NULL,
              name TEXT NOT NULL,
              reel TEXT NOT NULL,
              source_url TEXT NOT NULL,
              source_in TEXT,
              source_out TEXT,
              record_in TEXT NOT NULL,
              record_out TEXT NOT NULL,
              speed DOUBLE PRECISION NOT NULL,
              UNIQUE (cut_id, track, item_index));
            CREATE TABLE post_conform (
              id {id},
              cut_id BIGINT NOT NULL REFERENCES post_cut (id) ON DELETE CASCADE,
              rushes_folder TEXT NOT NULL,
              handles_seconds DOUBLE PRECISION NOT NULL,
              matched BIGINT NOT NULL,
              ambiguous BIGINT NOT NULL,
              partial BIGINT NOT NULL,
              unmatched BIGINT NOT NULL,
              output_folder TEXT NOT NULL,
              run_at TEXT NOT NULL,
              session_otio TEXT NOT NULL);
            CREATE TABLE post_conform_event (
              id {id},
              conform_id BIGINT NOT NULL REFERENCES post_conform (id) ON DELETE CASCADE,
              event TEXT NOT NULL,
              clip TEXT NOT NULL,
              reel TEXT NOT NULL,
              source_in TEXT NOT NULL,
              source_out TEXT NOT NULL,
              record_in TEXT NOT NULL,
              record_out TEXT NOT NULL,
              status TEXT NOT NULL CHECK (status IN ('matched', 'ambiguous', 'partial', 'unmatched')),
              files TEXT NOT NULL,
              roll TEXT NOT NULL,
              scene TEXT NOT NULL,
              take TEXT NOT NULL,
              channels TEXT NOT NULL,
              handle_before_seconds DOUBLE PRECISION NOT NULL,
              handle_after_seconds DOUBLE PRECISION NOT NULL,
              reason TEXT NOT NULL);
            CREATE INDEX post_conform_event_status ON post_conform_event (conform_id, status);
            """),
        new StoreMigration(2, "re-conform change lists between two cuts", """
            CREATE TABLE post_change_list (
              id {id},
              old_cut_id BIGINT REFERENCES post_cut (id) ON DELETE SET NULL,
              new_cut_id BIGINT NOT NULL REFERENCES post_cut (id) ON DELETE CASCADE,
              from_conform_id BIGINT REFERENCES post_conform (id) ON DELETE SET NULL,
              to_conform_id BIGINT REFERENCES post_conform (id) ON DELETE SET NULL,
              unchanged BIGINT NOT NULL,
              changed BIGINT NOT NULL,
              kept_clips BIGINT NOT NULL,
              dropped_clips BIGINT NOT NULL,
              run_at TEXT NOT NULL);
            CREATE TABLE post_change (
              id {id},
              list_id BIGINT NOT NULL REFERENCES post_change_list (id) ON DELETE CASCADE,
              position BIGINT NOT NULL,
              change TEXT NOT NULL,
              old_event TEXT NOT NULL,
              new_event TEXT NOT NULL,
              reel TEXT NOT NULL,
              clip TEXT NOT NULL,
              old_source_in TEXT NOT NULL,
              old_source_out TEXT NOT NULL,
              new_source_in TEXT NOT NULL,
              new_source_out TEXT NOT NULL,
              old_record_in TEXT NOT NULL,
              old_record_out TEXT NOT NULL,
              new_record_in TEXT NOT NULL,
              new_record_out TEXT NOT NULL,
              head_frames BIGINT NOT NULL,
              tail_frames BIGINT NOT NULL,
              shift_frames BIGINT NOT NULL,
              UNIQUE (list_id, position));
            """),
        new StoreMigration(3, "ADR and Foley cue lists", """
            CREATE TABLE post_cue_list (
              id {id},
              conform_id BIGINT REFERENCES post_conform (id) ON DELETE SET NULL,
              kind TEXT NOT NULL CHECK (kind IN ('adr', 'foley')),
              rate TEXT NOT NULL,
              cue_count BIGINT NOT NULL,
              run_at TEXT NOT NULL);
            CREATE TABLE post_cue (
              id {id},
              list_id BIGINT NOT NULL REFERENCES post_cue_list (id) ON DELETE CASCADE,
              ordinal BIGINT NOT NULL,
              cue TEXT NOT NULL,
              material TEXT NOT NULL,
              character_name TEXT NOT NULL,
              scene TEXT NOT NULL,
              take TEXT NOT NULL,
              event TEXT NOT NULL,
              cue_kind TEXT NOT NULL,
              description TEXT NOT NULL,
              surface TEXT NOT NULL,
              tc_in TEXT NOT NULL,
              tc_out TEXT NOT NULL,
              record_start_seconds DOUBLE PRECISION NOT NULL,
              duration_seconds DOUBLE PRECISION NOT NULL,
              reasons TEXT NOT NULL,
              line TEXT NOT NULL,
              detail TEXT NOT NULL,
              UNIQUE (list_id, ordinal),
              UNIQUE (list_id, cue));
            """),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<StatusLine> Summarise(StoreTransaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var cuts = tx.Scalar<long>("SELECT COUNT(*) FROM post_cut");
        var clips = tx.Scalar<long>("SELECT COUNT(*) FROM post_cut_clip");
        var runs = tx.Scalar<long>("SELECT COUNT(*) FROM post_conform");
        var lists = tx.Scalar<long>("SELECT COUNT(*) FROM post_change_list");
        var lastList = tx.Query("SELECT unchanged, changed, kept_clips FROM post_change_list ORDER BY id DESC LIMIT 1", r => $"last: {r.GetInt64("changed")} changed, {r.GetInt64("unchanged")} unchanged, {r.GetInt64("kept_clips")} clips kept");
        var last = tx.Query("SELECT matched, ambiguous, partial, unmatched FROM post_conform ORDER BY id DESC LIMIT 1", r => $"last: {r.GetInt64("matched")} matched, {r.GetInt64("ambiguous")} ambiguous, {r.GetInt64("partial")} partial, {r.GetInt64("unmatched")} unmatched");
        return
        [
            new("picture cuts imported", cuts, $"{clips} clips"),
            new("conform runs", runs, last.Count > 0 ? last[0] : string.Empty),
            new("re-conforms", lists, lastList.Count > 0 ? lastList[0] : string.Empty),
            new("ADR cues", LastCueCount(tx, "adr"), "in the last ADR list"),
            new("Foley cues", LastCueCount(tx, "foley"), "in the last Foley list"),
        ];
    }

    /// <summary>Stores a cut (every clip, and the timeline as OTIO) and returns its id.</summary>
    public static long SaveCut(ProjectStore store, Timeline timeline, string sourcePath, string format)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeline);
        var rows = TimelineListing.Rows(timeline);
        var otio = OtioJsonWriter.WriteString(timeline);
        var rate = timeline.Rate;
        string Label(RationalTime t) => TimelineListing.Label(t, rate);
        return store.Write(tx =>
        {
            var id = tx.Scalar<long>(
                "INSERT INTO post_cut (name, source_path, format, rate, start_seconds, duration_seconds, imported_at, otio) VALUES (@name, @path, @format, @rate, @start, @duration, @at, @otio) RETURNING id",
                new
                {
                    name = timeline.Name,
                    path = Path.GetFullPath(sourcePath),
                    format,
                    rate = rate?.ToString() ?? string.Empty,
                    start = timeline.GlobalStartTime?.ToSeconds(),
                    duration = timeline.Duration.ToSeconds(),
                    at = DateTimeOffset.UtcNow,
                    otio,
                });
            using var insert = tx.Prepare("INSERT INTO post_cut_clip (cut_id, track, track_kind, item_index, name, reel, source_url, source_in, source_out, record_in, record_out, speed) VALUES (@cut, @track, @kind, @index, @name, @reel, @url, @sin, @sout, @rin, @rout, @speed)");
            foreach (var r in rows)
            {
                if (r.Item is not Clip)
                {
                    continue;
                }

                insert.Execute(new
                {
                    cut = id,
                    track = r.Track,
                    kind = r.TrackKind.ToString().ToLowerInvariant(),
                    index = r.Index,
                    name = r.Name,
                    reel = r.Reel,
                    url = r.SourceFile,
                    sin = r.SourceRange is { } s ? Label(s.Start) : null,
                    sout = r.SourceRange is { } s2 ? Label(s2.EndExclusive) : null,
                    rin = Label(r.RecordRange.Start),
                    rout = Label(r.RecordRange.EndExclusive),
                    speed = r.Speed,
                });
            }

            return id;
        });
    }

    /// <summary>Stores a conform run (the per-event report and the session as OTIO) and returns its id.</summary>
    public static long SaveConform(ProjectStore store, long cutId, ConformResult result, string rushesFolder, RationalTime handles, string outputFolder, FrameRate rate)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(result);
        var otio = OtioJsonWriter.WriteString(result.Session);
        var start = result.Session.GlobalStartTime ?? default;
        string Tc(RationalTime t) => Timecode.FromRationalTime(t, rate).ToString();
        return store.Write(tx =>
        {
            var id = tx.Scalar<long>(
                "INSERT INTO post_conform (cut_id, rushes_folder, handles_seconds, matched, ambiguous, partial, unmatched, output_folder, run_at, session_otio) VALUES (@cut, @rushes, @handles, @m, @a, @p, @u, @out, @at, @otio) RETURNING id",
                new
                {
                    cut = cutId,
                    rushes = Path.GetFullPath(rushesFolder),
                    handles = handles.ToSeconds(),
                    m = result.MatchedCount,
                    a = result.AmbiguousCount,
                    p = result.PartialCount,
                    u = result.UnmatchedCount,
                    @out = Path.GetFullPath(outputFolder),
                    at = DateTimeOffset.UtcNow,
                    otio,
                });
            using var insert = tx.Prepare("INSERT INTO post_conform_event (conform_id, event, clip, reel, source_in, source_out, record_in, record_out, status, files, roll, scene, take, channels, handle_before_seconds, handle_after_seconds, reason) VALUES (@c, @event, @clip, @reel, @sin, @sout, @rin, @rout, @status, @files, @roll, @scene, @take, @channels, @hb, @ha, @reason)");
            foreach (var e in result.Events)
            {
                insert.Execute(new
                {
                    c = id,
                    @event = e.EventId,
                    clip = e.ClipName,
                    reel = e.Reel,
                    sin = Tc(e.Source.Start),
                    sout = Tc(e.Source.EndExclusive),
                    rin = Tc(TimeMath.Add(start, e.Record.Start)),
                    rout = Tc(TimeMath.Add(start, e.Record.EndExclusive)),
                    status = e.Status.ToString().ToLowerInvariant(),
                    files = e.Take is null ? string.Empty : string.Join("\n", e.Take.Files),
                    roll = e.Take?.Tape ?? string.Empty,
                    scene = e.Take?.Scene ?? string.Empty,
                    take = e.Take?.Take ?? string.Empty,
                    channels = e.Take is null ? string.Empty : string.Join("\n", e.Take.Channels.Select(ch => ch.Name)),
                    hb = e.HandleBefore.ToSeconds(),
                    ha = e.HandleAfter.ToSeconds(),
                    reason = e.Reason,
                });
            }

            return id;
        });
    }

    /// <summary>The cuts stored, newest first.</summary>
    public static List<StoredCut> Cuts(ProjectStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Read(tx => tx.Query(
            "SELECT c.id, c.name, c.source_path, c.format, c.rate, c.imported_at, (SELECT COUNT(*) FROM post_cut_clip k WHERE k.cut_id = c.id) AS clips FROM post_cut c ORDER BY c.id DESC",
            r => new StoredCut(r.GetInt64("id"), r.GetString("name"), r.GetString("source_path"), r.GetString("format"), r.GetString("rate"), (int)r.GetInt64("clips"), r.GetString("imported_at"))));
    }

    /// <summary>The conform runs stored, newest first.</summary>
    public static List<StoredConform> Conforms(ProjectStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Read(tx => tx.Query(
            "SELECT id, cut_id, rushes_folder, handles_seconds, matched, ambiguous, partial, unmatched, output_folder, run_at FROM post_conform ORDER BY id DESC",
            r => new StoredConform(r.GetInt64("id"), r.GetInt64("cut_id"), r.GetString("rushes_folder"), r.GetDouble("handles_seconds"), (int)r.GetInt64("matched"), (int)r.GetInt64("ambiguous"), (int)r.GetInt64("partial"), (int)r.GetInt64("unmatched"), r.GetString("output_folder"), r.GetString("run_at"))));
    }

    /// <summary>Stores a re-conform's change list (one row per change, as the CSV has them) and returns its id.</summary>
    public static long SaveChangeList(ProjectStore store, long? oldCutId, long newCutId, long? fromConformId, long? toConformId, Reconform.ReconformResult result, FrameRate rate, RationalTime recordStart)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(result);
        var rows = result.Changes.Rows(rate, recordStart).ToList();
        return store.Write(tx =>
        {
            var id = tx.Scalar<long>(
                "INSERT INTO post_change_list (old_cut_id, new_cut_id, from_conform_id, to_conform_id, unchanged, changed, kept_clips, dropped_clips, run_at) VALUES (@old, @new, @from, @to, @u, @c, @k, @d, @at) RETURNING id",
                new { old = oldCutId, @new = newCutId, from = fromConformId, to = toConformId, u = result.Changes.UnchangedCount, c = result.Changes.ChangedCount, k = result.KeptClipCount, d = result.DroppedClipCount, at = DateTimeOffset.UtcNow });
            using var insert = tx.Prepare("INSERT INTO post_change (list_id, position, change, old_event, new_event, reel, clip, old_source_in, old_source_out, new_source_in, new_source_out, old_record_in, old_record_out, new_record_in, new_record_out, head_frames, tail_frames, shift_frames) VALUES (@l, @p, @c0, @c1, @c2, @c3, @c4, @c5, @c6, @c7, @c8, @c9, @c10, @c11, @c12, @h, @t, @s)");
            for (var i = 0; i < rows.Count; i++)
            {
                var r = rows[i];
                insert.Execute(new
                {
                    l = id,
                    p = i + 1,
                    c0 = r[0], c1 = r[1], c2 = r[2], c3 = r[3], c4 = r[4], c5 = r[5], c6 = r[6], c7 = r[7], c8 = r[8], c9 = r[9], c10 = r[10], c11 = r[11], c12 = r[12],
                    h = long.Parse(r[13], CultureInfo.InvariantCulture),
                    t = long.Parse(r[14], CultureInfo.InvariantCulture),
                    s = long.Parse(r[15], CultureInfo.InvariantCulture),
                });
            }

            return id;
        });
    }

    /// <summary>The change kinds of a stored change list, in order (what a test or a report reads back).</summary>
    public static List<string> ChangesOf(ProjectStore store, long listId)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Read(tx => tx.Query("SELECT change FROM post_change WHERE list_id = @id ORDER BY position", new { id = listId }, r => r.GetString("change")));
    }

    /// <summary>A stored conform run's session, read back from its OTIO.</summary>
    public static Timeline LoadConformSession(ProjectStore store, long conformId)
    {
        ArgumentNullException.ThrowIfNull(store);
        var otio = store.Read(tx => tx.Scalar<string>("SELECT session_otio FROM post_conform WHERE id = @id", new { id = conformId }))
            ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"no conform run {conformId} in the project"), nameof(conformId));
        return OtioJsonReader.ReadString(otio, $"conform run {conformId}");
    }

    /// <summary>Stores an ADR cue list and returns its id.</summary>
    public static long SaveAdrCues(ProjectStore store, long? conformId, IReadOnlyList<Cues.AdrCue> cues, FrameRate rate, RationalTime recordStart)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(cues);
        string Tc(RationalTime t) => Timecode.FromRationalTime(TimeMath.Add(recordStart, t), rate).ToString();
        return SaveCueRows(store, conformId, "adr", rate, cues.Select(c => new CueRow(c.Id, c.Material, c.Character, c.Scene, c.Take, c.EventId, string.Empty, string.Empty, string.Empty, Tc(c.Record.Start), Tc(c.Record.EndExclusive), c.Record.Start.ToSeconds(), c.Record.Duration.ToSeconds(), c.ReasonCodes, c.Line, c.Detail)).ToList());
    }

    /// <summary>Stores a Foley cue list and returns its id.</summary>
    public static long SaveFoleyCues(ProjectStore store, long? conformId, IReadOnlyList<Cues.FoleyCue> cues, FrameRate rate, RationalTime recordStart)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(cues);
        string Tc(RationalTime t) => Timecode.FromRationalTime(TimeMath.Add(recordStart, t), rate).ToString();
        return SaveCueRows(store, conformId, "foley", rate, cues.Select(c => new CueRow(c.Id, c.Material, c.Character, c.Scene, string.Empty, string.Empty, c.Kind.ToString(), c.Description, c.Surface, Tc(c.Record.Start), Tc(c.Record.EndExclusive), c.Record.Start.ToSeconds(), c.Record.Duration.ToSeconds(), string.Empty, string.Empty, string.Empty)).ToList());
    }

    /// <summary>The last stored ADR list's cues (ID, material, character: what the next run needs to keep IDs), or empty.</summary>
    public static List<Cues.AdrCue> LastAdrCues(ProjectStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Read(tx => tx.Query(
            "SELECT cue, material, character_name, scene, take, event, reasons, line, detail FROM post_cue WHERE list_id = (SELECT MAX(id) FROM post_cue_list WHERE kind = 'adr') ORDER BY ordinal",
            r => new Cues.AdrCue
            {
                Id = r.GetString("cue"),
                Material = r.GetString("material"),
                Character = r.GetString("character_name"),
                Scene = r.GetString("scene"),
                Take = r.GetString("take"),
                EventId = r.GetString("event"),
                Record = default,
                Reasons = Cues.AdrReason.None,
                Detail = r.GetString("detail"),
                Line = r.GetString("line"),
            }));
    }

    /// <summary>The last stored Foley list's cues (what the next run needs to keep IDs), or empty.</summary>
    public static List<Cues.FoleyCue> LastFoleyCues(ProjectStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Read(tx => tx.Query(
            "SELECT cue, material, character_name, scene, cue_kind, description, surface FROM post_cue WHERE list_id = (SELECT MAX(id) FROM post_cue_list WHERE kind = 'foley') ORDER BY ordinal",
            r => new Cues.FoleyCue
            {
                Id = r.GetString("cue"),
                Material = r.GetString("material"),
                Character = r.GetString("character_name"),
                Scene = r.GetString("scene"),
                Kind = Enum.TryParse<Cues.FoleyKind>(r.GetString("cue_kind"), out var k) ? k : Cues.FoleyKind.Props,
                Description = r.GetString("description"),
                Surface = r.GetString("surface"),
                Record = default,
            }));
    }

    private sealed record CueRow(string Cue, string Material, string Character, string Scene, string Take, string Event, string Kind, string Description, string Surface, string TcIn, string TcOut, double StartSeconds, double DurationSeconds, string Reasons, string Line, string Detail);

    private static long SaveCueRows(ProjectStore store, long? conformId, string kind, FrameRate rate, List<CueRow> rows) => store.Write(tx =>
    {
        var id = tx.Scalar<long>(
            "INSERT INTO post_cue_list (conform_id, kind, rate, cue_count, run_at) VALUES (@c, @kind, @rate, @n, @at) RETURNING id",
            new { c = conformId, kind, rate = rate.ToString(), n = rows.Count, at = DateTimeOffset.UtcNow });
        using var insert = tx.Prepare("INSERT INTO post_cue (list_id, ordinal, cue, material, character_name, scene, take, event, cue_kind, description, surface, tc_in, tc_out, record_start_seconds, duration_seconds, reasons, line, detail) VALUES (@l, @p, @cue, @material, @character, @scene, @take, @event, @kind, @description, @surface, @tcin, @tcout, @start, @duration, @reasons, @line, @detail)");
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            insert.Execute(new { l = id, p = i + 1, cue = r.Cue, material = r.Material, character = r.Character, scene = r.Scene, take = r.Take, @event = r.Event, kind = r.Kind, description = r.Description, surface = r.Surface, tcin = r.TcIn, tcout = r.TcOut, start = r.StartSeconds, duration = r.DurationSeconds, reasons = r.Reasons, line = r.Line, detail = r.Detail });
        }

        return id;
    });

    private static long LastCueCount(StoreTransaction tx, string kind) =>
        tx.Query("SELECT cue_count FROM post_cue_list WHERE id = (SELECT MAX(id) FROM post_cue_list WHERE kind = @kind)", new { kind }, r => r.GetInt64("cue_count")).FirstOrDefault();

    /// <summary>A stored cut's timeline, read back from its OTIO.</summary>
    public static Timeline LoadCut(ProjectStore store, long cutId)
    {
        ArgumentNullException.ThrowIfNull(store);
        var otio = store.Read(tx => tx.Scalar<string>("SELECT otio FROM post_cut WHERE id = @id", new { id = cutId }))
            ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"no cut {cutId} in the project"), nameof(cutId));
        return OtioJsonReader.ReadString(otio, $"cut {cutId}");
    }
}
