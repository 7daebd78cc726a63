using Perche.Core.Time;
using Perche.Post.Adapters.Edl;
using Perche.Post.Conform;
using Perche.Post.Store;
using Perche.Post.Tests.Conform;
using Perche.Post.Timelines;
using Perche.Project;

namespace Perche.Post.Tests.Store;

/// <summary>The post module's tables on SQLite: cuts and conform runs written and read back.</summary>
public sealed class PostStoreTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "perche-poststore-" + Guid.NewGuid().ToString("N"));

    public PostStoreTests() => Directory.CreateDirectory(this.root);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(this.root, recursive: true);
    }

    [Fact]
    public void A_cut_and_its_conform_are_stored_and_read_back()
    {
        RushFactory.WriteTake(Path.Combine(this.root, "rushes"), "S01T01", "SR001", "1", "1", "2026-06-15", "10:00:00:00", 3, ["Boom", "Lav"]);
        const string edl = "TITLE: STORE\n001  A001 V C 10:00:01:00 10:00:02:00 01:00:00:00 01:00:01:00\n* FROM CLIP NAME: A001C001\n002  A002 V C 11:00:00:00 11:00:01:00 01:00:01:00 01:00:02:00\n";
        var timeline = EdlReader.ReadString(edl, "store.edl", new EdlReadOptions { Rate = FrameRate.Fps25 });
        var result = Conformer.Run(timeline, RushIndex.Build(Path.Combine(this.root, "rushes")));

        using var store = ProjectStore.Open(StoreLocation.ForSqlite(Path.Combine(this.root, "project.db")), PostStore.Module);
        var cutId = PostStore.SaveCut(store, timeline, Path.Combine(this.root, "store.edl"), "Edl");
        var conformId = PostStore.SaveConform(store, cutId, result, Path.Combine(this.root, "rushes"), RationalTime.FromSeconds(5), Path.Combine(this.root, "out"), FrameRate.Fps25);

        var cut = Assert.Single(PostStore.Cuts(store));
        Assert.Equal(cutId, cut.Id);
        Assert.Equal("STORE", cut.Name);
        Assert.Equal(2, cut.ClipCount);
        Assert.Equal("25", cut.Rate);

        var run = Assert.Single(PostStore.Conforms(store));
        Assert.Equal(conformId, run.Id);
        Assert.Equal((1, 0, 0, 1), (run.Matched, run.Ambiguous, run.Partial, run.Unmatched));
        Assert.Equal(5.0, run.HandlesSeconds);

        var events = store.Read(tx => tx.Query("SELECT event, status, roll, channels, source_in, record_in, handle_before_seconds FROM post_conform_event WHERE conform_id = @c ORDER BY event", new { c = conformId },
            r => (r.GetString("event"), r.GetString("status"), r.GetString("roll"), r.GetString("channels"), r.GetString("source_in"), r.GetString("record_in"), r.GetDouble("handle_before_seconds"))));
        Assert.Equal(("001", "matched", "SR001", "Boom\nLav", "10:00:01:00", "01:00:00:00", 1.0), events[0]);
        Assert.Equal("unmatched", events[1].Item2);

        // The stored OTIO gives the cut back as read.
        var back = PostStore.LoadCut(store, cutId);
        Assert.Equal(timeline.AllTracks().Single().Items().Select(i => (i.Name, i.SourceRange)), back.AllTracks().Single().Items().Select(i => (i.Name, i.SourceRange)));

        var status = store.Read(tx => PostStore.Module.Summarise(tx));
        Assert.Equal(1, status[0].Count);
        Assert.Equal("2 clips", status[0].Detail);
        Assert.Equal("last: 1 matched, 0 ambiguous, 0 partial, 1 unmatched", status[1].Detail);
    }

    [Fact]
    public void A_change_list_is_stored_row_by_row()
    {
        var rushes = Path.Combine(this.root, "rushes");
        string[] chans = ["Boom", "Lav Marie", "Lav Paul"];
        foreach (var (name, tc) in new[] { ("S01T01", "10:00:00:00"), ("S01T02", "10:01:00:00"), ("S02T01", "10:05:00:00"), ("S04T01", "10:10:00:00"), ("S05T01", "10:20:00:00"), ("S06T01", "10:30:00:00") })
        {
            RushFactory.WriteTake(rushes, name, "SR001", name[2..3], "1", "2026-06-15", tc, 6, chans);
        }

        var index = RushIndex.Build(rushes);
        var oldCut = EdlReader.ReadString(Perche.Post.Tests.Reconform.ReconformTests.OldEdl, "v1.edl", new EdlReadOptions { Rate = FrameRate.Fps25 });
        var newCut = EdlReader.ReadString(Perche.Post.Tests.Reconform.ReconformTests.NewEdl, "v2.edl", new EdlReadOptions { Rate = FrameRate.Fps25 });
        var first = Conformer.Run(oldCut, index);
        var result = Perche.Post.Reconform.Reconformer.Run(oldCut, newCut, first.Session, index);

        using var store = ProjectStore.Open(StoreLocation.ForSqlite(Path.Combine(this.root, "project.db")), PostStore.Module);
        var oldId = PostStore.SaveCut(store, oldCut, "v1.edl", "Edl");
        var conformId = PostStore.SaveConform(store, oldId, first, rushes, RationalTime.FromSeconds(5), this.root, FrameRate.Fps25);
        var newId = PostStore.SaveCut(store, newCut, "v2.edl", "Edl");
        var listId = PostStore.SaveChangeList(store, oldId, newId, conformId, null, result, FrameRate.Fps25, newCut.GlobalStartTime ?? default);
        Assert.Equal(["unchanged", "trim-head", "inserted", "moved+trim-tail", "deleted", "replaced", "moved"], PostStore.ChangesOf(store, listId));
        var tail = store.Read(tx => tx.Scalar<long>("SELECT tail_frames FROM post_change WHERE list_id = @l AND position = 4", new { l = listId }));
        Assert.Equal(12, tail);

        // The stored session reads back with its material IDs.
        var session = PostStore.LoadConformSession(store, conformId);
        Assert.Equal("E001.1", session.AudioTracks().First().AllClips().First().Metadata["perche"]!["clipId"]!.GetValue<string>());
        Assert.Equal("last: 6 changed, 1 unchanged, 12 clips kept", store.Read(tx => PostStore.Module.Summarise(tx))[2].Detail);
    }
}
