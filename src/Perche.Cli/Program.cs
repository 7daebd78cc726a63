namespace Perche.Cli;

internal static class Program
{
    public static int Main(string[] args) =>
        PercheCommand.Run(args, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected);
}
