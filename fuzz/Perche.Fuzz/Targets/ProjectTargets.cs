using System.Text;
using Perche.Project;

namespace Perche.Fuzz.Targets;

/// <summary>Targets for src/Perche.Project: what a project folder holds as text.</summary>
public static class ProjectTargets
{
    /// <summary>The store location of store.url: a path, a postgres:// URL or a connection string.</summary>
    public static void StoreUrl(byte[] data)
    {
        var location = StoreLocation.Parse(Encoding.UTF8.GetString(data));
        _ = location.ToString();
    }

    /// <summary>The project store's own clear error, besides PercheFormatException.</summary>
    public static bool IsClearError(Exception ex) => ex is ProjectStoreException or Perche.Core.PercheFormatException;
}

/// <summary>The project import (a dump written by `perche project export`), as `perche project import` runs it.</summary>
public static class ProjectImportTarget
{
    /// <summary>The store modules of every phase, as the CLI opens a project.</summary>
    public static IStoreModule[] Modules { get; } =
    [
        Perche.Preproduction.Store.BreakdownStore.Module,
        Perche.Production.Store.ShootStore.Module,
        Perche.Post.Store.PostStore.Module,
    ];

    /// <summary>Imports the dump into a new project in a scratch folder (memory-backed when possible).</summary>
    public static void Import(byte[] data)
    {
        var scratch = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var dir = Path.Combine(scratch, $"perche-fuzz-import-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var dump = Path.Combine(dir, "dump.json");
            File.WriteAllBytes(dump, data);
            var (project, rows) = ProjectFolder.CreateFromExport(dir, "Fuzz", dump, null, Modules);
            FuzzCheck.That(rows >= 0 && Directory.Exists(project.Root), $"import reported {rows} rows into {project.Root}");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Scratch space only.
            }
        }
    }

    /// <summary>Writes the dump of a new, empty project (the seed of the target).</summary>
    public static void WriteSeed(string path)
    {
        var dir = Directory.CreateTempSubdirectory("perche-fuzz-seed-").FullName;
        try
        {
            var project = ProjectFolder.Create(dir, "LePhare", new ProjectSettings { Title = "Le Phare", Company = "Perche demo" }, null, Modules);
            using var store = project.OpenStore(Modules);
            ProjectExport.ExportToFile(store, path, "LePhare");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}
