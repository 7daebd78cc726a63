using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Perche.Cli.Output;
using Perche.Cli.Project;
using Perche.Core;
using Perche.Core.Time;
using Perche.Preproduction.Breakdown;
using Perche.Preproduction.Formats;
using Perche.Preproduction.Output;
using Perche.Preproduction.Plan;
using Perche.Preproduction.Screenplay;
using Perche.Preproduction.Store;
using Perche.Project;
using Spectre.Console;

namespace Perche.Cli.Verbs;

/// <summary>
/// The pre-production verbs: `perche script` (what was read), `perche breakdown` (the sound breakdown and its
/// documents) and `perche plan` (crew, gear, days, budget, workflow sheet). Thin: the work is in Perche.Preproduction.
/// </summary>
internal static class PreproductionVerbs
{
    public static Command BuildScript(Func<CliContext> context)
    {
        var file = new Argument<string>("script") { Description = "A screenplay: .fountain, .fdx or plain text" };
        var lang = LanguageOption();
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables" };
        var command = new Command("script", "Show what was read from a screenplay: title page, scenes, characters, warnings") { file, lang, json };
        command.SetAction(parse => RunScript(context(), parse.GetValue(file)!, parse.GetValue(lang), parse.GetValue(json)));
        return command;
    }

    public static Command BuildBreakdown(Func<CliContext> context)
    {
        var file = new Argument<string>("script") { Description = "A screenplay: .fountain, .fdx or plain text" };
        var lang = LanguageOption();
        var json = new Option<bool>("--json") { Description = "Print the breakdown as JSON" };
        var output = new Option<string?>("--out") { Description = "Write the documents into this folder" };
        var format = new Option<string?>("--format") { Description = "Documents to write with --out: html,pdf,csv,json (default html,csv)" };
        var min = new Option<double>("--min-confidence") { Description = "List items at or above this confidence (0-1)", DefaultValueFactory = _ => 0.5 };
        var command = new Command("breakdown", "The sound breakdown of a screenplay, scene by scene (dépouillement son)") { file, lang, json, output, format, min };
        command.SetAction(parse => RunBreakdown(context(), parse.GetValue(file)!, parse.GetValue(lang), parse.GetValue(json), parse.GetValue(output), parse.GetValue(format), parse.GetValue(min), CliProject.Find(parse)));
        return command;
    }

    public static Command BuildBreakdownEdit(Func<CliContext> context)
    {
        var file = new Argument<string>("script") { Description = "The screenplay whose breakdown is edited (stored by file name)" };
        var scene = new Option<string>("--scene") { Description = "Scene number", Required = true };
        var key = new Option<string>("--key") { Description = "Item key (as in breakdown --json), or a new key to add an item", Required = true };
        var category = new Option<string?>("--category") { Description = "dialogue, voiceOver, ambience, roomTone, hardEffect, foley, musicSource, musicScore, playback" };
        var acquisition = new Option<string?>("--acquisition") { Description = "syncOnSet, wildTrackOnSet, roomToneOnSet, adr, foleyStage, library, fieldRecording, design" };
        var label = new Option<string?>("--label") { Description = "New label" };
        var note = new Option<string?>("--note") { Description = "Why (shown as the reason)" };
        var reject = new Option<bool>("--reject") { Description = "Remove the item from the breakdown (kept out on every re-run)" };
        var command = new Command("breakdown-edit", "Change, add or remove a breakdown item in the project; kept across re-runs") { file, scene, key, category, acquisition, label, note, reject };
        command.SetAction(parse => RunBreakdownEdit(
            context(), CliProject.Require(parse), parse.GetValue(file)!, parse.GetValue(scene)!, parse.GetValue(key)!, parse.GetValue(category), parse.GetValue(acquisition),
            parse.GetValue(label), parse.GetValue(note), parse.GetValue(reject)));
        return command;
    }

    public static int RunBreakdownEdit(CliContext ctx, ProjectFolder project, string file, string scene, string key, string? category, string? acquisition, string? label, string? note, bool reject)
    {
        SoundCategory? c = null;
        Acquisition? a = null;
        if (category is not null)
        {
            if (!Enum.TryParse<SoundCategory>(category, ignoreCase: true, out var parsed))
            {
                ctx.ReportError($"--category: unknown category '{category}'");
                return ExitCodes.BadInput;
            }

            c = parsed;
        }

        if (acquisition is not null)
        {
            if (!Enum.TryParse<Acquisition>(acquisition, ignoreCase: true, out var parsed))
            {
                ctx.ReportError($"--acquisition: unknown acquisition '{acquisition}'");
                return ExitCodes.BadInput;
            }

            a = parsed;
        }

        if (!TryRead(ctx, file, null, out var script))
        {
            return ExitCodes.BadInput;
        }

        using var store = CliProject.Open(project);
        BreakdownStore.SaveEdit(store, BreakdownStore.NameOf(script), new BreakdownEdit { SceneNumber = scene, Key = key, Category = c, Acquisition = a, Label = label, Note = note, Rejected = reject });
        var breakdown = BreakdownEngine.Run(script);
        BreakdownStore.Save(store, breakdown);
        var item = breakdown.Scenes.FirstOrDefault(s => s.Scene.Number == scene)?.Items.FirstOrDefault(i => i.Key == key);
        ctx.Out.WriteLine(item is null
            ? $"edit stored; scene {scene} is not in this draft of {Path.GetFileName(file)} (it applies when the scene returns)"
            : $"scene {scene} {key}: {(item.Rejected ? "removed" : $"{Names.Json(item.Category)}, {Names.Json(item.Acquisition)}, \"{item.Label}\"")} (stored in {project.Root})");
        return ExitCodes.Ok;
    }

    public static Command BuildPlan(Func<CliContext> context)
    {
        var file = new Argument<string>("script") { Description = "A screenplay: .fountain, .fdx or plain text" };
        var lang = LanguageOption();
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON" };
        var output = new Option<string?>("--out") { Description = "Write the documents into this folder" };
        var format = new Option<string?>("--format") { Description = "Documents to write with --out: html,pdf,csv,json (default html,csv)" };
        var rates = new Option<string?>("--rates") { Description = "A rates file (see samples/rates/rates-example.ini)" };
        var days = new Option<int?>("--days") { Description = "Shooting days from the schedule (default: from the page count)" };
        var fps = new Option<string>("--fps") { Description = "Picture frame rate; the timecode rate follows it", DefaultValueFactory = _ => "25" };
        var cameras = new Option<int>("--cameras") { Description = "Cameras on set", DefaultValueFactory = _ => 2 };
        var delivery = new Option<string>("--delivery") { Description = "Delivery profiles: cinema,broadcast,streaming,web", DefaultValueFactory = _ => "cinema,broadcast" };
        var command = new Command("plan", "Crew, gear, shooting and post days, budget and workflow sheet from the breakdown") { file, lang, json, output, format, rates, days, fps, cameras, delivery };
        command.SetAction(parse => RunPlan(
            context(),
            parse.GetValue(file)!,
            parse.GetValue(lang),
            parse.GetValue(json),
            parse.GetValue(output),
            parse.GetValue(format),
            parse.GetValue(rates),
            parse.GetValue(days),
            parse.GetValue(fps)!,
            parse.GetValue(cameras),
            parse.GetValue(delivery)!));
        return command;
    }

    public static int RunScript(CliContext ctx, string file, string? lang, bool json)
    {
        if (!TryRead(ctx, file, lang, out var script))
        {
            return ExitCodes.BadInput;
        }

        foreach (var w in script.Warnings)
        {
            ctx.Error.WriteLine($"perche: warning: {script.InputName}: {w}");
        }

        if (json)
        {
            ctx.WriteJson(ScriptJson(script));
            return ExitCodes.Ok;
        }

        var info = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("field").AddColumn("value");
        info.Title = new TableTitle(Markup.Escape(script.InputName));
        void Row(string k, string v) => info.AddRow(Markup.Escape(k), Markup.Escape(v));
        Row("title", script.Title);
        foreach (var kv in script.TitlePage)
        {
            if (!kv.Key.Equals("Title", StringComparison.OrdinalIgnoreCase))
            {
                Row(kv.Key, string.Join(" / ", kv.Value));
            }
        }

        Row("format", $"{script.Format}, {script.EncodingName}");
        Row("language", script.Language == ScriptLanguage.French ? "French" : "English");
        Row("length", string.Create(CultureInfo.InvariantCulture, $"{script.LengthPages:F1} pages, {script.Elements.Count} elements"));
        Row("scenes", $"{script.HeadedScenes.Count()}{(script.Scenes.Any(s => s.IsOpening) ? " + an opening before the first heading" : string.Empty)}");
        Row("characters", string.Join(", ", script.Characters.Select(c => $"{c.Name} ({c.Lines})")));
        ctx.Console.Write(info);

        var scenes = new Table().Border(TableBorder.Rounded).AddColumn("#").AddColumn("heading").AddColumn("INT/EXT").AddColumn("place").AddColumn("time").AddColumn(new TableColumn("pages").RightAligned()).AddColumn("speakers (dialogue blocks)");
        foreach (var s in script.Scenes)
        {
            scenes.AddRow(
                Markup.Escape(s.Number),
                Markup.Escape(s.IsOpening ? "(opening)" : s.Heading.Text),
                s.Heading.Setting.ToString(),
                Markup.Escape(s.Heading.Place),
                s.Heading.TimeOfDay.ToString() + (s.Heading.Weather != Weather.None ? $", {s.Heading.Weather}" : string.Empty),
                s.LengthPages.ToString("F2", CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(", ", s.Speakers.Select(p => $"{p.Name} ({p.Lines})"))));
        }

        ctx.Console.Write(scenes);
        return ExitCodes.Ok;
    }

    public static int RunBreakdown(CliContext ctx, string file, string? lang, bool json, string? outDir, string? format, double minConfidence, ProjectFolder? project = null)
    {
        if (!TryRead(ctx, file, lang, out var script))
        {
            return ExitCodes.BadInput;
        }

        if (minConfidence is < 0 or > 1 || double.IsNaN(minConfidence))
        {
            ctx.ReportError("--min-confidence must be between 0 and 1");
            return ExitCodes.BadInput;
        }

        var breakdown = BreakdownEngine.Run(script, new BreakdownOptions { Language = ParseLanguage(lang), MinimumConfidence = minConfidence });
        if (project is not null)
        {
            // In a project the user's edits are re-applied and the result stored; without one, plain files.
            using var store = CliProject.Open(project);
            BreakdownStore.Save(store, breakdown);
            ctx.Error.WriteLine($"perche: breakdown stored in {project.Root}");
        }

        foreach (var w in script.Warnings)
        {
            ctx.Error.WriteLine($"perche: warning: {script.InputName}: {w}");
        }

        if (!TryWriteDocuments(ctx, outDir, format, dir => DocumentWriter.WriteBreakdown(breakdown, dir, DocumentWriter.ParseFormats(format, ["html", "csv"])), json))
        {
            return ExitCodes.BadInput;
        }

        if (json)
        {
            ctx.Out.WriteLine(DocumentWriter.ToJson(BreakdownReport.Json(breakdown)));
            return ExitCodes.Ok;
        }

        WriteBreakdownTables(ctx, breakdown);
        return ExitCodes.Ok;
    }

    public static void WriteBreakdownTables(CliContext ctx, SoundBreakdown breakdown)
    {
        var fr = breakdown.Language == ScriptLanguage.French;
        var l = breakdown.Language;
        foreach (var scene in breakdown.Scenes)
        {
            var sc = scene.Scene;
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn(fr ? "catégorie" : "category").AddColumn(fr ? "son" : "sound").AddColumn(fr ? "obtention" : "acquisition")
                .AddColumn(new TableColumn(fr ? "conf." : "conf.").RightAligned()).AddColumn(fr ? "indice" : "evidence");
            table.Title = new TableTitle(Markup.Escape($"{sc.Number}. {(sc.IsOpening ? "(opening)" : sc.Heading.Text)}"));
            table.Caption = new TableTitle(Markup.Escape(BreakdownReport.MicLine(scene, fr)));
            foreach (var item in breakdown.Listed(scene))
            {
                var evidence = item.Evidence.Count > 0 ? $"{item.Evidence[0].Line}: {item.Evidence[0].Text}" : string.Empty;
                if (evidence.Length > 48)
                {
                    evidence = evidence[..47] + "…";
                }

                table.AddRow(
                    Markup.Escape(Names.Of(item.Category, l)),
                    Markup.Escape(item.Label + (item.Surface is { } s ? $" [{s}]" : string.Empty) + (item.AdrRisk ? " (ADR risk)" : string.Empty)),
                    Markup.Escape(Names.Of(item.Acquisition, l)),
                    item.Confidence.ToString("0.00", CultureInfo.InvariantCulture),
                    Markup.Escape(evidence));
            }

            ctx.Console.Write(table);
        }

        var review = breakdown.ToReview.Count();
        ctx.Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{breakdown.AllListed.Count()} items in {breakdown.Scenes.Count} scenes; {review} low-confidence items to review (--min-confidence, or --json to see them); max {breakdown.MaxWireless} wireless in one scene")));
    }

    public static int RunPlan(CliContext ctx, string file, string? lang, bool json, string? outDir, string? format, string? ratesPath, int? days, string fps, int cameras, string delivery)
    {
        if (!TryRead(ctx, file, lang, out var script))
        {
            return ExitCodes.BadInput;
        }

        if (!FrameRate.TryParse(fps, out var rate))
        {
            ctx.ReportError($"--fps: '{fps}' is not a frame rate (e.g. 23.976, 24, 25, 29.97DF)");
            return ExitCodes.BadInput;
        }

        if (days is < 1 || cameras < 1)
        {
            ctx.ReportError("--days and --cameras must be at least 1");
            return ExitCodes.BadInput;
        }

        RateCard rates;
        try
        {
            rates = ratesPath is null ? RateCard.Default : RateCard.Read(ratesPath);
        }
        catch (PercheFormatException ex)
        {
            ctx.ReportError(ex.Message);
            return ExitCodes.BadInput;
        }

        var breakdown = BreakdownEngine.Run(script, new BreakdownOptions { Language = ParseLanguage(lang) });
        var plan = ProductionPlan.Build(breakdown, new PlanOptions
        {
            ShootingDays = days,
            PictureRate = rate,
            Cameras = cameras,
            Deliveries = delivery.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Rates = rates,
        });
        if (!TryWriteDocuments(ctx, outDir, format, dir => DocumentWriter.WritePlan(plan, dir, DocumentWriter.ParseFormats(format, ["html", "csv"])), json))
        {
            return ExitCodes.BadInput;
        }

        if (json)
        {
            ctx.Out.WriteLine(DocumentWriter.ToJson(PlanReport.Json(plan)));
            return ExitCodes.Ok;
        }

        WritePlanTables(ctx, plan);
        return ExitCodes.Ok;
    }

    public static void WritePlanTables(CliContext ctx, ProductionPlan plan)
    {
        var fr = plan.Breakdown.Language == ScriptLanguage.French;
        var cur = plan.Rates.Currency;
        var table = new Table().Border(TableBorder.Rounded).AddColumn(fr ? "poste" : "item").AddColumn(new TableColumn(fr ? "qté" : "qty").RightAligned())
            .AddColumn(new TableColumn(fr ? "jours" : "days").RightAligned()).AddColumn(new TableColumn(fr ? "tarif/jour" : "rate/day").RightAligned()).AddColumn(new TableColumn(fr ? "montant" : "amount").RightAligned());
        table.Title = new TableTitle(Markup.Escape((fr ? "Besoins et budget son — " : "Sound needs and budget — ") + plan.Breakdown.Script.Title));
        foreach (var line in plan.Crew.Concat(plan.Gear).Concat(plan.Post))
        {
            table.AddRow(Markup.Escape(line.Label), line.Quantity.ToString(CultureInfo.InvariantCulture), line.Days.ToString("0.#", CultureInfo.InvariantCulture),
                PlanReport.Money(line.RatePerDay, cur), PlanReport.Money(line.Amount, cur));
        }

        table.AddRow(fr ? "[bold]Total[/]" : "[bold]Total[/]", string.Empty, string.Empty, string.Empty, "[bold]" + Markup.Escape(PlanReport.Money(plan.Total, cur)) + "[/]");
        table.Caption = new TableTitle(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{plan.ShootingDays} shooting days ({plan.ShootingDaysSource}); {plan.RuntimeMinutes:F0} min runtime; {plan.WirelessChannels} wireless channels; {plan.AdrLines} ADR/voice-over lines; rates: {plan.Rates.Source}")));
        ctx.Console.Write(table);
        var w = plan.Workflow;
        var sheet = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("k").AddColumn("v");
        sheet.Title = new TableTitle(fr ? "Fiche workflow" : "Workflow sheet");
        void Row(string k, string v) => sheet.AddRow(Markup.Escape(k), Markup.Escape(v));
        Row(fr ? "échantillonnage" : "sample rate", string.Create(CultureInfo.InvariantCulture, $"{w.SampleRateHz} Hz, {w.BitDepth} ({w.BitDepthReason})"));
        Row("timecode", w.TimecodeRate.ToString());
        Row(fr ? "fichiers" : "files", w.FileLayout);
        Row(fr ? "nommage" : "naming", w.FileNaming);
        Row(fr ? "sauvegardes" : "backups", $"{w.BackupCopies}: {w.BackupPolicy}");
        foreach (var (profile, target) in w.Deliveries)
        {
            Row(profile, target);
        }

        ctx.Console.Write(sheet);
    }

    private static Option<string?> LanguageOption() => new("--lang") { Description = "Force the language: fr or en (default: detected)" };

    private static ScriptLanguage? ParseLanguage(string? lang) => lang?.ToLowerInvariant() switch
    {
        "fr" or "french" or "français" => ScriptLanguage.French,
        "en" or "english" or "anglais" => ScriptLanguage.English,
        _ => null,
    };

    private static bool TryRead(CliContext ctx, string file, string? lang, out Screenplay script)
    {
        script = null!;
        if (lang is not null && ParseLanguage(lang) is null)
        {
            ctx.ReportError($"--lang: '{lang}' is not fr or en");
            return false;
        }

        try
        {
            script = ScreenplayReader.Read(file, ParseLanguage(lang));
            return true;
        }
        catch (PercheFormatException ex)
        {
            ctx.ReportError(ex.Message);
            return false;
        }
    }

    private static bool TryWriteDocuments(CliContext ctx, string? outDir, string? format, Func<string, List<string>> write, bool json)
    {
        if (outDir is null)
        {
            if (format is not null)
            {
                ctx.ReportError("--format needs --out DIR");
                return false;
            }

            return true;
        }

        try
        {
            foreach (var path in write(outDir))
            {
                // With --json, stdout stays pure JSON: the list of files goes to stderr.
                (json ? ctx.Error : ctx.Out).WriteLine($"wrote {path}");
            }

            return true;
        }
        catch (PercheFormatException ex)
        {
            ctx.ReportError(ex.Message);
            return false;
        }
    }

    private static JsonObject ScriptJson(Screenplay script)
    {
        var title = new JsonObject();
        foreach (var kv in script.TitlePage)
        {
            title[kv.Key] = new JsonArray(kv.Value.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
        }

        return new JsonObject
        {
            ["file"] = script.InputName,
            ["format"] = Names.Json(script.Format),
            ["encoding"] = script.EncodingName,
            ["language"] = script.Language == ScriptLanguage.French ? "fr" : "en",
            ["title"] = script.Title,
            ["titlePage"] = title,
            ["lengthPages"] = Math.Round(script.LengthPages, 2),
            ["elementCount"] = script.Elements.Count,
            ["warnings"] = new JsonArray(script.Warnings.Select(w => (JsonNode)JsonValue.Create(w)!).ToArray()),
            ["characters"] = new JsonArray(script.Characters.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["dialogueBlocks"] = c.Lines }).ToArray()),
            ["scenes"] = new JsonArray(script.Scenes.Select(s => (JsonNode)new JsonObject
            {
                ["number"] = s.Number,
                ["heading"] = s.Heading.Text,
                ["isOpening"] = s.IsOpening,
                ["setting"] = Names.Json(s.Heading.Setting),
                ["place"] = s.Heading.Place,
                ["timeOfDay"] = Names.Json(s.Heading.TimeOfDay),
                ["weather"] = Names.Json(s.Heading.Weather),
                ["line"] = s.Line,
                ["lengthPages"] = Math.Round(s.LengthPages, 2),
                ["speakers"] = new JsonArray(s.Speakers.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["dialogueBlocks"] = p.Lines }).ToArray()),
            }).ToArray()),
        };
    }
}
