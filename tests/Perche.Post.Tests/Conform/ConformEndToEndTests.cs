using Perche.Core;
using Perche.Core.Time;
using Perche.Post.Adapters.Edl;
using Perche.Post.Adapters.Otio;
using Perche.Post.Conform;
using Perche.Post.Timelines;

namespace Perche.Post.Tests.Conform;

/// <summary>
/// A generated picture EDL against generated recorder files: two days with the same timecodes, two rolls, a
/// polyphonic and a mono-family recorder; every event must land on the right take with all its channels.
/// </summary>
public sealed class ConformEndToEndTests : IDisposable
{
    private static readonly FrameRate R25 = FrameRate.Fps25;
    private readonly string root = Path.Combine(Path.GetTempPath(), "perche-conform-" + Guid.NewGuid().ToString("N"));

    public ConformEndToEndTests()
    {
        // Day 1, roll SR001, 3-channel polyphonic files.
        string[] day1 = ["Boom", "Lav Marie", "Lav Paul"];
        RushFactory.WriteTake(Path.Combine(this.root, "day1", "SR001"), "S01T01", "SR001", "1", "1", "2026-06-15", "10:00:00:00", 6, day1);
        RushFactory.WriteTake(Path.Combine(this.root, "day1", "SR001"), "S01T02", "SR001", "1", "2", "2026-06-15", "10:01:00:00", 6, day1);
        RushFactory.WriteTake(Path.Combine(this.root, "day1", "SR001"), "S02T01", "SR001", "2", "1", "2026-06-15", "10:05:00:00", 6, day1);

        // Day 2, roll SR002, mono families, the same timecodes as day 1 (the recorder was re-jammed at 10:00).
        string[] day2 = ["Boom", "Lav Marie", "Lav Jean"];
        RushFactory.WriteTake(Path.Combine(this.root, "day2", "SR002"), "S03T01", "SR002", "3", "1", "2026-06-16", "10:00:00:00", 6, day2, mono: true);
        RushFactory.WriteTake(Path.Combine(this.root, "day2", "SR002"), "S03T02", "SR002", "3", "2", "2026-06-16", "10:01:00:00", 6, day2, mono: true);
    }

    public void Dispose() => Directory.Delete(this.root, recursive: true);

    private const string Edl = """
        TITLE: TEST CUT
        FCM: NON-DROP FRAME
        001  A001 V C 10:00:01:00 10:00:02:00 01:00:00:00 01:00:01:00
        * FROM CLIP NAME: 1-1
        002  B004 V C 10:00:00:10 10:00:01:10 01:00:01:00 01:00:02:00
        * FROM CLIP NAME: 3-1
        003  A002 V C 10:05:01:00 10:05:02:00 01:00:02:00 01:00:03:00
        * FROM CLIP NAME: A002C005
        004  A003 V C 10:01:01:00 10:01:02:00 01:00:03:00 01:00:04:00
        * FROM CLIP NAME: A003C001
        005  B005 V C 10:01:02:00 10:01:03:00 01:00:04:00 01:00:05:00
        * FROM CLIP NAME: B005C002
        * SOUND ROLL SR002
        006  C001 V C 11:00:00:00 11:00:01:00 01:00:05:00 01:00:06:00
        * FROM CLIP NAME: C001C001
        007  A002 V C 10:05:02:00 10:05:03:00 01:00:06:00 01:00:07:00
        M2   A002       050.0                10:05:02:00
        * FROM CLIP NAME: A002C005
        008  A002 V C 10:05:05:00 10:05:07:00 01:00:07:00 01:00:09:00
        * FROM CLIP NAME: 2-1
        """;

    private ConformResult Conform(string handles = "5")
    {
        var timeline = EdlReader.ReadString(Edl, "cut.edl", new EdlReadOptions { Rate = R25 });
        var index = RushIndex.Build(this.root);
        return Conformer.Run(timeline, index, new ConformOptions { Handles = RationalTime.FromSeconds(long.Parse(handles, System.Globalization.CultureInfo.InvariantCulture)) });
    }

    [Fact]
    public void Index_groups_mono_families_and_reads_every_take()
    {
        var index = RushIndex.Build(this.root);
        Assert.Equal(5, index.Takes.Count);
        Assert.Empty(index.Warnings);
        var s03t01 = index.Takes.Single(t => t.Scene == "3" && t.Take == "1");
        Assert.Equal(3, s03t01.Files.Count);
        Assert.Equal(new[] { "Boom", "Lav Marie", "Lav Jean" }, s03t01.Channels.Select(c => c.Name));
        Assert.Equal(36000L * 48000, s03t01.StartSamples);
        Assert.Equal("SR002", s03t01.Tape);
        Assert.Equal(R25, index.CommonRate);
        var poly = index.Takes.Single(t => t.Name == "S01T02");
        Assert.Single(poly.Files);
        Assert.Equal(new[] { 1, 2, 3 }, poly.Channels.Select(c => c.ChannelInFile));
    }

    [Fact]
    public void Every_event_lands_on_the_right_take()
    {
        var r = this.Conform();
        var byId = r.Events.ToDictionary(e => e.EventId);

        // Same timecode on two days: the clip name's scene-take decides.
        Assert.Equal("S01T01", byId["001"].Take!.Name);
        Assert.Equal(ConformStatus.Matched, byId["001"].Status);
        Assert.Contains("scene 1 take 1", byId["001"].Reason, StringComparison.Ordinal);
        Assert.Equal("S03T01_1", byId["002"].Take!.Name);
        Assert.Equal(ConformStatus.Matched, byId["002"].Status);

        // One recording at that time: timecode alone.
        Assert.Equal("S02T01", byId["003"].Take!.Name);
        Assert.Equal(ConformStatus.Matched, byId["003"].Status);

        // Two days, nothing in the name: ambiguous, with both candidates and the reason.
        Assert.Equal(ConformStatus.Ambiguous, byId["004"].Status);
        Assert.Equal(2, byId["004"].Candidates.Count);
        Assert.Contains("2 recordings cover this timecode", byId["004"].Reason, StringComparison.Ordinal);

        // The roll named in a note decides.
        Assert.Equal("S03T02_1", byId["005"].Take!.Name);
        Assert.Equal(ConformStatus.Matched, byId["005"].Status);
        Assert.Contains("roll SR002", byId["005"].Reason, StringComparison.Ordinal);

        Assert.Equal(ConformStatus.Unmatched, byId["006"].Status);
        Assert.Null(byId["006"].Take);

        // 50 fps over 25: twice the source, and the warp is kept on the sound.
        Assert.Equal(2.0, byId["007"].SpeedScalar, 9);
        Assert.Equal(50, byId["007"].Source.Duration.ToFrames(R25));

        // 10:05:05:00–10:05:07:00 against a take ending at 10:05:06:00: half covered.
        Assert.Equal(ConformStatus.Partial, byId["008"].Status);
        Assert.Equal(0.5, byId["008"].CoverageFraction, 6);
        Assert.Equal(5, r.MatchedCount);
        Assert.Equal(1, r.AmbiguousCount);
        Assert.Equal(1, r.PartialCount);
        Assert.Equal(1, r.UnmatchedCount);
    }

    [Fact]
    public void The_shoot_take_index_weighs_ng_and_circled_takes_and_says_so()
    {
        // Event 004 (10:01:01, no slate) fits day 1's S01T02 and day 2's S03T02. The mixer marked S01T02 and S01T01
        // no good (edits kept beside the rushes, as outside a project).
        var report = Perche.Production.Report.SoundReportBuilder.Build(this.root);
        string KeyOf(string file) => report.Takes.Single(t => t.Files.Any(f => f.FileName == file)).Key;
        var edits = Perche.Production.Store.ShootStore.Open(this.root, null);
        edits.SaveEdit(new Perche.Production.Edits.TakeEdit { TakeKey = KeyOf("S01T02.WAV"), NoGood = true });
        edits.SaveEdit(new Perche.Production.Edits.TakeEdit { TakeKey = KeyOf("S01T01.WAV"), NoGood = true, Note = "plane" });
        var shoot = ShootTakeIndex.Load(this.root, null);
        Assert.NotNull(shoot);
        Assert.Equal(2, shoot.EditCount);

        var timeline = EdlReader.ReadString(Edl, "cut.edl", new EdlReadOptions { Rate = R25 });
        var index = RushIndex.Build(this.root).WithShootIndex(shoot);
        var ng = Conformer.Run(timeline, index).Events.Single(e => e.EventId == "004");
        Assert.Equal(ConformStatus.Matched, ng.Status);
        Assert.Equal("S03T02_1", ng.Take!.Name);
        Assert.Equal("timecode only; 1 other recording(s) overlap but do not fit as well", ng.Reason);

        // The slate still wins over the report: event 001 names 1-1, which stays on S01T01, and the reason says NG.
        var named = Conformer.Run(timeline, index).Events.Single(e => e.EventId == "001");
        Assert.Equal("S01T01", named.Take!.Name);
        Assert.Contains("marked NG in the sound report, report note: plane", named.Reason, StringComparison.Ordinal);

        // Circled instead of NG: still two fits, the circled one chosen and named as such.
        edits.SaveEdit(new Perche.Production.Edits.TakeEdit { TakeKey = KeyOf("S01T02.WAV"), NoGood = false });
        edits.SaveEdit(new Perche.Production.Edits.TakeEdit { TakeKey = KeyOf("S03T02_1.WAV"), Circled = true });
        var circled = Conformer.Run(timeline, RushIndex.Build(this.root).WithShootIndex(ShootTakeIndex.Load(this.root, null)!)).Events.Single(e => e.EventId == "004");
        Assert.Equal(ConformStatus.Ambiguous, circled.Status);
        Assert.Equal("S03T02_1", circled.Take!.Name);
        Assert.Contains("chose S03T02_1 (circled in the sound report) over S01T02 (timecode only)", circled.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_edits_the_shoot_index_adds_nothing() => Assert.Null(ShootTakeIndex.Load(this.root, null));

    [Fact]
    public void Every_channel_is_its_own_track_with_exact_source_offsets_and_bounded_handles()
    {
        var r = this.Conform();
        var tracks = r.Session.AudioTracks().ToList();
        Assert.Equal(new[] { "Boom", "Lav Marie", "Lav Jean", "Lav Paul" }.Order(), tracks.Select(t => t.Name).Order());
        Assert.Equal("Boom", tracks[0].Name);

        var boom = tracks[0];
        var clips = boom.ItemsWithRanges().Where(x => x.Item is Clip).Select(x => ((Clip)x.Item, x.Range)).ToList();
        var (first, firstRange) = clips[0];
        Assert.Equal("S01T01", first.Name);
        Assert.Equal(TimeMath.Zero(R25), firstRange.Start);

        // 10:00:01:00 is 36001 s after midnight: sample 1 728 048 000 at 48 kHz; one second long.
        Assert.Equal(36001L * 48000, first.SourceRange!.Value.Start.Value);
        Assert.Equal(48000, first.SourceRange!.Value.Start.RateNumerator);
        Assert.Equal(48000, first.SourceRange!.Value.Duration.Value);
        Assert.Equal(1, first.Media.Channel);
        Assert.Equal(3, first.Media.ChannelCount);

        // Handles: 5 s asked, 1 s available before (the file starts at 10:00:00:00) and 4 s after (6 s file).
        var e1 = r.Events[0];
        Assert.Equal(1.0, e1.HandleBefore.ToSeconds(), 9);
        Assert.Equal(4.0, e1.HandleAfter.ToSeconds(), 9);
        Assert.Equal(36000L * 48000, first.Media.AvailableRange!.Value.Start.Value);
        Assert.Equal(6 * 48000, first.Media.AvailableRange!.Value.Duration.Value);

        // Event 002 is the mono family: each channel comes from its own file, channel 1 of 1.
        var lavJean = tracks.Single(t => t.Name == "Lav Jean");
        var jean = lavJean.Items().OfType<Clip>().First();
        Assert.EndsWith("S03T01_3.WAV", jean.Media.TargetUrl, StringComparison.Ordinal);
        Assert.Equal(1, jean.Media.ChannelCount);
        Assert.Equal(T.Tc("00:00:01:00", R25), T.F(jean.RangeInParent().Start, R25));

        // The warp travels to the sound clip; the partial event keeps only the covered second, at its record place.
        var warped = boom.Items().OfType<Clip>().Single(c => c.Metadata["perche"]!["event"]!.GetValue<string>() == "007");
        Assert.Equal(2.0, warped.SpeedScalar, 9);
        var (partial, partialRange) = clips.Single(c => c.Item1.Metadata["perche"]!["event"]!.GetValue<string>() == "008");
        Assert.Equal(T.Tc("00:00:07:00", R25), T.F(partialRange.Start, R25));
        Assert.Equal(25, T.F(partialRange.Duration, R25));
        Assert.Equal(36305L * 48000, partial.SourceRange!.Value.Start.Value);
    }

    [Fact]
    public void Writers_round_trip_the_session()
    {
        var r = this.Conform();
        var outDir = Path.Combine(this.root, "out");
        var written = ConformOutput.Write(r, outDir, "cut", R25);
        Assert.Equal(3 + (2 * r.Session.AudioTracks().Count()), written.Count);
        Assert.All(written, f => Assert.True(File.Exists(f)));
        Assert.Empty(Directory.GetFiles(outDir, "*.tmp"));

        // The per-track EDL reads back with the same source timecodes and record positions as the session track.
        var boom = r.Session.AudioTracks().First();
        var edlPath = written.Single(w => w.EndsWith("01_Boom.edl", StringComparison.Ordinal));
        var back = EdlReader.ReadFile(edlPath, new EdlReadOptions { Rate = R25 });
        var backTrack = back.AudioTracks().Single();
        var original = boom.ItemsWithRanges().Where(x => x.Item is Clip).Select(x => (Tc: T.F(x.Item.TrimmedRange.Start, R25), Rec: T.F(x.Range.Start, R25), Len: T.F(x.Range.Duration, R25))).ToList();
        var reread = backTrack.ItemsWithRanges().Where(x => x.Item is Clip).Select(x => (Tc: T.F(x.Item.TrimmedRange.Start, R25), Rec: T.F(x.Range.Start, R25), Len: T.F(x.Range.Duration, R25))).ToList();
        Assert.Equal(original, reread);
        Assert.Equal("S01T01", backTrack.Items().OfType<Clip>().First().Name);

        // The CSV has one row per event.
        var csv = File.ReadAllLines(written.Single(w => w.EndsWith(".csv", StringComparison.Ordinal)));
        Assert.Equal(r.Events.Count + 1, csv.Length);
        Assert.StartsWith("001,1-1,A001,10:00:01:00,10:00:02:00,01:00:00:00,01:00:01:00,matched,S01T01.WAV,SR001,1,1,3,1,4,", csv[1], StringComparison.Ordinal);

        // The REAPER project names every track and points at every file.
        var rpp = File.ReadAllText(written.Single(w => w.EndsWith(".rpp", StringComparison.Ordinal)));
        Assert.Contains("NAME \"Lav Jean\"", rpp, StringComparison.Ordinal);
        Assert.Contains("PROJOFFS 3600 ", rpp, StringComparison.Ordinal);
        Assert.Contains("SOFFS 1\n", rpp, StringComparison.Ordinal);
        Assert.Contains("PLAYRATE 2 ", rpp, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_wavs_hold_each_channel_at_its_record_place()
    {
        var r = this.Conform();
        var (files, silent) = ReviewRender.Write(r.Session, Path.Combine(this.root, "review"), "cut");
        Assert.Equal(r.Session.AudioTracks().Count(), files.Count);
        Assert.Equal(3, silent); // the warped event, on each of its take's three channels

        // "Lav Marie" is recorder track 2 (level 0.2) on both days; event 006 (5–6 s) has no recording.
        var lav = files.Single(f => f.Contains("Lav_Marie", StringComparison.Ordinal));
        using var reader = Perche.Core.Formats.Wav.WavReader.OpenSamples(lav);
        Assert.Equal(8 * 48000, reader.FrameCount); // the track ends with the covered half of event 008
        var samples = new float[reader.FrameCount];
        Assert.Equal(samples.Length, reader.ReadFrames(samples));
        Assert.Equal(0.2, samples[24000], 4);
        Assert.Equal(0.2, samples[(48000 * 2) + 100], 4);
        Assert.Equal(0.0, samples[(48000 * 5) + 24000], 6);

        // Event 007 is a 2× warp: left silent in the review.
        Assert.Equal(0.0, samples[(48000 * 6) + 24000], 6);
        Assert.Equal(0.2, samples[(48000 * 7) + 12000], 4);
    }

    [Fact]
    public void Missing_rushes_folder_is_a_clear_error()
    {
        var ex = Assert.Throws<PercheFormatException>(() => RushIndex.Build(Path.Combine(this.root, "nope")));
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_recorder_file_is_reported_not_fatal()
    {
        File.WriteAllBytes(Path.Combine(this.root, "day1", "broken.WAV"), [.. "RIFF"u8, 1, 2]);
        var index = RushIndex.Build(this.root);
        Assert.Equal(5, index.Takes.Count);
        Assert.Contains(index.Warnings, w => w.Contains("broken.WAV", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("S12AT03", "12A", "3")]
    [InlineData("12A-3", "12A", "3")]
    [InlineData("Sc 012a Tk 03", "12A", "3")]
    [InlineData("Scene 4 Take 10", "4", "10")]
    [InlineData("4/2 cam B", "4", "2")]
    public void Slates_in_clip_names(string name, string scene, string take)
    {
        Assert.Equal(new Slate(scene, take), SlateParser.Parse(name));
    }

    [Theory]
    [InlineData("A001C003")]
    [InlineData("A001C003_260615_R1AB")]
    [InlineData("")]
    public void Camera_names_carry_no_slate(string name) => Assert.Null(SlateParser.Parse(name));
}
