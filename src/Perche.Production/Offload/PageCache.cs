using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Perche.Production.Offload;

/// <summary>
/// Asks the kernel to forget a file's cached pages (posix_fadvise DONTNEED, Linux), after an fsync so they are
/// clean: the verification re-read then comes from the drive, which is what a verified copy must mean.
/// Elsewhere it does nothing.
/// </summary>
internal static partial class PageCache
{
    private const int PosixFadvDontNeed = 4;

    public static void Drop(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = PosixFadvise(handle, 0, 0, PosixFadvDontNeed);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // A libc without posix_fadvise: the re-read may come from the cache; nothing else changes.
        }
    }

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    private static partial int PosixFadvise(SafeFileHandle fd, long offset, long length, int advice);
}
