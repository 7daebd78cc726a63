using Perche.Core.Time;
using Perche.Project.Tests.Support;

namespace Perche.Project.Tests;

public sealed class ProjectFolderTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "perche-folder-tests", Guid.NewGuid().ToString("N"));

    public ProjectFolderTests()
    {
        Directory.CreateDirectory(this.root);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(this.root, recursive: true);
    }

    [Fact]
    public void Create_makes_the_folder_with_its_database_and_phase_folders_and_stores_the_settings()
    {
        var project = ProjectFolder.Create(this.root, "LePhare", Settings());
        Assert.Equal(Path.Combine(this.root, "LePhare.perche"), project.Root);
        Assert.Equal("LePhare", project.Name);
        Assert.True(File.Exists(Path.Combine(project.Root, "project.db")));
        foreach (var folder in new[] { "documents", "reports", "renders", "deliveries" })
        {
            Assert.True(Directory.Exists(Path.Combine(project.Root, folder)), folder);
        }

        // Nothing but the final folder is left in the parent (the staging folder was renamed).
        Assert.Equal(["LePhare.perche"], Directory.GetFileSystemEntries(this.root).Select(Path.GetFileName));

        using var store = project.OpenStore();
        var settings = store.Read(ProjectSettings.Load)!;
        Assert.Equal("Le Phare", settings.Title);
        Assert.Equal("Films du Large", settings.Company);
        Assert.Equal(FrameRate.Fps2997Df, settings.FrameRate);
        Assert.Equal(FrameRate.Fps2997Df, settings.TimecodeRate);
        Assert.Equal(96000, settings.SampleRateHz);
        Assert.Equal(32, settings.BitDepth);
        Assert.Equal(["fr", "en"], settings.Languages);
    }

    [Fact]
    public void Create_refuses_an_existing_folder_and_bad_settings()
    {
        ProjectFolder.Create(this.root, "LePhare", Settings());
        var ex = Assert.Throws<ProjectStoreException>(() => ProjectFolder.Create(this.root, "LePhare.perche", Settings()));
        Assert.Contains("already exists", ex.Message, StringComparison.Ordinal);

        var bad = Settings();
        bad.BitDepth = 20;
        ex = Assert.Throws<ProjectStoreException>(() => ProjectFolder.Create(this.root, "Other", bad));
        Assert.Contains("bit depth 20 is not 16, 24 or 32", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ProjectStoreException>(() => ProjectFolder.Create(this.root, "a/b", Settings()));
        Assert.False(Directory.Exists(Path.Combine(this.root, "Other.perche")));
    }

    [Fact]
    public void Create_with_an_unreachable_server_leaves_nothing_behind()
    {
        var ex = Assert.Throws<ProjectStoreException>(() => ProjectFolder.Create(this.root, "Remote", Settings(), "postgres://perche:x@127.0.0.1:1/perche_test"));
        Assert.Equal(StoreErrorKind.Unreachable, ex.Kind);
        Assert.Empty(Directory.GetFileSystemEntries(this.root));
    }

    [Fact]
    public void Find_walks_up_from_a_subfolder_and_down_into_the_one_project_of_a_film_folder()
    {
        var project = ProjectFolder.Create(this.root, "LePhare", Settings());
        var deep = Directory.CreateDirectory(Path.Combine(project.Root, "reports", "day1", "SR001")).FullName;
        Assert.Equal(project.Root, ProjectFolder.Find(deep)!.Root);

        // The film's own folder (rushes beside the project) finds the one project it holds.
        var rushes = Directory.CreateDirectory(Path.Combine(this.root, "rushes", "SR001")).FullName;
        Assert.Equal(project.Root, ProjectFolder.Find(rushes)!.Root);
        Assert.Equal(project.Root, ProjectFolder.Find(this.root)!.Root);
    }

    [Fact]
    public void Find_returns_null_outside_a_project_and_refuses_to_guess_between_two()
    {
        var empty = Directory.CreateDirectory(Path.Combine(this.root, "nothing")).FullName;
        Assert.Null(ProjectFolder.Find(empty)?.Root is { } r && r.StartsWith(this.root, StringComparison.Ordinal) ? r : null);

        ProjectFolder.Create(this.root, "A", Settings());
        ProjectFolder.Create(this.root, "B", Settings());
        var ex = Assert.Throws<ProjectStoreException>(() => ProjectFolder.Find(empty));
        Assert.Contains("several projects (A.perche, B.perche)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--project", ex.Message, StringComparison.Ordinal);

        // A verb that only uses a project when there is one sees none, rather than failing on plain files.
        Assert.Null(ProjectFolder.Locate(null, empty, strict: false));
        Assert.Throws<ProjectStoreException>(() => ProjectFolder.Locate(Path.Combine(this.root, "nothing"), empty, strict: false));

        // Inside one of them there is no ambiguity.
        Assert.EndsWith("B.perche", ProjectFolder.Find(Path.Combine(this.root, "B.perche", "renders"))!.Root, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_prefers_the_explicit_path_and_load_accepts_the_database_file()
    {
        var a = ProjectFolder.Create(this.root, "A", Settings());
        var elsewhere = Directory.CreateDirectory(Path.Combine(this.root, "elsewhere")).FullName;
        Assert.Equal(a.Root, ProjectFolder.Locate(a.Root, elsewhere)!.Root);
        Assert.Equal(a.Root, ProjectFolder.Load(Path.Combine(a.Root, "project.db")).Root);
        var ex = Assert.Throws<ProjectStoreException>(() => ProjectFolder.Load(elsewhere));
        Assert.Equal(StoreErrorKind.NotAProject, ex.Kind);
        Assert.Contains(elsewhere, ex.Message, StringComparison.Ordinal);
        Assert.Contains("perche init NAME", ex.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_postgres_project_folder_records_the_server_and_opens_it()
    {
        using var t = TestStores.Create(StoreProvider.PostgreSql);
        var project = ProjectFolder.Create(this.root, "Facility", Settings(), t.Text);
        Assert.False(File.Exists(Path.Combine(project.Root, "project.db")));
        Assert.Equal(t.Text, File.ReadAllText(Path.Combine(project.Root, "store.url")).Trim());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(project.Root, "store.url")));
        }

        var found = ProjectFolder.Find(Path.Combine(project.Root, "renders"))!;
        Assert.Equal(StoreProvider.PostgreSql, found.Location.Provider);
        Assert.DoesNotContain("perche:perche", found.Location.ToString(), StringComparison.Ordinal);
        using var store = found.OpenStore();
        Assert.Equal("Le Phare", store.Read(ProjectSettings.Load)!.Title);

        // A second project in the same schema is refused: one project per database or schema.
        var ex = Assert.Throws<ProjectStoreException>(() => ProjectFolder.Create(this.root, "Again", Settings(), t.Text));
        Assert.Contains("already holds a project", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(this.root, "Again.perche")));
    }

    internal static ProjectSettings Settings() => new()
    {
        Title = "Le Phare",
        Company = "Films du Large",
        FrameRate = FrameRate.Fps2997Df,
        TimecodeRate = FrameRate.Fps2997Df,
        SampleRateHz = 96000,
        BitDepth = 32,
        Languages = { "fr", "en" },
    };
}
