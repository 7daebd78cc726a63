namespace Perche.Core.Tests.Support;

/// <summary>
/// Finds the shared test data (`../shared/testdata` beside the repository). Tests that need it use
/// <see cref="SharedDataFactAttribute"/>, which skips with a reason when the folder is absent, except under
/// CI (<c>CI=true</c>), where a missing folder must fail the run.
/// </summary>
public static class TestData
{
    private static readonly Lazy<string?> SharedRoot = new(FindSharedRoot);

    /// <summary>True when running under CI, where nothing may skip for missing data or programs.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The repository root (the folder holding Perche.slnx).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The shared test-data folder, or null when absent.</summary>
    public static string? SharedFolder => SharedRoot.Value;

    /// <summary>A path under `../shared/testdata`; fails when the folder is absent.</summary>
    public static string Shared(string relativePath)
    {
        var root = SharedRoot.Value ?? throw new InvalidOperationException("../shared/testdata is absent");
        var full = Path.Combine(root, relativePath);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            throw new FileNotFoundException($"test data not found: {full}");
        }

        return full;
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

    private static string? FindSharedRoot()
    {
        var candidate = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "testdata"));
        return Directory.Exists(candidate) ? candidate : null;
    }
}

/// <summary>A fact that needs `../shared/testdata`: skipped with a reason when it is absent, never under CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when the shared data is absent outside CI.</summary>
    public SharedDataFactAttribute()
    {
        if (TestData.SharedFolder is null && !TestData.IsCi)
        {
            this.Skip = "../shared/testdata is absent (it must be present under CI=true)";
        }
    }
}

/// <summary>A theory that needs `../shared/testdata`: skipped with a reason when it is absent, never under CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets the skip reason when the shared data is absent outside CI.</summary>
    public SharedDataTheoryAttribute()
    {
        if (TestData.SharedFolder is null && !TestData.IsCi)
        {
            this.Skip = "../shared/testdata is absent (it must be present under CI=true)";
        }
    }
}
