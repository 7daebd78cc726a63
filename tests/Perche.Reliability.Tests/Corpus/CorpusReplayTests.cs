using Perche.Fuzz;
using Perche.Reliability.Tests.Support;

namespace Perche.Reliability.Tests.Corpus;

/// <summary>
/// Replays the regression corpus (tests/corpus/TARGET: every input fuzzing ever found to break a reader, minimised)
/// and the fuzz seeds (fuzz/seeds/TARGET: real files). Every corpus input must now end in a result or the clear
/// error within the time and memory bounds; every seed, taken from a real file, must read.
/// </summary>
public sealed class CorpusReplayTests
{
    /// <summary>Every fuzz target.</summary>
    public static TheoryData<string> Targets()
    {
        var data = new TheoryData<string>();
        foreach (var t in FuzzTargets.All)
        {
            data.Add(t.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_corpus_input_ends_in_a_result_or_the_clear_error(string target)
    {
        var failures = new List<string>();
        foreach (var file in Paths.InputsIn(Path.Combine(Paths.Corpus, target)))
        {
            var result = Replay.Run(ReaderAssert.Target(target), File.ReadAllBytes(file));
            if (!result.IsAcceptable)
            {
                failures.Add($"{Path.GetFileName(file)}: {result.Outcome}: {result.Detail}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_seed_from_a_real_file_reads(string target)
    {
        var seeds = Paths.InputsIn(Path.Combine(Paths.Seeds, target));
        Assert.True(seeds.Length > 0, $"fuzz/seeds/{target} has no seed: fuzzing would start from nothing");
        var failures = new List<string>();
        foreach (var file in seeds)
        {
            var result = Replay.Run(ReaderAssert.Target(target), File.ReadAllBytes(file));
            if (result.Outcome != ReplayOutcome.Read)
            {
                failures.Add($"{Path.GetFileName(file)}: {result.Outcome}: {result.Detail}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Every_corpus_and_seed_folder_belongs_to_a_target()
    {
        // A folder named after no target would be silently skipped by the replay above.
        foreach (var root in new[] { Paths.Corpus, Paths.Seeds })
        {
            foreach (var dir in Directory.Exists(root) ? Directory.GetDirectories(root) : [])
            {
                var name = Path.GetFileName(dir);
                Assert.True(FuzzTargets.Find(name) is not null, $"{dir} is named after no fuzz target");
            }
        }
    }

    [Fact]
    public void A_crashing_target_is_reported_as_a_crash_not_accepted()
    {
        // The replay must tell a bug from the clear error, or the corpus test above could never fail.
        var crashing = new FuzzTarget("test-crash", "always throws", ["Perche.Core"], _ => throw new IndexOutOfRangeException("boom"));
        Assert.Equal(ReplayOutcome.Crash, Replay.Run(crashing, [1, 2, 3]).Outcome);
        var hanging = new FuzzTarget("test-hang", "never returns", ["Perche.Core"], _ => Thread.Sleep(Timeout.Infinite));
        Assert.Equal(ReplayOutcome.Hang, Replay.Run(hanging, [1], TimeSpan.FromMilliseconds(200)).Outcome);
        var greedy = new FuzzTarget("test-greedy", "allocates what a size field asks", ["Perche.Core"], _ => GC.KeepAlive(new byte[200 << 20]));
        Assert.Equal(ReplayOutcome.Runaway, Replay.Run(greedy, [1]).Outcome);
    }
}
