using System.Diagnostics;

namespace Perche.Fuzz.Writers;

/// <summary>Figures of one kill campaign.</summary>
/// <param name="Scenario">The scenario name.</param>
/// <param name="Iterations">Kill-and-check rounds run.</param>
/// <param name="KilledMidway">Rounds where the child was killed before it finished.</param>
/// <param name="Losses">Rounds that broke a promise (a partial file under a final name, a changed source, a failed rerun).</param>
/// <param name="Failures">What broke, one line per loss.</param>
/// <param name="FullRunSeconds">How long one uninterrupted run takes (the kill delays span it).</param>
public sealed record KillReport(string Scenario, int Iterations, int KilledMidway, int Losses, IReadOnlyList<string> Failures, double FullRunSeconds);

/// <summary>
/// Kills a write scenario's child process at random points and checks the promises of every writer: no file
/// under its final name unless it is complete and verified, sources byte-identical, and a rerun completes.
/// </summary>
public static class KillHarness
{
    /// <summary>Runs <paramref name="iterations"/> rounds; round i kills after a delay drawn from <c>new Random(seed + i)</c>.</summary>
    public static KillReport Run(WriteScenario scenario, int iterations, int seed, string? scratch = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        // A process kill (not a power cut) is what is tested, so memory-backed /dev/shm serves as well as a disk
        // and spares the shared machine's disk the flushes.
        scratch ??= Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var root = Path.Combine(scratch, $"perche-kill-{scenario.Name}-{Environment.ProcessId}-{seed}");
        Directory.CreateDirectory(root);
        var failures = new List<string>();
        var killedMidway = 0;
        double fullSeconds;
        try
        {
            // Calibrate: the random kill points span one whole uninterrupted run (after the child's start-up).
            var calibration = Path.Combine(root, "calibration");
            scenario.Prepare(calibration);
            var full = RunChild(scenario, calibration, killAfter: null);
            fullSeconds = full.Seconds;
            if (!full.Completed)
            {
                failures.Add($"an uninterrupted run failed: {full.Error}");
                return new KillReport(scenario.Name, 0, 0, 1, failures, full.Seconds);
            }

            Directory.Delete(calibration, recursive: true);
            for (var i = 0; i < iterations; i++)
            {
                var rng = new Random(seed + i);
                var delay = TimeSpan.FromSeconds(rng.NextDouble() * full.Seconds * 1.1);
                var work = Path.Combine(root, $"round-{i}");
                var before = Round(scenario, work, delay, failures, $"seed {seed + i} (kill after {delay.TotalMilliseconds:F0} ms)", ref killedMidway);
                if (before)
                {
                    Directory.Delete(work, recursive: true);
                }
            }
        }
        finally
        {
            if (failures.Count == 0)
            {
                TryDelete(root);
            }
        }

        return new KillReport(scenario.Name, iterations, killedMidway, failures.Count, failures, fullSeconds);
    }

    private static bool Round(WriteScenario scenario, string work, TimeSpan delay, List<string> failures, string label, ref int killedMidway)
    {
        scenario.Prepare(work);
        var sources = scenario.Sources(work).ToDictionary(s => s, WriteScenario.Hash);
        var killed = RunChild(scenario, work, delay);
        if (!killed.Completed)
        {
            killedMidway++;
        }

        var ok = true;
        void Fail(string what)
        {
            failures.Add($"{scenario.Name}, {label}: {what}");
            ok = false;
        }

        try
        {
            scenario.CheckAfterKill(work);
        }
        catch (KillTestFailure ex)
        {
            Fail($"after the kill: {ex.Message}");
        }

        foreach (var (path, hash) in sources)
        {
            if (!File.Exists(path) || WriteScenario.Hash(path) != hash)
            {
                Fail($"source {path} changed");
            }
        }

        // The rerun must complete over whatever the kill left behind (temporary files included).
        var rerun = RunChild(scenario, work, killAfter: null);
        if (!rerun.Completed)
        {
            Fail($"the rerun failed: {rerun.Error}");
        }
        else
        {
            foreach (var output in scenario.Outputs(work))
            {
                try
                {
                    if (!File.Exists(output))
                    {
                        throw new KillTestFailure($"{output} missing");
                    }

                    scenario.VerifyComplete(work, output);
                }
                catch (KillTestFailure ex)
                {
                    Fail($"after the rerun: {ex.Message}");
                }
            }
        }

        foreach (var (path, hash) in sources)
        {
            if (!File.Exists(path) || WriteScenario.Hash(path) != hash)
            {
                Fail($"source {path} changed by the rerun");
            }
        }

        return ok;
    }

    /// <summary>
    /// Runs the scenario once, uninterrupted, in a child process (as the kill rounds do): scenarios use it to build
    /// the reference output they compare a survivor against.
    /// </summary>
    public static void RunOnce(WriteScenario scenario, string work)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var result = RunChild(scenario, work, killAfter: null);
        if (!result.Completed)
        {
            throw new KillTestFailure($"{scenario.Name}: the reference run failed: {result.Error}");
        }
    }

    private sealed record ChildResult(bool Completed, double Seconds, string Error);

    private static ChildResult RunChild(WriteScenario scenario, string work, TimeSpan? killAfter)
    {
        var dll = typeof(KillHarness).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("write");
        psi.ArgumentList.Add(scenario.Name);
        psi.ArgumentList.Add(work);
        using var child = Process.Start(psi) ?? throw new InvalidOperationException("cannot start the child process");
        var stderr = child.StandardError.ReadToEndAsync();
        var first = child.StandardOutput.ReadLine();
        if (first != "started")
        {
            child.WaitForExit();
            return new ChildResult(false, 0, $"child did not start: {first} {stderr.Result}");
        }

        var watch = Stopwatch.StartNew();
        var rest = child.StandardOutput.ReadToEndAsync();
        if (killAfter is { } delay)
        {
            if (!child.WaitForExit(delay))
            {
                child.Kill(entireProcessTree: true);
                child.WaitForExit();
                return new ChildResult(false, watch.Elapsed.TotalSeconds, "killed");
            }
        }
        else if (!child.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            child.Kill(entireProcessTree: true);
            return new ChildResult(false, watch.Elapsed.TotalSeconds, "did not finish within 2 minutes");
        }

        child.WaitForExit();
        var seconds = watch.Elapsed.TotalSeconds;
        var completed = child.ExitCode == 0 && rest.Result.Contains("done", StringComparison.Ordinal);

        return new ChildResult(completed, seconds, completed ? string.Empty : $"exit {child.ExitCode}: {stderr.Result}");
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Scratch space only.
        }
    }
}
