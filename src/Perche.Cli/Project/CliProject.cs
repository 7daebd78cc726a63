using System.CommandLine;
using Perche.Project;

namespace Perche.Cli.Project;

/// <summary>
/// How a verb finds and opens the current project: <c>--project PATH</c> (valid on every verb), else
/// <c>PERCHE_PROJECT</c>, else the folder found from the current directory upward. Every phase's store
/// module is listed once in <see cref="Modules"/>, so any verb opening the project brings every table up to date.
/// </summary>
internal static class CliProject
{
    /// <summary>The option every verb accepts (recursive on the root command).</summary>
    public static Option<string?> ProjectOption { get; } = new("--project")
    {
        Description = "The project folder (NAME.perche); default: found from the current folder upward, or PERCHE_PROJECT",
        Recursive = true,
    };

    /// <summary>
    /// Every phase's store module. Add ONE line for yours (the project's own module is always applied first);
    /// list a module after the modules whose tables it references.
    /// </summary>
    public static IStoreModule[] Modules { get; } =
    [
        Perche.Preproduction.Store.BreakdownStore.Module,
        Perche.Production.Store.ShootStore.Module,
        Perche.Post.Store.PostStore.Module,
        Perche.Delivery.Store.DeliveryStore.Module,
    ];

    /// <summary>The environment variable naming the PostgreSQL server new projects go to when --store is not given.</summary>
    public const string StoreVariable = "PERCHE_STORE";

    /// <summary>Where a new project's store goes: --store, else PERCHE_STORE, else null (SQLite in the folder).</summary>
    public static string? NewProjectStore(string? option) =>
        !string.IsNullOrWhiteSpace(option) ? option
        : Environment.GetEnvironmentVariable(StoreVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : null;

    /// <summary>
    /// The current project, or null when there is none (the verb then works on plain files). Two projects side
    /// by side count as none here: a verb on plain files must not fail because of them.
    /// </summary>
    /// <exception cref="ProjectStoreException">--project names something that is not a project.</exception>
    public static ProjectFolder? Find(ParseResult parse) =>
        ProjectFolder.Locate(parse.GetValue(ProjectOption), Directory.GetCurrentDirectory(), strict: false);

    /// <summary>The current project; fails with a clear message when there is none, or when two could be meant.</summary>
    /// <exception cref="ProjectStoreException">No project here, or several.</exception>
    public static ProjectFolder Require(ParseResult parse) =>
        ProjectFolder.Locate(parse.GetValue(ProjectOption), Directory.GetCurrentDirectory(), strict: true) ?? throw new ProjectStoreException(
            StoreErrorKind.NotAProject,
            $"no Perche project in {Directory.GetCurrentDirectory()} or above; create one with 'perche init NAME', or name it with --project PATH");

    /// <summary>Opens the project's store with every phase's module.</summary>
    public static ProjectStore Open(ProjectFolder project, StoreOptions? options = null) =>
        project.OpenStore(options ?? StoreOptions.Default, Modules);
}
