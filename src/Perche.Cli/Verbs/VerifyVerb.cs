using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Perche.Cli.Output;
using Perche.Core;
using Perche.Production.Hashing;
using Perche.Production.Mhl;
using Spectre.Console;

namespace Perche.Cli.Verbs;

/// <summary>`perche verify FOLDER`: re-hashes a copy and checks it against its ASC MHL history.</summary>
internal static class VerifyVerb
{
    public static Command Build(Func<CliContext> context)
    {
        var folder = new Argument<string>("folder") { Description = "A copy with an ascmhl/ history (a card folder on a backup drive)" };
        var seal = new Option<bool>("--seal") { Description = "Record the verification as a new ASC MHL generation" };
        var hash = new Option<string>("--hash") { Description = "Formats for files the history does not know yet (with --seal)", DefaultValueFactory = _ => "xxh64" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("verify", "Verify a copy against its ASC MHL history (missing, altered and new files)") { folder, seal, hash, json };
        command.SetAction((parse, token) => Task.FromResult(Run(context(), parse.GetValue(folder)!, parse.GetValue(seal), parse.GetValue(hash)!, parse.GetValue(json), token)));
        return command;
    }

    public static int Run(CliContext ctx, string folder, bool seal, string hash, bool json, CancellationToken token = default)
    {
        if (!Directory.Exists(folder))
        {
            ctx.ReportError($"{folder}: folder not found");
            return ExitCodes.BadInput;
        }

        FolderVerification v;
        try
        {
            var kinds = HashKinds.ParseList(hash);
            if (!seal && !MhlHistory.Load(folder).Exists)
            {
                ctx.ReportError($"{folder}: no ASC MHL history (ascmhl/ folder) to verify against; use 'perche verify --seal' to create one");
                return ExitCodes.BadInput;
            }

            if (ctx.Interactive && !json)
            {
                v = null!;
                var total = FolderWalk.Files(folder).Sum(f => new FileInfo(FolderWalk.Combine(folder, f)).Length);
                ctx.Console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn())
                    .Start(p =>
                    {
                        var task = p.AddTask(Markup.Escape(folder), maxValue: Math.Max(1, total));
                        v = MhlVerifier.Verify(folder, seal, kinds, null, new Progress<long>(n => task.Increment(n)), token);
                    });
            }
            else
            {
                v = MhlVerifier.Verify(folder, seal, kinds, null, null, token);
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

        if (json)
        {
            ctx.WriteJson(new JsonObject
            {
                ["folder"] = v.Root,
                ["passed"] = v.Passed,
                ["verified"] = v.Count(FileVerdict.Verified),
                ["failed"] = v.Count(FileVerdict.Failed),
                ["missing"] = v.Count(FileVerdict.Missing),
                ["new"] = v.Count(FileVerdict.New),
                ["bytesHashed"] = v.BytesHashed,
                ["elapsedSeconds"] = Math.Round(v.ElapsedSeconds, 3),
                ["generation"] = v.GenerationPath,
                ["files"] = new JsonArray([.. v.Files.Select(f => (JsonNode?)new JsonObject
                {
                    ["path"] = f.Path,
                    ["verdict"] = f.Verdict.ToString().ToLowerInvariant(),
                    ["hash"] = f.Kind is { } k ? HashKinds.Name(k) : null,
                    ["expected"] = f.ExpectedDigest,
                    ["actual"] = f.ActualDigest,
                    ["problem"] = f.Problem,
                })]),
            });
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn("file").AddColumn("verdict").AddColumn("detail");
            table.Title = new TableTitle(Markup.Escape($"verify {v.Root}"));
            foreach (var f in v.Files)
            {
                var verdict = f.Verdict switch
                {
                    FileVerdict.Verified => "[green]verified[/]",
                    FileVerdict.New => "[yellow]new[/]",
                    _ => $"[red]{f.Verdict.ToString().ToUpperInvariant()}[/]",
                };
                table.AddRow(Markup.Escape(f.Path), verdict, Markup.Escape(f.Problem ?? (f.Kind is { } k ? $"{HashKinds.Name(k)} {f.ActualDigest}" : string.Empty)));
            }

            ctx.Console.Write(table);
            ctx.Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{v.Count(FileVerdict.Verified)} verified, {v.Count(FileVerdict.Failed)} failed, {v.Count(FileVerdict.Missing)} missing, {v.Count(FileVerdict.New)} new; {v.BytesHashed / 1e6:F1} MB in {v.ElapsedSeconds:F2} s")));
            if (v.GenerationPath is not null)
            {
                ctx.Console.MarkupLine("sealed " + Markup.Escape(v.GenerationPath));
            }
        }

        foreach (var f in v.Files.Where(f => f.Verdict is FileVerdict.Failed or FileVerdict.Missing or FileVerdict.Unreadable))
        {
            ctx.ReportError($"{f.Path}: {f.Problem}");
        }

        return v.Passed ? ExitCodes.Ok : ExitCodes.CheckFailed;
    }
}
