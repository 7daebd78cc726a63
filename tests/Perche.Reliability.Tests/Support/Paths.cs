namespace Perche.Reliability.Tests.Support;

/// <summary>
/// Where the reliability inputs live: the regression corpus (tests/corpus/TARGET), the fuzz seeds
/// (fuzz/seeds/TARGET) and the shared reference files (../shared/testdata).
/// </summary>
public static class Paths
{
    private static readonly Lazy<string?> SharedRoot = new(FindSharedRoot);

    /// <summary>True under CI, where nothing may skip.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The folder holding Perche.slnx.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>tests/corpus.</summary>
    public static string Corpus => Path.Combine(RepositoryRoot, "tests", "corpus");

    /// <summary>fuzz/seeds.</summary>
    public static string Seeds => Path.Combine(RepositoryRoot, "fuzz", "seeds");

    /// <summary>../shared/testdata, or null when absent.</summary>
    public static string? SharedFolder => SharedRoot.Value;

    /// <summary>A path under ../shared/testdata.</summary>
    public static string Shared(string relative)
    {
        var root = SharedRoot.Value ?? throw new InvalidOperationException("../shared/testdata is absent");
        var full = Path.Combine(root, relative);
        return File.Exists(full) || Directory.Exists(full) ? full : throw new FileNotFoundException($"test data not found: {full}");
    }

    /// <summary>The input files of one folder (none when absent), README files left out.</summary>
    public static string[] InputsIn(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder).Where(f => !Path.GetFileName(f).StartsWith("README", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray()
            : [];

    private static string? FindSharedRoot()
    {
        var candidate = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "testdata"));
        return Directory.Exists(candidate) ? candidate : null;
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Perche.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root (Perche.slnx) not found");
    }
}

/// <summary>A fact that needs ../shared/testdata: skipped with a reason when absent, never under CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when the shared data is absent outside CI.</summary>
    public SharedDataFactAttribute()
    {
        if (Paths.SharedFolder is null && !Paths.IsCi)
        {
            this.Skip = "../shared/testdata is absent (it must be present under CI=true)";
        }
    }
}
