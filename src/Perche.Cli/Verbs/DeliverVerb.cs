using System.CommandLine;
using Perche.Cli.Output;
using Perche.Cli.Project;
using Perche.Core;
using Perche.Core.Formats.Ffmpeg;
using Perche.Delivery.Compliance;
using Perche.Delivery.Processing;
using Perche.Delivery.Profiles;
using Perche.Delivery.Reports;
using Perche.Delivery.Store;
using Perche.Project;
using Spectre.Console;

namespace Perche.Cli.Verbs;

/// <summary>
/// `perche deliver FILE --profile P --out DIR`: normalise (two-pass linear gain), limit only when needed, resample
/// and dither as the profile asks, write the BWF master, fold-downs and compressed outputs, re-measure each, write
/// the QC reports. Exit 0 when every output passes, 1 when one fails, 2 for bad input or a missing tool.
/// </summary>
internal static class DeliverVerb
{
    public static Command Build(Func<CliContext> context)
    {
        var file = new Argument<string>("file") { Description = "The master (WAV/BWF/RF64); it is only read" };
        var profile = new Option<string>("--profile", "-p") { Description = "Delivery profile id (see 'perche profiles') or a profile .json file", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Output folder", Required = true };
        var title = new Option<string?>("--title") { Description = "Title used in file names (default: the source name)" };
        var lang = new Option<string>("--lang") { Description = "Report language: en or fr", DefaultValueFactory = _ => "en" };
        var noEncode = new Option<bool>("--no-encode") { Description = "Skip the compressed outputs (no ffmpeg needed)" };
        var noReports = new Option<bool>("--no-reports") { Description = "Skip the HTML/PDF/JSON QC reports" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables" };
        var command = new Command("deliver", "Deliver a master to a profile: normalise, true-peak limit if needed, encode, re-measure, QC report") { file, profile, output, title, lang, noEncode, noReports, json };
        command.SetAction((parse, token) => Task.FromResult(Run(
            context(),
            parse.GetValue(file)!,
            parse.GetValue(profile)!,
            parse.GetValue(output)!,
            parse.GetValue(title),
            parse.GetValue(lang) ?? "en",
            !parse.GetValue(noEncode),
            !parse.GetValue(noReports),
            parse.GetValue(json),
            token,
            CliProject.Find(parse))));
        return command;
    }

    public static int Run(CliContext ctx, string file, string profileName, string outFolder, string? title, string language, bool encode, bool reports, bool json, CancellationToken cancellationToken = default, ProjectFolder? project = null)
    {
        if (!ReportText.IsSupported(language))
        {
            ctx.ReportError($"--lang {language}: the reports speak en or fr");
            return ExitCodes.BadInput;
        }

        DeliveryResult result;
        try
        {
            var profile = ProfileCatalog.Load().Get(profileName);
            DeliveryResult Work(IProgress<(string Stage, double Fraction)>? progress) => DeliveryEngine.Deliver(
                file,
                profile,
                new DeliveryOptions { OutputFolder = outFolder, Title = title, Language = language, Encode = encode, Reports = reports, Progress = progress },
                cancellationToken);

            if (ctx.Interactive && !json)
            {
                result = null!;
                ctx.Console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
                    .Start(p =>
                    {
                        var task = p.AddTask("deliver", maxValue: 1);
                        result = Work(new Progress<(string Stage, double Fraction)>(s =>
                        {
                            task.Description = Markup.Escape(s.Stage);
                            task.Value = s.Fraction;
                        }));
                    });
            }
            else
            {
                result = Work(null);
            }
        }
        catch (PercheFormatException ex)
        {
            ctx.ReportError(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (FfmpegMissingException ex)
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

        foreach (var error in result.Errors)
        {
            ctx.ReportError(error);
        }

        // In a project the run is recorded (every output hashed, measured values, verdicts, report paths).
        long? runId = null;
        if (project is not null)
        {
            using var store = CliProject.Open(project);
            runId = DeliveryStore.SaveDelivery(store, result, outFolder, cancellationToken);
        }

        if (json)
        {
            var node = ReportJson.Delivery(result);
            node["projectRunId"] = runId;
            ctx.WriteJson(node);
        }
        else
        {
            WriteHuman(ctx, result);
            if (runId is { } id)
            {
                ctx.Out.WriteLine($"stored in project {project!.Name}: delivery run {id}");
            }
        }

        if (result.Errors.Count > 0)
        {
            return ExitCodes.BadInput;
        }

        return result.Verdict == Verdict.Fail ? ExitCodes.CheckFailed : ExitCodes.Ok;
    }

    public static void WriteHuman(CliContext ctx, DeliveryResult result)
    {
        var s = result.Source.Meter;
        ctx.Console.MarkupLine($"[bold]{Markup.Escape(Path.GetFileName(result.Source.Path))}[/] → [bold]{Markup.Escape(result.Profile.Name)}[/]: source I {CliContext.Format(s.IntegratedLufs)} LUFS, TP {CliContext.Format(s.MaxTruePeakDbtp)} dBTP, LRA {CliContext.Format(s.LoudnessRangeLu)} LU");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("output").AddColumn("kind").AddColumn(new TableColumn("gain dB").RightAligned()).AddColumn("limiter")
            .AddColumn(new TableColumn("level").RightAligned()).AddColumn(new TableColumn("I LUFS").RightAligned()).AddColumn(new TableColumn("TP dBTP").RightAligned())
            .AddColumn(new TableColumn("LRA LU").RightAligned()).AddColumn("verdict");
        foreach (var f in result.Files)
        {
            var m = f.Analysis.Meter;
            var level = f.Criteria.FirstOrDefault(c => c.Id == "level");
            var limiter = f.Limited ? $"-{-f.LimiterMaxReductionDb:0.0} dB" : "-";
            table.AddRow(
                Markup.Escape(Path.GetFileName(f.Path)),
                Markup.Escape(f.Channel is null ? f.Kind : $"{f.Kind} {f.Channel}"),
                f.GainDb.ToString("+0.00;-0.00", System.Globalization.CultureInfo.InvariantCulture),
                limiter,
                Markup.Escape(level is null ? string.Empty : $"{level.MeasuredText.Split(' ')[0]} {level.Unit}"),
                CliContext.Format(m.IntegratedLufs),
                CliContext.Format(m.MaxTruePeakDbtp),
                CliContext.Format(m.LoudnessRangeLu),
                DeliveryVerbSupport.Markup(f.Verdict));
        }

        ctx.Console.Write(table);
        foreach (var f in result.Files)
        {
            foreach (var c in f.Criteria.Where(c => c.Verdict is Verdict.Fail or Verdict.Warn))
            {
                ctx.Console.MarkupLine($"  {DeliveryVerbSupport.Markup(c.Verdict)} {Markup.Escape(Path.GetFileName(f.Path))}: {Markup.Escape(c.Id)} {Markup.Escape(c.MeasuredText)} {Markup.Escape(c.Unit)} (required {Markup.Escape(c.Requirement)})");
            }

            foreach (var r in f.Reports.Where(r => r.EndsWith(".html", StringComparison.Ordinal) || r.EndsWith(".pdf", StringComparison.Ordinal)))
            {
                ctx.Console.MarkupLine($"  [grey]report: {Markup.Escape(r)}[/]");
            }
        }

        ctx.Console.MarkupLine($"verdict: {DeliveryVerbSupport.Markup(result.Verdict)}");
    }
}
