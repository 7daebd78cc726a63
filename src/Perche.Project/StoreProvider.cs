namespace Perche.Project;

/// <summary>The database engine behind a project store.</summary>
public enum StoreProvider
{
    /// <summary>An embedded SQLite file (<c>project.db</c> in the project folder), WAL mode.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server shared by a facility.</summary>
    PostgreSql,
}
