using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Perche.Project;

/// <summary>
/// The embedded store: one SQLite file in WAL mode (readers never block the writer), foreign keys on,
/// synchronous=FULL so a committed change survives a power cut, and BEGIN IMMEDIATE for every write so two
/// processes queue for the write lock instead of failing half-way through a read-modify-write.
/// </summary>
internal sealed class SqliteBackend : StoreBackend
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteCantOpen = 14;
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADb = 26;

    private readonly string connectionString;
    private readonly bool readOnly;

    public SqliteBackend(StoreLocation location, StoreOptions options)
        : base(location, options)
    {
        var path = location.SqlitePath;
        this.readOnly = options.ReadOnly || IsWriteProtected(path);
        if (!File.Exists(path) && this.readOnly)
        {
            throw new ProjectStoreException(StoreErrorKind.NotAProject, $"{path}: no project database here");
        }

        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            throw new ProjectStoreException(StoreErrorKind.NotAProject, $"{path}: the folder {directory} does not exist");
        }

        if (NetworkFileSystem.TypeOf(path) is { } fileSystem)
        {
            throw new ProjectStoreException(
                StoreErrorKind.BadLocation,
                $"{path}: the project database is on a network file system ({fileSystem}); SQLite cannot be shared safely over it. Keep the project on a local disk, or share it through PostgreSQL (perche init NAME --store postgres://...)");
        }

        this.connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = this.readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.LockTimeout.TotalSeconds),
        }.ToString();
    }

    public override StoreProvider Provider => StoreProvider.Sqlite;

    public override bool IsReadOnly => this.readOnly;

    public override DbConnection OpenConnection()
    {
        var connection = new SqliteConnection(this.connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();

            // busy_timeout makes SQLite itself wait for the other writer; WAL is a property of the file, set once
            // and kept; synchronous=FULL syncs the WAL at every commit.
            var busyMs = ((long)this.Options.LockTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            command.CommandText = this.readOnly
                ? $"PRAGMA busy_timeout = {busyMs};"
                : $"PRAGMA busy_timeout = {busyMs}; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA query_only = 0;";
            command.ExecuteNonQuery();
            return connection;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw this.Explain(ex) ?? new ProjectStoreException(StoreErrorKind.Corrupt, $"{this.Location.SqlitePath}: cannot open the project database: {ex.Message}", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public override DbTransaction BeginWrite(DbConnection connection)
    {
        if (this.readOnly)
        {
            throw this.ReadOnlyError(null);
        }

        // deferred: false is BEGIN IMMEDIATE: the write lock is taken now (waiting up to the busy timeout),
        // never upgraded later from a read lock, which SQLite cannot do without failing with SQLITE_BUSY.
        return this.Run(() => ((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false));
    }

    public override DbTransaction BeginRead(DbConnection connection)
    {
        // query_only makes a Read that tries to write fail as it would on PostgreSQL (READ ONLY); the next
        // OpenConnection of this pooled connection turns it off again.
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA query_only = 1";
            this.Run(() => command.ExecuteNonQuery());
        }

        return this.Run(() => ((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: true));
    }

    public override string TranslateTokens(string sql) => sql
        .Replace("{id}", "INTEGER PRIMARY KEY AUTOINCREMENT", StringComparison.Ordinal)
        .Replace("{blob}", "BLOB", StringComparison.Ordinal);

    public override IReadOnlyList<string> ListTables(StoreTransaction tx) =>
        tx.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", r => r.GetString("name"));

    public override IReadOnlyList<(string Name, string Type)> ListColumns(StoreTransaction tx, string table) =>
        tx.Query("SELECT name, type FROM pragma_table_info(@table) ORDER BY cid", new { table }, r => (r.GetString("name"), r.GetString("type")));

    public override IReadOnlyList<string> ListReferences(StoreTransaction tx, string table) =>
        tx.Query("SELECT DISTINCT \"table\" AS target FROM pragma_foreign_key_list(@table)", new { table }, r => r.GetString("target"));

    public override void ResetIdentity(StoreTransaction tx, string table, string column)
    {
        // AUTOINCREMENT keeps sqlite_sequence at the largest id inserted, explicit or not: nothing to do.
    }

    public override ProjectStoreException? Explain(Exception ex)
    {
        if (ex is not SqliteException sqlite)
        {
            return null;
        }

        var path = this.Location.SqlitePath;
        return sqlite.SqliteErrorCode switch
        {
            SqliteBusy or SqliteLocked => new ProjectStoreException(
                StoreErrorKind.Locked,
                $"{path}: the project is locked by another process writing to it (waited {this.Options.LockTimeout.TotalSeconds:0.#} s); try again when it has finished",
                ex),
            SqliteReadOnly when this.readOnly => this.ReadOnlyError(ex),
            SqliteReadOnly => new ProjectStoreException(
                StoreErrorKind.ReadOnly,
                $"{path}: the database refused a write: inside ProjectStore.Read (use Write to change the project), or the file or its folder is on read-only media",
                ex),
            SqliteCantOpen => new ProjectStoreException(StoreErrorKind.NotAProject, $"{path}: cannot open the project database (missing, or the folder is not writable): {sqlite.Message}", ex),
            SqliteCorrupt or SqliteNotADb => new ProjectStoreException(StoreErrorKind.Corrupt, $"{path}: not a Perche project database, or damaged: {sqlite.Message}", ex),
            _ => null,
        };
    }

    public override void Dispose()
    {
        // Pooled connections keep the file open; close them so the folder can be moved or deleted.
        using var connection = new SqliteConnection(this.connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static bool IsWriteProtected(string path)
    {
        // Root ignores permission bits, so honour them ourselves: a file the owner made read-only is opened
        // read-only for everyone, and writes fail with a clear message instead of silently succeeding.
        if (!File.Exists(path) || OperatingSystem.IsWindows())
        {
            return File.Exists(path) && File.GetAttributes(path).HasFlag(FileAttributes.ReadOnly);
        }

        const UnixFileMode anyWrite = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        return (File.GetUnixFileMode(path) & anyWrite) == 0;
    }

    private ProjectStoreException ReadOnlyError(Exception? inner) => new(
        StoreErrorKind.ReadOnly,
        $"{this.Location.SqlitePath}: the project database is read-only (file permissions or read-only media); make it writable to change the project",
        inner);
}
