using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Perche.Cli.Output;
using Perche.Cli.Project;
using Perche.Core;
using Perche.Production.Hashing;
using Perche.Production.Mhl;
using Perche.Production.Offload;
using Perche.Production.Store;
using Perche.Project;
using Spectre.Console;

namespace Perche.Cli.Verbs;

/// <summary>
/// `perche offload SRC --to DEST [--to DEST...]`: verified copy of a card to several drives at once with an ASC MHL
/// history in each; progress per destination; a final report with throughput.
/// </summary>
internal static class OffloadVerb
{
    public static Command Build(Func<CliContext> context)
    {
        var source = new Argument<string>("source") { Description = "The card or folder to copy" };
        var to = new Option<string[]>("--to") { Description = "A destination folder (repeat for each drive)", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var hash = new Option<string>("--hash") { Description = "Hash formats: xxh64, xxh3, xxh128, md5, sha1, c4 (the first is re-read to verify)", DefaultValueFactory = _ => "xxh64" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var reportDir = new Option<string?>("--report") { Description = "Write the offload report (CSV, JSON, PDF) into this folder" };
        var fromCache = new Option<bool>("--verify-from-cache") { Description = "Write copies through the page cache and re-read them from memory, not from the drive (weaker: proves only what was handed to the system)" };
        var command = new Command("offload", "Copy a card to several drives, verify every copy, write ASC MHL histories") { source, to, hash, json, reportDir, fromCache };
        command.SetAction((parse, token) => Task.FromResult(Run(context(), parse.GetValue(source)!, parse.GetValue(to) ?? [], parse.GetValue(hash)!, parse.GetValue(json),
            parse.GetValue(reportDir), !parse.GetValue(fromCache), CliProject.Find(parse), token)));
        return command;
    }

    public static int Run(CliContext ctx, string source, IReadOnlyList<string> destinations, string hash, bool json, string? reportDir, bool verifyFromMedia,
        ProjectFolder? project, CancellationToken token = default)
    {
        IReadOnlyList<HashKind> kinds;
        try
        {
            kinds = HashKinds.ParseList(hash);
        }
        catch (ArgumentException ex)
        {
            ctx.ReportError(ex.Message);
            return ExitCodes.BadInput;
        }

        OffloadResult result;
        try
        {
            var options = new OffloadOptions { Source = source, Destinations = destinations, Kinds = kinds, VerifyFromMedia = verifyFromMedia };
            OffloadEngine.Validate(options);
            if (ctx.Interactive && !json)
            {
                result = null!;
                ctx.Console.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                    .Start(p =>
                    {
                        var tasks = destinations.Select(d => p.AddTask(Markup.Escape(d), maxValue: 1)).ToArray();
                        var sink = new Progress<OffloadProgress>(x =>
                        {
                            // Copy then verify: each drive's bar covers both passes.
                            tasks[x.DestinationIndex].MaxValue = Math.Max(1, 2 * x.TotalBytes);
                            tasks[x.DestinationIndex].Value = x.BytesCopied + x.BytesVerified;
                        });
                        result = OffloadEngine.Run(new OffloadOptions { Source = source, Destinations = destinations, Kinds = kinds, VerifyFromMedia = verifyFromMedia, Progress = sink }, token);
                    });
            }
            else
            {
                result = OffloadEngine.Run(options, token);
            }
        }
        catch (PercheFormatException ex)
        {
            ctx.ReportError(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (ArgumentException ex)
        {
            ctx.ReportError(ex.Message);
            return ExitCodes.BadInput;
        }

        if (project is not null)
        {
            using var store = CliProject.Open(project);
            var id = ShootStore.Open(source, store).SaveOffload(result);
            if (!json)
            {
                ctx.Console.MarkupLine(Markup.Escape($"recorded as offload {id} in project {project.Name}"));
            }
        }
        var written = new List<string>();
        if (reportDir is not null)
        {
            Directory.CreateDirectory(reportDir);
            var stem = "offload_" + Path.GetFileName(result.Source);
            written.Add(Path.Combine(reportDir, stem + ".csv"));
            OffloadReportWriter.WriteCsv(result, written[^1]);
            written.Add(Path.Combine(reportDir, stem + ".json"));
            OffloadReportWriter.WriteJson(result, written[^1]);
            written.Add(Path.Combine(reportDir, stem + ".pdf"));
            OffloadReportWriter.WritePdf(result, written[^1]);
        }

        if (json)
        {
            var node = OffloadReportWriter.ToJson(result);
            node["written"] = new JsonArray([.. written.Select(w => (JsonNode?)w)]);
            ctx.WriteJson(node);
        }
        else
        {
            WriteHuman(ctx, result, written);
        }

        foreach (var f in result.Files)
        {
            foreach (var p in f.Problems)
            {
                ctx.ReportError($"{f.Path}: {p}");
            }
        }

        foreach (var d in result.Destinations.Where(d => d.Error is not null))
        {
            ctx.ReportError($"{d.Root}: {d.Error}");
        }

        return result.Passed ? ExitCodes.Ok : ExitCodes.CheckFailed;
    }

    private static void WriteHuman(CliContext ctx, OffloadResult r, List<string> written)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("destination").AddColumn("files").AddColumn("status").AddColumn("ASC MHL generation");
        table.Title = new TableTitle(Markup.Escape($"offload of {r.Source}"));
        for (var d = 0; d < r.Destinations.Count; d++)
        {
            var dest = r.Destinations[d];
            var ok = r.Files.Count(f => f.Status[d] is CopyStatus.Verified or CopyStatus.Resumed);
            var resumed = r.Files.Count(f => f.Status[d] == CopyStatus.Resumed);
            table.AddRow(
                Markup.Escape(dest.Root),
                Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{ok}/{r.Files.Count}{(resumed > 0 ? $" ({resumed} resumed)" : string.Empty)}")),
                dest.Verified ? "[green]verified[/]" : "[red]FAILED[/]",
                Markup.Escape(dest.GenerationPath is null ? "-" : Path.GetFileName(dest.GenerationPath)));
        }

        ctx.Console.Write(table);
        ctx.Console.MarkupLine(Markup.Escape(OffloadReportWriter.Summary(r)));
        foreach (var w in written)
        {
            ctx.Console.MarkupLine("wrote " + Markup.Escape(w));
        }
    }
}
