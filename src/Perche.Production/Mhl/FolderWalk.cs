namespace Perche.Production.Mhl;

/// <summary>
/// The files and folders a hash list covers: everything under a root except <c>ascmhl</c> folders (the root's
/// and nested histories'), macOS <c>.DS_Store</c> litter and Perche's own unfinished copies. Paths are relative,
/// with '/' separators, in ordinal order.
/// </summary>
public static class FolderWalk
{
    /// <summary>The suffix of a file being copied and not yet verified.</summary>
    public const string PartialSuffix = ".perche-part";

    /// <summary>The history folder name.</summary>
    public const string HistoryFolder = "ascmhl";

    /// <summary>The default ignore patterns written into a generation.</summary>
    public static IReadOnlyList<string> DefaultIgnorePatterns { get; } = [".DS_Store", HistoryFolder, HistoryFolder + "/", "*" + PartialSuffix];

    /// <summary>True when a file or folder name is left out of hash lists.</summary>
    public static bool IsIgnored(string name, bool isDirectory) =>
        isDirectory ? string.Equals(name, HistoryFolder, StringComparison.Ordinal)
            : name == ".DS_Store" || name.EndsWith(PartialSuffix, StringComparison.Ordinal);

    /// <summary>Relative paths of every file under <paramref name="root"/>.</summary>
    public static List<string> Files(string root)
    {
        var result = new List<string>();
        Walk(root, string.Empty, result, null);
        result.Sort(StringComparer.Ordinal);
        return result;
    }

    /// <summary>Relative paths of every folder under <paramref name="root"/> (empty ones included).</summary>
    public static List<string> Directories(string root)
    {
        var dirs = new List<string>();
        Walk(root, string.Empty, null, dirs);
        dirs.Sort(StringComparer.Ordinal);
        return dirs;
    }

    /// <summary>Joins a relative '/' path to a root.</summary>
    public static string Combine(string root, string relative) => Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static void Walk(string root, string prefix, List<string>? files, List<string>? dirs)
    {
        var dir = new DirectoryInfo(prefix.Length == 0 ? root : Combine(root, prefix));
        foreach (var e in dir.EnumerateFileSystemInfos())
        {
            var isDir = (e.Attributes & FileAttributes.Directory) != 0;
            if (IsIgnored(e.Name, isDir))
            {
                continue;
            }

            var rel = prefix.Length == 0 ? e.Name : prefix + "/" + e.Name;
            if (isDir)
            {
                dirs?.Add(rel);
                Walk(root, rel, files, dirs);
            }
            else
            {
                files?.Add(rel);
            }
        }
    }
}
