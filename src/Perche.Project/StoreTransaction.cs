using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Reflection;

namespace Perche.Project;

/// <summary>
/// One transaction on the project store, handed to the callback of <see cref="ProjectStore.Write(Action{StoreTransaction})"/>
/// or <see cref="ProjectStore.Read{T}(Func{StoreTransaction, T})"/>. SQL uses <c>@name</c> parameters on both
/// engines; arguments are an anonymous object (<c>new { scene = 12, take = 3 }</c>) or a dictionary.
/// Everything done here commits together when the callback returns, or not at all if it throws.
/// </summary>
public sealed class StoreTransaction
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> PropertyCache = new();

    private readonly StoreBackend backend;

    internal StoreTransaction(StoreBackend backend, DbConnection connection, DbTransaction transaction, bool writable)
    {
        this.backend = backend;
        this.Connection = connection;
        this.Transaction = transaction;
        this.IsWritable = writable;
    }

    /// <summary>The engine, for the rare statement that must differ.</summary>
    public StoreProvider Provider => this.backend.Provider;

    /// <summary>False inside <see cref="ProjectStore.Read{T}(Func{StoreTransaction, T})"/>.</summary>
    public bool IsWritable { get; }

    /// <summary>The open connection (advanced use: bulk copy, provider-specific calls).</summary>
    public DbConnection Connection { get; }

    /// <summary>The underlying transaction, already attached to commands this class creates.</summary>
    public DbTransaction Transaction { get; }

    /// <summary>Runs a statement (or several, separated by semicolons); returns the rows affected.</summary>
    public int Execute(string sql, object? args = null)
    {
        using var command = this.CreateCommand(sql, args);
        return this.backend.Run(() => command.ExecuteNonQuery());
    }

    /// <summary>
    /// The first column of the first row, converted to <typeparamref name="T"/>; default when there is no
    /// row or the value is NULL. Use it with <c>INSERT ... RETURNING id</c> to get a new key.
    /// </summary>
    public T? Scalar<T>(string sql, object? args = null)
    {
        using var command = this.CreateCommand(sql, args);
        var value = this.backend.Run(() => command.ExecuteScalar());
        return ConvertValue<T>(value);
    }

    /// <summary>Maps every row of a query.</summary>
    public List<T> Query<T>(string sql, object? args, Func<StoreRow, T> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        using var command = this.CreateCommand(sql, args);
        using var reader = this.backend.Run(() => command.ExecuteReader());
        var row = new StoreRow(reader);
        var list = new List<T>();
        while (this.backend.Run(() => reader.Read()))
        {
            list.Add(map(row));
        }

        return list;
    }

    /// <summary>Maps every row of a query without parameters.</summary>
    public List<T> Query<T>(string sql, Func<StoreRow, T> map) => this.Query(sql, null, map);

    /// <summary>
    /// A statement prepared once and run many times (bulk inserts): <c>using var insert = tx.Prepare(...);
    /// foreach (...) insert.Execute(new { ... });</c>.
    /// </summary>
    public StoreCommand Prepare(string sql) => new(this.backend, this.CreateCommand(sql, null));

    /// <summary>True when the table exists in this store (status and export look before they query).</summary>
    public bool TableExists(string table) => this.backend.ListTables(this).Contains(table, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every table of the project, sorted by name.</summary>
    public IReadOnlyList<string> Tables() => this.backend.ListTables(this);

    /// <summary>The row count of every table whose name starts with <paramref name="prefix"/>.</summary>
    public IReadOnlyList<StatusLine> CountRowsByTable(string prefix)
    {
        var lines = new List<StatusLine>();
        foreach (var table in this.Tables())
        {
            if (table.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                lines.Add(new StatusLine(table, this.Scalar<long>($"SELECT COUNT(*) FROM {Quote(table)}")));
            }
        }

        return lines;
    }

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    internal DbCommand CreateCommand(string sql, object? args)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var command = this.Connection.CreateCommand();
        command.Transaction = this.Transaction;
        command.CommandText = sql;
        BindArguments(command, args);
        return command;
    }

    internal static void BindArguments(DbCommand command, object? args)
    {
        if (args is null)
        {
            return;
        }

        if (args is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var (name, value) in pairs)
            {
                SetParameter(command, name, value);
            }

            return;
        }

        foreach (var property in PropertyCache.GetOrAdd(args.GetType(), t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)))
        {
            SetParameter(command, property.Name, property.GetValue(args));
        }
    }

    internal static T? ConvertValue<T>(object? value)
    {
        if (value is null or DBNull)
        {
            return default;
        }

        if (value is T typed)
        {
            return typed;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (target == typeof(bool))
        {
            return (T)(object)(Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0);
        }

        return (T)Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
    }

    private static void SetParameter(DbCommand command, string name, object? value)
    {
        name = name.TrimStart('@');
        DbParameter parameter;
        var index = command.Parameters.IndexOf(name);
        if (index >= 0)
        {
            parameter = command.Parameters[index];
        }
        else
        {
            parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        parameter.Value = ToDbValue(value);
    }

    private static object ToDbValue(object? value) => value switch
    {
        null => DBNull.Value,

        // Times are stored as ISO 8601 UTC text on both engines, so they sort and compare as text.
        DateTimeOffset dto => dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        Guid g => g.ToString("D"),
        Enum e => e.ToString(),
        int i => (long)i,
        float f => (double)f,
        _ => value,
    };
}

/// <summary>A statement prepared once inside a transaction and run many times with new arguments.</summary>
public sealed class StoreCommand : IDisposable
{
    private readonly StoreBackend backend;
    private readonly DbCommand command;

    internal StoreCommand(StoreBackend backend, DbCommand command)
    {
        this.backend = backend;
        this.command = command;
    }

    /// <summary>Runs the statement with these arguments; returns the rows affected.</summary>
    public int Execute(object? args)
    {
        StoreTransaction.BindArguments(this.command, args);
        return this.backend.Run(() => this.command.ExecuteNonQuery());
    }

    /// <summary>Runs the statement and returns its first value (for <c>INSERT ... RETURNING id</c>).</summary>
    public T? Scalar<T>(object? args)
    {
        StoreTransaction.BindArguments(this.command, args);
        return StoreTransaction.ConvertValue<T>(this.backend.Run(() => this.command.ExecuteScalar()));
    }

    /// <inheritdoc/>
    public void Dispose() => this.command.Dispose();
}
