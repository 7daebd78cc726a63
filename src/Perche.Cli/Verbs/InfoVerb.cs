using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Perche.Cli.Output;
using Perche.Core;
using Perche.Core.Audio;
using Perche.Core.Formats.Wav;
using Spectre.Console;

namespace Perche.Cli.Verbs;

/// <summary>`perche info FILE...`: format, duration, layout, start timecode, bext/iXML summary, chunk list.</summary>
internal static class InfoVerb
{
    public static Command Build(Func<CliContext> context)
    {
        var files = new Argument<string[]>("files") { Description = "WAV/BWF/RF64 files (also .wav.gz)", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables" };
        var command = new Command("info", "Describe audio files: format, duration, timecode, bext, iXML, chunks") { files, json };
        command.SetAction(parse => Run(context(), parse.GetValue(files)!, parse.GetValue(json)));
        return command;
    }

    public static int Run(CliContext ctx, IReadOnlyList<string> files, bool json)
    {
        var results = new JsonArray();
        var failed = false;
        foreach (var file in files)
        {
            WavInfo info;
            try
            {
                info = WavReader.ReadInfo(file);
            }
            catch (PercheFormatException ex)
            {
                ctx.ReportError(ex.Message);
                failed = true;
                continue;
            }

            if (json)
            {
                results.Add(ToJson(info));
            }
            else
            {
                WriteHuman(ctx.Console, info);
            }
        }

        if (json)
        {
            ctx.WriteJson(results);
        }

        return failed ? ExitCodes.BadInput : ExitCodes.Ok;
    }

    private static void WriteHuman(IAnsiConsole console, WavInfo info)
    {
        var f = info.Format;
        var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("field").AddColumn("value");
        table.Title = new TableTitle(Markup.Escape(info.InputName));
        void Row(string k, string v) => table.AddRow(Markup.Escape(k), Markup.Escape(v));
        Row("container", info.Container.ToString().ToUpperInvariant());
        Row("format", $"{f.EncodingName}, {f.SampleRateHz} Hz");
        Row("channels", $"{f.ChannelCount} ({f.Layout.Name}){(f.IsExtensible ? $", mask 0x{f.ChannelMask:X}" : string.Empty)}");
        Row("duration", $"{FormatDuration(info.DurationSeconds)} ({info.FrameCount} frames)");
        var rate = WavTimecode.FrameRateOf(info);
        var start = WavTimecode.StartOf(info);
        var stamp = WavTimecode.SamplesSinceMidnight(info);
        Row("timecode", start is { } tc ? $"{tc} @ {rate}"
            : rate is { } r ? $"(no time stamp) @ {r}"
            : stamp is { } samples ? $"(no frame rate declared) {TimeSpan.FromSeconds((double)samples / f.SampleRateHz).ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture)} since midnight"
            : "(none)");
        if (info.Bext is { } b)
        {
            Row("bext", $"v{b.Version}, {b.Originator}, {b.OriginationDate} {b.OriginationTime}, TimeReference {b.TimeReferenceSamples}");
            if (b.Description.Length > 0)
            {
                Row("description", b.Description.Replace("\r\n", " | ", StringComparison.Ordinal).Replace('\n', ' ').TrimEnd(' ', '|'));
            }

            if (b.LoudnessValueLufs is { } lv)
            {
                Row("bext loudness", string.Create(CultureInfo.InvariantCulture, $"I {lv:F2} LUFS, LRA {b.LoudnessRangeLu:F2} LU, TP {b.MaxTruePeakDbtp:F2} dBTP"));
            }
        }

        if (info.Ixml is { } x)
        {
            Row("iXML", $"project {x.Project}, scene {x.Scene}, take {x.Take}, tape {x.Tape}{(x.Circled == true ? ", circled" : string.Empty)}{(x.WildTrack == true ? ", wild track" : string.Empty)}");
            if (x.Note.Length > 0)
            {
                Row("note", x.Note);
            }

            var tracks = x.Tracks;
            if (tracks.Count > 0)
            {
                Row("tracks", string.Join(", ", tracks.Select(t => $"{t.InterleaveIndex}:{t.Name}")));
            }

            if (x.FamilyUid.Length > 0)
            {
                Row("family", x.FamilyUid);
            }

            foreach (var block in x.VendorBlocks)
            {
                Row("iXML block", block.Key);
            }
        }

        foreach (var kv in info.Info)
        {
            Row($"INFO {kv.Key}", kv.Value);
        }

        foreach (var c in info.Cues)
        {
            Row($"cue {c.Id}", $"@{c.SampleOffset} {c.Label}{(c.Note is null ? string.Empty : " — " + c.Note)}");
        }

        Row("chunks", string.Join(' ', info.Chunks.Select(c => $"{c.DisplayName.Trim()}({c.Size})")));
        foreach (var d in info.Diagnostics)
        {
            Row("warning", d);
        }

        console.Write(table);
    }

    private static JsonObject ToJson(WavInfo info)
    {
        var f = info.Format;
        var rate = WavTimecode.FrameRateOf(info);
        var start = WavTimecode.StartOf(info);
        var o = new JsonObject
        {
            ["file"] = info.InputName,
            ["container"] = info.Container.ToString().ToUpperInvariant(),
            ["encoding"] = f.Encoding.ToString(),
            ["sampleRateHz"] = f.SampleRateHz,
            ["bitsPerSample"] = f.BitsPerSample,
            ["channels"] = f.ChannelCount,
            ["layout"] = f.Layout.Name,
            ["speakers"] = new JsonArray([.. f.Layout.Speakers.Select(s => (JsonNode?)ChannelLayout.ShortName(s))]),
            ["channelMask"] = f.IsExtensible ? f.ChannelMask : null,
            ["frames"] = info.FrameCount,
            ["durationSeconds"] = Math.Round(info.DurationSeconds, 6),
            ["frameRate"] = rate?.ToString(),
            ["startTimecode"] = start?.ToString(),
            ["chunks"] = new JsonArray([.. info.Chunks.Select(c => (JsonNode?)new JsonObject
            {
                ["id"] = c.Id.ToString(),
                ["listType"] = c.ListType?.ToString(),
                ["offset"] = c.HeaderOffset,
                ["size"] = c.Size,
            })]),
            ["diagnostics"] = new JsonArray([.. info.Diagnostics.Select(d => (JsonNode?)d)]),
        };
        if (info.Bext is { } b)
        {
            o["bext"] = new JsonObject
            {
                ["description"] = b.Description,
                ["originator"] = b.Originator,
                ["originatorReference"] = b.OriginatorReference,
                ["originationDate"] = b.OriginationDate,
                ["originationTime"] = b.OriginationTime,
                ["timeReferenceSamples"] = b.TimeReferenceSamples,
                ["version"] = b.Version,
                ["umid"] = b.HasUmid ? Convert.ToHexString(b.Umid) : null,
                ["loudnessValueLufs"] = b.LoudnessValueLufs,
                ["loudnessRangeLu"] = b.LoudnessRangeLu,
                ["maxTruePeakDbtp"] = b.MaxTruePeakDbtp,
                ["maxMomentaryLufs"] = b.MaxMomentaryLufs,
                ["maxShortTermLufs"] = b.MaxShortTermLufs,
                ["codingHistory"] = b.CodingHistory,
            };
        }

        if (info.Ixml is { } x)
        {
            o["ixml"] = new JsonObject
            {
                ["version"] = x.Version,
                ["project"] = x.Project,
                ["scene"] = x.Scene,
                ["take"] = x.Take,
                ["tape"] = x.Tape,
                ["circled"] = x.Circled,
                ["wildTrack"] = x.WildTrack,
                ["note"] = x.Note,
                ["fileUid"] = x.FileUid,
                ["familyUid"] = x.FamilyUid,
                ["timecodeRate"] = x.TimecodeRate,
                ["timecodeFlag"] = x.TimecodeFlag,
                ["tracks"] = new JsonArray([.. x.Tracks.Select(t => (JsonNode?)new JsonObject
                {
                    ["channelIndex"] = t.ChannelIndex,
                    ["interleaveIndex"] = t.InterleaveIndex,
                    ["name"] = t.Name,
                })]),
                ["vendorBlocks"] = new JsonArray([.. x.VendorBlocks.Select(v => (JsonNode?)v.Key)]),
            };
        }

        if (info.Info.Count > 0)
        {
            var infoObj = new JsonObject();
            foreach (var kv in info.Info)
            {
                infoObj[kv.Key] = kv.Value;
            }

            o["info"] = infoObj;
        }

        if (info.Cues.Count > 0)
        {
            o["cues"] = new JsonArray([.. info.Cues.Select(c => (JsonNode?)new JsonObject
            {
                ["id"] = c.Id,
                ["sampleOffset"] = c.SampleOffset,
                ["label"] = c.Label,
                ["note"] = c.Note,
                ["rangeLengthSamples"] = c.RangeLengthSamples,
            })]);
        }

        return o;
    }

    internal static string FormatDuration(double seconds)
    {
        var ts = TimeSpan.FromSeconds(seconds);
        return ts.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)ts.TotalHours}:{ts.Minutes:00}:{ts.Seconds:00}.{ts.Milliseconds:000}")
            : string.Create(CultureInfo.InvariantCulture, $"{ts.Minutes}:{ts.Seconds:00}.{ts.Milliseconds:000}");
    }
}
