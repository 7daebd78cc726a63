using Perche.Core;
using Perche.Core.Tests.Support;
using Perche.Core.Time;
using Perche.Post.Adapters.Aaf;
using Perche.Post.Timelines;

namespace Perche.Post.Tests.Aaf;

/// <summary>AAF compositions from Avid, Resolve and Premiere, asserting what otio-aaf-adapter asserts (INDEX.md 4f).</summary>
public class AafReaderTests
{
    private static readonly FrameRate R24 = FrameRate.Fps24;

    private static Timeline Sample(string file) => AafReader.ReadFile(T.Path("otio-aaf-adapter/tests/sample_data/" + file));

    [SharedDataFact]
    public void Simple_names_ranges_and_start()
    {
        var tl = Sample("simple.aaf");
        Assert.Equal("OTIO TEST 1.Exported.01", tl.Name);
        Assert.Equal(R24, tl.Rate);
        Assert.Equal(T.Tc("00:02:16:18", R24), T.F(tl.Duration, R24));
        Assert.Equal(3, tl.AllTracks().Count());
        Assert.Equal(2, tl.AudioTracks().Count());
        Assert.Equal(86400, T.F(tl.GlobalStartTime!.Value, R24));
        var video = tl.VideoTracks().Single();
        var clips = video.Items().Cast<Clip>().ToList();
        Assert.Equal(new[] { "tech.fux (loop)-HD.mp4", "t-hawk (loop)-HD.mp4", "out-b (loop)-HD.mp4", "KOLL-HD.mp4", "brokchrd (loop)-HD.mp4" }, clips.Select(c => c.Name));
        Assert.All(clips, c => Assert.Equal(86400, T.F(c.SourceRange!.Value.Start, R24)));
        Assert.Equal(new[] { "00:00:30:00", "00:00:20:00", "00:00:30:02", "00:00:26:16", "00:00:30:00" }.Select(d => T.Tc(d, R24)), clips.Select(c => T.F(c.Duration, R24)));
        Assert.EndsWith(".mxf", clips[0].Media.TargetUrl, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void Trims_source_ranges_positions_and_user_comments()
    {
        var tl = Sample("trims.aaf");
        Assert.Equal("OTIO TEST 1.Exported.01 - trims.Exported.02", tl.Name);
        var items = tl.VideoTracks().Single().ItemsWithRanges().ToList();
        Assert.Equal(new[] { "Clip", "Clip", "Clip", "Clip", "Gap", "Clip" }, items.Select(i => i.Item.GetType().Name));
        Assert.Equal("Filler", items[4].Item.Name);
        var clipRanges = items.Where(i => i.Item is Clip).Select(i => (T.F(i.Item.SourceRange!.Value.Start, R24), T.F(i.Item.Duration, R24)));
        Assert.Equal(new (long, long)[] { (86400, 720), (86521, 359), (86523, 400), (0, 559), (86469, 651) }, clipRanges);
        string[] inParent = ["00:00:00:00", "00:00:30:00", "00:00:44:23", "00:01:01:15", "00:01:24:22", "00:01:29:10"];
        Assert.Equal(inParent.Select(t => T.Tc(t, R24)), items.Select(i => T.F(i.Range.Start, R24)));
        Assert.Equal(T.Tc("00:01:56:13", R24), T.F(tl.Duration, R24));
        var comments = items.Where(i => i.Item is Clip).Take(4).Select(i => i.Item.Metadata["UserComments"]?["CustomTest"]?.GetValue<string>());
        Assert.Equal(new[] { "test1", "testing 1 2 3", "Eyjafjallajökull", "'s' \"d\" `b`" }, comments);
    }

    [SharedDataFact]
    public void Transitions_sequence()
    {
        var tl = Sample("transitions.aaf");
        Assert.Equal("OTIO TEST - transitions.Exported.01", tl.Name);
        var kids = tl.VideoTracks().Single().Children;
        Assert.Equal(12, kids.Count);
        Assert.Equal(new[] { "Gap", "Transition", "Clip", "Transition", "Clip", "Transition", "Gap", "Transition", "Clip", "Clip", "Transition", "Gap" }, kids.Select(k => k.GetType().Name));
        Assert.Equal(new[] { "tech.fux (loop)-HD.mp4", "t-hawk (loop)-HD.mp4", "KOLL-HD.mp4", "brokchrd (loop)-HD.mp4" }, kids.OfType<Clip>().Select(c => c.Name));

        // AAF items overlap across a transition; the sequence still lasts its 521 frames.
        Assert.Equal(521, T.F(tl.VideoTracks().Single().Duration, R24));
    }

    [SharedDataFact]
    public void Drop_frame_start_and_ntsc_rates()
    {
        var df = Sample("2997fps-DFTC.aaf");
        Assert.Equal(FrameRate.Fps2997Df, df.Rate);
        Assert.Equal("05:00:00;00", Timecode.FromRationalTime(df.GlobalStartTime!.Value, FrameRate.Fps2997Df).ToString());
        Assert.Equal(FrameRate.Fps2997Ndf, Sample("2997fps.aaf").Rate);
        Assert.Equal(FrameRate.Fps30, Sample("30fps.aaf").Rate);
    }

    [SharedDataFact]
    public void Nested_audio_dissolve_and_utf8_names()
    {
        var kids = Sample("nested_audio_dissolve.aaf").AudioTracks().First().Children;
        Assert.Equal(43, T.F(((Clip)kids[0]).Duration, R24));
        var t = (Transition)kids[1];
        Assert.Equal((3L, 0L), (T.F(t.InOffset, R24), T.F(t.OutOffset, R24)));
        Assert.Equal(0, T.F(((Gap)kids[2]).Duration, R24));

        var utf8 = Sample("utf8.aaf");
        const string suffix = "ABCXYZñçêœ•∑´®†¥¨ˆøπ“‘åß∂ƒ©˙∆˚¬…æΩ≈ç√∫˜µ≤≥÷";
        Assert.Equal("Sequence_" + suffix + ".Exported.01", utf8.Name);
        var clip = utf8.Tracks.AllClips().First();
        Assert.Equal("Clip_" + suffix, clip.Name);
        Assert.Equal("Comments_" + suffix, clip.Metadata["UserComments"]!["Comments"]!.GetValue<string>());
    }

    [SharedDataFact]
    public void Timecode_of_the_source_moves_the_source_range()
    {
        var clips = Sample("timecode_test.aaf").Tracks.AllClips().ToList();
        Assert.Equal(86424, T.F(clips[1].SourceRange!.Value.Start, R24));
        Assert.NotEqual(clips[0].SourceRange!.Value.Start, clips[1].SourceRange!.Value.Start);
    }

    [SharedDataFact]
    public void Libaaf_resolve_and_premiere_exports_load_with_their_clips()
    {
        var fades = AafReader.ReadFile(T.Path("LibAAF/test/aaf/PR_Fades.aaf"));
        Assert.Equal(14, fades.Tracks.AllClips().Count());
        var mono = AafReader.ReadFile(T.Path("LibAAF/test/aaf/DR_Mono_Clip_Positioning.aaf"));
        Assert.Equal(4, mono.Tracks.AllClips().Count());
        Assert.All(mono.AudioTracks(), t => Assert.Equal(TrackKind.Audio, t.Kind));
    }

    [SharedDataTheory]
    [MemberData(nameof(CompoundFileTests.AllAafs), MemberType = typeof(CompoundFileTests))]
    public void Every_aaf_reads_or_fails_with_a_clear_error(string relative)
    {
        try
        {
            var tl = AafReader.ReadFile(T.Path(relative));
            Assert.NotNull(tl.Name);
        }
        catch (PercheFormatException ex)
        {
            Assert.Contains(Path.GetFileName(relative), ex.Message, StringComparison.Ordinal);
        }
    }

    [SharedDataFact]
    public void An_otio_file_named_aaf_is_refused()
    {
        var ex = Assert.Throws<PercheFormatException>(() => AafReader.ReadFile(T.Path("otio-aaf-adapter/tests/sample_data/not_aaf.otio")));
        Assert.Contains("not a compound file", ex.Message, StringComparison.Ordinal);
    }
}
