using Perche.Core.Tests.Support;
using Perche.Core.Time;
using Perche.Post.Adapters.Edl;
using Perche.Post.Timelines;

namespace Perche.Post.Tests.Edl;

/// <summary>Our EDL writer read back by our reader: the sample EDLs survive a write and read unchanged.</summary>
public class EdlWriterTests
{
    [SharedDataTheory]
    [InlineData("screening_example.edl")]
    [InlineData("dissolve_test.edl")]
    [InlineData("dissolve_test_3.edl")]
    [InlineData("dissolve_test_4.edl")]
    [InlineData("wipe_test.edl")]
    [InlineData("gap_test.edl")]
    [InlineData("speed_effects_small.edl")]
    [InlineData("transition_duration.edl")]
    public void Sample_edls_round_trip(string file)
    {
        var rate = FrameRate.Fps24;
        var tl = EdlReader.ReadFile(T.Cmx(file), new EdlReadOptions { Rate = rate });
        var track = tl.AllTracks().Single();
        var text = EdlWriter.WriteString(tl, track, rate);
        var back = EdlReader.ReadString(text, "written.edl", new EdlReadOptions { Rate = rate }).AllTracks().Single();
        Assert.Equal(Shape(track, rate), Shape(back, rate));
    }

    [Fact]
    public void Writes_reels_without_spaces_and_notes_for_each_clip()
    {
        var tl = new Timeline("T") { GlobalStartTime = RationalTime.FromFrames(90000, FrameRate.Fps25) };
        var track = new Track("Boom", TrackKind.Audio);
        tl.Tracks.Add(track);
        var clip = new Clip
        {
            Name = "S01T02",
            SourceRange = new TimeRange(RationalTime.FromSamples(1_728_048_000, 48000), RationalTime.FromSamples(96000, 48000)),
            Media = new MediaReference { Kind = MediaKind.External, TargetUrl = "/r/S01T02.WAV", Reel = "SR 001", ChannelCount = 2, Channel = 2 },
        };
        clip.Markers.Add(new Marker { Name = "wind", Color = "YELLOW", MarkedRange = new TimeRange(RationalTime.FromSamples(1_728_072_000, 48000), default) });
        track.Add(clip);
        var text = EdlWriter.WriteString(tl, track, FrameRate.Fps25);
        Assert.Contains("001  SR_001   A     C        10:00:01:00 10:00:03:00 01:00:00:00 01:00:02:00", text, StringComparison.Ordinal);
        Assert.Contains("* FROM CLIP NAME: S01T02\r\n", text, StringComparison.Ordinal);
        Assert.Contains("* SOURCE FILE: /r/S01T02.WAV\r\n", text, StringComparison.Ordinal);
        Assert.Contains("* SOURCE CHANNEL: 2\r\n", text, StringComparison.Ordinal);
        Assert.Contains("* LOC: 01:00:00:12 YELLOW  wind\r\n", text, StringComparison.Ordinal);
    }

    private static List<string> Shape(Track track, FrameRate rate)
    {
        var list = new List<string>();
        foreach (var (item, range) in track.ItemsWithRanges())
        {
            list.Add($"{item.GetType().Name} {(item is Gap ? string.Empty : item.Name)} {T.F(range.Start, rate)}+{T.F(range.Duration, rate)} src {(item is Gap ? 0 : T.F(item.TrimmedRange.Start, rate))} fx {string.Join(",", item.Effects.Select(e => e.Kind + ":" + e.TimeScalar.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)))} m {item.Markers.Count}");
        }

        foreach (var (t, _, _) in track.TransitionsWithNeighbours())
        {
            list.Add($"T {t.TransitionType} {T.F(t.InOffset, rate)}/{T.F(t.OutOffset, rate)}");
        }

        return list;
    }
}
