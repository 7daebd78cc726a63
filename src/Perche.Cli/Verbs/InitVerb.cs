using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Perche.Cli.Output;
using Perche.Cli.Project;
using Perche.Core;
using Perche.Core.Time;
using Perche.Project;

namespace Perche.Cli.Verbs;

/// <summary>`perche init NAME`: creates the project folder NAME.perche with its store and phase folders.</summary>
internal static class InitVerb
{
    public static Command Build(Func<CliContext> context)
    {
        var name = new Argument<string>("name") { Description = "The project name (or a path ending with it); creates NAME.perche" };
        var title = new Option<string?>("--title") { Description = "The production's title (default: NAME)" };
        var company = new Option<string?>("--company") { Description = "The production company" };
        var fps = new Option<string>("--fps") { Description = "Picture frame rate: 23.976, 24, 25, 29.97DF, 24000/1001...", DefaultValueFactory = _ => "25" };
        var timecodeRate = new Option<string?>("--timecode-rate") { Description = "Timecode rate (default: the frame rate)" };
        var sampleRate = new Option<int>("--sample-rate") { Description = "Sample rate in Hz", DefaultValueFactory = _ => 48000 };
        var bitDepth = new Option<int>("--bit-depth") { Description = "Bit depth: 16, 24 or 32 (float)", DefaultValueFactory = _ => 24 };
        var lang = new Option<string[]>("--lang") { Description = "Language codes, original first (--lang fr --lang en, or fr,en)", AllowMultipleArgumentsPerToken = true };
        var store = new Option<string?>("--store") { Description = "Keep the project on a PostgreSQL server: postgres://user:password@host:port/database[?schema=name] (default: PERCHE_STORE; schema: the project name)" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("init", "Create a project: NAME.perche with its database and one folder per phase")
        {
            name, title, company, fps, timecodeRate, sampleRate, bitDepth, lang, store, json,
        };
        command.SetAction(parse => Run(
            context(),
            parse.GetValue(name)!,
            new InitOptions(
                parse.GetValue(title),
                parse.GetValue(company),
                parse.GetValue(fps)!,
                parse.GetValue(timecodeRate),
                parse.GetValue(sampleRate),
                parse.GetValue(bitDepth),
                parse.GetValue(lang) ?? [],
                CliProject.NewProjectStore(parse.GetValue(store))),
            parse.GetValue(json)));
        return command;
    }

    public static int Run(CliContext ctx, string name, InitOptions options, bool json)
    {
        ProjectSettings settings;
        try
        {
            var frameRate = FrameRate.Parse(options.FrameRate);
            settings = new ProjectSettings
            {
                Title = options.Title ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(name)).Replace(ProjectFolder.Extension, string.Empty, StringComparison.OrdinalIgnoreCase),
                Company = options.Company ?? string.Empty,
                FrameRate = frameRate,
                TimecodeRate = options.TimecodeRate is null ? frameRate : FrameRate.Parse(options.TimecodeRate),
                SampleRateHz = options.SampleRateHz,
                BitDepth = options.BitDepth,
            };
        }
        catch (PercheFormatException ex)
        {
            ctx.ReportError(ex.Message);
            return ExitCodes.BadInput;
        }

        foreach (var item in options.Languages)
        {
            foreach (var code in item.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                settings.Languages.Add(code);
            }
        }

        var full = Path.GetFullPath(name);
        var project = ProjectFolder.Create(Path.GetDirectoryName(full)!, Path.GetFileName(full), settings, options.Store, CliProject.Modules);
        if (json)
        {
            ctx.WriteJson(new JsonObject
            {
                ["project"] = project.Root,
                ["store"] = project.Location.ToString(),
                ["provider"] = project.Location.Provider.ToString(),
                ["folders"] = new JsonArray([.. ProjectFolder.PhaseFolders.Select(f => (JsonNode?)Path.Combine(project.Root, f))]),
            });
        }
        else
        {
            ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Created project {project.Root}"));
            ctx.Out.WriteLine($"  store: {project.Location.Provider} {project.Location}");
            ctx.Out.WriteLine($"  folders: {string.Join(", ", ProjectFolder.PhaseFolders)}");
            ctx.Out.WriteLine($"Run 'perche status' inside it (or with --project {project.Root}) to see it.");
        }

        return ExitCodes.Ok;
    }

    /// <summary>The values `perche init` takes besides the name.</summary>
    internal sealed record InitOptions(
        string? Title,
        string? Company,
        string FrameRate,
        string? TimecodeRate,
        int SampleRateHz,
        int BitDepth,
        IReadOnlyList<string> Languages,
        string? Store);
}
