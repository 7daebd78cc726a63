using System.Globalization;
using Perche.Preproduction.Breakdown;
using Perche.Project;

namespace Perche.Preproduction.Store;

/// <summary>A user's change to one breakdown item, kept across re-runs of the breakdown.</summary>
public sealed class BreakdownEdit
{
    /// <summary>The scene number.</summary>
    public required string SceneNumber { get; init; }

    /// <summary>The item key ("gunshot", "dialogue:MARIE"; any new key for an added item).</summary>
    public required string Key { get; init; }

    /// <summary>New category, or null to keep the engine's.</summary>
    public SoundCategory? Category { get; init; }

    /// <summary>New acquisition, or null to keep the engine's.</summary>
    public Acquisition? Acquisition { get; init; }

    /// <summary>New label, or null.</summary>
    public string? Label { get; init; }

    /// <summary>The user's note (becomes the reason).</summary>
    public string? Note { get; init; }

    /// <summary>The user removed the item.</summary>
    public bool Rejected { get; init; }
}

/// <summary>
/// The pre-production tables of the project store: the scripts read, their scenes, the breakdown items of the
/// last run, and the user's edits. A re-run replaces the engine's items but re-applies the edits, so a sound
/// engineer's corrections (an acquisition changed, an item removed or added) survive a new draft of the script.
/// </summary>
public static class BreakdownStore
{
    /// <summary>The store module (name "preproduction").</summary>
    public static readonly IStoreModule Module = new StoreModule(
        "preproduction",
        new StoreMigration(1, "scripts, scenes, breakdown items and user edits", """
            CREATE TABLE preproduction_script (
              id {id},
              name TEXT NOT NULL UNIQUE,
              path TEXT NOT NULL,
              title TEXT NOT NULL,
              language TEXT NOT NULL,
              format TEXT NOT NULL,
              length_pages DOUBLE PRECISION NOT NULL,
              read_at TEXT NOT NULL);
            CREATE TABLE preproduction_scene (
              id {id},
              script_id BIGINT NOT NULL REFERENCES preproduction_script (id) ON DELETE CASCADE,
              ordinal BIGINT NOT NULL,
              number TEXT NOT NULL,
              heading TEXT NOT NULL,
              setting TEXT NOT NULL,
              place TEXT NOT NULL,
              time_of_day TEXT NOT NULL,
              weather TEXT NOT NULL,
              line BIGINT NOT NULL,
              length_pages DOUBLE PRECISION NOT NULL,
              speakers TEXT NOT NULL,
              UNIQUE (script_id, ordinal));
            CREATE TABLE preproduction_item (
              id {id},
              script_id BIGINT NOT NULL REFERENCES preproduction_script (id) ON DELETE CASCADE,
              scene_number TEXT NOT NULL,
              item_key TEXT NOT NULL,
              category TEXT NOT NULL,
              acquisition TEXT NOT NULL,
              label TEXT NOT NULL,
              confidence DOUBLE PRECISION NOT NULL,
              reason TEXT NOT NULL,
              detection TEXT NOT NULL,
              adr_risk BOOLEAN NOT NULL,
              evidence_line BIGINT NOT NULL,
              evidence_text TEXT NOT NULL,
              edited_by_user BOOLEAN NOT NULL,
              rejected BOOLEAN NOT NULL,
              UNIQUE (script_id, scene_number, item_key));
            CREATE TABLE preproduction_edit (
              id {id},
              script_name TEXT NOT NULL,
              scene_number TEXT NOT NULL,
              item_key TEXT NOT NULL,
              category TEXT,
              acquisition TEXT,
              label TEXT,
              note TEXT,
              rejected BOOLEAN NOT NULL,
              edited_at TEXT NOT NULL,
              UNIQUE (script_name, scene_number, item_key));
            """));

    /// <summary>The name a script is stored under: its file name (a new draft with the same name keeps the edits).</summary>
    public static string NameOf(Screenplay.Screenplay script) => Path.GetFileName(script.InputName);

    /// <summary>Records (or replaces) a user edit.</summary>
    public static void SaveEdit(ProjectStore store, string scriptName, BreakdownEdit edit) =>
        store.Write(tx => tx.Execute(
            """
            INSERT INTO preproduction_edit (script_name, scene_number, item_key, category, acquisition, label, note, rejected, edited_at)
            VALUES (@script, @scene, @key, @category, @acquisition, @label, @note, @rejected, @at)
            ON CONFLICT (script_name, scene_number, item_key) DO UPDATE SET
              category = COALESCE(excluded.category, preproduction_edit.category),
              acquisition = COALESCE(excluded.acquisition, preproduction_edit.acquisition),
              label = COALESCE(excluded.label, preproduction_edit.label),
              note = COALESCE(excluded.note, preproduction_edit.note),
              rejected = excluded.rejected,
              edited_at = excluded.edited_at
            """,
            new
            {
                script = scriptName,
                scene = edit.SceneNumber,
                key = edit.Key,
                category = edit.Category?.ToString(),
                acquisition = edit.Acquisition?.ToString(),
                label = edit.Label,
                note = edit.Note,
                rejected = edit.Rejected,
                at = DateTimeOffset.UtcNow,
            }));

    /// <summary>The edits of a script.</summary>
    public static List<BreakdownEdit> LoadEdits(ProjectStore store, string scriptName) =>
        store.Read(tx => tx.Query(
            "SELECT scene_number, item_key, category, acquisition, label, note, rejected FROM preproduction_edit WHERE script_name = @script ORDER BY id",
            new { script = scriptName },
            r => new BreakdownEdit
            {
                SceneNumber = r.GetString("scene_number"),
                Key = r.GetString("item_key"),
                Category = r.GetStringOrNull("category") is { } c ? Enum.Parse<SoundCategory>(c) : null,
                Acquisition = r.GetStringOrNull("acquisition") is { } a ? Enum.Parse<Acquisition>(a) : null,
                Label = r.GetStringOrNull("label"),
                Note = r.GetStringOrNull("note"),
                Rejected = r.GetBoolean("rejected"),
            }));

    /// <summary>Applies edits to a fresh breakdown: changes items, marks removed ones, adds the user's own.</summary>
    public static void ApplyEdits(SoundBreakdown breakdown, IEnumerable<BreakdownEdit> edits)
    {
        foreach (var edit in edits)
        {
            var scene = breakdown.Scenes.FirstOrDefault(s => s.Scene.Number == edit.SceneNumber);
            if (scene is null)
            {
                // The scene is gone from this draft: the edit stays stored and comes back if the scene does.
                continue;
            }

            var item = scene.Items.FirstOrDefault(i => i.Key == edit.Key);
            if (item is null)
            {
                if (edit.Rejected)
                {
                    continue;
                }

                item = new SoundItem(edit.SceneNumber, edit.Category ?? SoundCategory.HardEffect, edit.Key, edit.Label ?? edit.Key) { Confidence = 1.0 };
                item.Evidence.Add(new Evidence(EvidenceSource.User, edit.Label ?? edit.Key, scene.Scene.Line, -1, 0, 0));
                scene.Items.Add(item);
            }

            item.Category = edit.Category ?? item.Category;
            item.Acquisition = edit.Acquisition ?? item.Acquisition;
            item.Label = edit.Label ?? item.Label;
            item.Reason = edit.Note is { Length: > 0 } note ? note : item.Reason;
            item.Rejected = edit.Rejected;
            item.EditedByUser = true;
        }
    }

    /// <summary>Re-applies the stored edits and saves the script, its scenes and the resulting items in one transaction.</summary>
    public static void Save(ProjectStore store, SoundBreakdown breakdown)
    {
        var name = NameOf(breakdown.Script);
        ApplyEdits(breakdown, LoadEdits(store, name));
        var s = breakdown.Script;
        store.Write(tx =>
        {
            var scriptId = tx.Scalar<long>(
                """
                INSERT INTO preproduction_script (name, path, title, language, format, length_pages, read_at)
                VALUES (@name, @path, @title, @language, @format, @pages, @at)
                ON CONFLICT (name) DO UPDATE SET path = excluded.path, title = excluded.title, language = excluded.language,
                  format = excluded.format, length_pages = excluded.length_pages, read_at = excluded.read_at
                RETURNING id
                """,
                new { name, path = Path.GetFullPath(s.InputName), title = s.Title, language = breakdown.Language.ToString(), format = s.Format.ToString(), pages = s.LengthPages, at = DateTimeOffset.UtcNow });
            tx.Execute("DELETE FROM preproduction_scene WHERE script_id = @id", new { id = scriptId });
            tx.Execute("DELETE FROM preproduction_item WHERE script_id = @id", new { id = scriptId });
            using var insertScene = tx.Prepare(
                """
                INSERT INTO preproduction_scene (script_id, ordinal, number, heading, setting, place, time_of_day, weather, line, length_pages, speakers)
                VALUES (@script, @ordinal, @number, @heading, @setting, @place, @time, @weather, @line, @pages, @speakers)
                """);
            using var insertItem = tx.Prepare(
                """
                INSERT INTO preproduction_item (script_id, scene_number, item_key, category, acquisition, label, confidence, reason, detection,
                  adr_risk, evidence_line, evidence_text, edited_by_user, rejected)
                VALUES (@script, @scene, @key, @category, @acquisition, @label, @confidence, @reason, @detection, @adr, @line, @text, @edited, @rejected)
                ON CONFLICT (script_id, scene_number, item_key) DO NOTHING
                """);
            foreach (var sb in breakdown.Scenes)
            {
                var sc = sb.Scene;
                insertScene.Execute(new
                {
                    script = scriptId, ordinal = sc.Ordinal, number = sc.Number, heading = sc.Heading.Text, setting = sc.Heading.Setting, place = sc.Heading.Place,
                    time = sc.Heading.TimeOfDay, weather = sc.Heading.Weather, line = sc.Line, pages = sc.LengthPages,
                    speakers = string.Join(", ", sc.Speakers.Select(p => p.Name + " (" + p.Lines.ToString(CultureInfo.InvariantCulture) + ")")),
                });
                foreach (var i in sb.Items)
                {
                    var ev = i.Evidence.Count > 0 ? i.Evidence[0] : null;
                    insertItem.Execute(new
                    {
                        script = scriptId, scene = i.SceneNumber, key = i.Key, category = i.Category, acquisition = i.Acquisition, label = i.Label, confidence = i.Confidence,
                        reason = i.Reason, detection = i.Detection, adr = i.AdrRisk, line = ev?.Line ?? 0, text = ev?.Text ?? string.Empty, edited = i.EditedByUser, rejected = i.Rejected,
                    });
                }
            }
        });
    }

    /// <summary>The stored items of a script (for other phases and the web app): scene, key, category, acquisition, label.</summary>
    public static List<(string Scene, string Key, SoundCategory Category, Acquisition Acquisition, string Label, bool EditedByUser, bool Rejected)> LoadItems(ProjectStore store, string scriptName) =>
        store.Read(tx => tx.Query(
            """
            SELECT i.scene_number, i.item_key, i.category, i.acquisition, i.label, i.edited_by_user, i.rejected
            FROM preproduction_item i JOIN preproduction_script s ON s.id = i.script_id
            WHERE s.name = @name ORDER BY i.id
            """,
            new { name = scriptName },
            r => (r.GetString("scene_number"), r.GetString("item_key"), Enum.Parse<SoundCategory>(r.GetString("category")), Enum.Parse<Acquisition>(r.GetString("acquisition")),
                r.GetString("label"), r.GetBoolean("edited_by_user"), r.GetBoolean("rejected"))));
}
