using System.Collections.Concurrent;
using System.CommandLine;
using System.Text.Json.Nodes;
using Perche.Cli.Output;
using Perche.Core;
using Perche.Core.Audio;
using Perche.Core.Dsp.Loudness;
using Spectre.Console;

namespace Perche.Cli.Verbs;

/// <summary>
/// `perche loudness FILE...`: ITU-R BS.1770-5 / EBU R128 measurement — integrated, loudness range, max
/// momentary and short-term, true peak per channel — files measured in parallel, with an album value when
/// several files are given and an optional M/S plot.
/// </summary>
internal static class LoudnessVerb
{
    public static Command Build(Func<CliContext> context)
    {
        var files = new Argument<string[]>("files") { Description = "WAV/BWF/RF64 files (also .wav.gz)", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables" };
        var plot = new Option<string?>("--plot") { Description = "Write a PNG of momentary and short-term loudness over time (one per file when several)" };
        var command = new Command("loudness", "Measure loudness (BS.1770-5, EBU R128): I, LRA, max M, max S, true peak") { files, json, plot };
        command.SetAction((parse, token) => Task.FromResult(Run(context(), parse.GetValue(files)!, parse.GetValue(json), parse.GetValue(plot), token)));
        return command;
    }

    public static int Run(CliContext ctx, IReadOnlyList<string> files, bool json, string? plotPath, CancellationToken cancellationToken = default)
    {
        var modes = LoudnessModes.Integrated | LoudnessModes.Range | LoudnessModes.TruePeak | (plotPath is null ? LoudnessModes.None : LoudnessModes.Series);
        var results = new FileLoudnessResult?[files.Count];
        var errors = new ConcurrentDictionary<int, string>();

        void MeasureAll(Func<int, IProgress<long>?> progressFor)
        {
            // Files in parallel (one decode + one meter thread each already overlap inside a file).
            Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount / 2), CancellationToken = cancellationToken }, i =>
            {
                try
                {
                    results[i] = FileLoudness.Measure(files[i], modes, progressFor(i), cancellationToken);
                }
                catch (PercheFormatException ex)
                {
                    errors[i] = ex.Message;
                }
            });
        }

        if (ctx.Interactive && !json)
        {
            ctx.Console.Progress().AutoClear(true).HideCompleted(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(p =>
                {
                    var tasks = files.Select(f => p.AddTask(Markup.Escape(Path.GetFileName(f)), maxValue: 1)).ToArray();
                    MeasureAll(i => new Progress<long>(frames =>
                    {
                        if (results[i] is null && tasks[i].MaxValue <= 1)
                        {
                            tasks[i].MaxValue = Math.Max(1, frames);
                        }

                        tasks[i].Value = frames;
                    }));
                });
        }
        else
        {
            MeasureAll(_ => null);
        }

        for (var i = 0; i < files.Count; i++)
        {
            if (errors.TryGetValue(i, out var message))
            {
                ctx.ReportError(message);
            }
        }

        var measured = results.Where(r => r is not null).Select(r => r!).ToList();
        var album = measured.Count > 1 ? LoudnessMeter.IntegratedOf(measured.Select(r => r.Meter)) : double.NaN;

        if (plotPath is not null)
        {
            for (var i = 0; i < measured.Count; i++)
            {
                var target = measured.Count == 1 ? plotPath : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(plotPath))!, $"{Path.GetFileNameWithoutExtension(plotPath)}-{i + 1}{Path.GetExtension(plotPath)}");
                LoudnessPlot.Write(measured[i], target);
            }
        }

        if (json)
        {
            var root = new JsonObject
            {
                ["files"] = new JsonArray([.. measured.Select(r => (JsonNode?)ToJson(r))]),
                ["albumIntegratedLufs"] = measured.Count > 1 ? CliContext.Number(album) : null,
            };
            ctx.WriteJson(root);
        }
        else
        {
            WriteHuman(ctx.Console, measured, album);
        }

        return errors.IsEmpty ? ExitCodes.Ok : ExitCodes.BadInput;
    }

    private static void WriteHuman(IAnsiConsole console, List<FileLoudnessResult> results, double album)
    {
        if (results.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("file").AddColumn(new TableColumn("I (LUFS)").RightAligned()).AddColumn(new TableColumn("LRA (LU)").RightAligned())
            .AddColumn(new TableColumn("max M").RightAligned()).AddColumn(new TableColumn("max S").RightAligned())
            .AddColumn(new TableColumn("TP (dBTP)").RightAligned()).AddColumn("true peak per channel (dBTP)");
        foreach (var r in results)
        {
            var m = r.Meter;
            var perChannel = string.Join("  ", Enumerable.Range(0, m.Layout.ChannelCount).Select(c => $"{Label(r, c)} {CliContext.Format(m.TruePeakDbtp(c))}"));
            table.AddRow(
                Markup.Escape(Path.GetFileName(r.Path)),
                CliContext.Format(m.IntegratedLufs),
                CliContext.Format(m.LoudnessRangeLu),
                CliContext.Format(m.MaxMomentaryLufs),
                CliContext.Format(m.MaxShortTermLufs),
                CliContext.Format(m.MaxTruePeakDbtp),
                Markup.Escape(perChannel));
        }

        if (results.Count > 1)
        {
            table.AddRow("[bold]all files (album)[/]", CliContext.Format(album), string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);
        }

        console.Write(table);
    }

    /// <summary>A channel's name: the recorder's track name (iXML) when it has one, else its speaker or number.</summary>
    private static string Label(FileLoudnessResult result, int channel)
    {
        if (result.Info.Ixml is { } x)
        {
            foreach (var t in x.Tracks)
            {
                if (t.InterleaveIndex == channel + 1 && t.Name.Length > 0)
                {
                    return t.Name;
                }
            }
        }

        var s = result.Meter.Layout.Speakers[channel];
        return s == Speaker.Unknown ? $"ch{channel + 1}" : ChannelLayout.ShortName(s);
    }

    private static JsonObject ToJson(FileLoudnessResult r)
    {
        var m = r.Meter;
        return new JsonObject
        {
            ["file"] = r.Path,
            ["sampleRateHz"] = r.Info.Format.SampleRateHz,
            ["layout"] = m.Layout.Name,
            ["durationSeconds"] = Math.Round(r.Info.DurationSeconds, 6),
            ["integratedLufs"] = CliContext.Number(m.IntegratedLufs),
            ["loudnessRangeLu"] = CliContext.Number(m.LoudnessRangeLu),
            ["maxMomentaryLufs"] = CliContext.Number(m.MaxMomentaryLufs),
            ["maxShortTermLufs"] = CliContext.Number(m.MaxShortTermLufs),
            ["maxTruePeakDbtp"] = CliContext.Number(m.MaxTruePeakDbtp),
            ["channels"] = new JsonArray([.. Enumerable.Range(0, m.Layout.ChannelCount).Select(c => (JsonNode?)new JsonObject
            {
                ["channel"] = c + 1,
                ["name"] = Label(r, c),
                ["truePeakDbtp"] = CliContext.Number(m.TruePeakDbtp(c)),
                ["samplePeakDbfs"] = CliContext.Number(m.SamplePeakDbfs(c)),
            })]),
        };
    }
}
