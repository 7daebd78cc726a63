using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Perche.Cli.Output;
using Perche.Cli.Project;
using Perche.Core;
using Perche.Core.Time;
using Perche.Post.Adapters;
using Perche.Post.Conform;
using Perche.Post.Store;
using Perche.Project;
using Perche.Post.Timelines;
using Spectre.Console;

namespace Perche.Cli.Verbs;

/// <summary>
/// `perche conform EDIT --rushes DIR`: match every picture event to the recording that covers its source timecode,
/// lay every channel on its own track with handles, and write OTIO + REAPER + per-track EDLs + a CSV report.
/// </summary>
internal static class ConformVerb
{
    public static Command Build(Func<CliContext> context)
    {
        var edit = new Argument<string>("edit") { Description = "The picture edit: EDL, OTIO, FCP 7 XML, FCPXML or AAF" };
        var rushes = new Option<string>("--rushes") { Description = "Folder of production sound (BWF/iXML), searched recursively", Required = true };
        var handles = new Option<string>("--handles") { Description = "Media kept before and after each cut, bounded by the file: 5s, 2.5s, 500ms, 12f", DefaultValueFactory = _ => "5s" };
        var output = new Option<string?>("--out") { Description = "Output folder (default: <edit>_conform beside the edit)" };
        var rate = new Option<string?>("--rate") { Description = "Frame rate of an EDL's timecodes (default: the recorders' timecode rate)" };
        var tolerant = new Option<bool>("--tolerant") { Description = "Skip and report unreadable EDL lines instead of failing" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables" };
        var command = new Command("conform", "Conform production sound to a picture edit: every channel of the matching take, with handles") { edit, rushes, handles, output, rate, tolerant, json };
        command.SetAction(parse => Run(context(), parse.GetValue(edit)!, parse.GetValue(rushes)!, parse.GetValue(handles)!, parse.GetValue(output), parse.GetValue(rate), parse.GetValue(tolerant), parse.GetValue(json), CliProject.Find(parse)));
        return command;
    }

    public static int Run(CliContext ctx, string edit, string rushesFolder, string handlesText, string? outFolder, string? rateText, bool tolerant, bool json, ProjectFolder? project = null)
    {
        if (!TryParseHandles(handlesText, out var handles))
        {
            ctx.ReportError($"--handles: \"{handlesText}\" is not a length (examples: 5s, 2.5s, 500ms, 12f at the edit rate)");
            return ExitCodes.BadInput;
        }

        if (!TimelineVerb.TryParseRate(ctx, rateText, out var rate))
        {
            return ExitCodes.BadInput;
        }

        ConformResult result;
        RushIndex index;
        Timeline timeline;
        List<string> written;
        (long CutId, long ConformId)? stored = null;
        ShootTakeIndex? shoot = null;
        try
        {
            index = IndexRushes(ctx, rushesFolder, json);
            if (index.Takes.Count == 0)
            {
                ctx.ReportError($"{rushesFolder}: no recorder file with a time stamp was found");
                return ExitCodes.BadInput;
            }

            // The shoot's take index (the mixer's circled/NG/wild marks) when the report was edited.
            shoot = LoadShootIndex(rushesFolder, project);
            if (shoot is not null)
            {
                index = index.WithShootIndex(shoot);
            }

            var tcRate = index.CommonRate;
            timeline = TimelineFile.Read(edit, new TimelineReadOptions { Rate = rate ?? tcRate, Tolerant = tolerant });
            var editRate = timeline.Rate ?? tcRate ?? FrameRate.Fps25;
            var handleTime = handles.Frames is { } f ? RationalTime.FromFrames(f, editRate) : handles.Time;
            result = Conformer.Run(timeline, index, new ConformOptions { Handles = handleTime, SourceTimecodeRate = rate is null ? tcRate : null });
            // In a project the session goes to its renders folder; otherwise beside the edit.
            var folder = outFolder ?? (project is not null
                ? Path.Combine(project.RendersFolder, "conform", Path.GetFileNameWithoutExtension(edit))
                : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(edit))!, Path.GetFileNameWithoutExtension(edit) + "_conform"));
            written = ConformOutput.Write(result, folder, Path.GetFileNameWithoutExtension(edit), editRate);
            if (project is not null)
            {
                using var store = CliProject.Open(project);
                var cutId = PostStore.SaveCut(store, timeline, edit, TimelineFile.Detect(edit).ToString());
                var conformId = PostStore.SaveConform(store, cutId, result, rushesFolder, handleTime, folder, editRate);
                stored = (cutId, conformId);
            }
        }
        catch (PercheFormatException ex)
        {
            ctx.ReportError(ex.Message);
            return ExitCodes.BadInput;
        }

        var reportRate = timeline.Rate ?? index.CommonRate ?? FrameRate.Fps25;
        if (json)
        {
            var node = ToJson(edit, timeline, index, result, written, reportRate);
            node["projectCutId"] = stored?.CutId;
            node["projectConformId"] = stored?.ConformId;
            node["shootTakeIndex"] = shoot is null ? null : new JsonObject { ["takes"] = shoot.TakeCount, ["edits"] = shoot.EditCount };
            ctx.WriteJson(node);
        }
        else
        {
            WriteHuman(ctx, timeline, index, result, written, reportRate);
            if (shoot is not null)
            {
                ctx.Out.WriteLine($"shoot take index: {shoot.TakeCount} takes, {shoot.EditCount} report edit(s) weighed in the matching");
            }
            if (stored is { } s)
            {
                ctx.Out.WriteLine($"stored in project {project!.Name}: cut {s.CutId}, conform run {s.ConformId}");
            }
        }

        return result.UnmatchedCount > 0 ? ExitCodes.CheckFailed : ExitCodes.Ok;
    }

    internal static ShootTakeIndex? LoadShootIndex(string rushesFolder, ProjectFolder? project)
    {
        if (project is null)
        {
            return ShootTakeIndex.Load(rushesFolder, null);
        }

        using var store = CliProject.Open(project);
        return ShootTakeIndex.Load(rushesFolder, store);
    }

    private static RushIndex IndexRushes(CliContext ctx, string folder, bool json)
    {
        if (!ctx.Interactive || json)
        {
            return RushIndex.Build(folder);
        }

        RushIndex? index = null;
        ctx.Console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
            .Start(p =>
            {
                var task = p.AddTask("indexing rushes", maxValue: 1);
                index = RushIndex.Build(folder, new Progress<(int Done, int Total)>(d =>
                {
                    task.MaxValue = Math.Max(1, d.Total);
                    task.Value = d.Done;
                }));
            });
        return index!;
    }

    internal static bool TryParseHandles(string text, out (RationalTime Time, long? Frames) handles)
    {
        handles = default;
        var s = text.Trim().ToLowerInvariant();
        var (number, scale, frames) = s.EndsWith("ms", StringComparison.Ordinal) ? (s[..^2], 1000, false)
            : s.EndsWith('s') ? (s[..^1], 1, false)
            : s.EndsWith('f') ? (s[..^1], 1, true)
            : (s, 1, false);
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value < 0 || value > 3600)
        {
            return false;
        }

        if (frames)
        {
            if (value != decimal.Truncate(value))
            {
                return false;
            }

            handles = (default, (long)value);
            return true;
        }

        // Exact: milliseconds as the tick (2.5 s = 2500 ticks at 1000/s).
        handles = (new RationalTime((long)(value * 1000 / scale), 1000), null);
        return true;
    }

    private static void WriteHuman(CliContext ctx, Timeline timeline, RushIndex index, ConformResult result, List<string> written, FrameRate rate)
    {
        var console = ctx.Console;
        var start = timeline.GlobalStartTime ?? default;
        console.MarkupLine($"[bold]{Markup.Escape(timeline.Name)}[/]: {result.Events.Count} picture events against {index.Takes.Count} takes at {rate}");
        var table = new Table().Border(TableBorder.Simple);
        foreach (var col in new[] { "event", "clip", "source in", "record in", "status", "take", "roll", "scene/take", "channels", "handles", "reason" })
        {
            table.AddColumn(col);
        }

        foreach (var e in result.Events)
        {
            var status = e.Status switch
            {
                ConformStatus.Matched => "[green]matched[/]",
                ConformStatus.Ambiguous => "[yellow]ambiguous[/]",
                ConformStatus.Partial => "[yellow]partial[/]",
                _ => "[red]unmatched[/]",
            };
            var t = e.Take;
            table.AddRow(
                Markup.Escape(e.EventId),
                Markup.Escape(e.ClipName),
                Timecode.FromRationalTime(e.Source.Start, rate).ToString(),
                Timecode.FromRationalTime(TimeMath.Add(start, e.Record.Start), rate).ToString(),
                status,
                Markup.Escape(t?.Name ?? string.Empty),
                Markup.Escape(t?.Tape ?? string.Empty),
                Markup.Escape(t is null ? string.Empty : $"{t.Scene}/{t.Take}"),
                t is null ? string.Empty : Markup.Escape(string.Join(", ", t.Channels.Select(c => c.Name))),
                t is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"{e.HandleBefore.ToSeconds():0.##}/{e.HandleAfter.ToSeconds():0.##} s"),
                Markup.Escape(e.Reason));
        }

        console.Write(table);
        console.MarkupLine($"matched {result.MatchedCount}, ambiguous {result.AmbiguousCount}, partial {result.PartialCount}, [{(result.UnmatchedCount > 0 ? "red" : "green")}]unmatched {result.UnmatchedCount}[/]; session tracks: {Markup.Escape(string.Join(", ", result.Session.AudioTracks().Select(t => t.Name)))}");
        foreach (var path in written)
        {
            console.MarkupLine($"wrote [grey]{Markup.Escape(path)}[/]");
        }

        foreach (var w in index.Warnings.Concat(timeline.Warnings))
        {
            ctx.Out.WriteLine($"warning: {w}");
        }
    }

    private static JsonObject ToJson(string edit, Timeline timeline, RushIndex index, ConformResult result, List<string> written, FrameRate rate)
    {
        var start = timeline.GlobalStartTime ?? default;
        return new JsonObject
        {
            ["edit"] = edit,
            ["name"] = timeline.Name,
            ["rate"] = rate.ToString(),
            ["takesIndexed"] = index.Takes.Count,
            ["matched"] = result.MatchedCount,
            ["ambiguous"] = result.AmbiguousCount,
            ["partial"] = result.PartialCount,
            ["unmatched"] = result.UnmatchedCount,
            ["tracks"] = new JsonArray([.. result.Session.AudioTracks().Select(t => (JsonNode?)t.Name)]),
            ["events"] = new JsonArray([.. result.Events.Select(e => (JsonNode?)new JsonObject
            {
                ["event"] = e.EventId,
                ["clip"] = e.ClipName,
                ["reel"] = e.Reel,
                ["sourceIn"] = Timecode.FromRationalTime(e.Source.Start, rate).ToString(),
                ["sourceOut"] = Timecode.FromRationalTime(e.Source.EndExclusive, rate).ToString(),
                ["recordIn"] = Timecode.FromRationalTime(TimeMath.Add(start, e.Record.Start), rate).ToString(),
                ["recordOut"] = Timecode.FromRationalTime(TimeMath.Add(start, e.Record.EndExclusive), rate).ToString(),
                ["status"] = e.Status.ToString().ToLowerInvariant(),
                ["files"] = e.Take is null ? null : new JsonArray([.. e.Take.Files.Select(f => (JsonNode?)f)]),
                ["roll"] = e.Take?.Tape,
                ["scene"] = e.Take?.Scene,
                ["take"] = e.Take?.Take,
                ["channels"] = e.Take is null ? null : new JsonArray([.. e.Take.Channels.Select(c => (JsonNode?)c.Name)]),
                ["handleBeforeSeconds"] = Math.Round(e.HandleBefore.ToSeconds(), 6),
                ["handleAfterSeconds"] = Math.Round(e.HandleAfter.ToSeconds(), 6),
                ["speed"] = e.SpeedScalar,
                ["candidates"] = new JsonArray([.. e.Candidates.Select(c => (JsonNode?)c.Name)]),
                ["reason"] = e.Reason,
            })]),
            ["written"] = new JsonArray([.. written.Select(w => (JsonNode?)w)]),
            ["warnings"] = new JsonArray([.. index.Warnings.Concat(timeline.Warnings).Select(w => (JsonNode?)w)]),
        };
    }
}
