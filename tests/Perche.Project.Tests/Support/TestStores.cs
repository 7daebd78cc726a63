using Npgsql;

namespace Perche.Project.Tests.Support;

/// <summary>
/// Where the store tests run: a SQLite file in a fresh temporary folder, or a fresh schema in the PostgreSQL
/// database named by <c>PERCHE_TEST_POSTGRES</c> (default: the local test role .ci/run creates). PostgreSQL
/// tests skip with a reason when no server answers, except under CI (<c>CI=true</c>), where they must run.
/// </summary>
public static class TestStores
{
    /// <summary>The environment variable holding the test server's URL.</summary>
    public const string PostgresVariable = "PERCHE_TEST_POSTGRES";

    private const string DefaultPostgres = "postgres://perche:perche@127.0.0.1:5432/perche_test";

    private static readonly Lazy<string?> PostgresProblem = new(Probe);

    /// <summary>Both providers, for theories.</summary>
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Sqlite, StoreProvider.PostgreSql };

    /// <summary>True under CI, where nothing may skip.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The test server's URL.</summary>
    public static string PostgresUrl => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } url ? url : DefaultPostgres;

    /// <summary>Skips the test (outside CI) when the provider is PostgreSQL and no server answers.</summary>
    public static void RequireProvider(StoreProvider provider)
    {
        if (provider == StoreProvider.PostgreSql && PostgresProblem.Value is { } problem)
        {
            if (IsCi)
            {
                throw new InvalidOperationException($"CI=true but the test PostgreSQL server is unreachable ({problem}); .ci/run must start it and export {PostgresVariable}");
            }

            Skip.If(true, $"no PostgreSQL test server ({problem}); set {PostgresVariable} or run .ci/run");
        }
    }

    /// <summary>A fresh, empty store location; disposing it deletes the folder or drops the schema.</summary>
    public static TestLocation Create(StoreProvider provider)
    {
        RequireProvider(provider);
        return new TestLocation(provider);
    }

    private static string? Probe()
    {
        // Two tries with a generous timeout: on a loaded machine the first connection of the process can be slow,
        // and a server that is there must not turn into a skipped test.
        string? problem = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                var location = StoreLocation.Parse(PostgresUrl);
                var builder = new NpgsqlConnectionStringBuilder(location.Postgres!.ConnectionString) { Timeout = 10 };
                using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Open();
                return null;
            }
            catch (Exception ex) when (ex is NpgsqlException or ProjectStoreException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException)
            {
                problem = $"{StoreLocation.Parse(PostgresUrl)}: {ex.Message}";
            }
        }

        return problem;
    }
}

/// <summary>A temporary store location for one test.</summary>
public sealed class TestLocation : IDisposable
{
    internal TestLocation(StoreProvider provider)
    {
        this.Provider = provider;
        this.Folder = Path.Combine(Path.GetTempPath(), "perche-project-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(this.Folder);
        this.Schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        this.Location = provider == StoreProvider.Sqlite
            ? StoreLocation.ForSqlite(Path.Combine(this.Folder, "project.db"))
            : StoreLocation.Parse(TestStores.PostgresUrl).WithSchema(this.Schema);
    }

    /// <summary>The engine.</summary>
    public StoreProvider Provider { get; }

    /// <summary>A temporary folder (holding the SQLite file; free for any test file on both providers).</summary>
    public string Folder { get; }

    /// <summary>The PostgreSQL schema (unused for SQLite).</summary>
    public string Schema { get; }

    /// <summary>The store location.</summary>
    public StoreLocation Location { get; }

    /// <summary>The location as a user would type it (path or URL with password).</summary>
    public string Text => this.Provider == StoreProvider.Sqlite
        ? this.Location.SqlitePath
        : TestStores.PostgresUrl + (TestStores.PostgresUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "schema=" + this.Schema;

    /// <summary>Opens the store with the given modules.</summary>
    public ProjectStore Open(params IStoreModule[] modules) => ProjectStore.Open(this.Location, modules);

    /// <summary>Runs raw SQL outside the store's API (to fake a newer project, say).</summary>
    public void Raw(string sql)
    {
        using var store = ProjectStore.Open(this.Location);
        store.Write(tx => tx.Execute(sql));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (this.Provider == StoreProvider.PostgreSql)
        {
            try
            {
                using var connection = new NpgsqlConnection(StoreLocation.Parse(TestStores.PostgresUrl).Postgres!.ConnectionString);
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = $"DROP SCHEMA IF EXISTS \"{this.Schema}\" CASCADE";
                command.ExecuteNonQuery();
            }
            catch (NpgsqlException)
            {
                // Best effort: a leftover test schema is harmless.
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(this.Folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the OS temp cleaner will remove it.
        }
    }
}

/// <summary>Paths in the repository.</summary>
public static class Repository
{
    /// <summary>The folder holding Perche.slnx.</summary>
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Perche.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
