using System.Globalization;

namespace Perche.Delivery.Processing;

/// <summary>
/// An output could not be completed because its disk is full. The file being written was a staged temporary and
/// has been removed: nothing half-written is left under a final name (outputs finished before stay whole).
/// An <see cref="IOException"/>, so the CLI reports it and exits 2.
/// </summary>
public sealed class DiskFullException : IOException
{
    private const int Enospc = 28;            // Linux and macOS errno
    private const int ErrorDiskFull = 0x70;   // Windows ERROR_DISK_FULL
    private const int ErrorHandleDiskFull = 0x27;

    /// <summary>Wraps the system's error for the output folder <paramref name="folder"/>.</summary>
    public DiskFullException(string folder, IOException inner)
        : base(Describe(folder), inner)
    {
        this.Folder = folder;
    }

    /// <summary>The output folder whose disk is full.</summary>
    public string Folder { get; }

    /// <summary>True when <paramref name="ex"/> is the system's "no space left on device".</summary>
    public static bool IsDiskFull(IOException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        if (ex is DiskFullException)
        {
            return false;
        }

        var code = ex.HResult & 0xFFFF;
        return code is Enospc or ErrorDiskFull or ErrorHandleDiskFull
            || ex.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase)
            || ex.Message.Contains("not enough space on the disk", StringComparison.OrdinalIgnoreCase);
    }

    private static string Describe(string folder)
    {
        var free = string.Empty;
        try
        {
            var bytes = new DriveInfo(Path.GetFullPath(folder)).AvailableFreeSpace;
            free = string.Create(CultureInfo.InvariantCulture, $" ({bytes / 1048576.0:0.0} MiB free)");
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // The free space is a courtesy; the error stands without it.
        }

        return $"{folder}: the disk is full (no space left on device){free}; the output being written was removed, nothing is left half-written under its final name. Free some space or choose another --out folder.";
    }
}
