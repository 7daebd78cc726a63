using System.Data.Common;
using System.Globalization;

namespace Perche.Project;

/// <summary>
/// The current row of a query, read by column name. Integers come back as <see cref="long"/> and reals as
/// <see cref="double"/> on both engines, whatever width the column declares.
/// </summary>
public sealed class StoreRow
{
    private readonly DbDataReader reader;

    internal StoreRow(DbDataReader reader)
    {
        this.reader = reader;
    }

    /// <summary>The number of columns.</summary>
    public int FieldCount => this.reader.FieldCount;

    /// <summary>The name of a column by position.</summary>
    public string NameOf(int ordinal) => this.reader.GetName(ordinal);

    /// <summary>True when the column holds NULL.</summary>
    public bool IsNull(string column) => this.reader.IsDBNull(this.reader.GetOrdinal(column));

    /// <summary>A text column (throws on NULL).</summary>
    public string GetString(string column) => this.GetStringOrNull(column) ?? throw NullColumn(column);

    /// <summary>A text column, or null.</summary>
    public string? GetStringOrNull(string column)
    {
        var value = this.GetValue(column);
        return value switch
        {
            null => null,
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }

    /// <summary>An integer column (throws on NULL).</summary>
    public long GetInt64(string column) => this.GetInt64OrNull(column) ?? throw NullColumn(column);

    /// <summary>An integer column, or null.</summary>
    public long? GetInt64OrNull(string column)
    {
        var value = this.GetValue(column);
        return value is null ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    /// <summary>A real column (throws on NULL).</summary>
    public double GetDouble(string column) => this.GetDoubleOrNull(column) ?? throw NullColumn(column);

    /// <summary>A real column, or null.</summary>
    public double? GetDoubleOrNull(string column)
    {
        var value = this.GetValue(column);
        return value is null ? null : Convert.ToDouble(value, CultureInfo.InvariantCulture);
    }

    /// <summary>A boolean column (SQLite stores 0/1) (throws on NULL).</summary>
    public bool GetBoolean(string column) => this.GetBooleanOrNull(column) ?? throw NullColumn(column);

    /// <summary>A boolean column, or null.</summary>
    public bool? GetBooleanOrNull(string column)
    {
        var value = this.GetValue(column);
        return value switch
        {
            null => null,
            bool b => b,
            _ => Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0,
        };
    }

    /// <summary>A binary column, or null.</summary>
    public byte[]? GetBytesOrNull(string column) => (byte[]?)this.GetValue(column);

    /// <summary>The raw value of a column by position (null for NULL).</summary>
    public object? GetValue(int ordinal)
    {
        var value = this.reader.GetValue(ordinal);
        return value is DBNull ? null : value;
    }

    /// <summary>The raw value of a column (null for NULL).</summary>
    public object? GetValue(string column) => this.GetValue(this.reader.GetOrdinal(column));

    private static InvalidOperationException NullColumn(string column) => new($"column '{column}' is NULL");
}
