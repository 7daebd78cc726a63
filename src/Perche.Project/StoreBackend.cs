using System.Data;
using System.Data.Common;

namespace Perche.Project;

/// <summary>What differs between SQLite and PostgreSQL; everything else lives in <see cref="ProjectStore"/>.</summary>
internal abstract class StoreBackend : IDisposable
{
    protected StoreBackend(StoreLocation location, StoreOptions options)
    {
        this.Location = location;
        this.Options = options;
    }

    public StoreLocation Location { get; }

    public StoreOptions Options { get; }

    public abstract StoreProvider Provider { get; }

    /// <summary>True when the database cannot be written (found read-only, or opened so).</summary>
    public abstract bool IsReadOnly { get; }

    public abstract DbConnection OpenConnection();

    /// <summary>Begins a transaction that holds the project's write lock: writers run one at a time.</summary>
    public abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>Begins a transaction that sees one consistent snapshot.</summary>
    public abstract DbTransaction BeginRead(DbConnection connection);

    /// <summary>Replaces the portable tokens of migration SQL.</summary>
    public abstract string TranslateTokens(string sql);

    public abstract IReadOnlyList<string> ListTables(StoreTransaction tx);

    /// <summary>Declared column names and types of a table, in order.</summary>
    public abstract IReadOnlyList<(string Name, string Type)> ListColumns(StoreTransaction tx, string table);

    /// <summary>The tables <paramref name="table"/> references by foreign key.</summary>
    public abstract IReadOnlyList<string> ListReferences(StoreTransaction tx, string table);

    /// <summary>Makes the next auto-numbered id follow the largest one present (after an import with explicit ids).</summary>
    public abstract void ResetIdentity(StoreTransaction tx, string table, string column);

    /// <summary>Maps a provider exception to a <see cref="ProjectStoreException"/> the user can act on, or null.</summary>
    public abstract ProjectStoreException? Explain(Exception ex);

    public T Run<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (DbException ex) when (this.Explain(ex) is { } explained)
        {
            throw explained;
        }
    }

    public void Run(Action action) => this.Run(() =>
    {
        action();
        return 0;
    });

    public virtual void Dispose()
    {
    }

    protected static IsolationLevel Snapshot => IsolationLevel.RepeatableRead;
}
