using System.Diagnostics;

namespace Perche.Fuzz;

/// <summary>How one input ended.</summary>
public enum ReplayOutcome
{
    /// <summary>The reader returned a result.</summary>
    Read,

    /// <summary>The reader refused the input with its clear error (<see cref="Perche.Core.PercheFormatException"/>).</summary>
    ClearError,

    /// <summary>Any other exception: a bug.</summary>
    Crash,

    /// <summary>The reader did not finish within the time bound: a bug.</summary>
    Hang,

    /// <summary>The reader allocated more than the memory bound: a bug.</summary>
    Runaway,
}

/// <summary>What one input did.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Detail">The error message or exception, empty when read.</param>
/// <param name="ElapsedSeconds">Wall time.</param>
/// <param name="AllocatedBytes">Bytes allocated by the reader's thread.</param>
public sealed record ReplayResult(ReplayOutcome Outcome, string Detail, double ElapsedSeconds, long AllocatedBytes)
{
    /// <summary>True for the two acceptable ends: a result or the clear error.</summary>
    public bool IsAcceptable => this.Outcome is ReplayOutcome.Read or ReplayOutcome.ClearError;
}

/// <summary>
/// Runs a target on one input within a time and memory bound, uninstrumented: what the regression corpus
/// test and the `replay` command use to confirm a crash and to check that a fix holds.
/// </summary>
public static class Replay
{
    /// <summary>The default time bound for one input (generous: CI machines are shared).</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The memory bound for one input, counted as bytes allocated (not peak): a reader may allocate a multiple of
    /// what it was given (text readers make strings per line and some targets read twice), never an amount that
    /// a size field asked for.
    /// </summary>
    public static long MemoryBound(int inputLength) => (64L << 20) + (128L * inputLength);

    /// <summary>Runs <paramref name="target"/> on <paramref name="data"/>.</summary>
    public static ReplayResult Run(FuzzTarget target, byte[] data, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(data);
        ReplayOutcome outcome = ReplayOutcome.Hang;
        var detail = string.Empty;
        long allocated = 0;
        var watch = Stopwatch.StartNew();
        var thread = new Thread(
            () =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    target.Run(data);
                    outcome = ReplayOutcome.Read;
                }
#pragma warning disable CA1031 // Any exception but the clear error is exactly what is being looked for.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    outcome = target.IsClearError(ex) ? ReplayOutcome.ClearError : ReplayOutcome.Crash;
                    detail = outcome == ReplayOutcome.ClearError ? ex.Message : ex.ToString();
                }

                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            },
            maxStackSize: 16 << 20)
        {
            IsBackground = true,
            Name = $"replay {target.Name}",
        };
        thread.Start();
        if (!thread.Join(timeout ?? DefaultTimeout))
        {
            return new ReplayResult(ReplayOutcome.Hang, $"did not finish within {(timeout ?? DefaultTimeout).TotalSeconds} s", watch.Elapsed.TotalSeconds, 0);
        }

        if (outcome != ReplayOutcome.Crash && allocated > MemoryBound(data.Length))
        {
            return new ReplayResult(ReplayOutcome.Runaway, $"allocated {allocated} bytes for a {data.Length}-byte input (bound {MemoryBound(data.Length)})", watch.Elapsed.TotalSeconds, allocated);
        }

        return new ReplayResult(outcome, detail, watch.Elapsed.TotalSeconds, allocated);
    }
}
