using Perche.Cli.Output;
using Spectre.Console;

namespace Perche.Cli.Verbs;

/// <summary>The delivery step of the demo: the mix reel delivered to broadcast, streaming and podcast.</summary>
internal static partial class DemoVerb
{
    private static int RunDelivery(CliContext ctx, string root)
    {
        var mix = Path.Combine(root, "mix");
        var surround = Path.Combine(mix, "LePhare_R1_51.wav");
        var stereo = Path.Combine(mix, "LePhare_R1_20.wav");
        if (!File.Exists(surround) || !File.Exists(stereo))
        {
            ctx.ReportError($"demo mix not found in {mix}");
            return ExitCodes.BadInput;
        }

        // Outputs go beside the production in a gitignored folder; each delivery is recorded in the demo project.
        var output = Path.Combine(root, "delivery-out");
        var code = ExitCodes.Ok;
        foreach (var (file, profile) in new[] { (surround, "ebu-r128"), (stereo, "youtube"), (stereo, "apple-podcasts") })
        {
            ctx.Console.Write(new Rule($"Delivery: {Markup.Escape(Path.GetFileName(file))} to {Markup.Escape(profile)}").LeftJustified());
            code = Math.Max(code, DeliverVerb.Run(ctx, file, profile, Path.Combine(output, profile), title: "LePhare_R1", language: "en", encode: true, reports: true, json: false, project: OpenDemoProject()));
        }

        return code;
    }
}
