using System.CommandLine;
using Perche.Cli.Output;
using Spectre.Console;

namespace Perche.Cli.Verbs;

/// <summary>
/// `perche demo`: runs the main job on the bundled demo production (samples/le-phare): describes the rushes
/// and measures the mix. Later phases extend it until it walks the production from script to delivery.
/// </summary>
internal static partial class DemoVerb
{
    public static Command Build(Func<CliContext> context)
    {
        var folder = new Argument<string?>("folder") { Description = "The demo production folder (default: samples/le-phare)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("demo", "Run Perche on the bundled demo production") { folder };
        command.SetAction(parse => Run(context(), parse.GetValue(folder)));
        return command;
    }

    public static int Run(CliContext ctx, string? folder)
    {
        var root = folder ?? FindDemo();
        if (root is null || !Directory.Exists(root))
        {
            ctx.ReportError($"demo production not found ({folder ?? "samples/le-phare"}); run from the repository or pass its folder");
            return ExitCodes.BadInput;
        }

        var rushes = Directory.GetFiles(Path.Combine(root, "rushes"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".wav", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToArray();
        var mix = Directory.GetFiles(Path.Combine(root, "mix"), "*.wav").Order(StringComparer.Ordinal).ToArray();

        ctx.Console.Write(new Rule("[bold]Le Phare[/] — demo production").LeftJustified());
        ctx.Console.MarkupLine($"[grey]{Markup.Escape(Path.GetFullPath(root))}[/]");
        ctx.Console.WriteLine();
        // The production in order: script, shoot, post, delivery; then the project every step stored into.
        var code = RunPreproduction(ctx, root);
        ctx.Console.Write(new Rule("Shoot: the recorder files of sound roll SR001").LeftJustified());
        code = Math.Max(code, InfoVerb.Run(ctx, rushes, json: false));
        ctx.Console.Write(new Rule("Shoot: loudness and peaks of the takes").LeftJustified());
        code = Math.Max(code, LoudnessVerb.Run(ctx, rushes, json: false, plotPath: null));
        code = Math.Max(code, RunShoot(ctx, root));
        code = Math.Max(code, RunPost(ctx, root));
        ctx.Console.Write(new Rule("Delivery: the mix reel, 5.1 and stereo").LeftJustified());
        code = Math.Max(code, LoudnessVerb.Run(ctx, mix, json: false, plotPath: null));
        code = Math.Max(code, RunDelivery(ctx, root));
        code = Math.Max(code, RunProject(ctx));
        return code;
    }

    private static string? FindDemo()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "samples", "le-phare");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
