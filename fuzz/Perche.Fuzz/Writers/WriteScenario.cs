using System.Security.Cryptography;

namespace Perche.Fuzz.Writers;

/// <summary>
/// One command that writes files, as the kill tests exercise it: <see cref="Prepare"/> lays out its inputs,
/// <see cref="Run"/> is the command (run in a child process that gets killed at random points), and
/// <see cref="CheckAfterKill"/> says whether what is left on disk is acceptable. A new writer (offload,
/// deliver, report write-back, conform output, project store) adds a subclass and registers it in
/// <see cref="WriteScenarios"/>.
/// </summary>
public abstract class WriteScenario
{
    /// <summary>The name on the command line.</summary>
    public abstract string Name { get; }

    /// <summary>What the command does.</summary>
    public abstract string Description { get; }

    /// <summary>
    /// Kill rounds in the normal test run (PERCHE_KILL_ITERATIONS overrides): each round starts two child processes,
    /// so the slower scenarios that run the whole CLI take fewer to keep the suite fast.
    /// </summary>
    public virtual int QuickIterations => 4;

    /// <summary>Creates the inputs in an empty folder (deterministic, in the test process).</summary>
    public abstract void Prepare(string workDir);

    /// <summary>The files the command reads: they must stay byte-identical whatever happens.</summary>
    public abstract IReadOnlyList<string> Sources(string workDir);

    /// <summary>The files the command produces, under their final names.</summary>
    public abstract IReadOnlyList<string> Outputs(string workDir);

    /// <summary>The command itself (in the child process).</summary>
    public abstract void Run(string workDir);

    /// <summary>Throws <see cref="KillTestFailure"/> unless <paramref name="output"/> is complete and correct.</summary>
    public abstract void VerifyComplete(string workDir, string output);

    /// <summary>
    /// After a kill: every output that exists under its final name must be complete. Scenarios whose output
    /// replaces a source (in-place edits) override this to accept the untouched original too.
    /// </summary>
    public virtual void CheckAfterKill(string workDir)
    {
        foreach (var output in this.Outputs(workDir))
        {
            if (File.Exists(output))
            {
                this.VerifyComplete(workDir, output);
            }
        }
    }

    /// <summary>SHA-256 of a file, hex.</summary>
    public static string Hash(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}

/// <summary>A file left on disk breaks the kill-safety promise.</summary>
public sealed class KillTestFailure(string message) : Exception(message);
