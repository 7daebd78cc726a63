using System.CommandLine;
using Perche.Cli.Output;
using Perche.Cli.Project;
using Perche.Core;
using Perche.Delivery.Compliance;
using Perche.Delivery.Processing;
using Perche.Delivery.Profiles;
using Perche.Delivery.Reports;
using Perche.Delivery.Store;
using Perche.Project;
using Spectre.Console;

namespace Perche.Cli.Verbs;

/// <summary>`perche check FILE --profile P`: every criterion of a delivery profile, measured, with its verdict; exit 1 on any failure.</summary>
internal static class CheckVerb
{
    public static Command Build(Func<CliContext> context)
    {
        var file = new Argument<string>("file") { Description = "WAV/BWF/RF64 file to check" };
        var profile = new Option<string>("--profile", "-p") { Description = "Delivery profile id (see 'perche profiles') or a profile .json file", Required = true };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables" };
        var command = new Command("check", "Check a master against a delivery profile: level, true peak, LRA, layout, rate, channel checks") { file, profile, json };
        command.SetAction((parse, token) => Task.FromResult(Run(context(), parse.GetValue(file)!, parse.GetValue(profile)!, parse.GetValue(json), token, CliProject.Find(parse))));
        return command;
    }

    public static int Run(CliContext ctx, string file, string profileName, bool json, CancellationToken cancellationToken = default, ProjectFolder? project = null)
    {
        try
        {
            var profile = ProfileCatalog.Load().Get(profileName);
            var (analysis, criteria) = DeliveryVerbSupport.WithProgress(ctx, json, Path.GetFileName(file), progress => DeliveryEngine.Check(file, profile, progress, cancellationToken), () => Perche.Core.Formats.Wav.WavReader.ReadInfo(file).FrameCount);
            var verdict = ComplianceChecker.Overall(criteria);

            // In a project the check is recorded (the file's hash, every criterion and its verdict).
            long? runId = null;
            if (project is not null)
            {
                using var store = CliProject.Open(project);
                runId = DeliveryStore.SaveCheck(store, analysis, criteria, profile, cancellationToken);
            }

            if (json)
            {
                var node = ReportJson.Check(analysis, criteria, profile);
                node["projectRunId"] = runId;
                ctx.WriteJson(node);
            }
            else
            {
                ctx.Console.MarkupLine($"[bold]{Markup.Escape(Path.GetFileName(file))}[/] against [bold]{Markup.Escape(profile.Name)}[/] ({Markup.Escape(profile.Id)})");
                DeliveryVerbSupport.WriteCriteria(ctx, criteria);
                ctx.Console.MarkupLine($"verdict: {DeliveryVerbSupport.Markup(verdict)}");
                if (runId is { } id)
                {
                    ctx.Out.WriteLine($"stored in project {project!.Name}: check run {id}");
                }
            }

            return verdict == Verdict.Fail ? ExitCodes.CheckFailed : ExitCodes.Ok;
        }
        catch (PercheFormatException ex)
        {
            ctx.ReportError(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            // Interrupted (Ctrl+C, SIGTERM): temporary files are removed on the way out, no output has a final name half-written.
            ctx.ReportError("cancelled");
            return ExitCodes.BadInput;
        }
    }
}
