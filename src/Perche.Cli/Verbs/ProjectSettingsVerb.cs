using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Perche.Cli.Output;
using Perche.Cli.Project;
using Perche.Core;
using Perche.Core.Time;
using Perche.Project;
using Spectre.Console;

namespace Perche.Cli.Verbs;

/// <summary>
/// `perche project settings|crew|profiles`: read and change the project-level settings every phase uses:
/// title, company, rates, bit depth, languages; the crew; the delivery profiles.
/// </summary>
internal static class ProjectSettingsVerb
{
    public static IEnumerable<Command> Build(Func<CliContext> context)
    {
        yield return BuildSettings(context);
        yield return BuildCrew(context);
        yield return BuildProfiles(context);
    }

    /// <summary>The changes `project settings` applies; null fields stay as they are.</summary>
    internal sealed record SettingsChange(string? Title, string? Company, string? FrameRate, string? TimecodeRate, int? SampleRateHz, int? BitDepth, string[]? Languages);

    public static int Settings(CliContext ctx, ProjectFolder project, SettingsChange change, bool json)
    {
        using var store = CliProject.Open(project);
        var settings = store.Read(ProjectSettings.Load) ?? throw new ProjectStoreException(StoreErrorKind.Corrupt, $"{project.Root}: the project has no settings row");
        var changed = change.Title is not null || change.Company is not null || change.FrameRate is not null || change.TimecodeRate is not null
            || change.SampleRateHz is not null || change.BitDepth is not null || change.Languages is not null;
        if (changed)
        {
            try
            {
                settings.Title = change.Title ?? settings.Title;
                settings.Company = change.Company ?? settings.Company;
                settings.FrameRate = change.FrameRate is null ? settings.FrameRate : FrameRate.Parse(change.FrameRate);
                settings.TimecodeRate = change.TimecodeRate is null ? settings.TimecodeRate : FrameRate.Parse(change.TimecodeRate);
            }
            catch (PercheFormatException ex)
            {
                ctx.ReportError(ex.Message);
                return ExitCodes.BadInput;
            }

            settings.SampleRateHz = change.SampleRateHz ?? settings.SampleRateHz;
            settings.BitDepth = change.BitDepth ?? settings.BitDepth;
            if (change.Languages is not null)
            {
                settings.Languages.Clear();
                foreach (var code in change.Languages.SelectMany(l => l.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
                {
                    settings.Languages.Add(code);
                }
            }

            if (settings.Validate() is { } problem)
            {
                ctx.ReportError($"{project.Root}: {problem}");
                return ExitCodes.BadInput;
            }

            store.Write(settings.Save);
        }

        if (json)
        {
            ctx.WriteJson(new JsonObject
            {
                ["title"] = settings.Title,
                ["company"] = settings.Company,
                ["frameRate"] = ProjectSettings.FormatRate(settings.FrameRate),
                ["timecodeRate"] = ProjectSettings.FormatRate(settings.TimecodeRate),
                ["sampleRateHz"] = settings.SampleRateHz,
                ["bitDepth"] = settings.BitDepth,
                ["languages"] = new JsonArray([.. settings.Languages.Select(l => (JsonNode?)l)]),
            });
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("setting").AddColumn("value");
        table.Title = new TableTitle(changed ? "Settings (updated)" : "Settings");
        void Row(string k, string v) => table.AddRow(Markup.Escape(k), Markup.Escape(v));
        Row("title", settings.Title);
        Row("company", settings.Company);
        Row("frame rate", settings.FrameRate.ToString());
        Row("timecode rate", settings.TimecodeRate.ToString());
        Row("sample rate", string.Create(CultureInfo.InvariantCulture, $"{settings.SampleRateHz} Hz"));
        Row("bit depth", settings.BitDepth == 32 ? "32 (float)" : settings.BitDepth.ToString(CultureInfo.InvariantCulture));
        Row("languages", string.Join(", ", settings.Languages));
        ctx.Console.Write(table);
        return ExitCodes.Ok;
    }

    public static int Crew(CliContext ctx, ProjectFolder project, CrewMember? add, bool json)
    {
        using var store = CliProject.Open(project);
        if (add is not null)
        {
            store.Write(tx => add.Add(tx));
        }

        var crew = store.Read(CrewMember.LoadAll);
        if (json)
        {
            ctx.WriteJson(new JsonArray([.. crew.Select(c => (JsonNode?)new JsonObject { ["id"] = c.Id, ["name"] = c.Name, ["role"] = c.Role, ["email"] = c.Email, ["phone"] = c.Phone, ["notes"] = c.Notes })]));
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn("name").AddColumn("role").AddColumn("e-mail").AddColumn("phone");
        table.Title = new TableTitle("Crew");
        foreach (var c in crew)
        {
            table.AddRow(Markup.Escape(c.Name), Markup.Escape(c.Role), Markup.Escape(c.Email), Markup.Escape(c.Phone));
        }

        ctx.Console.Write(table);
        return ExitCodes.Ok;
    }

    public static int Profiles(CliContext ctx, ProjectFolder project, DeliveryProfile? add, bool json)
    {
        using var store = CliProject.Open(project);
        if (add is not null)
        {
            store.Write(tx => add.Save(tx));
        }

        var profiles = store.Read(DeliveryProfile.LoadAll);
        if (json)
        {
            ctx.WriteJson(new JsonArray([.. profiles.Select(p => (JsonNode?)new JsonObject
            {
                ["id"] = p.Id,
                ["name"] = p.Name,
                ["medium"] = p.Medium,
                ["integratedLufs"] = p.IntegratedLufs,
                ["integratedToleranceLu"] = p.IntegratedToleranceLu,
                ["maxTruePeakDbtp"] = p.MaxTruePeakDbtp,
                ["maxLoudnessRangeLu"] = p.MaxLoudnessRangeLu,
                ["maxShortTermLufs"] = p.MaxShortTermLufs,
                ["sampleRateHz"] = p.SampleRateHz,
                ["bitDepth"] = p.BitDepth,
                ["channelLayout"] = p.ChannelLayout,
                ["notes"] = p.Notes,
            })]));
            return ExitCodes.Ok;
        }

        static string F(double? v, string unit) => v is { } x ? string.Create(CultureInfo.InvariantCulture, $"{x:0.0#} {unit}") : "-";
        var table = new Table().Border(TableBorder.Rounded).AddColumn("name").AddColumn("medium").AddColumn("integrated").AddColumn("true peak").AddColumn("LRA max").AddColumn("format");
        table.Title = new TableTitle("Delivery profiles");
        foreach (var p in profiles)
        {
            var integrated = p.IntegratedLufs is null ? "-" : F(p.IntegratedLufs, "LUFS") + (p.IntegratedToleranceLu is { } tol ? string.Create(CultureInfo.InvariantCulture, $" ±{tol:0.0#}") : string.Empty);
            var format = string.Join(", ", new[] { p.SampleRateHz?.ToString(CultureInfo.InvariantCulture) + (p.SampleRateHz is null ? string.Empty : " Hz"), p.BitDepth?.ToString(CultureInfo.InvariantCulture) + (p.BitDepth is null ? string.Empty : "-bit"), p.ChannelLayout }.Where(x => !string.IsNullOrEmpty(x)));
            table.AddRow(Markup.Escape(p.Name), Markup.Escape(p.Medium), Markup.Escape(integrated), Markup.Escape(F(p.MaxTruePeakDbtp, "dBTP")), Markup.Escape(F(p.MaxLoudnessRangeLu, "LU")), Markup.Escape(format));
        }

        ctx.Console.Write(table);
        return ExitCodes.Ok;
    }

    private static Command BuildSettings(Func<CliContext> context)
    {
        var title = new Option<string?>("--title") { Description = "The production's title" };
        var company = new Option<string?>("--company") { Description = "The production company" };
        var fps = new Option<string?>("--fps") { Description = "Picture frame rate (23.976, 24, 25, 29.97DF...)" };
        var timecodeRate = new Option<string?>("--timecode-rate") { Description = "Timecode rate" };
        var sampleRate = new Option<int?>("--sample-rate") { Description = "Sample rate in Hz" };
        var bitDepth = new Option<int?>("--bit-depth") { Description = "Bit depth: 16, 24 or 32 (float)" };
        var lang = new Option<string[]?>("--lang") { Description = "Language codes, original first (replaces the list)", AllowMultipleArgumentsPerToken = true };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("settings", "Show the project's settings, or change those given") { title, company, fps, timecodeRate, sampleRate, bitDepth, lang, json };
        command.SetAction(parse => Settings(
            context(),
            CliProject.Require(parse),
            new SettingsChange(parse.GetValue(title), parse.GetValue(company), parse.GetValue(fps), parse.GetValue(timecodeRate), parse.GetValue(sampleRate), parse.GetValue(bitDepth), parse.GetValue(lang)),
            parse.GetValue(json)));
        return command;
    }

    private static Command BuildCrew(Func<CliContext> context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var list = new Command("crew", "List the crew, or add a member with 'crew add'") { json };
        list.SetAction(parse => Crew(context(), CliProject.Require(parse), null, parse.GetValue(json)));

        var name = new Argument<string>("name") { Description = "Full name" };
        var role = new Option<string>("--role") { Description = "Role: production sound mixer, boom operator, sound editor...", Required = true };
        var email = new Option<string?>("--email") { Description = "E-mail address" };
        var phone = new Option<string?>("--phone") { Description = "Phone number" };
        var addJson = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var add = new Command("add", "Add a crew member") { name, role, email, phone, addJson };
        add.SetAction(parse => Crew(
            context(),
            CliProject.Require(parse),
            new CrewMember { Name = parse.GetValue(name)!, Role = parse.GetValue(role)!, Email = parse.GetValue(email) ?? string.Empty, Phone = parse.GetValue(phone) ?? string.Empty },
            parse.GetValue(addJson)));
        list.Add(add);
        return list;
    }

    private static Command BuildProfiles(Func<CliContext> context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var list = new Command("profiles", "List the delivery profiles, or add one with 'profiles add'") { json };
        list.SetAction(parse => Profiles(context(), CliProject.Require(parse), null, parse.GetValue(json)));

        var name = new Argument<string?>("name") { Description = "The profile's name (omit with --preset)", Arity = ArgumentArity.ZeroOrOne };
        var preset = new Option<string?>("--preset") { Description = "A standard profile: ebu-r128" };
        var medium = new Option<string?>("--medium") { Description = "cinema, broadcast, streaming, web, podcast, games" };
        var integrated = new Option<double?>("--integrated") { Description = "Target integrated loudness (LUFS)" };
        var tolerance = new Option<double?>("--tolerance") { Description = "Allowed deviation from the target (LU)" };
        var truePeak = new Option<double?>("--true-peak") { Description = "Maximum true peak (dBTP)" };
        var lra = new Option<double?>("--max-lra") { Description = "Maximum loudness range (LU)" };
        var addJson = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var add = new Command("add", "Add (or replace, by name) a delivery profile") { name, preset, medium, integrated, tolerance, truePeak, lra, addJson };
        add.SetAction(parse =>
        {
            var ctx = context();
            DeliveryProfile profile;
            if (parse.GetValue(preset) is { } p)
            {
                if (!string.Equals(p, "ebu-r128", StringComparison.OrdinalIgnoreCase))
                {
                    ctx.ReportError($"unknown preset '{p}' (known: ebu-r128)");
                    return ExitCodes.BadInput;
                }

                profile = DeliveryProfile.EbuR128;
            }
            else if (parse.GetValue(name) is { Length: > 0 } n && parse.GetValue(medium) is { Length: > 0 } m)
            {
                profile = new DeliveryProfile
                {
                    Name = n,
                    Medium = m,
                    IntegratedLufs = parse.GetValue(integrated),
                    IntegratedToleranceLu = parse.GetValue(tolerance),
                    MaxTruePeakDbtp = parse.GetValue(truePeak),
                    MaxLoudnessRangeLu = parse.GetValue(lra),
                };
            }
            else
            {
                ctx.ReportError("give --preset, or a NAME and --medium");
                return ExitCodes.BadInput;
            }

            return Profiles(ctx, CliProject.Require(parse), profile, parse.GetValue(addJson));
        });
        list.Add(add);
        return list;
    }
}
