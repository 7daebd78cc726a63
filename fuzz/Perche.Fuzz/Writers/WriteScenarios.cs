namespace Perche.Fuzz.Writers;

/// <summary>Every write scenario the kill tests run. A new writing command registers its scenario here.</summary>
public static class WriteScenarios
{
    /// <summary>All scenarios.</summary>
    public static IReadOnlyList<WriteScenario> All { get; } =
    [
        new WavWriterScenario(),
        new WavRewriterScenario(),
        new WavRewriterInPlaceScenario(),
        new OffloadScenario(),
        new DeliverScenario(),
        new ReportWriteBackScenario(),
        new ConformScenario(),
        new ProjectStoreScenario(),
    ];

    // Steps other scenarios run in a child to prepare their inputs (not killed themselves).
    private static readonly WriteScenario[] Helpers = [new ProjectInitScenario()];

    /// <summary>
    /// A writer that writes straight to its final name, as no Perche writer may: the harness's own test that it
    /// can fail. Not in <see cref="All"/>.
    /// </summary>
    public static WriteScenario NaiveWriter { get; } = new NaiveWriterScenario();

    /// <summary>The scenario of that name, or null.</summary>
    public static WriteScenario? Find(string name)
    {
        if (name == NaiveWriter.Name)
        {
            return NaiveWriter;
        }

        foreach (var s in All.Concat(Helpers))
        {
            if (string.Equals(s.Name, name, StringComparison.Ordinal))
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>The child side of a kill test: says "started" once loaded, runs the command, says "done".</summary>
    public static int RunChild(string name, string workDir)
    {
        var scenario = Find(name);
        if (scenario is null)
        {
            Console.Error.WriteLine($"no write scenario '{name}'");
            return 2;
        }

        Console.Out.WriteLine("started");
        Console.Out.Flush();
        scenario.Run(workDir);
        Console.Out.WriteLine("done");
        return 0;
    }
}

/// <summary>Writes 64 blocks straight to the final name, flushing each: what every Perche writer must not do.</summary>
internal sealed class NaiveWriterScenario : WriteScenario
{
    private const int Blocks = 64;
    private const int BlockBytes = 64 * 1024;

    public override string Name => "naive-writer";

    public override string Description => "writes straight to the final name (the harness self-test)";

    public override void Prepare(string workDir) => Directory.CreateDirectory(workDir);

    public override IReadOnlyList<string> Sources(string workDir) => [];

    public override IReadOnlyList<string> Outputs(string workDir) => [Path.Combine(workDir, "out.bin")];

    public override void Run(string workDir)
    {
        using var f = new FileStream(this.Outputs(workDir)[0], FileMode.Create);
        var block = new byte[BlockBytes];
        for (var i = 0; i < Blocks; i++)
        {
            f.Write(block);
            f.Flush();
            Thread.Sleep(5);
        }
    }

    public override void VerifyComplete(string workDir, string output)
    {
        var length = new FileInfo(output).Length;
        if (length != (long)Blocks * BlockBytes)
        {
            throw new KillTestFailure($"{output} is {length} bytes of {(long)Blocks * BlockBytes}");
        }
    }
}
