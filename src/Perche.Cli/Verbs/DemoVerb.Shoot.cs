using Perche.Cli.Output;
using Perche.Production.Report;
using Spectre.Console;

namespace Perche.Cli.Verbs;

/// <summary>The shoot step of the demo: sound report of the rushes, verified backup of the roll to two drives.</summary>
internal static partial class DemoVerb
{
    private static int RunShoot(CliContext ctx, string root)
    {
        var rushes = Path.Combine(root, "rushes");
        var output = Path.Combine(root, "shoot-out");

        // A fresh backup each run, so the demo always shows a first-generation ASC MHL history.
        foreach (var drive in new[] { "backup-A", "backup-B" })
        {
            var d = Path.Combine(output, drive);
            if (Directory.Exists(d))
            {
                Directory.Delete(d, recursive: true);
            }
        }

        ctx.Console.Write(new Rule("Shoot: the sound report of roll SR001 (rapport son)").LeftJustified());
        var options = new ReportCliOptions(new ReportOptions { SoundMixer = "Jeanne Marchal", BoomOperator = "Paul Vidal", ToneReference = "1 kHz -18 dBFS" }, OpenDemoProject());
        var code = ReportVerb.Run(ctx, rushes, Path.Combine(output, "report"), "pdf,csv,html,ale", "fr", json: false, qc: true, options);
        ctx.Console.Write(new Rule("Shoot: offload of SR001 to two drives, verified, with ASC MHL").LeftJustified());
        var roll = Path.Combine(rushes, "SR001");
        string[] drives = [Path.Combine(output, "backup-A"), Path.Combine(output, "backup-B")];
        code = Math.Max(code, OffloadVerb.Run(ctx, roll, drives, "xxh64,md5", json: false, reportDir: Path.Combine(output, "report"), verifyFromMedia: true, project: OpenDemoProject()));
        ctx.Console.Write(new Rule("Shoot: verification of each backup against its ASC MHL history").LeftJustified());
        foreach (var drive in drives)
        {
            code = Math.Max(code, VerifyVerb.Run(ctx, Path.Combine(drive, "SR001"), seal: false, hash: "xxh64", json: false));
        }

        ctx.Console.MarkupLine(Markup.Escape($"shoot outputs in {output}"));
        return code;
    }
}
