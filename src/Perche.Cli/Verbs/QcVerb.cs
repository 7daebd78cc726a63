using System.CommandLine;
using System.Text.Json.Nodes;
using Perche.Cli.Output;
using Perche.Core;
using Perche.Production.Qc;
using Perche.Production.Report;
using Spectre.Console;

namespace Perche.Cli.Verbs;

/// <summary>
/// `perche qc CARD_OR_FOLDER`: technical QC of every take (peaks, true peak, clipping, RMS, noise floor, dropouts,
/// discontinuities, DC, boom/lavalier polarity) and of the roll (timecode continuity, slates, workflow settings).
/// </summary>
internal static class QcVerb
{
    public static Command Build(Func<CliContext> context)
    {
        var path = new Argument<string>("path") { Description = "A card, a folder of recorder files, or one file" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var options = ReportOptionSet.Create();
        var command = new Command("qc", "Technical QC of takes: clipping, dropouts, noise floor, polarity, timecode continuity, metadata") { path, json };
        options.AddTo(command);
        command.SetAction((parse, token) =>
        {
            ReportCliOptions o;
            try
            {
                o = options.Read(parse);
            }
            catch (ArgumentException ex)
            {
                context().ReportError(ex.Message);
                return Task.FromResult(ExitCodes.BadInput);
            }

            return Task.FromResult(Run(context(), parse.GetValue(path)!, parse.GetValue(json), o, token));
        });
        return command;
    }

    public static int Run(CliContext ctx, string path, bool json, ReportCliOptions options, CancellationToken token = default)
    {
        SoundReport report;
        try
        {
            report = SoundReportBuilder.Build(path, options.Report);
        }
        catch (PercheFormatException ex)
        {
            ctx.ReportError(ex.Message);
            return ExitCodes.BadInput;
        }

        TakeQcResult?[] results = [];
        if (ctx.Interactive && !json)
        {
            ctx.Console.Progress().AutoClear(true).Start(p =>
            {
                var task = p.AddTask("QC", maxValue: Math.Max(1, report.Takes.Count));
                results = ReportQc.Run(report, options.Report, takesDone: new Progress<int>(n => task.Value = n), cancellationToken: token);
            });
        }
        else
        {
            results = ReportQc.Run(report, options.Report, cancellationToken: token);
        }

        if (json)
        {
            var takes = new JsonArray();
            for (var i = 0; i < report.Takes.Count; i++)
            {
                var t = report.Takes[i];
                takes.Add(new JsonObject
                {
                    ["key"] = t.Key,
                    ["scene"] = t.Scene,
                    ["take"] = t.Take,
                    ["files"] = new JsonArray([.. t.Files.Select(f => (JsonNode?)f.RelativePath)]),
                    ["flags"] = new JsonArray([.. t.QcFlags.Select(f => (JsonNode?)f)]),
                    ["channels"] = new JsonArray([.. (results[i]?.Channels ?? []).Select(c => (JsonNode?)new JsonObject
                    {
                        ["channelIndex"] = c.ChannelIndex,
                        ["name"] = c.Name,
                        ["peakDbfs"] = CliContext.Number(c.PeakDbfs),
                        ["truePeakDbtp"] = CliContext.Number(c.TruePeakDbtp),
                        ["rmsDbfs"] = CliContext.Number(c.RmsDbfs),
                        ["noiseFloorDbfs"] = CliContext.Number(c.NoiseFloorDbfs),
                        ["dcOffsetDbfs"] = CliContext.Number(c.DcOffsetDbfs),
                        ["clippedRuns"] = c.ClippedRuns,
                        ["dropouts"] = c.Dropouts,
                        ["discontinuities"] = c.Discontinuities,
                    })]),
                    ["correlations"] = new JsonArray([.. (results[i]?.Correlations ?? []).Select(c => (JsonNode?)new JsonObject
                    {
                        ["channelA"] = c.ChannelA,
                        ["channelB"] = c.ChannelB,
                        ["correlation"] = CliContext.Number(c.Correlation, 3),
                    })]),
                });
            }

            ctx.WriteJson(new JsonObject { ["source"] = report.Source, ["takes"] = takes, ["findings"] = new JsonArray([.. report.Findings.Select(f => (JsonNode?)f)]) });
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn("take").AddColumn("file(s)").AddColumn("channel").AddColumn(new TableColumn("peak dBFS").RightAligned())
                .AddColumn(new TableColumn("TP dBTP").RightAligned()).AddColumn(new TableColumn("RMS dBFS").RightAligned()).AddColumn(new TableColumn("floor dBFS").RightAligned()).AddColumn("flags");
            table.Title = new TableTitle(Markup.Escape($"QC {report.Source}"));
            for (var i = 0; i < report.Takes.Count; i++)
            {
                var t = report.Takes[i];
                var first = true;
                foreach (var c in results[i]?.Channels ?? [])
                {
                    table.AddRow(
                        Markup.Escape(first ? $"{t.Scene}/{t.Take}" : string.Empty),
                        Markup.Escape(first ? t.First.FileName + (t.Files.Count > 1 ? $" +{t.Files.Count - 1}" : string.Empty) : string.Empty),
                        Markup.Escape($"{c.ChannelIndex} {c.Name}"),
                        CliContext.Format(c.PeakDbfs), CliContext.Format(c.TruePeakDbtp), CliContext.Format(c.RmsDbfs), CliContext.Format(c.NoiseFloorDbfs),
                        first ? Markup.Escape(string.Join("; ", t.QcFlags)) : string.Empty);
                    first = false;
                }
            }

            ctx.Console.Write(table);
            foreach (var f in report.Findings)
            {
                ctx.Console.MarkupLine("[yellow]" + Markup.Escape(f) + "[/]");
            }
        }

        foreach (var u in report.Unreadable)
        {
            ctx.ReportError(u.Problem);
        }

        var flagged = report.Takes.Any(t => t.QcFlags.Count > 0) || report.Findings.Count > 0 || report.Unreadable.Count > 0;
        return flagged ? ExitCodes.CheckFailed : ExitCodes.Ok;
    }
}
