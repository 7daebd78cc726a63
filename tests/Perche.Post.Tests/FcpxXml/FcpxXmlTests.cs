using Perche.Core;
using Perche.Core.Tests.Support;
using Perche.Core.Time;
using Perche.Post.Adapters.FcpxXml;
using Perche.Post.Adapters.Otio;
using Perche.Post.Timelines;

namespace Perche.Post.Tests.FcpxXml;

/// <summary>FCPXML 1.8 library, event and project exports, asserting what otio-fcpx-xml-adapter asserts (INDEX.md 4d).</summary>
public class FcpxXmlTests
{
    private static Timeline Sample(string file) => FcpxXmlReader.ReadFile(T.Path("otio-fcpx-xml-adapter/tests/sample_data/" + file));

    private static string[] ItemNames(Track t) => [.. t.Items().Select(i => i is Gap ? string.Empty : i.Name)];

    [SharedDataTheory]
    [InlineData("fcpx_library.fcpxml")]
    [InlineData("fcpx_event.fcpxml")]
    [InlineData("fcpx_project.fcpxml")]
    [InlineData("fcpx_example.fcpxml")]
    public void Three_video_lanes_and_one_audio_lane_with_the_clip_names(string file)
    {
        var tl = Sample(file);
        var video = tl.VideoTracks().ToList();
        Assert.Equal(3, video.Count);
        Assert.Single(tl.AudioTracks());
        Assert.Equal(new[] { "IMG_0715", string.Empty, "compound_clip_1", "IMG_0233", "IMG_0687", "IMG_0268", "compound_clip_1" }, ItemNames(video[0]));
        Assert.Equal(new[] { string.Empty, "IMG_0513", string.Empty, "IMG_0268", "IMG_0740" }, ItemNames(video[1]));
        Assert.Equal(new[] { string.Empty, "IMG_0857" }, ItemNames(video[2]));
        Assert.Equal(FrameRate.Fps30, tl.Rate);
    }

    [SharedDataFact]
    public void Positions_are_exact_from_rational_seconds()
    {
        var tl = Sample("fcpx_project.fcpxml");
        var v1 = tl.VideoTracks().First().ItemsWithRanges().ToList();

        // IMG_0715 lasts 10 s from 0; seven 10 s gaps follow; the compound clip sits at 80 s for 30 s.
        Assert.Equal(new RationalTime(10, 1), v1[0].Range.Duration);
        Assert.Equal(new RationalTime(80, 1), v1[2].Range.Start);
        Assert.Equal(new RationalTime(30, 1), v1[2].Range.Duration);
        var compound = Assert.IsType<Stack>(v1[2].Item);
        Assert.NotEmpty(compound.AllClips());

        // The connected IMG_0857 (lane 2) sits at 60 s + (108137/30 s − 3600 s).
        var v3 = tl.VideoTracks().ElementAt(2).ItemsWithRanges().ToList();
        Assert.Equal(new RationalTime(60 * 30, 30) + new RationalTime(108137 - (3600 * 30), 30), v3[1].Range.Start);

        // The IMG_0740 clip has a marker, the asset's file is the source.
        var img0715 = (Clip)v1[0].Item;
        Assert.Single(img0715.Markers);
        Assert.Equal("/Volumes/Media/otio/IMG_0715.MOV", img0715.Media.TargetUrl);
    }

    [SharedDataFact]
    public void Event_clips_without_a_project_read_as_one_track()
    {
        var tl = Sample("fcpx_clips.fcpxml");
        Assert.NotEmpty(tl.AllTracks().Single().Items());
    }

    [SharedDataFact]
    public void Round_trip_through_otio_is_identical()
    {
        var tl = Sample("fcpx_library.fcpxml");
        var back = OtioJsonReader.ReadString(OtioJsonWriter.WriteString(tl), "x.otio");
        Assert.Equal(Otio.OtioJsonTests.Signature(tl), Otio.OtioJsonTests.Signature(back));
    }

    [Theory]
    [InlineData("<fcpxml version=\"1.8\"><resources/><library><event><project name=\"p\"><sequence><spine><asset-clip name=\"a\" offset=\"ten\" duration=\"1s\"/></spine></sequence></project></event></library></fcpxml>", "not an FCPXML time")]
    [InlineData("<fcpxml version=\"1.8\"><resources/><project name=\"p\"><sequence/></project></fcpxml>", "without a <spine>")]
    [InlineData("<fcpxml version=\"1.8\"><resources/></fcpxml>", "no project and no clips")]
    [InlineData("<xmeml version=\"4\"/>", "expected <fcpxml>")]
    public void Bad_fcpxml_is_a_clear_error(string xml, string problem)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml));
        var ex = Assert.Throws<PercheFormatException>(() => FcpxXmlReader.Read(stream, "bad.fcpxml"));
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_compound_clip_that_contains_itself_is_refused()
    {
        const string xml = """
            <fcpxml version="1.9"><resources><media id="r1" name="loop"><sequence><spine><ref-clip ref="r1" offset="0s" duration="1s"/></spine></sequence></media></resources>
            <project name="p"><sequence><spine><ref-clip ref="r1" offset="0s" duration="1s"/></spine></sequence></project></fcpxml>
            """;
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml));
        var ex = Assert.Throws<PercheFormatException>(() => FcpxXmlReader.Read(stream, "loop.fcpxml"));
        Assert.Contains("nested more than 64 deep", ex.Message, StringComparison.Ordinal);
    }
}
