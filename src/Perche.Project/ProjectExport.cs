using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Perche.Project;

/// <summary>
/// The complete, human-readable JSON dump of a project (see EXPORT.md): every table of every module, every
/// row as an object keyed by column, values typed the same way from SQLite and PostgreSQL, so a dump from
/// one engine imports into the other. Export streams (a project of any size), writes to a temporary file
/// and renames it; import runs in one transaction.
/// </summary>
public static class ProjectExport
{
    /// <summary>The value of the dump's <c>format</c> field.</summary>
    public const string FormatName = "perche-project-export";

    /// <summary>The dump layout version this program writes and reads.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the dump of <paramref name="store"/> to <paramref name="path"/> (temporary file, then rename).</summary>
    /// <returns>The number of rows written.</returns>
    public static long ExportToFile(ProjectStore store, string path, string projectName)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var temp = full + ".tmp-" + Environment.ProcessId;
        try
        {
            long rows;
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                rows = Export(store, stream, projectName);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
            return rows;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Writes the dump of <paramref name="store"/>, read in one snapshot, to <paramref name="output"/>.</summary>
    /// <returns>The number of rows written.</returns>
    public static long Export(ProjectStore store, Stream output, string projectName)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        return store.Read(tx =>
        {
            using var json = new Utf8JsonWriter(output, WriterOptions);
            json.WriteStartObject();
            json.WriteString("format", FormatName);
            json.WriteNumber("formatVersion", FormatVersion);
            json.WriteString("exportedAt", ProjectStore.Now());
            json.WriteString("exportedBy", "Perche " + ProjectStore.ProgramVersion);
            json.WriteString("project", projectName);
            json.WriteString("provider", store.Provider.ToString());
            json.WriteString("store", store.Location.ToString());
            var (revision, createdAt, createdBy) = tx.Query("SELECT revision, created_at, created_by FROM perche_store WHERE id = 1", r => (r.GetInt64("revision"), r.GetString("created_at"), r.GetString("created_by"))).First();
            json.WriteNumber("revision", revision);
            json.WriteString("createdAt", createdAt);
            json.WriteString("createdBy", createdBy);

            json.WriteStartObject("schema");
            foreach (var (module, version) in tx.Query("SELECT module, MAX(version) AS v FROM perche_migration GROUP BY module ORDER BY module", r => (r.GetString("module"), r.GetInt64("v"))))
            {
                json.WriteNumber(module, version);
            }

            json.WriteEndObject();

            json.WriteStartArray("migrations");
            foreach (var m in tx.Query("SELECT module, version, description, applied_at, applied_by FROM perche_migration ORDER BY applied_at, module, version", r => (Module: r.GetString("module"), Version: r.GetInt64("version"), Description: r.GetString("description"), At: r.GetString("applied_at"), By: r.GetString("applied_by"))))
            {
                json.WriteStartObject();
                json.WriteString("module", m.Module);
                json.WriteNumber("version", m.Version);
                json.WriteString("description", m.Description);
                json.WriteString("appliedAt", m.At);
                json.WriteString("appliedBy", m.By);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            long total = 0;
            json.WriteStartArray("tables");
            foreach (var table in tx.Tables())
            {
                if (table.StartsWith("perche_", StringComparison.Ordinal))
                {
                    continue;
                }

                var columns = Columns(store, tx, table);
                json.WriteStartObject();
                json.WriteString("name", table);
                json.WriteStartArray("columns");
                foreach (var c in columns)
                {
                    json.WriteStartObject();
                    json.WriteString("name", c.Name);
                    json.WriteString("type", c.Type);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("rows");
                total += WriteRows(store, tx, json, table, columns);
                json.WriteEndArray();
                json.WriteEndObject();
                json.Flush();
            }

            json.WriteEndArray();
            json.WriteNumber("rowCount", total);
            json.WriteEndObject();
            json.Flush();
            return total;
        });
    }

    /// <summary>Reads a dump's header: the project name and the schema version of each module.</summary>
    /// <exception cref="ProjectStoreException">Not a Perche dump, or a newer dump format.</exception>
    public static (string Project, IReadOnlyDictionary<string, int> Schema) ReadHeader(string path) =>
        Structured(path, () => ReadHeaderCore(path));

    private static (string Project, IReadOnlyDictionary<string, int> Schema) ReadHeaderCore(string path)
    {
        using var document = Parse(path);
        var root = document.RootElement;
        var schema = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in root.GetProperty("schema").EnumerateObject())
        {
            schema[p.Name] = p.Value.GetInt32();
        }

        return (root.TryGetProperty("project", out var name) ? name.GetString() ?? string.Empty : string.Empty, schema);
    }

    /// <summary>
    /// Imports a dump into <paramref name="store"/>, which must be empty and at the dump's schema versions
    /// (open it with <see cref="StoreOptions.MigrateUpTo"/> set from <see cref="ReadHeader"/>). One
    /// transaction: the store ends with all of the dump or none of it.
    /// </summary>
    /// <returns>The number of rows imported.</returns>
    /// <exception cref="ProjectStoreException">A malformed dump, a schema mismatch, or a store that is not empty.</exception>
    public static long Import(ProjectStore store, string path)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Structured(path, () => ImportCore(store, path));
    }

    /// <summary>
    /// A dump whose JSON is well-formed but lacks a member or holds the wrong kind of value makes JsonElement
    /// throw KeyNotFoundException, InvalidOperationException or FormatException: report it as a bad dump.
    /// </summary>
    private static T Structured<T>(string path, Func<T> body)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ProjectStoreException(StoreErrorKind.BadImport, $"{path}: not a complete Perche project export: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or ArgumentException)
        {
            // Rows ImportTable could not place (InsertBatch names the table, row and column) do not get here; this
            // is the net for what fails elsewhere: a dangling reference checked at commit, or a value the provider
            // refuses to bind (ArgumentException, once seen from the property test on a damaged row).
            throw new ProjectStoreException(StoreErrorKind.BadImport, $"{path}: the dump is not a valid Perche project export: its rows do not fit the project tables: {ex.Message}", ex);
        }
    }

    private static long ImportCore(ProjectStore store, string path)
    {
        using var document = Parse(path);
        var root = document.RootElement;
        var versions = store.SchemaVersions();
        foreach (var p in root.GetProperty("schema").EnumerateObject())
        {
            if (!versions.TryGetValue(p.Name, out var have) || have != p.Value.GetInt32())
            {
                throw new ProjectStoreException(StoreErrorKind.BadImport, $"{path}: the dump's '{p.Name}' tables are at version {p.Value.GetInt32()}, the store's at {(versions.TryGetValue(p.Name, out var v) ? v.ToString(CultureInfo.InvariantCulture) : "none")}: this Perche does not know that module, or the store was not opened at the dump's versions");
            }
        }

        var tables = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var t in root.GetProperty("tables").EnumerateArray())
        {
            tables[t.GetProperty("name").GetString() ?? string.Empty] = t;
        }

        return store.Write(tx =>
        {
            // Only into a new project: one without settings. Rows that migrations seeded (defaults, counters) are
            // replaced by the dump's.
            if (tx.TableExists("project_settings") && tx.Scalar<long>("SELECT COUNT(*) FROM project_settings") > 0)
            {
                throw new ProjectStoreException(StoreErrorKind.BadImport, $"{store.Location}: this store already holds a project; import into a new project");
            }

            var existing = tx.Tables();
            foreach (var name in tables.Keys)
            {
                if (!existing.Contains(name, StringComparer.Ordinal))
                {
                    throw new ProjectStoreException(StoreErrorKind.BadImport, $"{path}: table '{name}' is in the dump but not in the store");
                }
            }

            var order = ReferenceOrder(store, tx, tables.Keys);
            for (var i = order.Count - 1; i >= 0; i--)
            {
                tx.Execute($"DELETE FROM {StoreTransaction.Quote(order[i])}");
            }

            long total = 0;
            foreach (var name in order)
            {
                total += ImportTable(store, tx, path, name, tables[name]);
            }

            return total;
        });
    }

    private static JsonDocument Parse(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.GetString() != FormatName)
            {
                document.Dispose();
                throw new ProjectStoreException(StoreErrorKind.BadImport, $"{path}: not a Perche project export (no \"format\": \"{FormatName}\")");
            }

            var version = root.GetProperty("formatVersion").GetInt32();
            if (version > FormatVersion)
            {
                document.Dispose();
                throw new ProjectStoreException(StoreErrorKind.NewerSchema, $"{path}: export format {version} was written by a newer Perche; this one reads format {FormatVersion}: update Perche");
            }

            return document;
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"line {line + 1}: " : string.Empty;
            throw new ProjectStoreException(StoreErrorKind.BadImport, $"{path}: {where}malformed JSON: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ProjectStoreException(StoreErrorKind.BadImport, $"{path}: not a complete Perche project export: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ProjectStoreException(StoreErrorKind.BadImport, $"{path}: cannot read: {ex.Message}", ex);
        }
    }

    /// <summary>Declared columns with the portable type names the dump uses: integer, real, text, boolean, blob.</summary>
    private static List<(string Name, string Type)> Columns(ProjectStore store, StoreTransaction tx, string table)
    {
        var list = new List<(string, string)>();
        foreach (var (name, declared) in store.Backend.ListColumns(tx, table))
        {
            list.Add((name, PortableType(declared)));
        }

        return list;
    }

    internal static string PortableType(string declared)
    {
        var t = declared.ToUpperInvariant();
        if (t.Contains("BOOL", StringComparison.Ordinal))
        {
            return "boolean";
        }

        if (t.Contains("INT", StringComparison.Ordinal))
        {
            return "integer";
        }

        if (t.Contains("CHAR", StringComparison.Ordinal) || t.Contains("TEXT", StringComparison.Ordinal) || t.Contains("CLOB", StringComparison.Ordinal))
        {
            return "text";
        }

        if (t.Contains("BLOB", StringComparison.Ordinal) || t.Contains("BYTEA", StringComparison.Ordinal) || t.Length == 0)
        {
            return "blob";
        }

        if (t.Contains("REAL", StringComparison.Ordinal) || t.Contains("FLOA", StringComparison.Ordinal) || t.Contains("DOUB", StringComparison.Ordinal) || t.Contains("NUMERIC", StringComparison.Ordinal) || t.Contains("DECIMAL", StringComparison.Ordinal))
        {
            return "real";
        }

        return "text";
    }

    private static long WriteRows(ProjectStore store, StoreTransaction tx, Utf8JsonWriter json, string table, List<(string Name, string Type)> columns)
    {
        // Byte-order collation on text keys, so both engines list rows in the same order.
        var order = new StringBuilder();
        for (var i = 0; i < columns.Count; i++)
        {
            order.Append(i == 0 ? " ORDER BY " : ", ").Append(StoreTransaction.Quote(columns[i].Name));
            if (store.Provider == StoreProvider.PostgreSql && columns[i].Type == "text")
            {
                order.Append(" COLLATE \"C\"");
            }
        }

        using var command = tx.CreateCommand($"SELECT * FROM {StoreTransaction.Quote(table)}{order}", null);
        using var reader = store.Backend.Run(() => command.ExecuteReader());
        long count = 0;
        while (reader.Read())
        {
            json.WriteStartObject();
            for (var i = 0; i < columns.Count; i++)
            {
                var (name, type) = columns[i];
                json.WritePropertyName(name);
                if (reader.IsDBNull(i))
                {
                    json.WriteNullValue();
                    continue;
                }

                var value = reader.GetValue(i);
                switch (type)
                {
                    case "integer":
                        json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                        break;
                    case "real":
                        var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                        if (double.IsFinite(d))
                        {
                            json.WriteNumberValue(d);
                        }
                        else
                        {
                            // JSON has no NaN or infinity: spelt as .NET parses them back.
                            json.WriteStringValue(d.ToString(CultureInfo.InvariantCulture));
                        }

                        break;
                    case "boolean":
                        json.WriteBooleanValue(value is bool b ? b : Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0);
                        break;
                    case "blob":
                        json.WriteBase64StringValue(value as byte[] ?? Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty));
                        break;
                    default:
                        json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                        break;
                }
            }

            json.WriteEndObject();
            count++;
            if ((count & 1023) == 0)
            {
                json.Flush();
            }
        }

        return count;
    }

    /// <summary>Tables ordered so that every table comes after the tables it references.</summary>
    private static List<string> ReferenceOrder(ProjectStore store, StoreTransaction tx, IEnumerable<string> tables)
    {
        var pending = tables.Order(StringComparer.Ordinal).ToList();
        var references = pending.ToDictionary(t => t, t => store.Backend.ListReferences(tx, t).Where(r => r != t).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<string>();
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(t => references[t].All(r => done.Contains(r) || !references.ContainsKey(r)))
                ?? throw new ProjectStoreException(StoreErrorKind.BadImport, $"tables reference each other in a cycle ({string.Join(", ", pending)}); cannot order the import");
            order.Add(next);
            done.Add(next);
            pending.Remove(next);
        }

        return order;
    }

    private static long ImportTable(ProjectStore store, StoreTransaction tx, string path, string table, JsonElement element)
    {
        var target = Columns(store, tx, table).ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var c in element.GetProperty("columns").EnumerateArray())
        {
            var name = c.GetProperty("name").GetString() ?? string.Empty;
            if (!target.ContainsKey(name))
            {
                throw new ProjectStoreException(StoreErrorKind.BadImport, $"{path}: column {table}.{name} is in the dump but not in the store");
            }

            names.Add(name);
        }

        if (names.Count == 0)
        {
            return 0;
        }

        // Many rows per INSERT: on a server every statement is a round trip, and a row at a time made a
        // 4000-row import take tens of seconds on a busy machine. 900 parameters stay under every engine's limit.
        var rowsPerStatement = Math.Max(1, 900 / names.Count);
        var head = $"INSERT INTO {StoreTransaction.Quote(table)} ({string.Join(", ", names.Select(StoreTransaction.Quote))}) VALUES ";
        var sql = new StringBuilder(head);
        var args = new Dictionary<string, object?>(StringComparer.Ordinal);
        var pending = 0;
        long count = 0;
        var batch = new List<JsonElement>(rowsPerStatement);
        foreach (var row in element.GetProperty("rows").EnumerateArray())
        {
            sql.Append(pending == 0 ? "(" : ", (");
            for (var i = 0; i < names.Count; i++)
            {
                var parameter = string.Create(CultureInfo.InvariantCulture, $"p{pending}_{i}");
                sql.Append(i == 0 ? "@" : ", @").Append(parameter);
                var value = row.TryGetProperty(names[i], out var v) ? v : default;
                args[parameter] = FromJson(value, target[names[i]], path, table, names[i], count);
            }

            sql.Append(')');
            batch.Add(row);
            pending++;
            count++;
            if (pending == rowsPerStatement)
            {
                InsertBatch(tx, path, table, names, sql.ToString(), args, batch, count - pending);
                sql.Clear().Append(head);
                args.Clear();
                batch.Clear();
                pending = 0;
            }
        }

        if (pending > 0)
        {
            InsertBatch(tx, path, table, names, sql.ToString(), args, batch, count - pending);
        }

        if (target.ContainsKey("id"))
        {
            store.Backend.ResetIdentity(tx, table, "id");
        }

        return count;
    }

    /// <summary>
    /// Runs one multi-row INSERT; a row the table refuses (a NULL where the project requires a value, a duplicate
    /// key) is reported with the table, the row and, when the engine names it, the column.
    /// </summary>
    private static void InsertBatch(StoreTransaction tx, string path, string table, List<string> names, string sql, Dictionary<string, object?> args, List<JsonElement> batch, long firstRow)
    {
        try
        {
            tx.Execute(sql, args);
        }
        catch (System.Data.Common.DbException ex)
        {
            // Both engines name the column of a NOT NULL failure (SQLite: 'table.column'; PostgreSQL: column "name");
            // point at the first row of the statement that holds NULL there.
            foreach (var column in names)
            {
                if (!ex.Message.Contains("NOT NULL", StringComparison.OrdinalIgnoreCase) && !ex.Message.Contains("null value", StringComparison.OrdinalIgnoreCase))
                {
                    break;
                }

                if (!ex.Message.Contains($"{table}.{column}'", StringComparison.Ordinal) && !ex.Message.Contains($"column \"{column}\"", StringComparison.Ordinal))
                {
                    continue;
                }

                for (var r = 0; r < batch.Count; r++)
                {
                    if (!batch[r].TryGetProperty(column, out var v) || v.ValueKind == JsonValueKind.Null)
                    {
                        throw new ProjectStoreException(StoreErrorKind.BadImport, $"{path}: table {table}, row {firstRow + r + 1}, column {column}: {(v.ValueKind == JsonValueKind.Null ? "null" : "missing")}, but the project requires a value", ex);
                    }
                }
            }

            var rows = batch.Count == 1 ? $"row {firstRow + 1}" : $"rows {firstRow + 1}-{firstRow + batch.Count}";
            throw new ProjectStoreException(StoreErrorKind.BadImport, $"{path}: table {table}, {rows}: the table refuses them: {ex.Message}", ex);
        }
    }

    private static object? FromJson(JsonElement value, string type, string path, string table, string column, long row)
    {
        try
        {
            return value.ValueKind switch
            {
                JsonValueKind.Undefined or JsonValueKind.Null => null,
                _ => type switch
                {
                    "integer" => value.GetInt64(),
                    "real" => value.ValueKind == JsonValueKind.String ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetDouble(),
                    "boolean" => value.GetBoolean(),
                    "blob" => value.GetBytesFromBase64(),
                    _ => value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText(),
                },
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw new ProjectStoreException(StoreErrorKind.BadImport, $"{path}: table {table}, row {row + 1}, column {column}: expected {type}, found {value.GetRawText()}", ex);
        }
    }
}
