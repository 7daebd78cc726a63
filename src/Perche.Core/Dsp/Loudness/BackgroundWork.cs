using System.Runtime.ExceptionServices;

namespace Perche.Core.Dsp.Loudness;

/// <summary>
/// One reusable piece of work handed to the thread pool without allocating: <see cref="Start"/> queues it,
/// <see cref="Join"/> waits for it, or runs it on the calling thread if no pool thread has picked it up yet (so a
/// starved pool can never stall the caller).
/// </summary>
internal sealed class BackgroundWork : IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Queued = 1;
    private const int Taken = 2;

    private readonly Action action;
    private readonly ManualResetEventSlim done = new(initialState: true);
    private ExceptionDispatchInfo? error;
    private int state;

    /// <summary>Creates the work; <paramref name="action"/> reads its inputs from its owner's fields.</summary>
    public BackgroundWork(Action action) => this.action = action;

    /// <summary>Queues the work on the thread pool.</summary>
    public void Start()
    {
        this.error = null;
        this.done.Reset();
        Volatile.Write(ref this.state, Queued);
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>Waits for the work to finish (running it here if it has not started) and rethrows its failure.</summary>
    public void Join()
    {
        if (Interlocked.CompareExchange(ref this.state, Taken, Queued) == Queued)
        {
            this.Run();
        }
        else
        {
            this.done.Wait();
        }

        Volatile.Write(ref this.state, Idle);
        this.error?.Throw();
    }

    /// <inheritdoc/>
    void IThreadPoolWorkItem.Execute()
    {
        // A queue entry whose work the caller already ran (or that belongs to a later round) finds nothing to take;
        // in the second case it simply does that round's work.
        if (Interlocked.CompareExchange(ref this.state, Taken, Queued) == Queued)
        {
            this.Run();
        }
    }

    private void Run()
    {
        try
        {
            this.action();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            this.error = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            this.done.Set();
        }
    }
}
