namespace Perche.Project;

/// <summary>
/// One schema step of a module. Most migrations are portable SQL run on both engines; where the engines
/// differ, give one SQL text per provider. The SQL may hold several statements separated by semicolons, and
/// runs inside the store's transaction (both SQLite and PostgreSQL roll DDL back on failure). Portable SQL
/// may use two tokens: <c>{id}</c> (an auto-numbered 64-bit primary key) and <c>{blob}</c> (binary data).
/// </summary>
public sealed class StoreMigration
{
    /// <summary>A migration whose SQL runs unchanged (after the tokens) on both engines.</summary>
    /// <param name="version">1 for the first migration of the module, then 2, 3...</param>
    /// <param name="description">What the step does, recorded in <c>perche_migration</c>.</param>
    /// <param name="portableSql">The statements.</param>
    public StoreMigration(int version, string description, string portableSql)
        : this(version, description, portableSql, portableSql)
    {
    }

    /// <summary>A migration with one SQL text per engine.</summary>
    public StoreMigration(int version, string description, string sqliteSql, string postgresSql)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(sqliteSql);
        ArgumentNullException.ThrowIfNull(postgresSql);
        this.Version = version;
        this.Description = description;
        this.SqliteSql = sqliteSql;
        this.PostgresSql = postgresSql;
    }

    /// <summary>The version this migration brings the module to.</summary>
    public int Version { get; }

    /// <summary>What the step does.</summary>
    public string Description { get; }

    /// <summary>The SQL for SQLite.</summary>
    public string SqliteSql { get; }

    /// <summary>The SQL for PostgreSQL.</summary>
    public string PostgresSql { get; }

    /// <summary>Optional code run after the SQL, in the same transaction (to fill a new column, say).</summary>
    public Action<StoreTransaction>? After { get; init; }

    internal string SqlFor(StoreProvider provider) => provider == StoreProvider.Sqlite ? this.SqliteSql : this.PostgresSql;
}

/// <summary>A module defined by a name and a list of migrations, for phases that need nothing more.</summary>
public sealed class StoreModule : IStoreModule
{
    /// <summary>Creates the module.</summary>
    public StoreModule(string name, params StoreMigration[] migrations)
    {
        this.Name = name;
        this.Migrations = migrations;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public IReadOnlyList<StoreMigration> Migrations { get; }
}
