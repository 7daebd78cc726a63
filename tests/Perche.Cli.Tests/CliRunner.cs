using Perche.Cli;

namespace Perche.Cli.Tests;

/// <summary>Runs the `perche` command in-process and captures its output.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = PercheCommand.Run(args, stdout, stderr, interactive: false);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public static string RepositoryRoot { get; } = FindRoot();

    public static string Demo(params string[] parts) => Path.Combine([RepositoryRoot, "samples", "le-phare", .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Perche.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
