using Npgsql;
using Perche.Project;

namespace Perche.Delivery.Tests.Support;

/// <summary>
/// Where the store tests run, as in the project's own tests: a SQLite file in a fresh folder, or a fresh schema in
/// the PostgreSQL database named by <c>PERCHE_TEST_POSTGRES</c> (default: the local test role .ci/run creates).
/// PostgreSQL tests skip when no server answers, except under CI (<c>CI=true</c>), where they fail.
/// </summary>
public sealed class StoreLocations : IDisposable
{
    private const string DefaultPostgres = "postgres://perche:perche@127.0.0.1:5432/perche_test";

    private static readonly Lazy<string?> PostgresProblem = new(Probe);

    private StoreLocations(StoreProvider provider)
    {
        this.Provider = provider;
        this.Folder = Path.Combine(Path.GetTempPath(), "perche-delivery-store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(this.Folder);
        this.Schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        this.Location = provider == StoreProvider.Sqlite
            ? StoreLocation.ForSqlite(Path.Combine(this.Folder, "project.db"))
            : StoreLocation.Parse(PostgresUrl).WithSchema(this.Schema);
    }

    /// <summary>Both engines, for theories.</summary>
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Sqlite, StoreProvider.PostgreSql };

    /// <summary>The test server's URL.</summary>
    public static string PostgresUrl => Environment.GetEnvironmentVariable("PERCHE_TEST_POSTGRES") is { Length: > 0 } url ? url : DefaultPostgres;

    /// <summary>The engine.</summary>
    public StoreProvider Provider { get; }

    /// <summary>A temporary folder (the SQLite file lives there).</summary>
    public string Folder { get; }

    /// <summary>The PostgreSQL schema (unused for SQLite).</summary>
    public string Schema { get; }

    /// <summary>The store location.</summary>
    public StoreLocation Location { get; }

    /// <summary>A fresh, empty location; skips (outside CI) when the engine is PostgreSQL and no server answers.</summary>
    public static StoreLocations Create(StoreProvider provider)
    {
        if (provider == StoreProvider.PostgreSql && PostgresProblem.Value is { } problem)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"CI=true but the test PostgreSQL server is unreachable ({problem})");
            }

            Skip.If(true, $"no PostgreSQL test server ({problem}); set PERCHE_TEST_POSTGRES or run .ci/run");
        }

        return new StoreLocations(provider);
    }

    /// <summary>Opens the store with the given modules.</summary>
    public ProjectStore Open(params IStoreModule[] modules) => ProjectStore.Open(this.Location, modules);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (this.Provider == StoreProvider.PostgreSql)
        {
            try
            {
                using var connection = new NpgsqlConnection(ConnectionString());
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
        Directory.Delete(this.Folder, recursive: true);
    }

    // postgres://user:password@host:port/database as an Npgsql connection string.
    private static string ConnectionString()
    {
        var uri = new Uri(PostgresUrl);
        var user = uri.UserInfo.Split(':', 2);
        return new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = uri.AbsolutePath.Trim('/'),
            Username = Uri.UnescapeDataString(user[0]),
            Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null,
            Timeout = 10,
        }.ConnectionString;
    }

    private static string? Probe()
    {
        string? problem = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                using var connection = new NpgsqlConnection(ConnectionString());
                connection.Open();
                return null;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException or UriFormatException)
            {
                problem = ex.Message;
            }
        }

        return problem;
    }
}
