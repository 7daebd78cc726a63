namespace Perche.Project;

/// <summary>How a store is opened.</summary>
public sealed class StoreOptions
{
    /// <summary>The defaults: wait up to 30 s for another writer, read-write.</summary>
    public static StoreOptions Default { get; } = new();

    /// <summary>How long a write waits for another process's write to finish before failing as locked.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Open for reading only (no migration is applied; writes fail with a clear message).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>
    /// Apply each module's migrations only up to this version (import restores a dump into the schema it
    /// was written with, then migrates). Null: apply all.
    /// </summary>
    public IReadOnlyDictionary<string, int>? MigrateUpTo { get; init; }
}
