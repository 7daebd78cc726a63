using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Perche.Cli.Output;
using Perche.Cli.Project;
using Perche.Core;
using Perche.Core.Time;
using Perche.Project;
using Perche.Production.Edits;
using Perche.Production.Qc;
using Perche.Production.Report;
using Perche.Production.Store;
using Spectre.Console;

namespace Perche.Cli.Verbs;

/// <summary>
/// `perche report CARD_OR_FOLDER`: the sound report of recorder files (table, or CSV/HTML/PDF/ALE with --out),
/// with the mixer's edits applied; `perche report edit` circles takes, sets flags and notes, and optionally
/// writes them back into the files.
/// </summary>
internal static class ReportVerb
{
    public static Command Build(Func<CliContext> context)
    {
        var path = new Argument<string>("path") { Description = "A card, a folder of recorder files, or one file" };
        var outDir = new Option<string?>("--out") { Description = "Write the report files into this folder" };
        var formats = new Option<string>("--format") { Description = "Formats to write with --out: pdf,csv,html,ale", DefaultValueFactory = _ => "pdf,csv,html,ale" };
        var lang = new Option<string>("--lang") { Description = "Headings language: fr or en", DefaultValueFactory = _ => "en" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var qc = new Option<bool>("--qc") { Description = "Run the take QC and put its flags in the report" };
        var options = ReportOptionSet.Create();
        var command = new Command("report", "Sound report (rapport son) from recorder files: PDF, CSV, HTML, ALE") { path, outDir, formats, lang, json, qc };
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

            return Task.FromResult(Run(context(), parse.GetValue(path)!, parse.GetValue(outDir), parse.GetValue(formats)!, parse.GetValue(lang)!,
                parse.GetValue(json), parse.GetValue(qc), o, token));
        });
        command.Subcommands.Add(BuildEdit(context));
        return command;
    }

    public static int Run(CliContext ctx, string path, string? outDir, string formats, string lang, bool json, bool qc, ReportCliOptions options, CancellationToken token = default)
    {
        var labels = ReportLabels.For(lang);
        SoundReport report;
        try
        {
            report = SoundReportBuilder.Build(path, options.Report);
            using var project = options.Project is { } folder ? CliProject.Open(folder) : null;
            ReportEditing.Apply(report, ShootStore.Open(path, project).LoadEdits());
        }
        catch (PercheFormatException ex)
        {
            ctx.ReportError(ex.Message);
            return ExitCodes.BadInput;
        }

        if (qc)
        {
            RunQc(ctx, report, options.Report, json, token);
        }

        var written = new List<string>();
        if (outDir is not null)
        {
            var wanted = formats.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(f => f.ToLowerInvariant()).ToList();
            var unknown = wanted.FirstOrDefault(f => f is not ("pdf" or "csv" or "html" or "ale"));
            if (unknown is not null)
            {
                ctx.ReportError($"unknown report format '{unknown}'; expected pdf, csv, html or ale");
                return ExitCodes.BadInput;
            }

            Directory.CreateDirectory(outDir);
            var stem = ReportStem(report);
            foreach (var f in wanted)
            {
                var target = Path.Combine(outDir, $"{stem}.{f}");
                switch (f)
                {
                    case "pdf": PdfReportWriter.WriteFile(report, labels, target); break;
                    case "csv": CsvReportWriter.WriteFile(report, labels, target); break;
                    case "html": HtmlReportWriter.WriteFile(report, labels, target); break;
                    case "ale": AleWriter.WriteFile(report, target); break;
                }

                written.Add(target);
            }
        }

        if (json)
        {
            ctx.WriteJson(ToJson(report, written));
        }
        else
        {
            WriteHuman(ctx, report, labels, written);
        }

        foreach (var u in report.Unreadable)
        {
            ctx.ReportError(u.Problem);
        }

        return report.Unreadable.Count > 0 ? ExitCodes.CheckFailed : ExitCodes.Ok;
    }

    internal static void RunQc(CliContext ctx, SoundReport report, ReportOptions options, bool json, CancellationToken token)
    {
        if (ctx.Interactive && !json)
        {
            ctx.Console.Progress().AutoClear(true).Start(p =>
            {
                var task = p.AddTask("QC", maxValue: Math.Max(1, report.Takes.Count));
                ReportQc.Run(report, options, takesDone: new Progress<int>(n => task.Value = n), cancellationToken: token);
            });
        }
        else
        {
            ReportQc.Run(report, options, cancellationToken: token);
        }
    }

    internal static string ReportStem(SoundReport report)
    {
        var roll = report.Header.Media.Split(',')[0].Trim();
        var name = string.Join('_', new[] { report.Header.Production, roll }.Where(s => s.Length > 0));
        if (name.Length == 0)
        {
            name = "sound-report";
        }

        foreach (var c in Path.GetInvalidFileNameChars().Append(' '))
        {
            name = name.Replace(c, '_');
        }

        return name;
    }

    private static void WriteHuman(CliContext ctx, SoundReport report, ReportLabels labels, List<string> written)
    {
        var header = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("field").AddColumn("value");
        header.Title = new TableTitle(Markup.Escape($"{labels.Title} — {report.Source}"));
        foreach (var (label, value) in ReportTable.HeaderFields(report.Header, labels))
        {
            if (value.Length > 0)
            {
                header.AddRow(Markup.Escape(label), Markup.Escape(value));
            }
        }

        ctx.Console.Write(header);
        var table = new Table().Border(TableBorder.Rounded);
        var headings = ReportTable.Headings(labels);
        int[] shown = [0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14];
        foreach (var i in shown)
        {
            table.AddColumn(Markup.Escape(headings[i]));
        }

        foreach (var t in report.Takes)
        {
            var cells = ReportTable.Cells(t, labels);
            cells[0] = t.First.FileName + (t.Files.Count > 1 ? $" +{t.Files.Count - 1}" : string.Empty);
            table.AddRow(shown.Select(i => Markup.Escape(cells[i])).ToArray());
        }

        ctx.Console.Write(table);
        ctx.Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{report.Takes.Count} {labels.Takes}, {report.Takes.Sum(t => t.Files.Count)} files")));
        foreach (var f in report.Findings)
        {
            ctx.Console.MarkupLine("[yellow]" + Markup.Escape(f) + "[/]");
        }

        foreach (var w in written)
        {
            ctx.Console.MarkupLine("wrote " + Markup.Escape(w));
        }
    }

    internal static JsonObject ToJson(SoundReport report, List<string> written)
    {
        var h = report.Header;
        return new JsonObject
        {
            ["source"] = report.Source,
            ["header"] = new JsonObject
            {
                ["production"] = h.Production, ["date"] = h.Date, ["soundMixer"] = h.SoundMixer, ["boomOperator"] = h.BoomOperator,
                ["recorder"] = h.Recorder, ["timecodeRate"] = h.TimecodeRate, ["fileFormat"] = h.FileFormat, ["media"] = h.Media, ["toneReference"] = h.ToneReference,
            },
            ["takes"] = new JsonArray([.. report.Takes.Select(t => (JsonNode?)new JsonObject
            {
                ["key"] = t.Key,
                ["files"] = new JsonArray([.. t.Files.Select(f => (JsonNode?)f.RelativePath)]),
                ["recorder"] = t.First.Dialect.ToString(),
                ["tape"] = t.Tape,
                ["scene"] = t.Scene,
                ["take"] = t.Take,
                ["circled"] = t.Circled,
                ["wildTrack"] = t.WildTrack,
                ["roomTone"] = t.RoomTone,
                ["falseStart"] = t.FalseStart,
                ["noGood"] = t.NoGood,
                ["startTimecode"] = t.Start?.ToString(),
                ["endTimecode"] = t.End?.ToString(),
                ["durationSeconds"] = Math.Round(t.DurationSeconds, 6),
                ["frameRate"] = t.FrameRate is { } r ? ReportFormat.Rate(r) : null,
                ["sampleRateHz"] = t.SampleRateHz,
                ["bitsPerSample"] = t.BitsPerSample,
                ["channels"] = t.ChannelCount,
                ["tracks"] = new JsonArray([.. t.Tracks.Select(x => (JsonNode?)new JsonObject { ["channelIndex"] = x.ChannelIndex, ["name"] = x.Name, ["file"] = x.FileName })]),
                ["note"] = t.Note,
                ["qc"] = new JsonArray([.. t.QcFlags.Select(q => (JsonNode?)q)]),
            })]),
            ["findings"] = new JsonArray([.. report.Findings.Select(f => (JsonNode?)f)]),
            ["unreadable"] = new JsonArray([.. report.Unreadable.Select(u => (JsonNode?)new JsonObject { ["file"] = u.RelativePath, ["problem"] = u.Problem })]),
            ["written"] = new JsonArray([.. written.Select(w => (JsonNode?)w)]),
        };
    }

    private static Command BuildEdit(Func<CliContext> context)
    {
        var path = new Argument<string>("path") { Description = "The card or folder the report describes" };
        var take = new Argument<string>("take") { Description = "SCENE/TAKE as slated (\"12A/3\"), a file name, or a take key" };
        var circle = new Option<bool>("--circle") { Description = "Circle the take" };
        var uncircle = new Option<bool>("--uncircle") { Description = "Uncircle the take" };
        var note = new Option<string?>("--note") { Description = "Replace the note" };
        var wild = new Option<bool?>("--wild-track") { Description = "Mark (true) or unmark (false) as wild track" };
        var roomTone = new Option<bool?>("--room-tone") { Description = "Mark (true) or unmark (false) as room tone" };
        var falseStart = new Option<bool?>("--false-start") { Description = "Mark (true) or unmark (false) as false start" };
        var noGood = new Option<bool?>("--no-good") { Description = "Mark (true) or unmark (false) as no good" };
        var writeBack = new Option<bool>("--write-back") { Description = "Also write the edit into the files' iXML and bext (audio bytes untouched, checked)" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("edit", "Circle a take, set wild track/room tone/false start flags, replace its note")
        {
            path, take, circle, uncircle, note, wild, roomTone, falseStart, noGood, writeBack, json,
        };
        command.SetAction(parse =>
        {
            bool? circled = parse.GetValue(circle) ? true : parse.GetValue(uncircle) ? false : null;
            return RunEdit(context(), parse.GetValue(path)!, parse.GetValue(take)!, circled, parse.GetValue(note), parse.GetValue(wild), parse.GetValue(roomTone),
                parse.GetValue(falseStart), parse.GetValue(noGood), parse.GetValue(writeBack), CliProject.Find(parse), parse.GetValue(json));
        });
        return command;
    }

    public static int RunEdit(CliContext ctx, string path, string selector, bool? circled, string? note, bool? wild, bool? roomTone, bool? falseStart, bool? noGood,
        bool writeBack, ProjectFolder? project, bool json)
    {
        try
        {
            var report = SoundReportBuilder.Build(path);
            var takes = ReportEditing.Find(report, selector);
            if (takes.Count == 0)
            {
                ctx.ReportError($"{path}: no take matches '{selector}' (use SCENE/TAKE as slated, a file name or a take key)");
                return ExitCodes.BadInput;
            }

            using var projectStore = project is null ? null : CliProject.Open(project);
            var store = ShootStore.Open(path, projectStore);
            var results = new JsonArray();
            foreach (var t in takes)
            {
                var edit = new TakeEdit { TakeKey = t.Key, Circled = circled, Note = note, WildTrack = wild, RoomTone = roomTone, FalseStart = falseStart, NoGood = noGood };
                store.SaveEdit(edit);
                var files = new JsonArray();
                if (writeBack)
                {
                    foreach (var r in MetadataWriteBack.Write(t, edit))
                    {
                        files.Add(new JsonObject { ["file"] = r.Path, ["audioXxh64Before"] = r.AudioXxh64Before, ["audioXxh64After"] = r.AudioXxh64After });
                        if (!json)
                        {
                            ctx.Console.MarkupLine(Markup.Escape($"wrote {Path.GetFileName(r.Path)}: audio xxh64 {r.AudioXxh64After} unchanged"));
                        }
                    }
                }

                results.Add(new JsonObject { ["key"] = t.Key, ["scene"] = t.Scene, ["take"] = t.Take, ["writtenBack"] = files });
                if (!json)
                {
                    ctx.Console.MarkupLine(Markup.Escape($"{t.Scene}/{t.Take} ({string.Join(' ', t.Files.Select(f => f.FileName))}): edit saved to {store.Description}"));
                }
            }

            if (json)
            {
                ctx.WriteJson(new JsonObject { ["takes"] = results });
            }

            return ExitCodes.Ok;
        }
        catch (PercheFormatException ex)
        {
            ctx.ReportError(ex.Message);
            return ExitCodes.BadInput;
        }
    }
}

/// <summary>The crew and workflow options shared by `report` and `qc`.</summary>
internal sealed class ReportOptionSet
{
    private readonly Option<string?> production = new("--production") { Description = "Production name (default: the files' PROJECT)" };
    private readonly Option<string?> mixer = new("--mixer") { Description = "Production sound mixer" };
    private readonly Option<string?> boom = new("--boom") { Description = "Boom operator" };
    private readonly Option<string?> tone = new("--tone") { Description = "Tone / reference level (\"1 kHz -18 dBFS\")" };
    private readonly Option<int?> sampleRate = new("--sample-rate") { Description = "The workflow's sample rate in Hz (QC flags other rates)" };
    private readonly Option<int?> bits = new("--bits") { Description = "The workflow's bit depth (QC flags others)" };
    private readonly Option<string?> fps = new("--fps") { Description = "The workflow's timecode rate (\"25\", \"23.976\", \"29.97DF\")" };

    public static ReportOptionSet Create() => new();

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { this.production, this.mixer, this.boom, this.tone, this.sampleRate, this.bits, this.fps })
        {
            command.Options.Add(o);
        }
    }

    public ReportCliOptions Read(ParseResult parse)
    {
        FrameRate? rate = null;
        if (parse.GetValue(this.fps) is { } text)
        {
            rate = FrameRate.TryParse(text, out var r) ? r : throw new ArgumentException($"--fps '{text}' is not a frame rate");
        }

        // Inside a project, its workflow settings are what the takes are checked against, and its title heads the report.
        var project = CliProject.Find(parse);
        ProjectSettings? settings = null;
        if (project is not null)
        {
            using var store = CliProject.Open(project);
            settings = store.Read(ProjectSettings.Load);
        }

        return new ReportCliOptions(new ReportOptions
        {
            Production = parse.GetValue(this.production) ?? settings?.Title,
            SoundMixer = parse.GetValue(this.mixer),
            BoomOperator = parse.GetValue(this.boom),
            ToneReference = parse.GetValue(this.tone),
            ExpectedSampleRateHz = parse.GetValue(this.sampleRate) ?? settings?.SampleRateHz,
            ExpectedBitsPerSample = parse.GetValue(this.bits) ?? settings?.BitDepth,
            ExpectedFrameRate = rate ?? settings?.TimecodeRate,
        }, project);
    }
}

/// <summary>Report options plus the project folder.</summary>
internal sealed record ReportCliOptions(ReportOptions Report, ProjectFolder? Project);
