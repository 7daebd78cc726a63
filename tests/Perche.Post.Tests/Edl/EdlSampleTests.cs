using Perche.Core;
using Perche.Core.Tests.Support;
using Perche.Core.Time;
using Perche.Post.Adapters.Edl;
using Perche.Post.Timelines;

namespace Perche.Post.Tests.Edl;

/// <summary>The otio-cmx3600-adapter sample EDLs, asserting what that project's tests assert (INDEX.md 4b).</summary>
public class EdlSampleTests
{
    private static readonly FrameRate R24 = FrameRate.Fps24;

    private static Timeline Read(string file, FrameRate? rate = null, bool tolerant = false)
        => EdlReader.ReadFile(T.Cmx(file), new EdlReadOptions { Rate = rate ?? R24, Tolerant = tolerant });

    [SharedDataFact]
    public void Screening_example_has_nine_named_clips_with_their_durations_and_markers()
    {
        var tl = Read("screening_example.edl");
        Assert.Equal("Example_Screening.01", tl.Name);
        var track = Assert.Single(tl.AllTracks());
        Assert.Equal(TrackKind.Video, track.Kind);
        var clips = track.Items().Cast<Clip>().ToList();
        string[] names = ["ZZ100_501 (LAY3)", "ZZ100_502A (LAY3)", "ZZ100_503A (LAY1)", "ZZ100_504C (LAY1)", "ZZ100_504B (LAY1)", "ZZ100_507C (LAY2)", "ZZ100_508 (LAY2)", "ZZ100_510 (LAY1)", "ZZ100_510B (LAY1)"];
        string[] durations = ["00:00:01:07", "00:00:02:02", "00:00:01:04", "00:00:04:19", "00:00:04:05", "00:00:06:17", "00:00:07:02", "00:00:05:16", "00:00:10:17"];
        Assert.Equal(names, clips.Select(c => c.Name));
        Assert.Equal(durations.Select(d => T.Tc(d, R24)), clips.Select(c => T.F(c.Duration, R24)));
        Assert.Equal("ZZ100_501.LAY3.01", clips[0].Media.TargetUrl);
        Assert.Equal("ZZ100_50", clips[0].Reel);
        Assert.Equal(T.Tc("00:59:53:11", R24), T.F(tl.GlobalStartTime!.Value, R24));

        var c4 = clips[3];
        Assert.Equal(2, c4.Markers.Count);
        Assert.Equal("ANIM FIX NEEDED", c4.Markers[0].Name);
        Assert.Equal("RED", c4.Markers[0].Color);
        Assert.Equal("PINK", c4.Markers[1].Color);

        // The marker is kept in source time; back in record time it is the LOC's 01:00:01:14.
        var range = c4.RangeInParent();
        var record = T.F(tl.GlobalStartTime!.Value, R24) + T.F(range.Start, R24) + (T.F(c4.Markers[0].MarkedRange.Start, R24) - T.F(c4.SourceRange!.Value.Start, R24));
        Assert.Equal(T.Tc("01:00:01:14", R24), record);
        Assert.Equal(string.Empty, clips[6].Markers.Single().Name);
        Assert.Equal("GREEN", clips[6].Markers.Single().Color);
    }

    [SharedDataFact]
    public void No_spaces_variant_reads_to_the_same_timeline()
    {
        var a = Read("screening_example.edl").AllTracks().Single().Items().Cast<Clip>().ToList();
        var b = Read("no_spaces_test.edl").AllTracks().Single().Items().Cast<Clip>().ToList();
        Assert.Equal(a.Select(c => (c.Name, c.SourceRange, c.Media.TargetUrl, c.Markers.Count)), b.Select(c => (c.Name, c.SourceRange, c.Media.TargetUrl, c.Markers.Count)));
    }

    [SharedDataFact]
    public void Dissolve_test_gives_clip_transition_clip_clip()
    {
        var track = Read("dissolve_test.edl").AllTracks().Single();
        var kids = track.Children;
        Assert.Equal(4, kids.Count);
        var a = Assert.IsType<Clip>(kids[0]);
        var t = Assert.IsType<Transition>(kids[1]);
        var b = Assert.IsType<Clip>(kids[2]);
        var c = Assert.IsType<Clip>(kids[3]);
        Assert.Equal(9, T.F(a.Duration, R24));
        Assert.Equal(19, T.F(a.Duration + t.OutOffset, R24));
        Assert.Equal("SMPTE_Dissolve from clip_A to clip_B", t.Name);
        Assert.Equal(TransitionTypes.Dissolve, t.TransitionType);
        Assert.Equal(10, T.F(t.Duration, R24));
        Assert.Equal(10, T.F(b.Duration, R24));
        Assert.Equal("clip_B", b.Name);
        Assert.Equal(1, T.F(c.Duration, R24));
    }

    [SharedDataFact]
    public void Dissolve_test_2_and_3()
    {
        var kids = Read("dissolve_test_2.edl").AllTracks().Single().Children;
        Assert.Equal(5, T.F(((Clip)kids[0]).Duration, R24));
        Assert.Equal(10, T.F(((Transition)kids[1]).Duration, R24));
        Assert.Equal(10, T.F(((Clip)kids[2]).Duration, R24));

        kids = Read("dissolve_test_3.edl").AllTracks().Single().Children;
        var a = (Clip)kids[0];
        var t = (Transition)kids[1];
        var c = (Clip)kids[2];
        var d = (Clip)kids[3];
        Assert.Equal("Clip_A.mov", a.Name);
        Assert.Equal(61, T.F(a.Duration, R24));
        Assert.Equal(91, T.F(a.Duration + t.OutOffset, R24));
        Assert.Equal("SMPTE_Dissolve from Clip_B.mov to Clip_C.mov", t.Name);
        Assert.Equal(0, T.F(t.InOffset, R24));
        Assert.Equal(30, T.F(t.OutOffset, R24));
        Assert.Equal("Clip_C.mov", c.Name);
        Assert.Equal(86400 + (33 * 24) + 22, T.F(c.SourceRange!.Value.Start, R24));
        Assert.Equal(30, T.F(c.Duration, R24));
        Assert.Equal("Clip_D.mov", d.Name);
        Assert.Equal(86400, T.F(d.SourceRange!.Value.Start, R24));
        Assert.Equal(46, T.F(d.Duration, R24));
    }

    [SharedDataFact]
    public void Dissolve_test_4_three_part()
    {
        var kids = Read("dissolve_test_4.edl").AllTracks().Single().Children;
        Assert.Equal(8, kids.Count);
        long[] expected = [30, 51, 35, 81, 64, 84, 96, 135];
        Assert.Equal(expected, kids.Select(k => k is Transition t ? T.F(t.Duration, R24) : T.F(((Item)k).Duration, R24)));
        Assert.IsType<Transition>(kids[2]);
        Assert.IsType<Transition>(kids[4]);
        Assert.Equal(86, T.F(((Item)kids[1]).Duration + ((Transition)kids[2]).OutOffset, R24));
        Assert.Equal(145, T.F(((Item)kids[3]).Duration + ((Transition)kids[4]).OutOffset, R24));
    }

    [SharedDataFact]
    public void Dissolve_with_mismatched_event_numbers_fails_with_the_line()
    {
        var ex = Assert.Throws<PercheFormatException>(() => Read("dissolve_test_fail.edl"));
        Assert.Contains("transition and event id mismatch", ex.Message, StringComparison.Ordinal);
        Assert.Equal(6, ex.Position);
        Assert.EndsWith("dissolve_test_fail.edl", ex.InputName, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void Wipe_keeps_its_code()
    {
        var kids = Read("wipe_test.edl").AllTracks().Single().Children;
        var t = Assert.IsType<Transition>(kids[1]);
        Assert.Equal(TransitionTypes.Wipe, t.TransitionType);
        Assert.Equal("W001", t.Metadata["cmx_3600"]!["transition"]!.GetValue<string>());
        Assert.Equal(9, T.F(((Clip)kids[0]).Duration, R24));
        Assert.Equal(10, T.F(t.Duration, R24));
    }

    [SharedDataFact]
    public void Twenty_five_fps_durations()
    {
        var clips = Read("25fps.edl", FrameRate.Fps25).AllTracks().Single().Items().ToList();
        Assert.Equal(new long[] { 161, 200, 86, 49 }, clips.Take(4).Select(c => T.F(c.Duration, FrameRate.Fps25)));
    }

    [SharedDataFact]
    public void Gaps_fill_record_jumps()
    {
        var track = Read("gap_test.edl").AllTracks().Single();
        var items = track.ItemsWithRanges().ToList();
        Assert.Equal(new[] { "Clip", "Gap", "Clip", "Gap", "Clip" }, items.Select(i => i.Item.GetType().Name));
        Assert.Equal(new (long, long)[] { (0, 24), (24, 16), (40, 24), (64, 38), (102, 24) }, items.Select(i => (T.F(i.Range.Start, R24), T.F(i.Range.Duration, R24))));
        Assert.Equal(126, T.F(track.Duration, R24));
        Assert.Equal("shot1", items[0].Item.Name);
    }

    [SharedDataFact]
    public void AA_with_AUD_line_gives_three_audio_tracks()
    {
        // OTIO reads AA as A1+A2 and ignores the "AUD 3" line; CMX 3600 says it adds channel 3.
        var tl = Read("multi_audio.edl");
        var tracks = tl.AudioTracks().ToList();
        Assert.Equal(new[] { "A1", "A2", "A3" }, tracks.Select(t => t.Name));
        foreach (var track in tracks)
        {
            var clip = Assert.IsType<Clip>(Assert.Single(track.Items()));
            Assert.Equal("AX", clip.Name);
            Assert.Equal(T.Tc("00:56:55:22", R24), T.F(clip.Duration, R24));
        }

        Assert.Empty(tl.VideoTracks());
    }

    [SharedDataFact]
    public void Timecode_mismatch_strict_and_tolerant()
    {
        // At 24 fps the frame field 24 does not exist.
        var at24 = Assert.Throws<PercheFormatException>(() => Read("timecode_mismatch.edl", R24));
        Assert.Contains("frame", at24.Problem, StringComparison.OrdinalIgnoreCase);

        // At 25 fps event 004's source lasts 49 frames and its record 47.
        var at25 = Assert.Throws<PercheFormatException>(() => Read("timecode_mismatch.edl", FrameRate.Fps25));
        Assert.Equal(13, at25.Position);

        var tolerant = Read("timecode_mismatch.edl", FrameRate.Fps25, tolerant: true);
        var clip4 = tolerant.AllTracks().Single().Items().ElementAt(3);
        var range = clip4.RangeInParent();
        var r25 = FrameRate.Fps25;
        Assert.Equal(T.Tc("00:00:17:22", r25), T.F(range.Start, r25));
        Assert.Equal(T.Tc("00:00:01:24", r25), T.F(range.Duration, r25));
        Assert.Contains(tolerant.Warnings, w => w.Contains("line 13", StringComparison.Ordinal));
    }

    [SharedDataFact]
    public void Speed_effects_freeze_frames_and_warps()
    {
        var tl = Read("speed_effects.edl");
        Assert.Equal(T.Tc("00:21:03:18", R24), T.F(tl.Duration, R24));
        var clips = tl.AllTracks().Single().Items().OfType<Clip>().ToList();
        var ff = clips[182];
        Assert.Equal("Z682_156 (LAY3)", ff.Name);
        Assert.Equal(TimeEffectKind.FreezeFrame, Assert.Single(ff.Effects).Kind);
        Assert.Equal(17, T.F(ff.Duration, R24));
        Assert.Equal(T.Tc("00:08:30:00", R24), T.F(ff.RangeInParent().Start, R24));

        var warp = clips[281];
        Assert.Equal("Z686_5A (LAY2) (47.56 FPS)", warp.Name);
        var effect = Assert.Single(warp.Effects);
        Assert.Equal(TimeEffectKind.LinearTimeWarp, effect.Kind);
        Assert.Equal(1.98333333, effect.TimeScalar, 6);
        Assert.Equal(T.Tc("00:00:01:12", R24), T.F(warp.Duration, R24));
        Assert.Equal(T.Tc("00:11:31:16", R24), T.F(warp.RangeInParent().Start, R24));
    }

    [SharedDataFact]
    public void Transition_duration_field_sets_the_length()
    {
        var kids = Read("transition_duration.edl").AllTracks().Single().Children;
        Assert.Equal(5, kids.Count);
        Assert.Equal(26, T.F(Assert.IsType<Transition>(kids[2]).Duration, R24));
    }

    [SharedDataFact]
    public void Cdl_values_in_both_spellings()
    {
        var clips = Read("cdl.edl").AllTracks().Single().Items().Cast<Clip>().ToList();
        Assert.Equal(2, clips.Count);
        foreach (var clip in clips)
        {
            Assert.Equal("ZZ100_501 (LAY3)", clip.Name);
            Assert.Equal(T.Tc("00:00:01:07", R24), T.F(clip.Duration, R24));
            var cdl = clip.Metadata["cmx_3600"]!["cdl"]!;
            Assert.Equal(0.9, cdl["asc_sat"]!.GetValue<double>());
            Assert.Equal(new[] { 0.1, 0.2, 0.3 }, cdl["asc_sop"]!["slope"]!.AsArray().Select(v => v!.GetValue<double>()));
            Assert.Equal(new[] { 1.0, -0.0122, 0.0305 }, cdl["asc_sop"]!["offset"]!.AsArray().Select(v => v!.GetValue<double>()));
            Assert.Equal(new[] { 1.0, 0.0, 1.0 }, cdl["asc_sop"]!["power"]!.AsArray().Select(v => v!.GetValue<double>()));
        }
    }

    [SharedDataTheory]
    [InlineData("avid_example.edl", "take_1", "take_2", @"S:\path\to\ZZ100_501.take_1.0001.exr")]
    [InlineData("nucoda_example.edl", "take_1", "take_2", @"S:\path\to\ZZ100_501.take_1.0001.exr")]
    [InlineData("premiere_example.edl", "ZZ100_501.take_1.0001.exr", "ZZ100_502A.take_2.0101.exr", "")]
    public void Vendor_styles_give_two_clips(string file, string first, string second, string firstFile)
    {
        var clips = Read(file).AllTracks().Single().Items().Cast<Clip>().ToList();
        Assert.Equal(new[] { first, second }, clips.Select(c => c.Name));
        Assert.Equal(firstFile, clips[0].Media.TargetUrl);
    }

    [SharedDataFact]
    public void Every_sample_edl_but_the_failing_ones_loads()
    {
        foreach (var file in Directory.GetFiles(T.Cmx(string.Empty), "*.edl"))
        {
            var name = Path.GetFileName(file);
            if (name is "dissolve_test_fail.edl" or "timecode_mismatch.edl")
            {
                continue;
            }

            var rate = name == "25fps.edl" ? FrameRate.Fps25 : R24;
            var tl = EdlReader.ReadFile(file, new EdlReadOptions { Rate = rate });
            Assert.NotEmpty(tl.AllTracks());
        }
    }
}
