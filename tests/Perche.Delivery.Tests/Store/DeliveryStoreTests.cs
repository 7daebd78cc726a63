using System.IO.Hashing;
using Perche.Core.Audio;
using Perche.Delivery.Processing;
using Perche.Delivery.Profiles;
using Perche.Delivery.Store;
using Perche.Delivery.Tests.Support;
using Perche.Project;

namespace Perche.Delivery.Tests.Store;

/// <summary>The delivery module's tables, on SQLite and PostgreSQL: a delivery and a check written and read back.</summary>
public sealed class DeliveryStoreTests
{
    private static readonly ProfileCatalog Catalog = ProfileCatalog.Load("/nonexistent");

    [SkippableTheory]
    [MemberData(nameof(StoreLocations.Providers), MemberType = typeof(StoreLocations))]
    public void A_delivery_and_a_check_are_stored_with_hashes_measurements_and_verdicts(StoreProvider provider)
    {
        using var location = StoreLocations.Create(provider);
        using var dir = new Signals.TempFolder();
        var source = dir.File("mix51.wav");
        Signals.Write(source, Signals.AtLoudnessAndPeak(ChannelLayout.Surround51, 3, -18, -2), ChannelLayout.Surround51);
        var profile = Catalog.Get("fr-cst-rt-040");
        var result = DeliveryEngine.Deliver(source, profile, new DeliveryOptions { OutputFolder = dir.File("out"), Encode = false, Reports = true });
        var (analysis, criteria) = DeliveryEngine.Check(result.Files[0].Path, profile);

        using var store = location.Open(DeliveryStore.Module);
        var deliveryId = DeliveryStore.SaveDelivery(store, result, dir.File("out"));
        var checkId = DeliveryStore.SaveCheck(store, analysis, criteria, profile);

        var runs = DeliveryStore.Runs(store);
        Assert.Equal([checkId, deliveryId], runs.Select(r => r.Id));
        Assert.Equal(("deliver", "fr-cst-rt-040", "pass", 3), (runs[1].Verb, runs[1].ProfileId, runs[1].Verdict, runs[1].FileCount));
        Assert.Equal(Path.GetFullPath(source), runs[1].SourcePath);
        Assert.Equal(Path.GetFullPath(dir.File("out")), runs[1].OutputFolder);
        Assert.Equal(("check", 1, null), (runs[0].Verb, runs[0].FileCount, runs[0].OutputFolder));

        // Source first, then master and Lo/Ro; each with its size, xxHash64 of its bytes and re-measured values.
        var files = DeliveryStore.Files(store, deliveryId);
        Assert.Equal(["source", "output", "output"], files.Select(f => f.Role));
        Assert.Equal(["source", "master", "loro"], files.Select(f => f.Kind));
        for (var i = 0; i < files.Count; i++)
        {
            var path = i == 0 ? source : result.Files[i - 1].Path;
            Assert.Equal(Path.GetFullPath(path), files[i].Path);
            Assert.Equal(new FileInfo(path).Length, files[i].SizeBytes);
            Assert.Equal(Convert.ToHexStringLower(XxHash64.Hash(File.ReadAllBytes(path))), files[i].Xxh64);
        }

        Assert.Equal(-18.0, files[0].IntegratedLufs!.Value, 0.1);
        Assert.Equal(result.Files[0].Analysis.Meter.IntegratedLufs, files[1].IntegratedLufs!.Value, 6);
        Assert.Equal(-23.0, files[1].Level!.Value, 0.1);
        Assert.Equal(result.Files[1].Analysis.Meter.MaxTruePeakDbtp, files[2].TruePeakDbtp!.Value, 6);
        Assert.Equal("pass", files[1].Verdict);
        Assert.Equal(result.Files[0].Reports.Select(Path.GetFullPath), files[1].Reports);
        Assert.Contains(files[1].Reports, r => r.EndsWith(".qc.pdf", StringComparison.Ordinal));

        // Every criterion is kept, with its requirement and source; the gain and limiter too.
        var stored = store.Read(tx => tx.Query(
            "SELECT c.criterion, c.measured, c.requirement, c.verdict, c.source, c.confirmed FROM delivery_criterion c WHERE c.file_id = @f ORDER BY c.position",
            new { f = files[1].Id },
            r => (r.GetString("criterion"), r.GetDoubleOrNull("measured"), r.GetString("requirement"), r.GetString("verdict"), r.GetString("source"), r.GetBoolean("confirmed"))));
        Assert.Equal(result.Files[0].Criteria.Select(c => c.Id), stored.Select(s => s.Item1));
        var truePeak = stored.Single(s => s.Item1 == "truePeak");
        Assert.Equal("<= -3.0", truePeak.Item3);
        Assert.Equal(result.Files[0].Analysis.Meter.MaxTruePeakDbtp, truePeak.Item2!.Value, 6);
        Assert.Contains("CST", truePeak.Item5, StringComparison.Ordinal);
        var gain = store.Read(tx => tx.Scalar<double>("SELECT gain_db FROM delivery_file WHERE id = @f", new { f = files[1].Id }));
        Assert.Equal(result.Files[0].GainDb, gain, 6);

        var checkFile = Assert.Single(DeliveryStore.Files(store, checkId));
        Assert.Equal(("source", "checked"), (checkFile.Role, checkFile.Kind));
        Assert.Equal(files[1].Xxh64, checkFile.Xxh64);

        // perche status says it in words.
        var status = store.Read(tx => DeliveryStore.Module.Summarise(tx));
        Assert.Equal(("delivery runs", 1L, "2 files, 0 failing; profiles fr-cst-rt-040"), (status[0].Label, status[0].Count, status[0].Detail));
        Assert.Equal(("compliance checks", 1L, "0 failing"), (status[1].Label, status[1].Count, status[1].Detail));
    }
}
