using System.Data.Common;
using System.Globalization;
using System.Reflection;

namespace Perche.Project;

/// <summary>
/// The project's database: SQLite (embedded, <c>project.db</c>) or PostgreSQL (a facility server), with the
/// same schema and behaviour. Opening applies every registered module's pending migrations; every change
/// goes through <see cref="Write(Action{StoreTransaction})"/>, one transaction that commits whole or not at
/// all, and bumps the project's revision. Writers from any number of processes run one at a time; readers
/// see a consistent snapshot. Thread-safe: each call uses its own pooled connection.
/// </summary>
public sealed class ProjectStore : IDisposable
{
    /// <summary>
    /// The layout of Perche's own bookkeeping tables (perche_store, perche_migration). A project whose
    /// format is higher was written by a newer Perche and is never opened for writing by this one.
    /// </summary>
    public const int StoreFormat = 1;

    // The store a Write on this thread (or async flow) is inside: a nested Write would wait for the lock its
    // own outer Write holds until the lock timeout, so it fails at once with a message that says why.
    private static readonly AsyncLocal<string?> WritingTo = new();

    private readonly StoreBackend backend;
    private readonly List<IStoreModule> modules;

    private ProjectStore(StoreBackend backend, List<IStoreModule> modules)
    {
        this.backend = backend;
        this.modules = modules;
    }

    /// <summary>Where the store lives.</summary>
    public StoreLocation Location => this.backend.Location;

    /// <summary>The engine.</summary>
    public StoreProvider Provider => this.backend.Provider;

    /// <summary>True when writes are refused (opened read-only, or the file is write-protected).</summary>
    public bool IsReadOnly => this.backend.IsReadOnly;

    /// <summary>The registered modules, the project's own module first.</summary>
    public IReadOnlyList<IStoreModule> Modules => this.modules;

    /// <summary>This program's version, recorded with each migration and in messages about newer projects.</summary>
    public static string ProgramVersion { get; } =
        typeof(ProjectStore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    /// <summary>Opens (creating if needed) the store and applies the modules' pending migrations.</summary>
    /// <exception cref="ProjectStoreException">Unreachable, locked, read-only with migrations pending, newer schema...</exception>
    public static ProjectStore Open(StoreLocation location, params IStoreModule[] modules) =>
        Open(location, StoreOptions.Default, modules);

    /// <summary>Opens the store with options (lock timeout, read-only).</summary>
    /// <exception cref="ProjectStoreException">Unreachable, locked, read-only with migrations pending, newer schema...</exception>
    public static ProjectStore Open(StoreLocation location, StoreOptions options, params IStoreModule[] modules)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(modules);
        var all = new List<IStoreModule> { ProjectModule.Instance };
        foreach (var module in modules)
        {
            ValidateModule(module);
            if (all.Exists(m => m.Name == module.Name))
            {
                if (!all.Contains(module))
                {
                    throw new ProjectStoreException(StoreErrorKind.Migration, $"two different store modules are named '{module.Name}'");
                }

                continue;
            }

            all.Add(module);
        }

        StoreBackend backend = location.Provider == StoreProvider.Sqlite
            ? new SqliteBackend(location, options)
            : new PostgresBackend(location, options);
        var store = new ProjectStore(backend, all);
        try
        {
            store.Migrate();
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction; commits when it returns, rolls back if it throws.</summary>
    public void Write(Action<StoreTransaction> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        this.Write(tx =>
        {
            work(tx);
            return 0;
        });
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction and returns its result.</summary>
    public T Write<T>(Func<StoreTransaction, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return this.InTransaction(writable: true, tx =>
        {
            var result = work(tx);
            tx.Execute("UPDATE perche_store SET revision = revision + 1, updated_at = @now WHERE id = 1", new { now = Now() });
            return result;
        });
    }

    /// <summary>Runs <paramref name="work"/> on a consistent snapshot; nothing can be written.</summary>
    public T Read<T>(Func<StoreTransaction, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return this.InTransaction(writable: false, work);
    }

    /// <summary>The number of write transactions committed since the project was created.</summary>
    public long Revision => this.Read(tx => tx.Scalar<long>("SELECT revision FROM perche_store WHERE id = 1"));

    /// <summary>The version of every module recorded in the store (including modules this program does not know).</summary>
    public IReadOnlyDictionary<string, int> SchemaVersions() => this.Read(ReadVersions);

    /// <inheritdoc/>
    public void Dispose() => this.backend.Dispose();

    internal StoreBackend Backend => this.backend;

    internal static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    internal T InTransaction<T>(bool writable, Func<StoreTransaction, T> work)
    {
        var key = this.Location.ToString();
        if (writable && WritingTo.Value == key)
        {
            throw new InvalidOperationException($"{key}: Write was called inside another Write on the same project; use the transaction you were given (writers run one at a time, so this would wait for itself)");
        }

        if (!writable)
        {
            return this.RunTransaction(writable, work);
        }

        WritingTo.Value = key;
        try
        {
            return this.RunTransaction(writable, work);
        }
        finally
        {
            WritingTo.Value = null;
        }
    }

    private T RunTransaction<T>(bool writable, Func<StoreTransaction, T> work)
    {
        using var connection = this.backend.OpenConnection();
        using var transaction = writable ? this.backend.BeginWrite(connection) : this.backend.BeginRead(connection);
        var tx = new StoreTransaction(this.backend, connection, transaction, writable);
        var result = work(tx);
        this.backend.Run(transaction.Commit);
        return result;
    }

    private static void ValidateModule(IStoreModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (!StoreLocation.IsIdentifier(module.Name) || module.Name != module.Name.ToLowerInvariant() || module.Name.StartsWith("perche", StringComparison.Ordinal))
        {
            throw new ProjectStoreException(StoreErrorKind.Migration, $"the store module name '{module.Name}' must be lowercase letters, digits and underscores, and not start with 'perche'");
        }

        for (var i = 0; i < module.Migrations.Count; i++)
        {
            if (module.Migrations[i].Version != i + 1)
            {
                throw new ProjectStoreException(StoreErrorKind.Migration, $"store module '{module.Name}': migration #{i + 1} has version {module.Migrations[i].Version}; versions must be 1, 2, 3... in order");
            }
        }
    }

    private static Dictionary<string, int> ReadVersions(StoreTransaction tx)
    {
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!tx.TableExists("perche_migration"))
        {
            return versions;
        }

        foreach (var (module, version) in tx.Query("SELECT module, MAX(version) AS version FROM perche_migration GROUP BY module", r => (r.GetString("module"), (int)r.GetInt64("version"))))
        {
            versions[module] = version;
        }

        return versions;
    }

    private int TargetVersion(IStoreModule module) =>
        this.backend.Options.MigrateUpTo is { } upTo
            ? (upTo.TryGetValue(module.Name, out var v) ? Math.Min(v, module.Migrations.Count) : (module == ProjectModule.Instance ? module.Migrations.Count : 0))
            : module.Migrations.Count;

    /// <summary>Checks the store against the code and applies what is pending; reads first so a read-only project still opens.</summary>
    private void Migrate()
    {
        var pending = this.InTransaction(writable: false, tx => this.Check(tx));
        if (!pending)
        {
            return;
        }

        if (this.backend.IsReadOnly)
        {
            throw new ProjectStoreException(
                StoreErrorKind.ReadOnly,
                $"{this.Location}: the project needs its schema updated, but it is read-only; open it once with write access");
        }

        this.InTransaction(writable: true, tx =>
        {
            // Another process may have migrated while we waited for the lock: check again under it.
            if (!this.Check(tx))
            {
                return 0;
            }

            tx.Execute("""
                CREATE TABLE IF NOT EXISTS perche_store (
                  id BIGINT PRIMARY KEY CHECK (id = 1),
                  format BIGINT NOT NULL,
                  revision BIGINT NOT NULL,
                  created_at TEXT NOT NULL,
                  updated_at TEXT NOT NULL,
                  created_by TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS perche_migration (
                  module TEXT NOT NULL,
                  version BIGINT NOT NULL,
                  description TEXT NOT NULL,
                  applied_at TEXT NOT NULL,
                  applied_by TEXT NOT NULL,
                  PRIMARY KEY (module, version));
                """);
            var now = Now();
            if (tx.Scalar<long>("SELECT COUNT(*) FROM perche_store") == 0)
            {
                tx.Execute(
                    "INSERT INTO perche_store (id, format, revision, created_at, updated_at, created_by) VALUES (1, @format, 0, @now, @now, @by)",
                    new { format = StoreFormat, now, by = "Perche " + ProgramVersion });
            }

            var applied = ReadVersions(tx);
            foreach (var module in this.modules)
            {
                var from = applied.GetValueOrDefault(module.Name);
                var to = this.TargetVersion(module);
                for (var v = from + 1; v <= to; v++)
                {
                    var migration = module.Migrations[v - 1];
                    try
                    {
                        tx.Execute(this.backend.TranslateTokens(migration.SqlFor(this.Provider)));
                        migration.After?.Invoke(tx);
                    }
                    catch (DbException ex)
                    {
                        throw new ProjectStoreException(
                            StoreErrorKind.Migration,
                            $"{this.Location}: migration {module.Name} v{v} ({migration.Description}) failed on {this.Provider}: {ex.Message}",
                            ex);
                    }

                    tx.Execute(
                        "INSERT INTO perche_migration (module, version, description, applied_at, applied_by) VALUES (@module, @version, @description, @now, @by)",
                        new { module = module.Name, version = v, description = migration.Description, now, by = "Perche " + ProgramVersion });
                }
            }

            tx.Execute("UPDATE perche_store SET revision = revision + 1, updated_at = @now WHERE id = 1", new { now });
            return 0;
        });
    }

    /// <summary>True when migrations are pending; throws when the store is newer than this program.</summary>
    private bool Check(StoreTransaction tx)
    {
        if (!tx.TableExists("perche_store"))
        {
            if (this.Provider == StoreProvider.Sqlite && tx.Tables().Count > 0)
            {
                throw new ProjectStoreException(StoreErrorKind.Corrupt, $"{this.Location}: this SQLite database is not a Perche project (it has tables but no perche_store)");
            }

            return true;
        }

        var (format, createdBy) = tx.Query("SELECT format, created_by FROM perche_store WHERE id = 1", r => (r.GetInt64("format"), r.GetString("created_by"))).FirstOrDefault();
        if (format > StoreFormat)
        {
            throw new ProjectStoreException(
                StoreErrorKind.NewerSchema,
                $"{this.Location}: the project uses store format {format}, written by a newer Perche; this Perche ({ProgramVersion}) knows format {StoreFormat} and will not downgrade it: update Perche");
        }

        var applied = ReadVersions(tx);
        var pending = false;
        foreach (var module in this.modules)
        {
            var have = applied.GetValueOrDefault(module.Name);
            if (have > module.Migrations.Count)
            {
                var writer = tx.Scalar<string>(
                    "SELECT applied_by FROM perche_migration WHERE module = @module AND version = @version",
                    new { module = module.Name, version = have });
                throw new ProjectStoreException(
                    StoreErrorKind.NewerSchema,
                    $"{this.Location}: the project's '{module.Name}' tables are at schema version {have} (written by {writer ?? createdBy}); this Perche ({ProgramVersion}) knows up to version {module.Migrations.Count} and will not downgrade them: update Perche");
            }

            pending |= have < this.TargetVersion(module);
        }

        return pending;
    }
}
