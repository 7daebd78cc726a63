using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Perche.Project;

/// <summary>What a backup wrote.</summary>
/// <param name="Path">The backup file.</param>
/// <param name="Revision">The project revision it holds.</param>
/// <param name="Bytes">Its size.</param>
public sealed record BackupResult(string Path, long Revision, long Bytes);

/// <summary>
/// A consistent copy of the project's store, taken while others may be writing. SQLite: <c>VACUUM INTO</c>
/// (a compact database file from one snapshot), checked with <c>integrity_check</c> before it takes its final
/// name. PostgreSQL: the complete JSON export (restore with <c>perche project import</c>).
/// </summary>
public static class ProjectBackup
{
    /// <summary>Backs the project up into <paramref name="folder"/> (default: the project's backups folder).</summary>
    /// <exception cref="ProjectStoreException">The copy failed its check, or the store failed.</exception>
    public static BackupResult Create(ProjectFolder project, ProjectStore store, string? folder = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(store);
        folder ??= project.BackupsFolder;
        Directory.CreateDirectory(folder);
        var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var temp = Path.Combine(folder, $".{project.Name}-{stamp}.tmp-{Environment.ProcessId}");
        try
        {
            long revision;
            string extension;
            if (store.Provider == StoreProvider.Sqlite)
            {
                using (var connection = store.Backend.OpenConnection())
                using (var command = connection.CreateCommand())
                {
                    command.CommandText = "VACUUM INTO @path";
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "path";
                    parameter.Value = temp;
                    command.Parameters.Add(parameter);
                    store.Backend.Run(() => command.ExecuteNonQuery());
                }

                revision = Verify(temp);
                extension = ".db";
            }
            else
            {
                revision = store.Revision;
                ProjectExport.ExportToFile(store, temp, project.Name);
                extension = ".json";
            }

            var final = Path.Combine(folder, $"{project.Name}-{stamp}-r{revision.ToString(CultureInfo.InvariantCulture)}{extension}");
            File.Move(temp, final, overwrite: false);
            return new BackupResult(final, revision, new FileInfo(final).Length);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Checks a SQLite backup file and returns the revision it holds.</summary>
    private static long Verify(string path)
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        using var connection = new SqliteConnection(cs);
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        var result = Convert.ToString(check.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (result != "ok")
        {
            throw new ProjectStoreException(StoreErrorKind.Corrupt, $"{path}: the backup copy failed its integrity check ({result}); the original is untouched");
        }

        check.CommandText = "SELECT revision FROM perche_store WHERE id = 1";
        return Convert.ToInt64(check.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
