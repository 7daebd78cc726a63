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
}
