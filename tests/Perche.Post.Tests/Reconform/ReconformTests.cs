using Perche.Core.Time;
using Perche.Post.Adapters.Edl;
using Perche.Post.Adapters.Otio;
using Perche.Post.Conform;
using Perche.Post.Reconform;
using Perche.Post.Tests.Conform;
using Perche.Post.Timelines;

namespace Perche.Post.Tests.Reconform;

/// <summary>
/// Two generated cuts with one of each kind of change (unchanged, head trim, insert, move with tail trim, delete,
/// replaced source, plain move): the change list, and the re-conformed session to the sample, with stable IDs.
/// </summary>
public sealed class ReconformTests : IDisposable
{
    private static readonly FrameRate R25 = FrameRate.Fps25;
    private const int Sr = RushFactory.Rate;
    private const int SamplesPerFrame = Sr / 25;
    private readonly string root = Path.Combine(Path.GetTempPath(), "perche-reconform-" + Guid.NewGuid().ToString("N"));

    public ReconformTests()
    {
        string[] chans = ["Boom", "Lav Marie", "Lav Paul"];
        var dir = Path.Combine(this.root, "SR001");
        RushFactory.WriteTake(dir, "S01T01", "SR001", "1", "1", "2026-06-15", "10:00:00:00", 6, chans);
        RushFactory.WriteTake(dir, "S01T02", "SR001", "1", "2", "2026-06-15", "10:01:00:00", 6, chans);
        RushFactory.WriteTake(dir, "S02T01", "SR001", "2", "1", "2026-06-15", "10:05:00:00", 6, chans);
        RushFactory.WriteTake(dir, "S04T01", "SR001", "4", "1", "2026-06-15", "10:10:00:00", 6, chans);
        RushFactory.WriteTake(dir, "S05T01", "SR001", "5", "1", "2026-06-15", "10:20:00:00", 6, chans);
        RushFactory.WriteTake(dir, "S06T01", "SR001", "6", "1", "2026-06-15", "10:30:00:00", 6, chans);
    }

    public void Dispose() => Directory.Delete(this.root, recursive: true);

    internal const string OldEdl = """
        TITLE: CUT V1
        FCM: NON-DROP FRAME
        001  A001 V C 10:00:01:00 10:00:02:00 01:00:00:00 01:00:01:00
        * FROM CLIP NAME: 1-1
        002  A002 V C 10:01:01:00 10:01:03:00 01:00:01:00 01:00:03:00
        * FROM CLIP NAME: 1-2
        003  A003 V C 10:05:01:00 10:05:02:00 01:00:03:00 01:00:04:00
        * FROM CLIP NAME: 2-1
        004  A004 V C 10:10:01:00 10:10:02:00 01:00:04:00 01:00:05:00
        * FROM CLIP NAME: 4-1
        005  A005 V C 10:20:01:00 10:20:02:00 01:00:05:00 01:00:06:00
        * FROM CLIP NAME: 5-1
        006  A001 V C 10:00:04:00 10:00:05:00 01:00:06:00 01:00:07:00
        * FROM CLIP NAME: 1-1
        """;

    // 001 unchanged; 002 head trimmed 10 frames (ripple); 003 inserted; old 003 moved 15 frames, tail +12; old 004
    // deleted; old 005 replaced by other source in its place; old 006 moved 2 frames. Event numbers all shift.
    internal const string NewEdl = """
        TITLE: CUT V2
        FCM: NON-DROP FRAME
        001  A001 V C 10:00:01:00 10:00:02:00 01:00:00:00 01:00:01:00
        * FROM CLIP NAME: 1-1
        002  A002 V C 10:01:01:10 10:01:03:00 01:00:01:00 01:00:02:15
        * FROM CLIP NAME: 1-2
        003  A006 V C 10:30:01:00 10:30:02:00 01:00:02:15 01:00:03:15
        * FROM CLIP NAME: 6-1
        004  A003 V C 10:05:01:00 10:05:02:12 01:00:03:15 01:00:05:02
        * FROM CLIP NAME: 2-1
        005  A006 V C 10:30:04:00 10:30:05:00 01:00:05:02 01:00:06:02
        * FROM CLIP NAME: 6-1
        006  A001 V C 10:00:04:00 10:00:05:00 01:00:06:02 01:00:07:02
        * FROM CLIP NAME: 1-1
        """;

    private static Timeline Cut(string edl) => EdlReader.ReadString(edl, "cut.edl", new EdlReadOptions { Rate = R25 });

    [Fact]
    public void Change_list_pairs_events_by_source_not_by_number()
    {
        var list = ChangeList.Compare(Cut(OldEdl), Cut(NewEdl));
        var got = list.Changes.Select(c => (c.Label, c.Old?.EventId, c.New?.EventId, TimeMath.Frames(c.HeadDelta, R25), TimeMath.Frames(c.TailDelta, R25), TimeMath.Frames(c.Shift, R25))).ToList();
        (string, string?, string?, long, long, long)[] expected =
        [
            ("unchanged", "001", "001", 0, 0, 0),
            ("trim-head", "002", "002", 10, 0, 0),
            ("inserted", null, "003", 0, 0, 0),
            ("moved+trim-tail", "003", "004", 0, 12, 15),
            ("deleted", "004", null, 0, 0, 0),
            ("replaced", "005", "005", 0, 0, 2),
            ("moved", "006", "006", 0, 0, 2),
        ];
        Assert.Equal(expected, got);
        Assert.Equal(1, list.UnchangedCount);
        Assert.Equal(6, list.ChangedCount);
    }

    [Fact]
    public void Change_list_exports_csv_and_edl_with_timecodes()
    {
        var list = ChangeList.Compare(Cut(OldEdl), Cut(NewEdl));
        var start = Timecode.Parse("01:00:00:00", R25).ToRationalTime();
        var csv = list.ToCsv(R25, start).Split("\r\n");
        Assert.Equal("change,old_event,new_event,reel,clip,old_source_in,old_source_out,new_source_in,new_source_out,old_record_in,old_record_out,new_record_in,new_record_out,head_frames,tail_frames,shift_frames", csv[0]);
        Assert.Equal("moved+trim-tail,003,004,A003,2-1,10:05:01:00,10:05:02:00,10:05:01:00,10:05:02:12,01:00:03:00,01:00:04:00,01:00:03:15,01:00:05:02,0,12,15", csv[4]);
        Assert.Equal("deleted,004,,A004,4-1,10:10:01:00,10:10:02:00,,,01:00:04:00,01:00:05:00,,,0,0,0", csv[5]);

        // The EDL-style list reads back through our own EDL reader: five changed events at their record places, the deleted one as a note.
        var edl = list.ToEdl("CUT V2", R25, start);
        var back = EdlReader.ReadString(edl, "changes.edl", new EdlReadOptions { Rate = R25 });
        Assert.Contains("* CHANGE: MOVED+TRIM-TAIL (OLD EVENT 003; HEAD 0 TAIL +12 SHIFT +15 FRAMES)", edl, StringComparison.Ordinal);
        Assert.Contains("* DELETED: OLD EVENT 004 A004 4-1 10:10:01:00 10:10:02:00 WAS AT 01:00:04:00 01:00:05:00", edl, StringComparison.Ordinal);
        Assert.Equal(5, back.AllTracks().Sum(t => t.AllClips().Count()));
    }

    [Fact]
    public void Reconform_lays_the_new_cut_to_the_sample_and_keeps_ids()
    {
        var index = RushIndex.Build(this.root);
        var first = Conformer.Run(Cut(OldEdl), index, new ConformOptions { Handles = RationalTime.FromSeconds(1) });
        Assert.Equal(6, first.MatchedCount);

        // Through the session file, as the CLI does.
        var otio = OtioJsonWriter.WriteString(first.Session);
        var session = OtioJsonReader.ReadString(otio, "session.otio");
        var result = Reconformer.Run(Cut(OldEdl), Cut(NewEdl), session, index);

        var boom = result.Conform.Session.AudioTracks().Single(t => t.Name == "Boom");
        var clips = boom.ItemsWithRanges().Where(x => x.Item is Clip).Select(x => ((Clip)x.Item, x.Range)).ToList();
        var tc = (string label) => Timecode.Parse(label, R25).TotalFrames * SamplesPerFrame;
        (string Id, long RecordSamples, long SourceSamples, long LengthSamples, string File)[] expected =
        [
            ("E001.1", 0, tc("10:00:01:00"), 25 * SamplesPerFrame, "S01T01"),
            ("E002.1", 25 * SamplesPerFrame, tc("10:01:01:10"), 40 * SamplesPerFrame, "S01T02"),
            ("R003.1", 65 * SamplesPerFrame, tc("10:30:01:00"), 25 * SamplesPerFrame, "S06T01"),
            ("E003.1", 90 * SamplesPerFrame, tc("10:05:01:00"), 37 * SamplesPerFrame, "S02T01"),
            ("R005.1", 127 * SamplesPerFrame, tc("10:30:04:00"), 25 * SamplesPerFrame, "S06T01"),
            ("E006.1", 152 * SamplesPerFrame, tc("10:00:04:00"), 25 * SamplesPerFrame, "S01T01"),
        ];
        var got = clips.Select(c => (
            c.Item1.Metadata["perche"]!["clipId"]!.GetValue<string>(),
            c.Range.Start.ToSamples(Sr),
            c.Item1.SourceRange!.Value.Start.ToSamples(Sr),
            c.Item1.SourceRange!.Value.Duration.ToSamples(Sr),
            Path.GetFileNameWithoutExtension(c.Item1.Media.TargetUrl))).ToArray();
        Assert.Equal(expected, got);

        // Every channel of each event carries its material ID; the unchanged clip is the same clip to the sample.
        var lav = result.Conform.Session.AudioTracks().Single(t => t.Name == "Lav Paul");
        Assert.Equal(["E001.3", "E002.3", "R003.3", "E003.3", "R005.3", "E006.3"], lav.AllClips().Select(c => c.Metadata["perche"]!["clipId"]!.GetValue<string>()));
        var before = first.Session.AudioTracks().Single(t => t.Name == "Boom").AllClips().First();
        var after = boom.AllClips().First();
        Assert.Equal(before.SourceRange, after.SourceRange);
        Assert.Equal(before.Media.AvailableRange, after.Media.AvailableRange);

        // Handles came back from the session (1 s, bounded by the file), not the 5 s default.
        var e003 = boom.AllClips().Single(c => c.Metadata["perche"]!["clipId"]!.GetValue<string>() == "E003.1");
        Assert.Equal(tc("10:05:00:00"), e003.Media.AvailableRange!.Value.Start.ToSamples(Sr));
        Assert.Equal((25 + 37 + 25) * SamplesPerFrame, e003.Media.AvailableRange!.Value.Duration.ToSamples(Sr));

        Assert.Equal(12, result.KeptClipCount);
        Assert.Equal(6, result.DroppedClipCount);
        Assert.Empty(result.Warnings);
        Assert.Equal(6, result.Conform.MatchedCount);
        Assert.StartsWith("unchanged since event 001: kept S01T01", result.Conform.Events[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconform_keeps_the_take_the_session_plays_when_the_rushes_moved()
    {
        var index = RushIndex.Build(this.root);
        var first = Conformer.Run(Cut(OldEdl), index, new ConformOptions { Handles = RationalTime.FromSeconds(1) });
        var session = OtioJsonReader.ReadString(OtioJsonWriter.WriteString(first.Session), "session.otio");

        // An index without S02T01: its material is rebuilt from the session's own metadata, at the same samples.
        var partial = RushIndex.FromTakes(index.Takes.Where(t => t.Name != "S02T01"));
        var result = Reconformer.Run(Cut(OldEdl), Cut(NewEdl), session, partial);
        var e003 = result.Conform.Session.AudioTracks().Single(t => t.Name == "Boom").AllClips().Single(c => c.Metadata["perche"]!["clipId"]!.GetValue<string>() == "E003.1");
        Assert.Equal(Timecode.Parse("10:05:01:00", R25).TotalFrames * SamplesPerFrame, e003.SourceRange!.Value.Start.ToSamples(Sr));
        Assert.EndsWith("S02T01.WAV", e003.Media.TargetUrl, StringComparison.Ordinal);
        Assert.Single(result.Warnings, w => w.Contains("not in the rushes index; material E003", StringComparison.Ordinal));
    }
}
