namespace Perche.Project;

/// <summary>
/// The project at a glance, for <c>perche status</c> and the web app: its settings, store, revision, the
/// schema version of every module, and what each phase has stored (each module summarises itself; tables
/// of modules this program does not know are counted by name).
/// </summary>
public sealed class ProjectStatus
{
    private ProjectStatus(ProjectSettings? settings, long revision, string updatedAt, IReadOnlyDictionary<string, int> versions, IReadOnlyList<ModuleStatus> modules)
    {
        this.Settings = settings;
        this.Revision = revision;
        this.UpdatedAt = updatedAt;
        this.SchemaVersions = versions;
        this.Modules = modules;
    }

    /// <summary>The settings (null only in a store that was never initialised with <c>perche init</c>).</summary>
    public ProjectSettings? Settings { get; }

    /// <summary>Write transactions committed so far.</summary>
    public long Revision { get; }

    /// <summary>When the last write committed (UTC ISO 8601).</summary>
    public string UpdatedAt { get; }

    /// <summary>Every module recorded in the store and its schema version.</summary>
    public IReadOnlyDictionary<string, int> SchemaVersions { get; }

    /// <summary>What each module stored, in registration order, then unknown modules.</summary>
    public IReadOnlyList<ModuleStatus> Modules { get; }

    /// <summary>Reads the status in one snapshot.</summary>
    public static ProjectStatus Read(ProjectStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Read(tx =>
        {
            var settings = ProjectSettings.Load(tx);
            var (revision, updatedAt) = tx.Query("SELECT revision, updated_at FROM perche_store WHERE id = 1", r => (r.GetInt64("revision"), r.GetString("updated_at"))).First();
            var versions = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var (module, version) in tx.Query("SELECT module, MAX(version) AS v FROM perche_migration GROUP BY module", r => (r.GetString("module"), (int)r.GetInt64("v"))))
            {
                versions[module] = version;
            }

            var modules = new List<ModuleStatus>();
            foreach (var module in store.Modules)
            {
                if (versions.ContainsKey(module.Name))
                {
                    modules.Add(new ModuleStatus(module.Name, versions[module.Name], true, module.Summarise(tx)));
                }
            }

            foreach (var (name, version) in versions)
            {
                if (!store.Modules.Any(m => m.Name == name))
                {
                    modules.Add(new ModuleStatus(name, version, false, tx.CountRowsByTable(name + "_")));
                }
            }

            return new ProjectStatus(settings, revision, updatedAt, versions, modules);
        });
    }
}

/// <summary>What one module stored.</summary>
/// <param name="Name">The module's name.</param>
/// <param name="SchemaVersion">Its schema version in the store.</param>
/// <param name="Known">False when this program does not know the module (its tables are only counted).</param>
/// <param name="Lines">What it stored.</param>
public sealed record ModuleStatus(string Name, int SchemaVersion, bool Known, IReadOnlyList<StatusLine> Lines);
