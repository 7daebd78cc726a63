namespace Perche.Project;

/// <summary>
/// Finds whether a path lies on a network file system. SQLite's WAL needs shared memory and reliable file
/// locks, which NFS, SMB and sshfs do not give across machines: two editors opening the same project.db over
/// a share can corrupt it. A shared project belongs on PostgreSQL.
/// </summary>
internal static class NetworkFileSystem
{
    private static readonly HashSet<string> NetworkTypes = new(StringComparer.Ordinal)
    {
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "afs", "9p", "ncpfs", "fuse.rclone", "davfs", "fuse.davfs2",
    };

    /// <summary>The network file system type holding <paramref name="path"/>, or null (local, or unknown OS).</summary>
    public static string? TypeOf(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            return TypeOf(path, File.ReadAllText("/proc/self/mounts"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The network file system type holding <paramref name="path"/> according to a mounts table.</summary>
    internal static string? TypeOf(string path, string mounts)
    {
        var full = Path.GetFullPath(path);
        var bestLength = -1;
        string? bestType = null;
        foreach (var line in mounts.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ');
            if (fields.Length < 3)
            {
                continue;
            }

            // /proc/mounts escapes spaces and tabs in mount points as octal (\040, \011).
            var mountPoint = fields[1].Replace("\\040", " ", StringComparison.Ordinal).Replace("\\011", "\t", StringComparison.Ordinal).Replace("\\134", "\\", StringComparison.Ordinal);
            var inside = mountPoint == "/" || full == mountPoint || full.StartsWith(mountPoint.TrimEnd('/') + "/", StringComparison.Ordinal);
            if (inside && mountPoint.Length > bestLength)
            {
                bestLength = mountPoint.Length;
                bestType = fields[2];
            }
        }

        return bestType is not null && NetworkTypes.Contains(bestType) ? bestType : null;
    }
}
