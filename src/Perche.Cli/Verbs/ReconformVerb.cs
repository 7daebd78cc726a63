using System.CommandLine;
using System.Text.Json.Nodes;
using Perche.Cli.Output;
using Perche.Cli.Project;
using Perche.Core;
using Perche.Core.Time;
using Perche.Post.Adapters;
using Perche.Post.Conform;
using Perche.Post.Reconform;
using Perche.Post.Store;
using Perche.Post.Timelines;
using Perche.Project;
using Spectre.Console;

namespace Perche.Cli.Verbs;

/// <summary>
/// `perche reconform OLD NEW --session S`: the change list between two cuts, applied to the session conformed from
/// the old one; unchanged material keeps its clips and IDs, new material is conformed against the same rushes.
/// </summary>
internal static class ReconformVerb
{
    public static Command Build(Func<CliContext> context)
    {
        var oldCut = new Argument<string>("old") { Description = "The cut the session was conformed from (EDL, OTIO, FCP 7 XML, FCPXML or AAF)" };
        var newCut = new Argument<string>("new") { Description = "The new cut" };
        var session = new Option<string?>("--session") { Description = "The conformed session (.otio written by conform); default: the project's last conform run" };
        var rushes = new Option<string?>("--rushes") { Description = "Rushes folder for new material (default: the one the session was conformed against)" };
        var handles = new Option<string?>("--handles") { Description = "Handles when the session does not record them: 5s, 2.5s, 500ms, 12f" };
        var output = new Option<string?>("--out") { Description = "Output folder (default: <new>_reconform beside the new cut)" };
        var rate = new Option<string?>("--rate") { Description = "Frame rate of an EDL's timecodes (default: the recorders' timecode rate)" };
        var tolerant = new Option<bool>("--tolerant") { Description = "Skip and report unreadable EDL lines instead of failing" };
        var changeEdl = new Option<bool>("--change-edl") { Description = "Also write the change list as an EDL" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables" };
        var command = new Command("reconform", "Apply the changes between two cuts to a conformed session, keeping clip IDs") { oldCut, newCut, session, rushes, handles, output, rate, tolerant, changeEdl, json };
        command.SetAction(parse => Run(
            context(),
            new Request(parse.GetValue(oldCut)!, parse.GetValue(newCut)!, parse.GetValue(session), parse.GetValue(rushes), parse.GetValue(handles), parse.GetValue(output), parse.GetValue(rate), parse.GetValue(tolerant), parse.GetValue(changeEdl), parse.GetValue(json)),
            CliProject.Find(parse)));
        return command;
    }

    internal sealed record Request(string OldCut, string NewCut, string? Session, string? Rushes, string? Handles, string? Out, string? Rate, bool Tolerant, bool ChangeEdl, bool Json);

    public static int Run(CliContext ctx, Request q, ProjectFolder? project = null)
    {
        RationalTime? handleTime = null;
        (RationalTime Time, long? Frames) handles = default;
        if (q.Handles is { } h && !ConformVerb.TryParseHandles(h, out handles))
        {
            ctx.ReportError($"--handles: \"{h}\" is not a length (examples: 5s, 2.5s, 500ms, 12f at the edit rate)");
            return ExitCodes.BadInput;
        }

        if (!TimelineVerb.TryParseRate(ctx, q.Rate, out var rate))
        {
            return ExitCodes.BadInput;
        }

        ReconformResult result;
        Timeline newCut;
        RushIndex index;
        FrameRate editRate;
        List<string> written;
        (long CutId, long ConformId, long ListId)? stored = null;
        try
        {
            // The session: the file given, else the project's last conform run (which knows its cut and rushes).
            Timeline session;
            StoredConform? from = null;
            if (q.Session is { } sessionPath)
            {
                session = TimelineFile.Read(sessionPath, new TimelineReadOptions());
            }
            else if (project is not null)
            {
                using var store = CliProject.Open(project);
                from = PostStore.Conforms(store).FirstOrDefault();
                if (from is null)
                {
                    ctx.ReportError($"project {project.Name} has no conform run yet; run 'perche conform' first or give --session");
                    return ExitCodes.BadInput;
                }

                session = PostStore.LoadConformSession(store, from.Id);
            }
            else
            {
                ctx.ReportError("--session: give the conformed session (.otio), or run inside a project that has a conform run");
                return ExitCodes.BadInput;
            }

            var rushesFolder = q.Rushes ?? Reconformer.RushesOf(session) ?? from?.RushesFolder;
            if (rushesFolder is null)
            {
                ctx.ReportError("--rushes: the session does not say which rushes it was conformed against; give the folder");
                return ExitCodes.BadInput;
            }

            index = RushIndex.Build(rushesFolder);
            if (ConformVerb.LoadShootIndex(rushesFolder, project) is { } shoot)
            {
                index = index.WithShootIndex(shoot);
            }

            var tcRate = index.CommonRate;
            var readOptions = new TimelineReadOptions { Rate = rate ?? tcRate, Tolerant = q.Tolerant };
            var oldCut = TimelineFile.Read(q.OldCut, readOptions);
            newCut = TimelineFile.Read(q.NewCut, readOptions);
            editRate = newCut.Rate ?? tcRate ?? FrameRate.Fps25;
            if (q.Handles is not null)
            {
                handleTime = handles.Frames is { } f ? RationalTime.FromFrames(f, editRate) : handles.Time;
            }

            result = Reconformer.Run(oldCut, newCut, session, index, new ReconformOptions { Handles = handleTime, SourceTimecodeRate = rate is null ? tcRate : null });
            var stem = Path.GetFileNameWithoutExtension(q.NewCut);
            var folder = q.Out ?? (project is not null
                ? Path.Combine(project.RendersFolder, "reconform", stem)
                : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(q.NewCut))!, stem + "_reconform"));
            written = ConformOutput.Write(result.Conform, folder, stem, editRate);
            var start = newCut.GlobalStartTime ?? default;
            var csv = Path.Combine(folder, stem + ".changes.csv");
            SafeFile.WriteText(csv, result.Changes.ToCsv(editRate, start));
            var txt = Path.Combine(folder, stem + ".changes.txt");
            SafeFile.WriteText(txt, result.Changes.ToText(editRate, start));
            written.Add(csv);
            written.Add(txt);
            if (q.ChangeEdl)
            {
                var edl = Path.Combine(folder, stem + ".changes.edl");
                SafeFile.WriteText(edl, result.Changes.ToEdl(newCut.Name.Length > 0 ? newCut.Name : stem, editRate, start));
                written.Add(edl);
            }

            if (project is not null)
            {
                using var store = CliProject.Open(project);
                var cutId = PostStore.SaveCut(store, newCut, q.NewCut, TimelineFile.Detect(q.NewCut).ToString());
                var conformId = PostStore.SaveConform(store, cutId, result.Conform, rushesFolder, Reconformer.HandlesOf(result.Conform.Session) ?? RationalTime.FromSeconds(5), folder, editRate);
                var listId = PostStore.SaveChangeList(store, from?.CutId, cutId, from?.Id, conformId, result, editRate, start);
                stored = (cutId, conformId, listId);
            }
        }
        catch (PercheFormatException ex)
        {
            ctx.ReportError(ex.Message);
            return ExitCodes.BadInput;
        }

        var recordStart = newCut.GlobalStartTime ?? default;
        if (q.Json)
        {
            ctx.WriteJson(ToJson(result, editRate, recordStart, written, stored));
        }
        else
        {
            WriteHuman(ctx, result, editRate, recordStart, written);
            if (stored is { } s)
            {
                ctx.Out.WriteLine($"stored in project {project!.Name}: cut {s.CutId}, conform run {s.ConformId}, change list {s.ListId}");
            }
        }

        return result.Conform.UnmatchedCount > 0 ? ExitCodes.CheckFailed : ExitCodes.Ok;
    }

    // The terminal shows what the editor reads first; the CSV and --json carry every column.
    private static readonly string[] Columns = ["change", "old", "new", "clip", "old record", "new record", "new source", "head/tail/shift (fr)"];

    private static void WriteHuman(CliContext ctx, ReconformResult result, FrameRate rate, RationalTime start, List<string> written)
    {
        var console = ctx.Console;
        var table = new Table().Border(TableBorder.Simple);
        foreach (var col in Columns)
        {
            table.AddColumn(col);
        }

        foreach (var row in result.Changes.Rows(rate, start))
        {
            var colour = row[0] switch
            {
                "unchanged" => "grey",
                "deleted" => "red",
                "inserted" or "replaced" => "yellow",
                _ => "cyan",
            };
            string Span(string a, string b) => a.Length == 0 ? string.Empty : $"{a}-{b}";
            table.AddRow(
                $"[{colour}]{Markup.Escape(row[0])}[/]",
                Markup.Escape(row[1]),
                Markup.Escape(row[2]),
                Markup.Escape(row[4]),
                Span(row[9], row[10]),
                Span(row[11], row[12]),
                Span(row[7], row[8]),
                row[0] is "inserted" or "deleted" ? string.Empty : $"{row[13]}/{row[14]}/{row[15]}");
        }

        console.Write(table);
        var c = result.Conform;
        console.MarkupLine($"{result.Changes.UnchangedCount} unchanged, {result.Changes.ChangedCount} changed; {result.KeptClipCount} session clips kept with their IDs, {result.DroppedClipCount} dropped; new cut: matched {c.MatchedCount}, ambiguous {c.AmbiguousCount}, partial {c.PartialCount}, [{(c.UnmatchedCount > 0 ? "red" : "green")}]unmatched {c.UnmatchedCount}[/]");
        foreach (var path in written)
        {
            console.MarkupLine($"wrote [grey]{Markup.Escape(path)}[/]");
        }

        foreach (var w in result.Warnings)
        {
            ctx.Out.WriteLine($"warning: {w}");
        }
    }

    private static JsonObject ToJson(ReconformResult result, FrameRate rate, RationalTime start, List<string> written, (long CutId, long ConformId, long ListId)? stored)
    {
        var keys = new[] { "change", "oldEvent", "newEvent", "reel", "clip", "oldSourceIn", "oldSourceOut", "newSourceIn", "newSourceOut", "oldRecordIn", "oldRecordOut", "newRecordIn", "newRecordOut", "headFrames", "tailFrames", "shiftFrames" };
        var changes = new JsonArray();
        foreach (var row in result.Changes.Rows(rate, start))
        {
            var o = new JsonObject();
            for (var i = 0; i < keys.Length; i++)
            {
                o[keys[i]] = i >= 13 ? long.Parse(row[i], System.Globalization.CultureInfo.InvariantCulture) : row[i].Length == 0 ? null : row[i];
            }

            changes.Add(o);
        }

        var c = result.Conform;
        return new JsonObject
        {
            ["rate"] = rate.ToString(),
            ["unchanged"] = result.Changes.UnchangedCount,
            ["changed"] = result.Changes.ChangedCount,
            ["keptClips"] = result.KeptClipCount,
            ["droppedClips"] = result.DroppedClipCount,
            ["matched"] = c.MatchedCount,
            ["ambiguous"] = c.AmbiguousCount,
            ["partial"] = c.PartialCount,
            ["unmatched"] = c.UnmatchedCount,
            ["changes"] = changes,
            ["clips"] = new JsonArray([.. c.Events.Select(e => (JsonNode?)new JsonObject
            {
                ["event"] = e.EventId,
                ["material"] = e.MaterialId,
                ["status"] = e.Status.ToString().ToLowerInvariant(),
                ["file"] = e.Take?.Name,
                ["reason"] = e.Reason,
            })]),
            ["written"] = new JsonArray([.. written.Select(w => (JsonNode?)w)]),
            ["warnings"] = new JsonArray([.. result.Warnings.Select(w => (JsonNode?)w)]),
            ["projectCutId"] = stored?.CutId,
            ["projectConformId"] = stored?.ConformId,
            ["projectChangeListId"] = stored?.ListId,
        };
    }
}
