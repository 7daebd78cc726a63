using Perche.Cli.Output;
using Spectre.Console;

namespace Perche.Cli.Verbs;

/// <summary>The post step of the demo: read the picture cut, conform the rushes to it, write the session.</summary>
internal static partial class DemoVerb
{
    /// <summary>Conforms samples/le-phare/edit/*.edl against the rushes into the gitignored samples/le-phare/out/post.</summary>
    private static int RunPost(CliContext ctx, string root)
    {
        var editFolder = Path.Combine(root, "edit");
        var edits = Directory.Exists(editFolder) ? Directory.GetFiles(editFolder, "*.edl").Order(StringComparer.Ordinal).ToArray() : [];
        if (edits.Length == 0)
        {
            return ExitCodes.Ok;
        }

        var code = ExitCodes.Ok;
        foreach (var edit in edits)
        {
            ctx.Console.Write(new Rule("Post: the picture cut").LeftJustified());
            code = Math.Max(code, TimelineVerb.Run(ctx, edit, json: false, rateText: null, tolerant: false));
            ctx.Console.Write(new Rule("Post: conform of the production sound to the cut").LeftJustified());
            var output = Path.Combine(root, "out", "post");
            code = Math.Max(code, ConformVerb.Run(ctx, edit, Path.Combine(root, "rushes"), "5s", output, rateText: null, tolerant: false, json: false, project: OpenDemoProject()));
        }

        // The next cut arrives: re-conform the session just stored in the project to it.
        var next = Path.Combine(root, "post", "LePhare_R1_picture_v4.edl");
        if (File.Exists(next))
        {
            ctx.Console.Write(new Rule("Post: re-conform to the next cut (v3 → v4): change list, session updated with stable clip IDs").LeftJustified());
            var request = new ReconformVerb.Request(edits[0], next, Session: null, Rushes: null, Handles: null, Path.Combine(root, "out", "post-reconform"), Rate: null, Tolerant: false, ChangeEdl: true, Json: false);
            code = Math.Max(code, ReconformVerb.Run(ctx, request, OpenDemoProject()));
        }

        // Cue lists of the current session, with the lines of the screenplay and the breakdown stored by pre-production.
        var cues = Path.Combine(root, "out", "post-cues");
        ctx.Console.Write(new Rule("Post: ADR cue list (dialogue QC over the conformed samples, breakdown ADR risks, lines from the screenplay)").LeftJustified());
        code = Math.Max(code, CuesVerb.Run(ctx, new CuesVerb.Request("adr", Session: null, Script: null, cues, NoAudio: false, Json: false), OpenDemoProject()));
        ctx.Console.Write(new Rule("Post: Foley cue list (per scene in the cut: footsteps and cloth per character, props)").LeftJustified());
        code = Math.Max(code, CuesVerb.Run(ctx, new CuesVerb.Request("foley", Session: null, Script: null, cues, NoAudio: false, Json: false), OpenDemoProject()));

        return code;
    }
}
