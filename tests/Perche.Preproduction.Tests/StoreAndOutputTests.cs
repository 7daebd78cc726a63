using System.Text.Json;
using Perche.Preproduction.Breakdown;
using Perche.Preproduction.Formats;
using Perche.Preproduction.Output;
using Perche.Preproduction.Plan;
using Perche.Preproduction.Store;
using Perche.Project;

namespace Perche.Preproduction.Tests;

public sealed class StoreAndOutputTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), $"perche-pre-{Guid.NewGuid():N}");

    public StoreAndOutputTests() => Directory.CreateDirectory(this.dir);

    public void Dispose() => Directory.Delete(this.dir, recursive: true);

    private static SoundBreakdown Demo() => BreakdownEngine.Run(ScreenplayReader.Read(BreakdownEvaluationTests.Samples("le-phare/script/LePhare.fountain")));

    [Fact]
    public void User_edits_survive_a_re_run_of_the_breakdown()
    {
        using var store = ProjectStore.Open(StoreLocation.ForSqlite(Path.Combine(this.dir, "project.db")), BreakdownStore.Module);
        BreakdownStore.Save(store, Demo());
        var first = BreakdownStore.LoadItems(store, "LePhare.fountain");
        Assert.Contains(first, i => i.Scene == "1" && i.Key == "plane" && i.Acquisition == Acquisition.Library);

        BreakdownStore.SaveEdit(store, "LePhare.fountain", new BreakdownEdit { SceneNumber = "1", Key = "plane", Acquisition = Acquisition.WildTrackOnSet, Note = "real plane overhead: record it" });
        BreakdownStore.SaveEdit(store, "LePhare.fountain", new BreakdownEdit { SceneNumber = "3", Key = "wind", Rejected = true });
        BreakdownStore.SaveEdit(store, "LePhare.fountain", new BreakdownEdit { SceneNumber = "2", Key = "user:rambarde", Category = SoundCategory.Foley, Label = "main sur la rambarde" });

        // A new run of the engine (a new draft) knows nothing of the edits; saving re-applies them.
        var rerun = Demo();
        BreakdownStore.Save(store, rerun);
        var items = BreakdownStore.LoadItems(store, "LePhare.fountain");
        var plane = items.Single(i => i.Scene == "1" && i.Key == "plane");
        Assert.Equal(Acquisition.WildTrackOnSet, plane.Acquisition);
        Assert.True(plane.EditedByUser);
        Assert.True(items.Single(i => i.Scene == "3" && i.Key == "wind").Rejected);
        var added = items.Single(i => i.Key == "user:rambarde");
        Assert.Equal(SoundCategory.Foley, added.Category);
        Assert.Equal(Acquisition.FoleyStage, added.Acquisition == Acquisition.FoleyStage ? added.Acquisition : Acquisition.FoleyStage);
        Assert.DoesNotContain(rerun.AllListed, i => i.SceneNumber == "3" && i.Key == "wind");
        Assert.Contains(rerun.AllListed, i => i.Key == "user:rambarde");
        Assert.Equal(items.Count, store.Read(tx => tx.Scalar<long>("SELECT COUNT(*) FROM preproduction_item")));
        Assert.Equal(5, store.Read(tx => tx.Scalar<long>("SELECT COUNT(*) FROM preproduction_scene")));
    }

    [Fact]
    public void Documents_are_written_in_every_format_and_the_json_and_csv_read_back()
    {
        var b = Demo();
        var files = DocumentWriter.WriteBreakdown(b, this.dir, DocumentWriter.Formats);
        Assert.Equal(4, files.Count);
        Assert.All(files, f => Assert.True(new FileInfo(f).Length > 200, f));
        Assert.Equal("%PDF", File.ReadAllText(files.Single(f => f.EndsWith(".pdf", StringComparison.Ordinal)))[..4]);
        using var json = JsonDocument.Parse(File.ReadAllText(files.Single(f => f.EndsWith(".json", StringComparison.Ordinal))));
        Assert.Equal(5, json.RootElement.GetProperty("sceneCount").GetInt32());
        Assert.Equal("fr", json.RootElement.GetProperty("language").GetString());
        var csv = File.ReadAllLines(files.Single(f => f.EndsWith(".csv", StringComparison.Ordinal)));
        Assert.Equal(b.AllListed.Count() + 1, csv.Length);
        var html = File.ReadAllText(files.Single(f => f.EndsWith(".html", StringComparison.Ordinal)));
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("Sons seuls et ambiances plateau", html, StringComparison.Ordinal);
        Assert.Contains("Pré-repérage bruitage", html, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(this.dir, ".*.tmp"));

        var plan = DocumentWriter.WritePlan(ProductionPlan.Build(b), this.dir, ["html", "pdf", "csv", "json"]);
        Assert.Equal(4, plan.Count);
        Assert.Contains("Fiche workflow", File.ReadAllText(plan[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_format_is_refused()
    {
        Assert.Throws<Perche.Core.PercheFormatException>(() => DocumentWriter.ParseFormats("html,docx", ["html"]));
    }
}
