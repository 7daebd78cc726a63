using Perche.Core;
using Perche.Core.Tests.Support;
using Perche.Core.Time;
using Perche.Post.Adapters.Edl;
using Perche.Post.Adapters.Otio;
using Perche.Post.Timelines;

namespace Perche.Post.Tests.Otio;

/// <summary>OpenTimelineIO JSON: the project's own sample files, its non-standard literals, and our writer's round trip.</summary>
public class OtioJsonTests
{
    private static readonly FrameRate R24 = FrameRate.Fps24;

    private static Timeline Sample(string file) => OtioJsonReader.ReadFile(T.Path("OpenTimelineIO/tests/sample_data/" + file));

    [SharedDataFact]
    public void Simple_cut()
    {
        var tl = Sample("simple_cut.otio");
        Assert.Equal("Figure 1 - Simple Cut List", tl.Name);
        var track = Assert.Single(tl.AllTracks());
        Assert.Equal("Track-001", track.Name);
        var clips = track.Items().Cast<Clip>().ToList();
        Assert.Equal(new[] { "Clip-001", "Clip-002", "Clip-003", "Clip-004" }, clips.Select(c => c.Name));
        Assert.Equal(new long[] { 3, 6, 4 }, clips.Take(3).Select(c => T.F(c.Duration, R24)));
        Assert.Equal(new long[] { 3, 2, 0 }, clips.Take(3).Select(c => T.F(c.SourceRange!.Value.Start, R24)));

        // No source range: the clip shows its media's available range.
        Assert.Null(clips[3].SourceRange);
        Assert.Equal(clips[3].AvailableRange, clips[3].TrimmedRange);
        Assert.Equal(R24, tl.Rate);
    }

    [SharedDataFact]
    public void Transition_offsets()
    {
        var tl = Sample("transition.otio");
        Assert.Equal("Figure 2 - Transitions", tl.Name);
        Assert.Equal(TimeMath.Zero(R24), tl.GlobalStartTime);
        var kids = tl.AllTracks().Single().Children;
        var t = Assert.IsType<Transition>(kids[2]);
        Assert.Equal(2, T.F(t.InOffset, R24));
        Assert.Equal(3, T.F(t.OutOffset, R24));
        Assert.Equal(TransitionTypes.Dissolve, t.TransitionType);
    }

    [SharedDataFact]
    public void Nested_stacks_and_tracks_keep_their_ranges()
    {
        var tl = Sample("nested_example.otio");
        Assert.Equal("My Timeline", tl.Name);
        var track = tl.AllTracks().Single();
        var items = track.Items().ToList();
        Assert.Equal(new[] { "Clip", "Stack", "Clip", "Stack", "Clip", "Track", "Clip" }, items.Select(i => i.GetType().Name));
        Assert.Equal(new long[] { 238, 31, 33, 29, 63, 4, 238 }, items.Select(i => T.F(i.Duration, R24)));
        var nested = (Stack)items[1];
        Assert.Equal("Clip Inside A Stack 1", nested.AllClips().Single().Name);
        Assert.Equal(238 + 31 + 33 + 29 + 63 + 4 + 238, T.F(track.Duration, R24));
    }

    [SharedDataFact]
    public void Premiere_example_as_otio_has_the_fcp_structure()
    {
        var tl = Sample("premiere_example.otio");
        var tracks = tl.AllTracks().ToList();
        Assert.Equal(4, tracks.Count(t => t.Kind == TrackKind.Video));
        Assert.Equal(4, tracks.Count(t => t.Kind == TrackKind.Audio));
        Assert.Equal(new[] { "Gap", "Clip", "Gap", "Clip", "Clip", "Transition", "Gap", "Stack" }, tracks[1].Children.Select(c => c.GetType().Name));
        Assert.Equal(new[] { "My MArker 1", "dsf", string.Empty }, tl.Markers.Select(m => m.Name));
        Assert.Equal("so, this happened", tl.Markers[0].Comment);
        Assert.Equal("RED", tl.Markers[0].Color);
    }

    [SharedDataFact]
    public void Big_integers_infinities_and_nan_are_read()
    {
        var tl = Sample("big_int.otio");
        var clip = tl.AllTracks().First().Items().First();
        var ints = clip.Metadata["int_test"]!;
        Assert.Equal(2147483647L, ints["maxint32"]!.GetValue<long>());
        Assert.Equal(2147483648L, ints["smallest_int64"]!.GetValue<long>());
        Assert.Equal(3450100000L, ints["verybig"]!.GetValue<long>());
        Assert.Equal(-2147483647L, ints["minint32"]!.GetValue<long>());
        Assert.Equal(-2147483648L, ints["neg_smallest_int64"]!.GetValue<long>());
        Assert.Equal(-3450100000L, ints["negverybig"]!.GetValue<long>());

        // Beyond 64 bits the digits are kept verbatim.
        Assert.Equal("170141183460469231731687303715884105728", ints["int128"]!.ToJsonString());
        var floats = clip.Metadata["float"]!;
        Assert.Equal("1e999", floats["floatinf"]!.ToJsonString());
        Assert.Equal("-1e999", floats["floatneginf"]!.ToJsonString());
        Assert.Equal("NaN", floats["floatnan"]!.GetValue<string>());
    }

    [Fact]
    public void Literal_words_inside_strings_are_left_alone()
    {
        const string json = """{"a": "Inf NaN -Infinity", "b": Inf, "c": [NaN, -Inf], "d": "esc \" NaN"}""";
        Assert.Equal("""{"a": "Inf NaN -Infinity", "b": 1e999, "c": ["NaN", -1e999], "d": "esc \" NaN"}""", OtioJsonReader.ReplaceNonFiniteLiterals(json));
    }

    [SharedDataFact]
    public void Screening_example_otio_agrees_with_our_edl_reading()
    {
        var fromOtio = Sample("screening_example.otio").AllTracks().Single().Items().Cast<Clip>().ToList();
        var fromEdl = EdlReader.ReadFile(T.Cmx("screening_example.edl"), new EdlReadOptions { Rate = R24 }).AllTracks().Single().Items().Cast<Clip>().ToList();
        Assert.Equal(fromOtio.Select(c => c.Name), fromEdl.Select(c => c.Name));
        Assert.Equal(fromOtio.Select(c => c.SourceRange), fromEdl.Select(c => c.SourceRange));
        Assert.Equal(fromOtio.Select(c => c.Markers.Count), fromEdl.Select(c => c.Markers.Count));
    }

    public static TheoryData<string> AllSamples()
    {
        var data = new TheoryData<string>();
        if (TestData.SharedFolder is { } root)
        {
            foreach (var f in Directory.GetFiles(root, "*.otio", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(root, f));
            }
        }

        return data;
    }

    [SharedDataTheory]
    [MemberData(nameof(AllSamples))]
    public void Every_sample_reads_and_round_trips_through_our_writer(string relative)
    {
        var tl = OtioJsonReader.ReadFile(T.Path(relative));
        var text = OtioJsonWriter.WriteString(tl);
        var back = OtioJsonReader.ReadString(text, "roundtrip.otio");
        Assert.Equal(Signature(tl), Signature(back));
        Assert.Equal(tl.GlobalStartTime, back.GlobalStartTime);
        Assert.Equal(tl.Markers.Select(m => (m.Name, m.Color, m.MarkedRange)), back.Markers.Select(m => (m.Name, m.Color, m.MarkedRange)));
    }

    [Fact]
    public void Malformed_json_names_the_line()
    {
        var ex = Assert.Throws<PercheFormatException>(() => OtioJsonReader.ReadString("{\n\"OTIO_SCHEMA\": \"Timeline.1\",\n\"name\": oops\n}", "bad.otio"));
        Assert.Equal(3, ex.Position);
        Assert.Equal(InputPositionKind.Line, ex.PositionKind);
    }

    [Theory]
    [InlineData("[1,2]", "top level")]
    [InlineData("{\"OTIO_SCHEMA\": \"Clip.1\"}", "expected an OTIO Timeline")]
    [InlineData("{\"OTIO_SCHEMA\": \"Timeline.1\", \"name\": \"x\"}", "no tracks")]
    [InlineData("{\"OTIO_SCHEMA\": \"Timeline.1\", \"tracks\": {\"OTIO_SCHEMA\": \"Stack.1\", \"children\": [{\"OTIO_SCHEMA\": \"Track.1\", \"children\": [{\"OTIO_SCHEMA\": \"Gap.1\", \"source_range\": {\"OTIO_SCHEMA\": \"TimeRange.1\", \"start_time\": {\"rate\": 0, \"value\": 0}, \"duration\": {\"rate\": 24, \"value\": 1}}}]}]}}", "positive rate")]
    public void Not_a_timeline_is_a_clear_error(string json, string problem)
    {
        var ex = Assert.Throws<PercheFormatException>(() => OtioJsonReader.ReadString(json, "x.otio"));
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ntsc_rates_stay_exact_through_a_write_and_read()
    {
        var tl = new Timeline("ntsc") { GlobalStartTime = RationalTime.FromFrames(107892, FrameRate.Fps2997Df), Rate = FrameRate.Fps2997Df };
        var track = new Track("A1", TrackKind.Audio);
        tl.Tracks.Add(track);
        track.Add(new Clip { Name = "c", SourceRange = new TimeRange(RationalTime.FromSamples(1_728_048_000, 48000), RationalTime.FromFrames(1001, FrameRate.Fps2997Ndf)) });
        var back = OtioJsonReader.ReadString(OtioJsonWriter.WriteString(tl), "x.otio");
        Assert.Equal(FrameRate.Fps2997Df, back.Rate);
        Assert.Equal(tl.GlobalStartTime, back.GlobalStartTime);
        Assert.Equal(30000, back.GlobalStartTime!.Value.RateNumerator);
        Assert.Equal(1001, back.GlobalStartTime!.Value.RateDenominator);
        var clip = back.AllTracks().Single().Items().Cast<Clip>().Single();
        Assert.Equal(track.Items().Single().SourceRange, clip.SourceRange);
    }

    internal static List<string> Signature(Timeline tl)
    {
        var lines = new List<string>();
        void Walk(Composable c, int depth)
        {
            var range = c is Item i ? $"{i.TrimmedRange} e={i.Enabled} fx={string.Join(",", i.Effects.Select(e => e.Kind + ":" + e.TimeScalar))} m={i.Markers.Count}" : c is Transition t ? $"{t.InOffset}/{t.OutOffset} {t.TransitionType}" : string.Empty;
            var media = c is Clip clip ? $"{clip.Media.Kind} {clip.Media.TargetUrl} {clip.Media.AvailableRange}" : string.Empty;
            lines.Add($"{new string(' ', depth)}{c.GetType().Name} '{c.Name}' {range} {media} {(c is Track tr ? tr.Kind : string.Empty)}");
            if (c is Composition comp)
            {
                foreach (var child in comp.Children)
                {
                    Walk(child, depth + 1);
                }
            }
        }

        Walk(tl.Tracks, 0);
        return lines;
    }
}
