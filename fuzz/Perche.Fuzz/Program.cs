using System.Globalization;
using Perche.Fuzz;
using Perche.Fuzz.Writers;
using SharpFuzz;

// perche-fuzz: the reliability harness. `fuzz/README.md` tells how to run a campaign.
if (args.Length == 0)
{
    return Usage();
}

switch (args[0])
{
    case "list":
        foreach (var t in FuzzTargets.All)
        {
            Console.WriteLine($"{t.Name,-14} [{string.Join(',', t.Assemblies)}] {t.Description}");
        }

        return 0;

    case "scenarios":
        foreach (var s in WriteScenarios.All)
        {
            Console.WriteLine($"{s.Name,-24} {s.Description}");
        }

        return 0;

    case "assemblies" when args.Length == 2:
        // The assemblies to instrument for a target, one per line (used by fuzz/run.sh).
        foreach (var a in FindTarget(args[1])?.Assemblies ?? [])
        {
            Console.WriteLine(a);
        }

        return 0;

    case "afl" when args.Length == 2:
    {
        var target = FindTarget(args[1]);
        if (target is null)
        {
            return 2;
        }

        // Out of process: a stack overflow in a reader kills the child, which AFL++ still sees as a crash.
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            try
            {
                target.Run(copy.ToArray());
            }
            catch (Exception ex) when (target.IsClearError(ex))
            {
                // The clear error is the right answer to bad input.
            }
        });
        return 0;
    }

    case "replay" when args.Length >= 3:
        return ReplayCommand.Run(args[1], args[2..]);

    case "project-seed" when args.Length == 2:
        Perche.Fuzz.Targets.ProjectImportTarget.WriteSeed(args[1]);
        return 0;

    case "seeds" when args.Length >= 3:
        return SeedMaker.Run(args[1], args[2..]);

    case "write" when args.Length == 3:
        return WriteScenarios.RunChild(args[1], args[2]);

    case "kill" when args.Length is 3 or 4:
    {
        // A kill campaign: `perche-fuzz kill SCENARIO ITERATIONS [SEED]`.
        var scenario = WriteScenarios.Find(args[1]);
        if (scenario is null)
        {
            Console.Error.WriteLine($"no write scenario '{args[1]}'; known: {string.Join(", ", WriteScenarios.All.Select(s => s.Name))}");
            return 2;
        }

        var report = KillHarness.Run(scenario, int.Parse(args[2], CultureInfo.InvariantCulture), args.Length == 4 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1);
        foreach (var f in report.Failures)
        {
            Console.WriteLine(f);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.Scenario}: {report.Iterations} kills ({report.KilledMidway} mid-way, full run {report.FullRunSeconds:F2} s), {report.Losses} losses"));
        return report.Losses == 0 ? 0 : 1;
    }

    default:
        return Usage();
}

static FuzzTarget? FindTarget(string name)
{
    var target = FuzzTargets.Find(name);
    if (target is null)
    {
        Console.Error.WriteLine($"no fuzz target '{name}'; `perche-fuzz list` shows them");
    }

    return target;
}

static int Usage()
{
    Console.Error.WriteLine(string.Join(
        Environment.NewLine,
        "usage: perche-fuzz list",
        "       perche-fuzz afl TARGET                 (under afl-fuzz, input on stdin; see fuzz/run.sh)",
        "       perche-fuzz replay TARGET FILE|DIR...  (runs inputs uninstrumented; exit 1 if any crashes or hangs)",
        "       perche-fuzz seeds OUTDIR DIR...         (rebuilds fuzz/seeds from the WAVE files under DIR...)",
        "       perche-fuzz write SCENARIO WORKDIR     (a write scenario, as the kill tests run it)",
        "       perche-fuzz kill SCENARIO N [SEED]     (kills SCENARIO at N random points; exit 1 on any loss)"));
    return 2;
}

/// <summary>The `replay` command.</summary>
internal static class ReplayCommand
{
    public static int Run(string targetName, string[] paths)
    {
        var target = FuzzTargets.Find(targetName);
        if (target is null)
        {
            Console.Error.WriteLine($"no fuzz target '{targetName}'");
            return 2;
        }

        var bad = 0;
        var count = 0;
        foreach (var path in paths)
        {
            var files = Directory.Exists(path) ? Directory.GetFiles(path).Order(StringComparer.Ordinal).ToArray() : [path];
            foreach (var file in files)
            {
                if (Path.GetFileName(file) is "README.txt" or ".gitkeep")
                {
                    continue;
                }

                count++;
                var result = Replay.Run(target, File.ReadAllBytes(file));
                var line = string.Create(CultureInfo.InvariantCulture, $"{result.Outcome,-10} {result.ElapsedSeconds,7:F3} s {result.AllocatedBytes,12} B  {file}");
                Console.WriteLine(line);
                if (!result.IsAcceptable)
                {
                    bad++;
                    Console.WriteLine("    " + result.Detail.Replace("\n", "\n    ", StringComparison.Ordinal));
                }
            }
        }

        Console.WriteLine($"{count} inputs, {bad} crashes or hangs");
        return bad == 0 ? 0 : 1;
    }
}
