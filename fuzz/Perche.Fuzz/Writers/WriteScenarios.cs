namespace Perche.Fuzz;

/// <summary>Placeholder until the write scenarios land.</summary>
internal static class WriteScenarios
{
    public static int RunChild(string scenario, string workDir)
    {
        Console.Error.WriteLine($"no write scenario '{scenario}' for {workDir}");
        return 2;
    }
}
