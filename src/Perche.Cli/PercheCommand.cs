using System.CommandLine;

namespace Perche.Cli;

/// <summary>Builds the `perche` command tree; the verbs are thin wrappers over the libraries.</summary>
internal static class PercheCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Perche — the sound engineer's workbench");
        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        return root.Parse(args).Invoke(config);
    }
}
