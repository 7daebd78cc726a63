using System.CommandLine;
using System.Text.Json.Nodes;
using Perche.Cli.Output;
using Perche.Cli.Project;
using Perche.Project;
using Spectre.Console;

namespace Perche.Cli.Verbs;

/// <summary>`perche status`: the current project at a glance: settings, store, and what each phase stored.</summary>
internal static class StatusVerb
{
    public static Command Build(Func<CliContext> context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables" };
        var command = new Command("status", "Show the current project: settings, store, and what each phase has done") { json };
        command.SetAction(parse => Run(context(), CliProject.Require(parse), parse.GetValue(json)));
        return command;
    }

    public static int Run(CliContext ctx, ProjectFolder project, bool json)
    {
        using var store = CliProject.Open(project);
        var status = ProjectStatus.Read(store);
        if (json)
        {
            ctx.WriteJson(ToJson(project, store, status));
            return ExitCodes.Ok;
        }

        var s = status.Settings;
        var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("field").AddColumn("value");
        table.Title = new TableTitle(Markup.Escape(s?.Title ?? project.Name));
        void Row(string k, string v) => table.AddRow(Markup.Escape(k), Markup.Escape(v));
        Row("folder", project.Root);
        Row("store", $"{store.Provider} {store.Location}{(store.IsReadOnly ? " (read-only)" : string.Empty)}");
        if (s is not null)
        {
            if (s.Company.Length > 0)
            {
                Row("company", s.Company);
            }

            Row("picture", $"{s.FrameRate} fps, timecode {s.TimecodeRate}");
            Row("audio", $"{s.SampleRateHz} Hz, {(s.BitDepth == 32 ? "32-bit float" : $"{s.BitDepth}-bit")}");
            Row("languages", s.Languages.Count == 0 ? "(none)" : string.Join(", ", s.Languages));
            Row("created", s.CreatedAt);
        }

        Row("revision", $"{status.Revision} (last write {status.UpdatedAt})");
        Row("schema", string.Join(", ", status.SchemaVersions.Select(v => $"{v.Key} v{v.Value}")));
        ctx.Console.Write(table);

        var phases = new Table().Border(TableBorder.Rounded).AddColumn("module").AddColumn("what").AddColumn(new TableColumn("count").RightAligned()).AddColumn("detail");
        phases.Title = new TableTitle("What each phase stored");
        foreach (var module in status.Modules)
        {
            var label = module.Known ? module.Name : module.Name + " (unknown to this Perche)";
            if (module.Lines.Count == 0)
            {
                phases.AddRow(Markup.Escape(label), "(nothing yet)", string.Empty, string.Empty);
            }

            foreach (var line in module.Lines)
            {
                phases.AddRow(Markup.Escape(label), Markup.Escape(line.Label), line.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(line.Detail));
                label = string.Empty;
            }
        }

        ctx.Console.Write(phases);
        return ExitCodes.Ok;
    }

    private static JsonObject ToJson(ProjectFolder project, ProjectStore store, ProjectStatus status)
    {
        var s = status.Settings;
        var modules = new JsonArray();
        foreach (var m in status.Modules)
        {
            modules.Add(new JsonObject
            {
                ["name"] = m.Name,
                ["schemaVersion"] = m.SchemaVersion,
                ["known"] = m.Known,
                ["lines"] = new JsonArray([.. m.Lines.Select(l => (JsonNode?)new JsonObject { ["label"] = l.Label, ["count"] = l.Count, ["detail"] = l.Detail })]),
            });
        }

        return new JsonObject
        {
            ["project"] = project.Root,
            ["name"] = project.Name,
            ["provider"] = store.Provider.ToString(),
            ["store"] = store.Location.ToString(),
            ["readOnly"] = store.IsReadOnly,
            ["settings"] = s is null ? null : new JsonObject
            {
                ["title"] = s.Title,
                ["company"] = s.Company,
                ["frameRate"] = ProjectSettings.FormatRate(s.FrameRate),
                ["timecodeRate"] = ProjectSettings.FormatRate(s.TimecodeRate),
                ["sampleRateHz"] = s.SampleRateHz,
                ["bitDepth"] = s.BitDepth,
                ["languages"] = new JsonArray([.. s.Languages.Select(l => (JsonNode?)l)]),
                ["createdAt"] = s.CreatedAt,
            },
            ["revision"] = status.Revision,
            ["updatedAt"] = status.UpdatedAt,
            ["schemaVersions"] = new JsonObject([.. status.SchemaVersions.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value))]),
            ["modules"] = modules,
        };
    }
}
