using Perche.Production.Edits;
using Perche.Production.Hashing;
using Perche.Production.Offload;
using Perche.Production.Store;
using Perche.Production.Tests.Mhl;
using Perche.Project;

namespace Perche.Production.Tests.Store;

public class ShootStoreTests
{
    [Fact]
    public void Edits_merge_per_take_and_offloads_are_recorded_in_the_project_store()
    {
        using var t = new TempTree();
        using (var project = ProjectStore.Open(StoreLocation.ForSqlite(t.Path("project.db")), ShootStore.Module))
        {
            var store = ShootStore.Open(t.Root, project);
            Assert.True(store.IsProject);
            store.SaveEdit(new TakeEdit { TakeKey = "FAM1", Circled = true });
            store.SaveEdit(new TakeEdit { TakeKey = "FAM1", Note = "la bonne" });
            store.SaveEdit(new TakeEdit { TakeKey = "FAM2", FalseStart = true, Circled = false });
            var edits = store.LoadEdits();
            Assert.Equal(2, edits.Count);
            var fam1 = edits.Single(e => e.TakeKey == "FAM1");
            Assert.True(fam1.Circled);
            Assert.Equal("la bonne", fam1.Note);
            Assert.Null(fam1.WildTrack);
            Assert.False(edits.Single(e => e.TakeKey == "FAM2").Circled);

            t.Write("card/SR001/a.wav", new byte[1000]);
            var result = OffloadEngine.Run(new OffloadOptions { Source = t.Path("card/SR001"), Destinations = [t.Path("A"), t.Path("B")], Kinds = [HashKind.Xxh64, HashKind.Md5] });
            Assert.Equal(1, store.SaveOffload(result));
            var digests = store.LatestDigests("a.wav")!;
            Assert.Equal(ContentHasher.Of(HashKind.Xxh64, new byte[1000]), digests[HashKind.Xxh64]);
            Assert.Equal(ContentHasher.Of(HashKind.Md5, new byte[1000]), digests[HashKind.Md5]);
            var lines = project.Read(tx => ShootStore.Module.Summarise(tx));
            Assert.Equal(("takes edited in sound reports", 2L, "1 circled"), (lines[0].Label, lines[0].Count, lines[0].Detail));
            Assert.Equal(("offloads", 1L, "1 fully verified"), (lines[1].Label, lines[1].Count, lines[1].Detail));
            Assert.Equal(2L, project.Read(tx => tx.Scalar<long>("SELECT COUNT(*) FROM shoot_offload_destination WHERE verified")));
        }

        // Reopened: everything is still there.
        using var again = ProjectStore.Open(StoreLocation.ForSqlite(t.Path("project.db")), ShootStore.Module);
        Assert.Equal(2, ShootStore.Open(t.Root, again).LoadEdits().Count);
    }

    [Fact]
    public void Without_a_project_edits_go_to_a_json_file_in_the_folder()
    {
        using var t = new TempTree();
        var store = ShootStore.Open(t.Root, null);
        Assert.False(store.IsProject);
        store.SaveEdit(new TakeEdit { TakeKey = "k", Circled = true });
        Assert.True(File.Exists(Path.Combine(t.Root, ShootStore.EditsFileName)));
        Assert.Null(store.SaveOffload(new OffloadResult { Source = t.Root }));
    }
}
