using System.Diagnostics;

namespace Perche.Project.Tests.Support;

/// <summary>Starts tests/Perche.Project.Worker as a real separate process.</summary>
public static class Worker
{
    private static readonly Lazy<string> Path = new(Find);

    /// <summary>Starts the worker with these arguments, stdout and stderr redirected.</summary>
    public static Process Start(params string[] args)
    {
        var dll = Path.Value;
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi) ?? throw new InvalidOperationException("cannot start the worker");
    }

    private static string Find()
    {
        // The worker builds beside the tests (same configuration and framework folders).
        var here = AppContext.BaseDirectory;
        var candidate = here.Replace("Perche.Project.Tests", "Perche.Project.Worker", StringComparison.Ordinal);
        var dll = System.IO.Path.Combine(candidate, "Perche.Project.Worker.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"the worker is not built: {dll}");
    }
}
