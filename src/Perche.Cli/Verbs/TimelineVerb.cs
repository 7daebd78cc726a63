using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Perche.Cli.Output;
using Perche.Cli.Project;
using Perche.Core;
using Perche.Core.Time;
using Perche.Post.Adapters;
using Perche.Post.Store;
using Perche.Project;
using Perche.Post.Timelines;
using Spectre.Console;

namespace Perche.Cli.Verbs;

/// <summary>`perche timeline FILE`: what an edit file says — tracks, then items with source and record ranges.</summary>
internal static class TimelineVerb
{
    public static Command Build(Func<CliContext> context)
    {
        var file = new Argument<string>("file") { Description = "An edit: EDL, OpenTimelineIO (.otio), FCP 7 XML, FCPXML or AAF" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables" };
        var rate = new Option<string?>("--rate") { Description = "Frame rate of an EDL's timecodes (24, 25, 29.97DF...); inferred when absent" };
        var tolerant = new Option<bool>("--tolerant") { Description = "Skip and report unreadable EDL lines instead of failing" };
        var command = new Command("timeline", "List what an edit file holds: tracks, clips, gaps, transitions, markers, speed changes") { file, json, rate, tolerant };
        command.SetAction(parse => Run(context(), parse.GetValue(file)!, parse.GetValue(json), parse.GetValue(rate), parse.GetValue(tolerant), CliProject.Find(parse)));
        return command;
    }

    public static int Run(CliContext ctx, string file, bool json, string? rateText, bool tolerant, ProjectFolder? project = null)
    {
        if (!TryParseRate(ctx, rateText, out var rate))
        {
            return ExitCodes.BadInput;
        }

        Timeline timeline;
        try
        {
            timeline = TimelineFile.Read(file, new TimelineReadOptions { Rate = rate, Tolerant = tolerant });
        }
        catch (PercheFormatException ex)
        {
            ctx.ReportError(ex.Message);
            return ExitCodes.BadInput;
        }

        // In a project, the cut is kept for conform, re-conform and cue lists.
        long? cutId = null;
        if (project is not null)
        {
            using var store = CliProject.Open(project);
            cutId = PostStore.SaveCut(store, timeline, file, TimelineFile.Detect(file).ToString());
        }

        var rows = TimelineListing.Rows(timeline);
        if (json)
        {
            var node = ToJson(file, timeline, rows);
            node["projectCutId"] = cutId;
            ctx.WriteJson(node);
        }
        else
        {
            WriteHuman(ctx, file, timeline, rows);
            if (cutId is { } id)
            {
                ctx.Out.WriteLine($"stored in project {project!.Name} as cut {id}");
            }
        }

        return ExitCodes.Ok;
    }

    internal static bool TryParseRate(CliContext ctx, string? text, out FrameRate? rate)
    {
        rate = null;
        if (text is null)
        {
            return true;
        }

        if (FrameRate.TryParse(text, out var parsed))
        {
            rate = parsed;
            return true;
        }

        ctx.ReportError($"--rate: \"{text}\" is not a frame rate (examples: 24, 23.976, 25, 29.97DF, 30000/1001)");
        return false;
    }

    private static void WriteHuman(CliContext ctx, string file, Timeline timeline, List<TimelineRow> rows)
    {
        var rate = timeline.Rate;
        var console = ctx.Console;
        var head = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("field").AddColumn("value");
        head.Title = new TableTitle(Markup.Escape(file));
        head.AddRow("name", Markup.Escape(timeline.Name));
        head.AddRow("rate", rate?.ToString() ?? "(not declared)");
        head.AddRow("start", timeline.GlobalStartTime is { } g ? TimelineListing.Label(g, rate) : "(none)");
        head.AddRow("duration", Markup.Escape(Duration(timeline.Duration, rate)));
        head.AddRow("tracks", Markup.Escape(string.Join(", ", timeline.AllTracks().Select(t => $"{t.Name} ({t.Kind.ToString().ToLowerInvariant()}, {t.Items().OfType<Clip>().Count()} clips)"))));
        console.Write(head);

        foreach (var group in rows.GroupBy(r => r.Track))
        {
            var table = new Table().Border(TableBorder.Simple).Title(Markup.Escape($"track {group.Key}"));
            foreach (var col in new[] { "#", "kind", "name", "reel", "source in", "source out", "record in", "record out", "speed", "file / notes" })
            {
                table.AddColumn(col);
            }

            foreach (var r in group)
            {
                var notes = new List<string>();
                if (r.SourceFile.Length > 0)
                {
                    notes.Add(r.SourceFile);
                }

                if (!r.Enabled)
                {
                    notes.Add("disabled");
                }

                foreach (var m in r.Markers)
                {
                    notes.Add($"marker {m.Color} \"{m.Name}\"");
                }

                table.AddRow(
                    r.Index.ToString(CultureInfo.InvariantCulture),
                    r.Kind,
                    Markup.Escape(r.Name),
                    Markup.Escape(r.Reel),
                    r.SourceRange is { } s ? TimelineListing.Label(s.Start, rate) : string.Empty,
                    r.SourceRange is { } s2 ? TimelineListing.Label(s2.EndExclusive, rate) : string.Empty,
                    TimelineListing.Label(r.RecordRange.Start, rate),
                    TimelineListing.Label(r.RecordRange.EndExclusive, rate),
                    Speed(r),
                    Markup.Escape(string.Join("; ", notes)));
            }

            console.Write(table);
        }

        foreach (var m in timeline.Markers)
        {
            console.MarkupLine($"marker {m.Color} at {TimelineListing.Label(TimeMath.Add(timeline.GlobalStartTime ?? default, m.MarkedRange.Start), rate)}: {Markup.Escape(m.Name)} {Markup.Escape(m.Comment)}");
        }

        foreach (var w in timeline.Warnings)
        {
            ctx.Out.WriteLine($"warning: {w}");
        }
    }

    private static string Speed(TimelineRow r)
    {
        if (r.Item is null || r.Item.Effects.Count == 0)
        {
            return r.Kind.StartsWith("SMPTE", StringComparison.Ordinal) ? $"{r.RecordRange.Duration.Value} fr" : string.Empty;
        }

        return r.Item.Effects[0].Kind == TimeEffectKind.FreezeFrame ? "freeze" : (r.Speed * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
    }

    private static string Duration(RationalTime duration, FrameRate? rate)
        => rate is { } r
            ? $"{Timecode.FromFrames(TimeMath.Frames(duration, r), r)} ({TimeMath.Frames(duration, r)} frames)"
            : duration.ToSeconds().ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static JsonObject ToJson(string file, Timeline timeline, List<TimelineRow> rows)
    {
        var rate = timeline.Rate;
        JsonNode? Time(RationalTime t) => new JsonObject
        {
            ["timecode"] = rate is null ? null : TimelineListing.Label(t, rate),
            ["seconds"] = Math.Round(t.ToSeconds(), 6),
            ["value"] = t.Value,
            ["rate"] = t.RateDenominator == 1 ? t.RateNumerator.ToString(CultureInfo.InvariantCulture) : $"{t.RateNumerator}/{t.RateDenominator}",
        };

        var tracks = new JsonArray();
        foreach (var track in timeline.AllTracks())
        {
            var items = new JsonArray();
            foreach (var r in rows.Where(r => r.Track == track.Name && r.TrackKind == track.Kind))
            {
                var o = new JsonObject
                {
                    ["index"] = r.Index,
                    ["kind"] = r.Kind,
                    ["name"] = r.Name,
                    ["reel"] = r.Reel.Length > 0 ? r.Reel : null,
                    ["sourceFile"] = r.SourceFile.Length > 0 ? r.SourceFile : null,
                    ["sourceIn"] = r.SourceRange is { } s ? Time(s.Start) : null,
                    ["sourceOut"] = r.SourceRange is { } s2 ? Time(s2.EndExclusive) : null,
                    ["recordIn"] = Time(r.RecordRange.Start),
                    ["recordOut"] = Time(r.RecordRange.EndExclusive),
                    ["durationSeconds"] = Math.Round(r.RecordRange.Duration.ToSeconds(), 6),
                    ["enabled"] = r.Enabled,
                };
                if (r.Item is { Effects.Count: > 0 } item)
                {
                    o["speed"] = new JsonObject { ["effect"] = item.Effects[0].Kind.ToString(), ["timeScalar"] = Math.Round(r.Speed, 9) };
                }

                if (r.Markers.Count > 0)
                {
                    o["markers"] = new JsonArray([.. r.Markers.Select(m => (JsonNode?)new JsonObject
                    {
                        ["name"] = m.Name,
                        ["color"] = m.Color,
                        ["comment"] = m.Comment.Length > 0 ? m.Comment : null,
                        ["at"] = Time(m.MarkedRange.Start),
                    })]);
                }

                items.Add(o);
            }

            tracks.Add(new JsonObject { ["name"] = track.Name, ["kind"] = track.Kind.ToString().ToLowerInvariant(), ["items"] = items });
        }

        return new JsonObject
        {
            ["file"] = file,
            ["name"] = timeline.Name,
            ["rate"] = rate?.ToString(),
            ["start"] = timeline.GlobalStartTime is { } g ? Time(g) : null,
            ["durationSeconds"] = Math.Round(timeline.Duration.ToSeconds(), 6),
            ["tracks"] = tracks,
            ["markers"] = new JsonArray([.. timeline.Markers.Select(m => (JsonNode?)new JsonObject { ["name"] = m.Name, ["color"] = m.Color, ["comment"] = m.Comment, ["at"] = Time(m.MarkedRange.Start) })]),
            ["warnings"] = new JsonArray([.. timeline.Warnings.Select(w => (JsonNode?)w)]),
        };
    }
}
