using Perche.Fuzz;

namespace Perche.Reliability.Tests.Support;

/// <summary>Runs a fuzz target on an input within the time and memory bounds and checks how it ended.</summary>
public static class ReaderAssert
{
    /// <summary>The target of that name (fails the test when it does not exist).</summary>
    public static FuzzTarget Target(string name) => FuzzTargets.Find(name) ?? throw new InvalidOperationException($"no fuzz target '{name}'");

    /// <summary>The input reads or fails with the clear error, in bounded time and memory.</summary>
    public static ReplayResult Acceptable(string target, byte[] input, string what)
    {
        var result = Replay.Run(Target(target), input);
        Assert.True(result.IsAcceptable, $"{target}: {what}: {result.Outcome}: {result.Detail}");
        return result;
    }

    /// <summary>The input is refused with the clear error, and the message contains <paramref name="expected"/>.</summary>
    public static ReplayResult ClearError(string target, byte[] input, string what, string? expected = null)
    {
        var result = Replay.Run(Target(target), input);
        Assert.True(result.Outcome == ReplayOutcome.ClearError, $"{target}: {what}: expected the clear error, got {result.Outcome}: {result.Detail}");
        if (expected is not null)
        {
            Assert.Contains(expected, result.Detail, StringComparison.Ordinal);
        }

        return result;
    }

    /// <summary>The input reads.</summary>
    public static ReplayResult Reads(string target, byte[] input, string what)
    {
        var result = Replay.Run(Target(target), input);
        Assert.True(result.Outcome == ReplayOutcome.Read, $"{target}: {what}: expected a result, got {result.Outcome}: {result.Detail}");
        return result;
    }
}
