using BenchmarkDotNet.Attributes;
using Perche.Preproduction.Breakdown;
using Perche.Preproduction.Formats.Fountain;

namespace Perche.Benchmarks;

/// <summary>
/// Reading and breaking down a feature screenplay: Big Fish (../shared/testdata, 121.6 estimated pages, 192
/// headings). The budget is under 1 s for a 120-page feature; the report gives pages per second as
/// 121.6 / mean. No peer tool makes a sound breakdown (script-breakdown software has a single "Sound" tag),
/// so there is nothing to run side by side; the parse alone is compared with the whole pipeline instead.
/// </summary>
[MemoryDiagnoser]
public class ScreenplayBreakdownBenchmarks
{
    private string text = string.Empty;
    private Perche.Preproduction.Screenplay.Screenplay script = null!;

    /// <summary>Loads the screenplay once (file I/O is not measured).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Perche.slnx")))
        {
            dir = dir.Parent;
        }

        var path = Path.Combine(dir?.FullName ?? ".", "..", "shared", "testdata", "Fountain", "FountainTests", "Big Fish.fountain");
        this.text = File.ReadAllText(path);
        this.script = FountainReader.Parse(this.text, "Big Fish.fountain");

        // Warm the lexicons so the first measured call does not load them.
        BreakdownEngine.Run(this.script);
    }

    /// <summary>Fountain parse into the model (elements, scenes, language, pages).</summary>
    [Benchmark]
    public int Parse() => FountainReader.Parse(this.text, "Big Fish.fountain").Scenes.Count;

    /// <summary>The breakdown of an already parsed script.</summary>
    [Benchmark]
    public int Breakdown() => BreakdownEngine.Run(this.script).Scenes.Count;

    /// <summary>Parse plus breakdown: what `perche breakdown` does before printing.</summary>
    [Benchmark(Baseline = true)]
    public int ParseAndBreakdown() => BreakdownEngine.Run(FountainReader.Parse(this.text, "Big Fish.fountain")).Scenes.Count;
}
