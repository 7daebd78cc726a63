namespace Perche.Project;

/// <summary>
/// A project on disk: the folder <c>NAME.perche/</c> holding the store (<c>project.db</c>, or
/// <c>store.url</c> naming a PostgreSQL database) and one folder per phase's outputs. Verbs find it the way
/// git finds a repository: from the current folder upward, or from <c>--project PATH</c> or the
/// <c>PERCHE_PROJECT</c> environment variable.
/// </summary>
public sealed class ProjectFolder
{
    /// <summary>The project folder's extension.</summary>
    public const string Extension = ".perche";

    /// <summary>The SQLite database file inside the folder.</summary>
    public const string DatabaseFileName = "project.db";

    /// <summary>The file naming a PostgreSQL store (one line: the URL) instead of <see cref="DatabaseFileName"/>.</summary>
    public const string StoreFileName = "store.url";

    /// <summary>The environment variable that names the project when no <c>--project</c> is given.</summary>
    public const string EnvironmentVariable = "PERCHE_PROJECT";

    private ProjectFolder(string root, StoreLocation location)
    {
        this.Root = root;
        this.Location = location;
    }

    /// <summary>The phase output folders every project has, created by <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> PhaseFolders { get; } = ["documents", "reports", "renders", "deliveries"];

    /// <summary>The full path of the <c>NAME.perche</c> folder.</summary>
    public string Root { get; }

    /// <summary>The project's name (the folder name without <c>.perche</c>).</summary>
    public string Name => Path.GetFileName(this.Root)[..^Extension.Length];

    /// <summary>Where the store lives.</summary>
    public StoreLocation Location { get; }

    /// <summary>Pre-production documents: breakdown, plans, budgets.</summary>
    public string DocumentsFolder => Path.Combine(this.Root, "documents");

    /// <summary>Shoot reports: sound reports, offload and MHL records, take QC.</summary>
    public string ReportsFolder => Path.Combine(this.Root, "reports");

    /// <summary>Post renders: conformed sessions, stems, mixes.</summary>
    public string RendersFolder => Path.Combine(this.Root, "renders");

    /// <summary>Deliveries: masters and their QC reports.</summary>
    public string DeliveriesFolder => Path.Combine(this.Root, "deliveries");

    /// <summary>Store backups written by <c>perche project backup</c>.</summary>
    public string BackupsFolder => Path.Combine(this.Root, "backups");

    /// <summary>
    /// Creates <c>NAME.perche</c> in <paramref name="parentDirectory"/> with its phase folders and its store,
    /// and writes the settings. With <paramref name="store"/> (a PostgreSQL URL) the project lives on that
    /// server, in the URL's schema or else a schema named after the project, and the folder records where.
    /// Nothing is left behind if anything fails.
    /// </summary>
    /// <exception cref="ProjectStoreException">The folder exists, the name is bad, or the store cannot be created.</exception>
    public static ProjectFolder Create(string parentDirectory, string name, ProjectSettings settings, string? store = null, params IStoreModule[] modules)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Validate() is { } problem)
        {
            throw new ProjectStoreException(StoreErrorKind.BadLocation, $"project settings: {problem}");
        }

        return CreateCore(parentDirectory, name, store, location =>
        {
            using var projectStore = ProjectStore.Open(location, modules);
            projectStore.Write(tx =>
            {
                if (ProjectSettings.Load(tx) is not null)
                {
                    throw new ProjectStoreException(StoreErrorKind.BadLocation, $"{location}: this store already holds a project; give each project its own database or schema (?schema=name)");
                }

                settings.Save(tx);
            });
        });
    }

    /// <summary>
    /// Creates <c>NAME.perche</c> from a <c>perche project export</c> dump: the store is built at the dump's
    /// schema versions, filled in one transaction, then migrated to this program's versions. As with
    /// <see cref="Create"/>, a failure or a kill leaves no project under the final name.
    /// </summary>
    /// <returns>The project and the number of rows imported.</returns>
    /// <exception cref="ProjectStoreException">The dump is malformed or holds a module this program does not know.</exception>
    public static (ProjectFolder Project, long Rows) CreateFromExport(string parentDirectory, string name, string exportPath, string? store = null, params IStoreModule[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        var (_, schema) = ProjectExport.ReadHeader(exportPath);
        foreach (var (module, version) in schema)
        {
            var known = module == ProjectModule.Instance.Name ? ProjectModule.Instance : modules.FirstOrDefault(m => m.Name == module);
            if (known is null)
            {
                throw new ProjectStoreException(StoreErrorKind.BadImport, $"{exportPath}: the dump holds the '{module}' tables (version {version}), which this Perche does not know: import it with the Perche that exported it, or a newer one");
            }

            if (version > known.Migrations.Count)
            {
                throw new ProjectStoreException(StoreErrorKind.NewerSchema, $"{exportPath}: the dump's '{module}' tables are at version {version}; this Perche knows up to {known.Migrations.Count} and will not downgrade them: update Perche");
            }
        }

        long rows = 0;
        var project = CreateCore(parentDirectory, name, store, location =>
        {
            using (var atDumpVersions = ProjectStore.Open(location, new StoreOptions { MigrateUpTo = schema }, modules))
            {
                rows = ProjectExport.Import(atDumpVersions, exportPath);
            }

            // Now bring every module to this program's version.
            using var current = ProjectStore.Open(location, modules);
        });
        return (project, rows);
    }

    private static ProjectFolder CreateCore(string parentDirectory, string name, string? store, Action<StoreLocation> fill)
    {
        ArgumentNullException.ThrowIfNull(parentDirectory);
        ArgumentNullException.ThrowIfNull(name);
        if (name.EndsWith(Extension, StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^Extension.Length];
        }

        if (name.Length == 0 || name.Trim() != name || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
        {
            throw new ProjectStoreException(StoreErrorKind.BadLocation, $"'{name}' cannot name a project folder (no slashes, no leading or trailing spaces)");
        }

        var root = Path.GetFullPath(Path.Combine(parentDirectory, name + Extension));
        if (Directory.Exists(root) || File.Exists(root))
        {
            throw new ProjectStoreException(StoreErrorKind.BadLocation, $"{root} already exists; open it, or choose another name");
        }

        if (store is not null)
        {
            store = StoreLocation.WithDefaultSchema(store, name);
        }

        var location = store is null ? StoreLocation.ForSqlite(Path.Combine(root, DatabaseFileName)) : StoreLocation.Parse(store);

        // Build in a hidden sibling and rename at the end, so a failure (server down, disk full, a kill) never
        // leaves a half-made project under the final name.
        var staging = Path.Combine(Path.GetDirectoryName(root)!, "." + name + Extension + ".creating-" + Environment.ProcessId);
        try
        {
            RemoveAbandonedStaging(Path.GetDirectoryName(root)!, name);
            Directory.CreateDirectory(staging);
            foreach (var folder in PhaseFolders)
            {
                Directory.CreateDirectory(Path.Combine(staging, folder));
            }

            var stagingLocation = location;
            if (location.Provider == StoreProvider.PostgreSql)
            {
                WriteStoreFile(Path.Combine(staging, StoreFileName), store!);
            }
            else
            {
                stagingLocation = StoreLocation.ForSqlite(Path.Combine(staging, DatabaseFileName));
            }

            fill(stagingLocation);
            Directory.Move(staging, root);
        }
        catch
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            throw;
        }

        return new ProjectFolder(root, location);
    }

    /// <summary>
    /// The project for a verb: <paramref name="explicitPath"/> (from <c>--project</c>) when given, else
    /// <c>PERCHE_PROJECT</c>, else the folder found upward from <paramref name="startDirectory"/>; null when
    /// none applies (the verb then works on plain files).
    /// </summary>
    /// <exception cref="ProjectStoreException">An explicit path is not a project, or two projects sit side by side.</exception>
    public static ProjectFolder? Locate(string? explicitPath, string startDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Load(explicitPath);
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return Load(fromEnvironment);
        }

        return Find(startDirectory);
    }

    /// <summary>
    /// Finds the project from a folder upward: the first folder that is a project (<c>*.perche</c> holding a
    /// store) or that holds exactly one project folder (a film's root folder beside its rushes).
    /// </summary>
    /// <exception cref="ProjectStoreException">A folder holds several projects: the user must choose with --project.</exception>
    public static ProjectFolder? Find(string startDirectory)
    {
        ArgumentNullException.ThrowIfNull(startDirectory);
        for (var dir = new DirectoryInfo(Path.GetFullPath(startDirectory)); dir is not null; dir = dir.Parent)
        {
            if (TryOpen(dir.FullName) is { } project)
            {
                return project;
            }

            string[] children;
            try
            {
                children = Directory.GetDirectories(dir.FullName, "*" + Extension);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                continue;
            }

            var found = new List<ProjectFolder>();
            foreach (var child in children)
            {
                if (TryOpen(child) is { } p)
                {
                    found.Add(p);
                }
            }

            if (found.Count > 1)
            {
                throw new ProjectStoreException(
                    StoreErrorKind.NotAProject,
                    $"{dir.FullName} holds several projects ({string.Join(", ", found.Select(f => Path.GetFileName(f.Root)))}); choose one with --project");
            }

            if (found.Count == 1)
            {
                return found[0];
            }
        }

        return null;
    }

    /// <summary>
    /// Opens the project at <paramref name="path"/>: the <c>.perche</c> folder, its <c>project.db</c>, or a
    /// folder holding exactly one project.
    /// </summary>
    /// <exception cref="ProjectStoreException">The path is not a project.</exception>
    public static ProjectFolder Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        if (File.Exists(full) && (Path.GetFileName(full) is DatabaseFileName or StoreFileName))
        {
            full = Path.GetDirectoryName(full)!;
        }

        if (TryOpen(full) is { } project)
        {
            return project;
        }

        if (Directory.Exists(full))
        {
            var children = Directory.GetDirectories(full, "*" + Extension).Select(TryOpen).OfType<ProjectFolder>().ToList();
            if (children.Count == 1)
            {
                return children[0];
            }

            if (children.Count > 1)
            {
                throw new ProjectStoreException(StoreErrorKind.NotAProject, $"{full} holds several projects ({string.Join(", ", children.Select(f => Path.GetFileName(f.Root)))}); name one of them");
            }
        }

        throw new ProjectStoreException(StoreErrorKind.NotAProject, $"{full}: not a Perche project (expected a NAME{Extension} folder holding {DatabaseFileName} or {StoreFileName}; create one with 'perche init NAME')");
    }

    /// <summary>Opens the project's store with the given phase modules (migrations are applied).</summary>
    public ProjectStore OpenStore(params IStoreModule[] modules) => ProjectStore.Open(this.Location, modules);

    /// <summary>Opens the project's store with options.</summary>
    public ProjectStore OpenStore(StoreOptions options, params IStoreModule[] modules) => ProjectStore.Open(this.Location, options, modules);

    private static ProjectFolder? TryOpen(string directory)
    {
        if (!directory.EndsWith(Extension, StringComparison.OrdinalIgnoreCase) || !Directory.Exists(directory))
        {
            return null;
        }

        var database = Path.Combine(directory, DatabaseFileName);
        if (File.Exists(database))
        {
            return new ProjectFolder(directory, StoreLocation.ForSqlite(database));
        }

        var storeFile = Path.Combine(directory, StoreFileName);
        if (File.Exists(storeFile))
        {
            var url = File.ReadAllText(storeFile).Trim();
            return new ProjectFolder(directory, StoreLocation.Parse(url));
        }

        return null;
    }

    /// <summary>Deletes staging folders left by a creation that was killed (their process is gone).</summary>
    private static void RemoveAbandonedStaging(string parent, string name)
    {
        var prefix = "." + name + Extension + ".creating-";
        foreach (var dir in Directory.GetDirectories(parent, prefix + "*"))
        {
            var pidText = Path.GetFileName(dir)[prefix.Length..];
            if (!int.TryParse(pidText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            var alive = pid != Environment.ProcessId && IsRunning(pid);
            if (!alive)
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void WriteStoreFile(string path, string url)
    {
        File.WriteAllText(path, url + Environment.NewLine);
        if (!OperatingSystem.IsWindows())
        {
            // The URL may carry a password: readable by the owner only, like ~/.pgpass.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
