using System.Diagnostics;

namespace Perche.Delivery.Tests.Support;

/// <summary>
/// A small tmpfs mounted for one test (needs root, as locally and in CI), so a full or read-only disk is real:
/// writes fail with the system's ENOSPC / EROFS, not a simulation. Unmounted and removed on dispose.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path) => this.Path = path;

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="sizeKib"/> KiB; skips the test when this machine cannot mount.</summary>
    public static TmpfsMount Create(int sizeKib, bool readOnly = false)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "tmpfs mounts are a Linux feature");
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "perche-tmpfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var (code, error) = Run("mount", "-t", "tmpfs", "-o", $"size={sizeKib}k,mode=0777" + (readOnly ? ",ro" : string.Empty), "tmpfs", path);
        if (code != 0)
        {
            Directory.Delete(path);
            Skip.If(true, $"cannot mount a tmpfs here (needs root / CAP_SYS_ADMIN): {error.Trim()}");
        }

        return new TmpfsMount(path);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Run("umount", this.Path).Code != 0)
        {
            Run("umount", "-l", this.Path);
        }

        Directory.Delete(this.Path);
    }

    private static (int Code, string Error) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
