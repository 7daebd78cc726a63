using System.CommandLine;
using System.Text.Json.Nodes;
using Perche.Cli.Output;
using Perche.Core;
using Perche.Delivery.Profiles;
using Perche.Delivery.Reports;
using Spectre.Console;

namespace Perche.Cli.Verbs;

/// <summary>`perche profiles [ID]`: the delivery profiles (shipped and user's), or every field of one with its source.</summary>
internal static class ProfilesVerb
{
    public static Command Build(Func<CliContext> context)
    {
        var id = new Argument<string?>("profile") { Description = "Show every field of this profile (id or .json path) with its source", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables" };
        var command = new Command("profiles", "List the delivery profiles (targets per medium), or show one with the source of every value") { id, json };
        command.SetAction(parse => Run(context(), parse.GetValue(id), parse.GetValue(json)));
        return command;
    }

    public static int Run(CliContext ctx, string? id, bool json)
    {
        ProfileCatalog catalog;
        try
        {
            catalog = ProfileCatalog.Load();
            if (id is not null)
            {
                return Show(ctx, catalog.Get(id), json);
            }
        }
        catch (PercheFormatException ex)
        {
            ctx.ReportError(ex.Message);
            return ExitCodes.BadInput;
        }

        if (json)
        {
            ctx.WriteJson(new JsonObject
            {
                ["userFolder"] = catalog.UserFolder,
                ["profiles"] = new JsonArray([.. catalog.All.Select(p => (JsonNode?)new JsonObject
                {
                    ["id"] = p.Id,
                    ["name"] = p.Name,
                    ["medium"] = p.Medium,
                    ["method"] = p.Method.Value.ToString(),
                    ["targetLevel"] = p.TargetLevel.Value,
                    ["unit"] = p.LevelUnit,
                    ["tolerance"] = p.Tolerance?.Value,
                    ["targetIsMaximum"] = p.TargetIsMaximum?.Value ?? false,
                    ["maxTruePeakDbtp"] = p.MaxTruePeakDbtp?.Value,
                    ["origin"] = p.Origin,
                })]),
            });
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn("profile").AddColumn("medium").AddColumn("target").AddColumn("max TP").AddColumn("method").AddColumn("name");
        foreach (var p in catalog.All)
        {
            var target = p.TargetIsMaximum?.Value == true ? $"<= {p.TargetLevel.Value:0.#} {p.LevelUnit}" : $"{p.TargetLevel.Value:0.#} +- {p.Tolerance?.Value:0.#} {p.LevelUnit}";
            table.AddRow(Markup.Escape(p.Id), Markup.Escape(p.Medium), Markup.Escape(target), p.MaxTruePeakDbtp is { } tp ? $"{tp.Value:0.#} dBTP" : "-", Markup.Escape(p.Method.Value.ToString()), Markup.Escape(p.Name));
        }

        ctx.Console.Write(table);
        ctx.Console.MarkupLine($"[grey]User profiles: {Markup.Escape(catalog.UserFolder ?? ProfileCatalog.DefaultUserFolder() ?? "(none)")} (PERCHE_PROFILES overrides). Show one: perche profiles ID[/]");
        return ExitCodes.Ok;
    }

    private static int Show(CliContext ctx, DeliveryProfile p, bool json)
    {
        var fields = Fields(p).ToList();
        if (json)
        {
            ctx.WriteJson(new JsonObject
            {
                ["id"] = p.Id,
                ["name"] = p.Name,
                ["medium"] = p.Medium,
                ["description"] = p.Description,
                ["origin"] = p.Origin,
                ["fields"] = new JsonObject(fields.Select(f => new KeyValuePair<string, JsonNode?>(f.Name, new JsonObject
                {
                    ["value"] = f.Value,
                    ["source"] = f.Source,
                    ["confirmed"] = f.Confirmed,
                }))),
            });
            return ExitCodes.Ok;
        }

        ctx.Console.MarkupLine($"[bold]{Markup.Escape(p.Name)}[/] ({Markup.Escape(p.Id)}, {Markup.Escape(p.Medium)})");
        ctx.Console.MarkupLine(Markup.Escape(p.Description));
        var table = new Table().Border(TableBorder.Rounded).AddColumn("field").AddColumn("value").AddColumn("confirmed").AddColumn("source");
        foreach (var f in fields)
        {
            table.AddRow(Markup.Escape(f.Name), Markup.Escape(f.Value), f.Confirmed ? "yes" : "[yellow]no[/]", Markup.Escape(f.Source));
        }

        ctx.Console.Write(table);
        return ExitCodes.Ok;
    }

    private static IEnumerable<(string Name, string Value, string Source, bool Confirmed)> Fields(DeliveryProfile p)
    {
        static string V(object? v) => v switch
        {
            null => string.Empty,
            double d => d.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            System.Collections.IEnumerable e and not string => string.Join(", ", e.Cast<object>()),
            _ => v.ToString() ?? string.Empty,
        };

        IEnumerable<(string, object?, string, bool)?> all =
        [
            F("method", p.Method), F("bs1770Revision", p.Bs1770Revision), F("targetLevel", p.TargetLevel), F("tolerance", p.Tolerance),
            F("targetIsMaximum", p.TargetIsMaximum), F("speechThresholdPercent", p.SpeechThresholdPercent), F("fallbackTargetLevel", p.FallbackTargetLevel),
            F("fallbackTolerance", p.FallbackTolerance), F("maxTruePeakDbtp", p.MaxTruePeakDbtp), F("maxSamplePeakDbfs", p.MaxSamplePeakDbfs),
            F("minLoudnessRangeLu", p.MinLoudnessRangeLu), F("maxLoudnessRangeLu", p.MaxLoudnessRangeLu), F("maxShortTermLufs", p.MaxShortTermLufs),
            F("maxMomentaryLufs", p.MaxMomentaryLufs), F("layouts", p.Layouts), F("channelOrder", p.ChannelOrder), F("sampleRatesHz", p.SampleRatesHz),
            F("deliverSampleRateHz", p.DeliverSampleRateHz), F("bitDepths", p.BitDepths), F("deliverBitDepth", p.DeliverBitDepth), F("outputs", p.Outputs),
            F("deliverPcm", p.DeliverPcm), F("naming", p.Naming), F("stems", p.Stems), F("downmixes", p.Downmixes),
        ];
        foreach (var f in all)
        {
            if (f is { } x)
            {
                yield return (x.Item1, V(x.Item2), x.Item3, x.Item4);
            }
        }
    }

    private static (string, object?, string, bool)? F<T>(string name, ProfileField<T>? field) =>
        field is null ? null : (name, field.Value, field.Source, field.Confirmed);
}
