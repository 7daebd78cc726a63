using Perche.Core;
using Perche.Core.Tests.Support;
using Perche.Core.Time;
using Perche.Post.Adapters.Fcp7Xml;
using Perche.Post.Timelines;

namespace Perche.Post.Tests.Fcp7Xml;

/// <summary>FCP 7 XML (xmeml) from Premiere and Hiero, asserting what otio-fcp-adapter asserts (INDEX.md 4c).</summary>
public class Fcp7XmlTests
{
    private static readonly FrameRate R30 = FrameRate.Fps30;

    private static Timeline Sample(string file) => Fcp7XmlReader.ReadFile(T.Path("otio-fcp-adapter/tests/sample_data/" + file));

    private static string[] Names(Track t) => [.. t.Children.Select(c => c is Gap ? string.Empty : c.Name)];

    private static long[] Durations(Track t, FrameRate r) => [.. t.Items().Select(i => T.F(i.Duration, r))];

    [SharedDataFact]
    public void Premiere_example_tracks_names_and_durations()
    {
        var tl = Sample("premiere_example.xml");
        Assert.Equal("sc01_sh010_layerA", tl.Name);
        Assert.Equal(R30, tl.Rate);
        var video = tl.VideoTracks().ToList();
        var audio = tl.AudioTracks().ToList();
        Assert.Equal(4, video.Count);
        Assert.Equal(4, audio.Count);

        Assert.Equal(new[] { string.Empty, "sc01_sh010_anim.mov" }, Names(video[0]));
        Assert.Equal(new long[] { 536, 100 }, Durations(video[0], R30));
        Assert.Equal(new[] { string.Empty, "sc01_sh010_anim.mov", string.Empty, "sc01_sh020_anim.mov", "sc01_sh030_anim.mov", "Cross Dissolve", string.Empty, "sc01_sh010_anim" }, Names(video[1]));
        Assert.Equal(new long[] { 13, 100, 52, 157, 235, 79, 320 }, Durations(video[1], R30));
        Assert.Equal(new[] { "Gap", "Clip", "Gap", "Clip", "Clip", "Transition", "Gap", "Stack" }, video[1].Children.Select(c => c.GetType().Name));
        var t = (Transition)video[1].Children[5];
        Assert.Equal((19L, 0L), (T.F(t.InOffset, R30), T.F(t.OutOffset, R30)));
        Assert.Equal(new[] { string.Empty, "test_title" }, Names(video[2]));
        Assert.Equal(new long[] { 15, 941 }, Durations(video[2], R30));
        Assert.Equal(new[] { string.Empty, "sc01_master_layerA_sh030_temp.mov", "Cross Dissolve", "sc01_sh010_anim.mov" }, Names(video[3]));
        Assert.Equal(new long[] { 956, 208, 82 }, Durations(video[3], R30));
        var t4 = (Transition)video[3].Children[2];
        Assert.Equal((12L, 13L), (T.F(t4.InOffset, R30), T.F(t4.OutOffset, R30)));

        Assert.Equal(new[] { string.Empty, "sc01_sh010_anim.mov", string.Empty, "sc01_sh010_anim.mov" }, Names(audio[0]));
        Assert.Equal(new long[] { 13, 100, 423, 100 }, Durations(audio[0], R30));
        Assert.Equal(new[] { string.Empty, "sc01_placeholder.wav", string.Empty, "sc01_sh010_anim" }, Names(audio[1]));
        Assert.Equal(new long[] { 335, 170, 131, 294 }, Durations(audio[1], R30));
        Assert.Equal(new[] { string.Empty, "track_08.wav" }, Names(audio[2]));
        Assert.Equal(new long[] { 153, 198 }, Durations(audio[2], R30));
        Assert.Equal(new[] { string.Empty, "sc01_master_layerA_sh030_temp.mov", "sc01_sh010_anim.mov" }, Names(audio[3]));
        Assert.Equal(new long[] { 956, 221, 94 }, Durations(audio[3], R30));
    }

    [SharedDataFact]
    public void Premiere_example_markers_and_metadata()
    {
        var tl = Sample("premiere_example.xml");
        Assert.Equal(new[] { "My MArker 1", "dsf", string.Empty }, tl.Markers.Select(m => m.Name));
        Assert.Equal(new long[] { 113, 492, 298 }, tl.Markers.Select(m => T.F(m.MarkedRange.Start, R30)));
        Assert.Equal(new[] { "so, this happened", "fsfsfs", string.Empty }, tl.Markers.Select(m => m.Comment));
        Assert.Equal("Forest", tl.Metadata["fcp_xml"]!["labels"]!["label2"]!.GetValue<string>());
        Assert.Equal("104", tl.Metadata["fcp_xml"]!["@MZ.Sequence.VideoTimeDisplayFormat"]!.GetValue<string>());
        var clip = tl.VideoTracks().ElementAt(1).Items().OfType<Clip>().ElementAt(2);
        Assert.Equal("sc01_sh030_anim.mov", clip.Name);
        Assert.Single(clip.Markers);
        Assert.Equal(string.Empty, clip.Markers[0].Name);
    }

    [SharedDataFact]
    public void Hiero_export_clip_ranges_and_missing_media()
    {
        var tl = Sample("hiero_xml_export.xml");
        var track = tl.VideoTracks().First();
        Assert.Equal("Video 1", track.Name);
        var clips = track.Items().OfType<Clip>().ToList();
        var a = clips.Single(c => c.Name == "A160C005_171213_R0MN");
        Assert.Equal(MediaKind.External, a.Media.Kind);
        Assert.Equal(1101071, T.F(a.SourceRange!.Value.Start, FrameRate.Fps24));
        Assert.Equal(1055, T.F(a.SourceRange!.Value.Duration, FrameRate.Fps24));
        Assert.Equal(1101071, T.F(a.Media.AvailableRange!.Value.Start, FrameRate.Fps24));
        Assert.Equal(1055, T.F(a.Media.AvailableRange!.Value.Duration, FrameRate.Fps24));
        var slash = clips.Single(c => c.Name == "/");
        Assert.Equal(MediaKind.Missing, slash.Media.Kind);
        Assert.Equal(86400, T.F(tl.GlobalStartTime!.Value, FrameRate.Fps24));
    }

    [SharedDataFact]
    public void Empty_name_tags_do_not_crash()
    {
        var tl = Sample("empty_name_tags.xml");
        var video = tl.VideoTracks().ToList();
        Assert.Equal(12, video.Count);
        Assert.Equal(34, video[0].Children.Count);
    }

    [SharedDataFact]
    public void Generators_and_enabled_flags()
    {
        var gen = Sample("premiere_generators.xml");
        var v = gen.VideoTracks().First();
        Assert.Equal(6, v.Items().OfType<Clip>().Count());
        Assert.Equal(new[] { "Slug", "Slug", "Color", "Slug", "Slug", "GraphicAndType" }, v.Items().OfType<Clip>().Select(c => c.Media.GeneratorKind));

        var en = Sample("premiere_enable_property.xml");
        var tracks = en.AllTracks().ToList();
        Assert.False(tracks[2].Enabled);
        Assert.Equal("disabled_track", tracks[2].Name);
        Assert.True(tracks[1].Enabled);
        Assert.False(tracks[2].Items().ElementAt(1).Enabled);
        Assert.True(tracks[0].Items().First().Enabled);
        Assert.Equal("audio_with_disabled", en.AudioTracks().First().Name);
    }

    [SharedDataFact]
    public void A_sequence_without_media_loads_empty()
    {
        var tl = Sample("sample_just_track.xml");
        Assert.Equal("sc01_sh010_layerA", tl.Name);
        Assert.Empty(tl.AllTracks());
    }

    [Theory]
    [InlineData("<xmeml version=\"4\"><sequence><name>x</name><rate><timebase>25</timebase></rate><media><video><track><clipitem><name>a</name><start>0</start><end>zz</end><in>0</in><out>5</out></clipitem></track></video></media></sequence></xmeml>", "<end> must be a frame count")]
    [InlineData("<xmeml version=\"4\"><sequence><name>x</name><rate><timebase>0</timebase></rate></sequence></xmeml>", "<timebase>")]
    [InlineData("<xmeml version=\"4\"><bin/></xmeml>", "no <sequence>")]
    [InlineData("<fcpxml version=\"1.8\"/>", "expected <xmeml>")]
    [InlineData("<xmeml version=\"4\">\n<sequence>\n<name>x</name\n</xmeml>", "malformed XML")]
    public void Bad_xml_is_a_clear_error(string xml, string problem)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml));
        var ex = Assert.Throws<PercheFormatException>(() => Fcp7XmlReader.Read(stream, "bad.xml"));
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("bad.xml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_urls_become_paths()
    {
        Assert.Equal("/Volumes/Media/a b.mov", Fcp7XmlReader.PathFromUrl("file://localhost/Volumes/Media/a%20b.mov"));
        Assert.Equal("C:/media/x.wav", Fcp7XmlReader.PathFromUrl("file:///C:/media/x.wav"));
    }
}
