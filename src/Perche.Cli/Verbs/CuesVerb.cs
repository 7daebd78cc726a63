using System.CommandLine;
using System.Text.Json.Nodes;
using Perche.Cli.Output;
using Perche.Cli.Project;
using Perche.Core;
using Perche.Core.Time;
using Perche.Post.Adapters;
using Perche.Post.Cues;
using Perche.Post.Store;
using Perche.Post.Timelines;
using Perche.Preproduction.Breakdown;
using Perche.Preproduction.Formats;
using Perche.Project;
using Spectre.Console;

namespace Perche.Cli.Verbs;

/// <summary>
/// `perche cues adr|foley`: the ADR and Foley cue lists of a conformed session (the project's last conform, or an
/// .otio), with the screenplay's lines and the breakdown's risks and props; CSV + PDF, stored in the project.
/// </summary>
internal static class CuesVerb
{
    public static Command Build(Func<CliContext> context)
    {
        var command = new Command("cues", "ADR and Foley cue lists from a conformed session, the screenplay and the breakdown");
        command.Subcommands.Add(Sub(context, "adr", "ADR cues: noisy, clipped or off-mic lines and the breakdown's ADR risks, with the line text"));
        command.Subcommands.Add(Sub(context, "foley", "Foley cues: footsteps and cloth per character and the breakdown's props, per scene in the cut"));
        return command;
    }

    internal sealed record Request(string Kind, string? Session, string? Script, string? Out, bool NoAudio, bool Json);

    private static Command Sub(Func<CliContext> context, string kind, string description)
    {
        var session = new Option<string?>("--session") { Description = "The conformed session (.otio from conform or reconform); default: the project's last conform run" };
        var script = new Option<string?>("--script") { Description = "The screenplay (Fountain, FDX, text) for line text and the breakdown; default: the project's script" };
        var output = new Option<string?>("--out") { Description = "Output folder (default: the project's renders/cues, or beside the session)" };
        var noAudio = new Option<bool>("--no-audio") { Description = "Do not measure the rushes (breakdown risks only)" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables" };
        var command = new Command(kind, description) { session, script, output, noAudio, json };
        command.SetAction(parse => Run(context(), new Request(kind, parse.GetValue(session), parse.GetValue(script), parse.GetValue(output), parse.GetValue(noAudio), parse.GetValue(json)), CliProject.Find(parse)));
        return command;
    }

    public static int Run(CliContext ctx, Request q, ProjectFolder? project = null)
    {
        var warnings = new List<string>();
        CueLists cues;
        Timeline session;
        string stem;
        string folder;
        long? stored = null;
        var written = new List<string>();
        try
        {
            long? conformId = null;
            if (q.Session is { } path)
            {
                session = TimelineFile.Read(path, new TimelineReadOptions());
                stem = Path.GetFileNameWithoutExtension(path);
            }
            else if (project is not null)
            {
                using var store = CliProject.Open(project);
                var last = PostStore.Conforms(store).FirstOrDefault();
                if (last is null)
                {
                    ctx.ReportError($"project {project.Name} has no conform run yet; run 'perche conform' first or give --session");
                    return ExitCodes.BadInput;
                }

                conformId = last.Id;
                session = PostStore.LoadConformSession(store, last.Id);
                stem = project.Name;
            }
            else
            {
                ctx.ReportError("--session: give the conformed session (.otio), or run inside a project that has a conform run");
                return ExitCodes.BadInput;
            }

            var script = ScriptDialogue.None;
            List<BreakdownHint> breakdown = [];
            List<AdrCue> previousAdr = [];
            List<FoleyCue> previousFoley = [];
            if (q.Script is { } scriptPath)
            {
                var screenplay = ScreenplayReader.Read(scriptPath);
                script = ScriptDialogue.From(screenplay);
                breakdown = BreakdownHint.From(BreakdownEngine.Run(screenplay));
            }

            if (project is not null)
            {
                using var store = CliProject.Open(project);
                if (q.Script is null && ProjectCueSources.Load(store, warnings) is { } fromProject)
                {
                    (script, breakdown, _) = fromProject;
                }

                previousAdr = PostStore.LastAdrCues(store);
                previousFoley = PostStore.LastFoleyCues(store);
            }

            var events = SessionEvent.From(session);
            if (events.Count == 0)
            {
                ctx.ReportError($"{q.Session ?? "the project's last conform"}: no conformed clip in the session (clips carry perche metadata when conform placed them)");
                return ExitCodes.BadInput;
            }

            cues = CueBuilder.Build(events, script, breakdown, new CueOptions { AnalyzeAudio = !q.NoAudio, PreviousAdr = previousAdr, PreviousFoley = previousFoley });
            warnings.AddRange(cues.Warnings);
            folder = q.Out ?? (project is not null ? Path.Combine(project.RendersFolder, "cues") : Path.GetDirectoryName(Path.GetFullPath(q.Session!))!);
            Directory.CreateDirectory(folder);
            var rate = session.Rate ?? FrameRate.Fps25;
            var start = session.GlobalStartTime ?? default;
            var title = session.Name.Length > 0 ? session.Name : stem;
            if (q.Kind == "adr")
            {
                written.Add(Path.Combine(folder, stem + ".adr.csv"));
                SafeFile.WriteText(written[^1], CueExport.AdrCsv(cues.Adr, rate, start));
                written.Add(Path.Combine(folder, stem + ".adr.pdf"));
                CueExport.WriteAdrPdf(written[^1], title, cues.Adr, rate, start);
            }
            else
            {
                written.Add(Path.Combine(folder, stem + ".foley.csv"));
                SafeFile.WriteText(written[^1], CueExport.FoleyCsv(cues.Foley, rate, start));
                written.Add(Path.Combine(folder, stem + ".foley.pdf"));
                CueExport.WriteFoleyPdf(written[^1], title, cues.Foley, rate, start);
            }

            if (project is not null)
            {
                using var store = CliProject.Open(project);
                stored = q.Kind == "adr" ? PostStore.SaveAdrCues(store, conformId, cues.Adr, rate, start) : PostStore.SaveFoleyCues(store, conformId, cues.Foley, rate, start);
            }
        }
        catch (PercheFormatException ex)
        {
            ctx.ReportError(ex.Message);
            return ExitCodes.BadInput;
        }

        var r = session.Rate ?? FrameRate.Fps25;
        var s0 = session.GlobalStartTime ?? default;
        var headings = q.Kind == "adr" ? CueExport.AdrHeadings : CueExport.FoleyHeadings;
        var rows = q.Kind == "adr" ? cues.Adr.Select(c => CueExport.AdrCells(c, r, s0)).ToList() : cues.Foley.Select(c => CueExport.FoleyCells(c, r, s0)).ToList();
        if (q.Json)
        {
            var list = new JsonArray();
            foreach (var row in rows)
            {
                var o = new JsonObject();
                for (var i = 0; i < headings.Count; i++)
                {
                    o[Camel(headings[i])] = headings[i] == "duration_s" ? double.Parse(row[i], System.Globalization.CultureInfo.InvariantCulture) : row[i];
                }

                list.Add(o);
            }

            ctx.WriteJson(new JsonObject
            {
                ["kind"] = q.Kind,
                ["rate"] = r.ToString(),
                ["count"] = rows.Count,
                ["cues"] = list,
                ["written"] = new JsonArray([.. written.Select(w => (JsonNode?)w)]),
                ["warnings"] = new JsonArray([.. warnings.Select(w => (JsonNode?)w)]),
                ["projectCueListId"] = stored,
            });
        }
        else
        {
            var table = new Table().Border(TableBorder.Simple);

            // The terminal leaves out the long measurement detail; the CSV and the PDF have it.
            var shown = Enumerable.Range(0, headings.Count).Where(i => headings[i] != "detail").ToArray();
            foreach (var i in shown)
            {
                table.AddColumn(headings[i]);
            }

            foreach (var row in rows)
            {
                table.AddRow([.. shown.Select(i => Markup.Escape(row[i]))]);
            }

            ctx.Console.Write(table);
            ctx.Console.MarkupLine($"{rows.Count} {(q.Kind == "adr" ? "ADR" : "Foley")} cue(s)");
            foreach (var w in written)
            {
                ctx.Console.MarkupLine($"wrote [grey]{Markup.Escape(w)}[/]");
            }

            if (stored is { } id)
            {
                ctx.Out.WriteLine($"stored in project {project!.Name}: cue list {id}");
            }

            foreach (var w in warnings)
            {
                ctx.Out.WriteLine($"warning: {w}");
            }
        }

        return ExitCodes.Ok;
    }

    private static string Camel(string snake)
    {
        var parts = snake.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
