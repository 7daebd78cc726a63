using System.Globalization;
using Perche.Fuzz.Writers;

namespace Perche.Reliability.Tests.Kill;

/// <summary>
/// Every command that writes (the WAV writers, and offload, deliver, report write-back, conform and the project
/// store through the real CLI) is killed at random points in a child process (a few seeds per scenario here;
/// `perche-fuzz kill SCENARIO N` runs long campaigns): afterwards no file exists under its final name unless it is
/// complete and verified, the sources are byte-identical, and a rerun completes. PERCHE_KILL_ITERATIONS sets the
/// count for every scenario (the long run).
/// </summary>
public sealed class KillTests
{
    private static readonly int? IterationsOverride =
        int.TryParse(Environment.GetEnvironmentVariable("PERCHE_KILL_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    /// <summary>Every write scenario.</summary>
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var s in WriteScenarios.All)
        {
            data.Add(s.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Killing_a_writer_at_random_points_never_loses_or_half_writes_a_file(string scenario)
    {
        // The seed changes with the day, so CI explores new kill points over time while each failure names its seed.
        var seed = DateTime.UtcNow.DayOfYear * 1000;
        var writer = WriteScenarios.Find(scenario)!;
        var iterations = IterationsOverride ?? writer.QuickIterations;
        var report = KillHarness.Run(writer, iterations, seed);
        Assert.True(report.Losses == 0, string.Join(Environment.NewLine, report.Failures));
        Assert.Equal(iterations, report.Iterations);
        Assert.True(report.FullRunSeconds > 0, "the uninterrupted calibration run did not complete");
    }

    [Fact]
    public void A_writer_that_leaves_a_partial_file_under_its_final_name_is_caught()
    {
        // The harness must be able to fail: a naive writer (no temporary file) is caught within a few kills.
        // The harness keeps a failing campaign's folder for inspection: this expected failure's goes with the test.
        var scratch = Directory.CreateTempSubdirectory("perche-naive-writer-").FullName;
        try
        {
            var report = KillHarness.Run(WriteScenarios.NaiveWriter, 6, 42, scratch);
            Assert.True(report.Losses > 0, "a writer without temporary file and rename passed the kill test");
            Assert.Contains(report.Failures, f => f.Contains("after the kill", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

}
