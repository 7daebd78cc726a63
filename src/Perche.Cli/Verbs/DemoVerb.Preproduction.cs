using Perche.Cli.Output;
using Perche.Preproduction.Breakdown;
using Perche.Preproduction.Formats;
using Perche.Preproduction.Plan;
using Spectre.Console;

namespace Perche.Cli.Verbs;

/// <summary>The pre-production step of the demo: the breakdown and the plan of the screenplay of *Le Phare*.</summary>
internal static partial class DemoVerb
{
    private static int RunPreproduction(CliContext ctx, string root)
    {
        var script = Path.Combine(root, "script", "LePhare.fountain");
        if (!File.Exists(script))
        {
            ctx.ReportError($"demo screenplay not found: {script}");
            return ExitCodes.BadInput;
        }

        ctx.Console.Write(new Rule("Pre-production: sound breakdown of the screenplay (scenes 1 and 2 are the rushes of SR001)").LeftJustified());
        var breakdown = BreakdownEngine.Run(ScreenplayReader.Read(script));
        PreproductionVerbs.WriteBreakdownTables(ctx, breakdown);
        ctx.Console.Write(new Rule("Pre-production: crew, gear, days, budget and workflow (3 shooting days, 25 fps)").LeftJustified());
        var plan = ProductionPlan.Build(breakdown, new PlanOptions { ShootingDays = 3 });
        PreproductionVerbs.WritePlanTables(ctx, plan);
        return ExitCodes.Ok;
    }
}
