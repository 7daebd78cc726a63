using System.Text.Json.Nodes;
using Perche.Reliability.Tests.Support;

namespace Perche.Reliability.Tests.Corruption;

/// <summary>
/// Project dumps that are valid JSON but not a complete export (a member missing, a value of the wrong kind) must
/// be refused with the store's own error, not a KeyNotFoundException or InvalidOperationException from the JSON API.
/// </summary>
public sealed class ProjectImportTests
{
    private static JsonObject Seed() => JsonNode.Parse(File.ReadAllText(Path.Combine(Paths.Seeds, "project-import", "empty-project.json")))!.AsObject();

    [Fact]
    public void A_complete_dump_imports()
    {
        ReaderAssert.Reads("project-import", System.Text.Encoding.UTF8.GetBytes(Seed().ToJsonString()), "the seed dump");
    }

    [Theory]
    [InlineData("no schema")]
    [InlineData("schema version as text")]
    [InlineData("table without rows")]
    [InlineData("no tables")]
    public void An_incomplete_dump_is_refused_as_a_bad_import(string damage)
    {
        var dump = Seed();
        switch (damage)
        {
            case "no schema":
                dump.Remove("schema");
                break;
            case "schema version as text":
                dump["schema"]!["post"] = "one";
                break;
            case "table without rows":
                dump["tables"] = new JsonArray(new JsonObject { ["name"] = "project_settings" });
                break;
            case "no tables":
                dump.Remove("tables");
                break;
        }

        ReaderAssert.ClearError("project-import", System.Text.Encoding.UTF8.GetBytes(dump.ToJsonString()), damage, "Perche project export");
    }

    [Theory]
    [InlineData("project_settings", 0, "title", "row 1, column title: null, but the project requires a value")]
    [InlineData("project_settings", 0, "company", "row 1, column company: null, but the project requires a value")]
    public void A_row_holding_null_where_the_project_requires_a_value_is_refused_naming_table_row_and_column(string table, int row, string column, string expected)
    {
        // Before, this surfaced as the engine's constraint error (or an ArgumentException) with no row named.
        var dump = Seed();
        foreach (var t in dump["tables"]!.AsArray())
        {
            if ((string?)t!["name"] == table)
            {
                t["rows"]![row]![column] = null;
            }
        }

        ReaderAssert.ClearError("project-import", System.Text.Encoding.UTF8.GetBytes(dump.ToJsonString()), $"{table}.{column} null", $"table {table}, {expected}");
    }

    [Fact]
    public void A_null_where_the_column_allows_it_imports()
    {
        // NULL is a value: a take edit that never set its flags keeps them unset.
        var dump = Seed();
        foreach (var t in dump["tables"]!.AsArray())
        {
            if ((string?)t!["name"] == "shoot_take_edit")
            {
                t["rows"] = new JsonArray(new JsonObject
                {
                    ["id"] = 1, ["take_key"] = "K", ["circled"] = null, ["wild_track"] = null, ["room_tone"] = null,
                    ["false_start"] = null, ["no_good"] = null, ["note"] = null, ["edited_at"] = "2026-01-01T00:00:00Z",
                });
            }
        }

        ReaderAssert.Reads("project-import", System.Text.Encoding.UTF8.GetBytes(dump.ToJsonString()), "a take edit with NULL flags");
    }
}
