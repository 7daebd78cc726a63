using System.Diagnostics;
using Perche.Project.Tests.Support;
using Xunit.Abstractions;

namespace Perche.Project.Tests;

/// <summary>
/// Real processes against one project: two writers at once lose nothing; a writer killed mid-import leaves
/// either the old or the new state, never a mix. Figures are printed to the test output.
/// </summary>
public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    private const int WritesPerWriter = 100;
    private const int RowsPerBatch = 500;

    [SkippableTheory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public void Two_processes_writing_at_once_both_succeed_and_lose_no_update(StoreProvider provider)
    {
        using var t = TestStores.Create(provider);
        using (t.Open(TestModules.V3))
        {
            // Created before the writers start, so the test measures writing, not two creations racing.
        }

        var stopwatch = Stopwatch.StartNew();
        using var a = Worker.Start("write", t.Text, "A", WritesPerWriter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var b = Worker.Start("write", t.Text, "B", WritesPerWriter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var errA = a.StandardError.ReadToEndAsync();
        var errB = b.StandardError.ReadToEndAsync();
        Assert.True(a.WaitForExit(TimeSpan.FromMinutes(2)), "writer A hung");
        Assert.True(b.WaitForExit(TimeSpan.FromMinutes(2)), "writer B hung");
        Assert.True(a.ExitCode == 0, $"writer A failed: {errA.Result}");
        Assert.True(b.ExitCode == 0, $"writer B failed: {errB.Result}");

        using var store = t.Open(TestModules.V3);
        var (perA, perB, counter) = store.Read(tx => (
            tx.Scalar<long>("SELECT COUNT(*) FROM demo_day WHERE writer = 'A'"),
            tx.Scalar<long>("SELECT COUNT(*) FROM demo_day WHERE writer = 'B'"),
            tx.Scalar<long>("SELECT value FROM demo_counter WHERE name = 'hits'")));
        output.WriteLine($"{provider}: A stored {perA}/{WritesPerWriter}, B stored {perB}/{WritesPerWriter}, counter {counter}/{2 * WritesPerWriter} ({2 * WritesPerWriter - counter} lost), {stopwatch.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(WritesPerWriter, perA);
        Assert.Equal(WritesPerWriter, perB);

        // The counter is read and written back in application code: any interleaving of the two writers
        // would lose increments.
        Assert.Equal(2 * WritesPerWriter, counter);
    }

    [SkippableTheory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public void A_process_killed_mid_import_leaves_the_old_or_the_new_state_never_a_mix(StoreProvider provider)
    {
        using var t = TestStores.Create(provider);
        using (t.Open(TestModules.V3))
        {
        }

        var iterations = int.TryParse(Environment.GetEnvironmentVariable("PERCHE_KILL_ITERATIONS"), out var n) ? n : 8;
        var random = new Random(1234);
        var inconsistent = 0;
        long batchesSeen = 0;
        TimeSpan startup = default, checking = default;
        for (var i = 0; i < iterations; i++)
        {
            var phase = Stopwatch.StartNew();
            using (var worker = Worker.Start("import", t.Text, RowsPerBatch.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                var ready = worker.StandardOutput.ReadLineAsync();
                if (!ready.Wait(TimeSpan.FromMinutes(1)) || ready.Result != "ready")
                {
                    worker.Kill(entireProcessTree: true);
                    Assert.Fail($"the importer never became ready: {worker.StandardError.ReadToEnd()}");
                }

                startup += phase.Elapsed;

                // Kill at a random point of a later batch (a batch takes tens of milliseconds).
                Thread.Sleep(random.Next(0, 150));
                worker.Kill(entireProcessTree: true);
                worker.WaitForExit();
            }

            phase.Restart();
            using var store = t.Open(TestModules.V3);
            var (days, badDays, counter, takes) = store.Read(tx => (
                tx.Scalar<long>("SELECT COUNT(*) FROM demo_day WHERE writer = 'import'"),
                tx.Scalar<long>($"SELECT COUNT(*) FROM demo_day d WHERE d.writer = 'import' AND (SELECT COUNT(*) FROM demo_take k WHERE k.day_id = d.id) <> {RowsPerBatch}"),
                tx.Scalar<long>("SELECT value FROM demo_counter WHERE name = 'hits'"),
                tx.Scalar<long>("SELECT COUNT(*) FROM demo_take")));
            var intact = provider != StoreProvider.Sqlite || store.Read(tx => tx.Scalar<string>("PRAGMA integrity_check")) == "ok";
            var orphans = provider == StoreProvider.Sqlite ? store.Read(tx => tx.Query("PRAGMA foreign_key_check", r => 1).Count) : 0;
            var consistent = badDays == 0 && counter == days && takes == days * RowsPerBatch && intact && orphans == 0 && days > batchesSeen;
            if (!consistent)
            {
                inconsistent++;
                output.WriteLine($"iteration {i}: days {days}, days with a partial batch {badDays}, counter {counter}, takes {takes}, integrity {intact}, orphans {orphans}");
            }

            batchesSeen = days;
            checking += phase.Elapsed;
        }

        output.WriteLine($"{provider}: {iterations} kills mid-import, {inconsistent} inconsistent, {batchesSeen} whole batches of {RowsPerBatch} rows kept (start to first commit {startup.TotalSeconds:F1} s, checks {checking.TotalSeconds:F1} s in all)");
        Assert.Equal(0, inconsistent);
    }
}
