namespace Perche.Core.Tests.Support;

/// <summary>
/// A fact that needs an external program on the PATH (ffprobe, ffmpeg): skipped with a reason when it is
/// missing, except under CI (<c>CI=true</c>), where `.ci/run` installs it and a missing program must fail.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProgramFactAttribute : FactAttribute
{
    /// <summary>Requires <paramref name="program"/>.</summary>
    public ProgramFactAttribute(string program)
    {
        if (ExternalProgram.Find(program) is null && !TestData.IsCi)
        {
            this.Skip = $"{program} is not installed (.ci/run installs it under CI=true)";
        }
    }
}

/// <summary>Finds and runs external programs for interoperability tests.</summary>
public static class ExternalProgram
{
    /// <summary>The full path of a program on the PATH, or null.</summary>
    public static string? Find(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Runs a program and returns its exit code, stdout and stderr.</summary>
    public static (int ExitCode, string Out, string Err) Run(string program, params string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo(Find(program) ?? throw new InvalidOperationException($"{program} not found on PATH"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
