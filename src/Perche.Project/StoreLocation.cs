using System.Globalization;
using Npgsql;

namespace Perche.Project;

/// <summary>
/// Where a project store lives: a SQLite file, or a PostgreSQL database (and schema) on a server. Parsed from
/// what a user types: a file path, <c>postgres://user:password@host:port/database?schema=name</c>, or an
/// Npgsql connection string (<c>Host=...;Database=...</c>). <see cref="ToString"/> never shows a password.
/// </summary>
public sealed class StoreLocation
{
    /// <summary>Seconds to wait for a PostgreSQL server to answer before reporting it unreachable.</summary>
    public const int DefaultConnectTimeoutSeconds = 15;

    private StoreLocation(StoreProvider provider, string sqlitePath, NpgsqlConnectionStringBuilder? postgres, string schema)
    {
        this.Provider = provider;
        this.SqlitePath = sqlitePath;
        this.Postgres = postgres;
        this.Schema = schema;
    }

    /// <summary>The engine.</summary>
    public StoreProvider Provider { get; }

    /// <summary>The full path of the SQLite file (empty for PostgreSQL).</summary>
    public string SqlitePath { get; }

    /// <summary>The PostgreSQL schema holding the project's tables (one project per schema); empty for SQLite.</summary>
    public string Schema { get; }

    /// <summary>The PostgreSQL server host (empty for SQLite).</summary>
    public string Host => this.Postgres?.Host ?? string.Empty;

    /// <summary>The PostgreSQL server port (0 for SQLite).</summary>
    public int Port => this.Postgres?.Port ?? 0;

    /// <summary>The PostgreSQL database (empty for SQLite).</summary>
    public string Database => this.Postgres?.Database ?? string.Empty;

    internal NpgsqlConnectionStringBuilder? Postgres { get; }

    /// <summary>A SQLite file.</summary>
    public static StoreLocation ForSqlite(string path) =>
        new(StoreProvider.Sqlite, Path.GetFullPath(path), null, string.Empty);

    /// <summary>True when <paramref name="text"/> names a PostgreSQL store rather than a file.</summary>
    public static bool IsPostgres(string text) =>
        text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || text.Contains("host=", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Parses a file path, a <c>postgres://</c> URL or an Npgsql connection string. A password left out of the
    /// text comes from <c>PGPASSWORD</c> or <c>~/.pgpass</c>, as for <c>psql</c>.
    /// </summary>
    /// <exception cref="ProjectStoreException">The text is malformed (kind <see cref="StoreErrorKind.BadLocation"/>).</exception>
    public static StoreLocation Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.Length == 0)
        {
            throw new ProjectStoreException(StoreErrorKind.BadLocation, "the store location is empty");
        }

        // A NUL (a corrupt store.url) would reach Path.GetFullPath, which throws ArgumentException.
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ProjectStoreException(StoreErrorKind.BadLocation, "the store location contains a NUL character (the store.url file is corrupt)");
        }

        if (!IsPostgres(text))
        {
            return ForSqlite(text);
        }

        var builder = text.Contains("://", StringComparison.Ordinal) ? FromUrl(text) : FromKeywords(text);
        var schema = "public";
        if (builder.SearchPath is { Length: > 0 } searchPath)
        {
            schema = searchPath.Split(',')[0].Trim();
        }

        if (!IsIdentifier(schema))
        {
            throw new ProjectStoreException(StoreErrorKind.BadLocation, $"the schema name '{schema}' must be letters, digits and underscores (starting with a letter or underscore)");
        }

        builder.SearchPath = schema;
        if (!text.Contains("timeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.Timeout = DefaultConnectTimeoutSeconds;
        }

        // Application name shows in pg_stat_activity, so a facility admin can see who holds a lock.
        builder.ApplicationName ??= "perche";
        return new StoreLocation(StoreProvider.PostgreSql, string.Empty, builder, schema.ToLowerInvariant());
    }

    /// <summary>
    /// The PostgreSQL location text with a schema named after the project when the text names none, so a
    /// facility's one database holds each project in its own schema ("Le Phare 2" → <c>le_phare_2</c>).
    /// File paths and texts that name a schema come back unchanged.
    /// </summary>
    public static string WithDefaultSchema(string text, string projectName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(projectName);
        if (!IsPostgres(text) || text.Contains("schema=", StringComparison.OrdinalIgnoreCase)
            || text.Contains("search path", StringComparison.OrdinalIgnoreCase) || text.Contains("searchpath", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        var schema = SchemaName(projectName);
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            return text.TrimEnd().TrimEnd(';') + ";Search Path=" + schema;
        }

        return text + (text.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "schema=" + schema;
    }

    /// <summary>A PostgreSQL schema name from a project name: lowercase ASCII letters, digits and underscores.</summary>
    public static string SchemaName(string projectName)
    {
        ArgumentNullException.ThrowIfNull(projectName);
        var builder = new System.Text.StringBuilder();
        foreach (var c in projectName.Normalize(System.Text.NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        var name = builder.ToString().TrimEnd('_');
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            name = "p_" + name;
        }

        return name.Length > 63 ? name[..63] : name;
    }

    /// <summary>The location with another PostgreSQL schema (tests use one schema per test).</summary>
    public StoreLocation WithSchema(string schema)
    {
        if (this.Postgres is null)
        {
            throw new InvalidOperationException("only a PostgreSQL location has a schema");
        }

        if (!IsIdentifier(schema))
        {
            throw new ProjectStoreException(StoreErrorKind.BadLocation, $"the schema name '{schema}' must be letters, digits and underscores");
        }

        var builder = new NpgsqlConnectionStringBuilder(this.Postgres.ConnectionString) { SearchPath = schema };
        return new StoreLocation(StoreProvider.PostgreSql, string.Empty, builder, schema.ToLowerInvariant());
    }

    /// <summary>The location as a URL without the password (what the project folder records and messages show).</summary>
    public override string ToString()
    {
        if (this.Postgres is not { } pg)
        {
            return this.SqlitePath;
        }

        var user = string.IsNullOrEmpty(pg.Username) ? string.Empty : Uri.EscapeDataString(pg.Username) + "@";
        var schema = this.Schema == "public" ? string.Empty : "?schema=" + this.Schema;
        return string.Create(CultureInfo.InvariantCulture, $"postgres://{user}{pg.Host}:{pg.Port}/{pg.Database}{schema}");
    }

    internal static bool IsIdentifier(string name)
    {
        if (name.Length is 0 or > 63 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static NpgsqlConnectionStringBuilder FromKeywords(string text)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(text);
        }
        catch (Exception ex) when (ex is ArgumentException or KeyNotFoundException or FormatException or OverflowException or InvalidCastException)
        {
            // Npgsql's builder throws KeyNotFoundException for an unknown keyword with an empty value (found by the
            // fuzzer), FormatException/InvalidCastException for a value of the wrong type.
            throw new ProjectStoreException(StoreErrorKind.BadLocation, $"malformed PostgreSQL connection string: {ex.Message}", ex);
        }
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ProjectStoreException(StoreErrorKind.BadLocation, $"malformed PostgreSQL URL '{Redact(text)}': expected postgres://user:password@host:port/database");
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0)
        {
            throw new ProjectStoreException(StoreErrorKind.BadLocation, $"the PostgreSQL URL '{Redact(text)}' names no database: expected postgres://user:password@host:port/database");
        }

        // Npgsql throws ArgumentOutOfRangeException for port 0 (found by AFL++ in the store-url campaign).
        var port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port;
        if (port is < 1 or > 65535)
        {
            throw new ProjectStoreException(StoreErrorKind.BadLocation, $"the PostgreSQL URL '{Redact(text)}' names port {port}: expected 1 to 65535");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = port,
            Database = database,
        };
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]).ToLowerInvariant();
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            try
            {
                switch (key)
                {
                    case "schema":
                        builder.SearchPath = value;
                        break;
                    case "sslmode":
                        builder.SslMode = Enum.Parse<SslMode>(value, ignoreCase: true);
                        break;
                    case "timeout" or "connect_timeout":
                        builder.Timeout = int.Parse(value, CultureInfo.InvariantCulture);
                        break;
                    default:
                        builder[key] = value;
                        break;
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or OverflowException)
            {
                throw new ProjectStoreException(StoreErrorKind.BadLocation, $"the PostgreSQL URL option '{key}={value}' is not understood: {ex.Message}", ex);
            }
        }

        return builder;
    }

    private static string Redact(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        return at > scheme && scheme >= 0 ? text[..(scheme + 3)] + "***" + text[at..] : text;
    }
}
