namespace Perche.Project;

/// <summary>What went wrong with a project store; front-ends print the message and exit with code 2.</summary>
public enum StoreErrorKind
{
    /// <summary>No project was found, or the folder is not a project.</summary>
    NotAProject,

    /// <summary>The project was written by a newer Perche (a newer schema); it is never downgraded.</summary>
    NewerSchema,

    /// <summary>Another process holds the write lock longer than the wait allows.</summary>
    Locked,

    /// <summary>The database cannot be written (file permissions, read-only media, read-only role).</summary>
    ReadOnly,

    /// <summary>The PostgreSQL server cannot be reached or refused the login.</summary>
    Unreachable,

    /// <summary>The database file is damaged or is not a Perche project database.</summary>
    Corrupt,

    /// <summary>A module's migrations are malformed, or a migration failed to apply.</summary>
    Migration,

    /// <summary>The store location (path, connection string) is malformed.</summary>
    BadLocation,

    /// <summary>An export file cannot be imported.</summary>
    BadImport,
}

/// <summary>
/// The one exception the project store throws for problems the user can act on: it names the store (file
/// path, or host and database) and says what to do. Programming errors (bad SQL in a module) surface as
/// this exception too, with the provider's message inside.
/// </summary>
public sealed class ProjectStoreException : Exception
{
    /// <summary>Creates the error.</summary>
    public ProjectStoreException(StoreErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        this.Kind = kind;
    }

    /// <summary>What kind of problem this is.</summary>
    public StoreErrorKind Kind { get; }
}
