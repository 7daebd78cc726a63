using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Perche.Core;

namespace Perche.Production.Edits;

/// <summary>Where report edits are kept: the project store when there is a project, else a JSON file.</summary>
public interface IReportEditStore
{
    /// <summary>Every edit, merged per take.</summary>
    IReadOnlyList<TakeEdit> Load();

    /// <summary>Records an edit (merged with earlier ones for the same take).</summary>
    void Save(TakeEdit edit);
}

/// <summary>
/// Edits of a folder without a project: <c>perche-report-edits.json</c> beside the report output, written
/// atomically. Malformed JSON raises <see cref="PercheFormatException"/> with the line.
/// </summary>
public sealed class JsonEditStore : IReportEditStore
{
    private readonly string path;

    /// <summary>Uses <paramref name="path"/>.</summary>
    public JsonEditStore(string path) => this.path = path;

    /// <inheritdoc/>
    public IReadOnlyList<TakeEdit> Load()
    {
        if (!File.Exists(this.path))
        {
            return [];
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(this.path));
        }
        catch (JsonException ex)
        {
            throw PercheFormatException.AtLine(this.path, (ex.LineNumber ?? 0) + 1, $"not valid JSON: {ex.Message}", ex);
        }

        var list = new List<TakeEdit>();
        foreach (var n in root?["takes"]?.AsArray() ?? [])
        {
            if (n?["key"]?.GetValue<string>() is not { } key)
            {
                throw PercheFormatException.ForInput(this.path, "a take edit has no \"key\"");
            }

            list.Add(new TakeEdit
            {
                TakeKey = key,
                Circled = n["circled"]?.GetValue<bool>(),
                WildTrack = n["wildTrack"]?.GetValue<bool>(),
                RoomTone = n["roomTone"]?.GetValue<bool>(),
                FalseStart = n["falseStart"]?.GetValue<bool>(),
                NoGood = n["noGood"]?.GetValue<bool>(),
                Note = n["note"]?.GetValue<string>(),
                EditedAt = DateTimeOffset.TryParse(n["editedAt"]?.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : DateTimeOffset.MinValue,
            });
        }

        return list;
    }

    /// <inheritdoc/>
    public void Save(TakeEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var all = this.Load().ToList();
        var existing = all.Find(e => e.TakeKey == edit.TakeKey);
        if (existing is null)
        {
            all.Add(edit);
        }
        else
        {
            existing.Merge(edit);
        }

        var takes = new JsonArray();
        foreach (var e in all)
        {
            takes.Add(new JsonObject
            {
                ["key"] = e.TakeKey,
                ["circled"] = e.Circled,
                ["wildTrack"] = e.WildTrack,
                ["roomTone"] = e.RoomTone,
                ["falseStart"] = e.FalseStart,
                ["noGood"] = e.NoGood,
                ["note"] = e.Note,
                ["editedAt"] = e.EditedAt.ToString("O", CultureInfo.InvariantCulture),
            });
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(this.path))!);
        AtomicFile.Write(this.path, System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["takes"] = takes }.ToJsonString(new JsonSerializerOptions { WriteIndented = true })));
    }
}
