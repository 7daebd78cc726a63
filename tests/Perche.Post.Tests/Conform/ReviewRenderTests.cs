using Perche.Core.Formats.Wav;
using Perche.Core.Time;
using Perche.Post.Adapters.Edl;
using Perche.Post.Conform;
using Perche.Post.Timelines;

namespace Perche.Post.Tests.Conform;

/// <summary>The review WAVs crossfade where the session has a transition: equal power by default, linear on request.</summary>
public sealed class ReviewRenderTests : IDisposable
{
    private const int Sr = RushFactory.Rate;
    private readonly string root = Path.Combine(Path.GetTempPath(), "perche-review-" + Guid.NewGuid().ToString("N"));

    public ReviewRenderTests()
    {
        // Boom at 0.1 in the first take, 0.3 in the second: each sample of the fade says which gain it got.
        RushFactory.WriteTake(Path.Combine(this.root, "rushes"), "S01T01", "SR001", "1", "1", "2026-06-15", "10:00:00:00", 4, ["Boom"]);
        RushFactory.WriteTake(Path.Combine(this.root, "rushes"), "S01T02", "SR001", "1", "2", "2026-06-15", "10:01:00:00", 4, ["Boom"], gain: 3);
    }

    public void Dispose() => Directory.Delete(this.root, recursive: true);

    private const string Edl = """
        TITLE: XFADE
        FCM: NON-DROP FRAME
        001  A001 V C 10:00:01:00 10:00:02:00 01:00:00:00 01:00:01:00
        002  A001 V C 10:00:02:00 10:00:02:00 01:00:01:00 01:00:01:00
        002  A002 V D 010 10:01:01:00 10:01:02:00 01:00:01:00 01:00:02:00
        """;

    private (float[] Samples, Transition Fade, long CutSamples) Render(string? curve = null)
    {
        var cut = EdlReader.ReadString(Edl, "xfade.edl", new EdlReadOptions { Rate = FrameRate.Fps25 });
        var session = Conformer.Run(cut, RushIndex.Build(Path.Combine(this.root, "rushes"))).Session;
        var track = session.AudioTracks().Single();
        var (fade, before, _) = track.TransitionsWithNeighbours().Single();
        if (curve is not null)
        {
            fade.Metadata["perche"] = new System.Text.Json.Nodes.JsonObject { ["curve"] = curve };
        }

        var files = ReviewRender.Write(session, Path.Combine(this.root, "out"), "x", Sr).Files;
        using var reader = WavReader.OpenSamples(files.Single());
        var samples = new float[reader.FrameCount];
        Assert.Equal(samples.Length, reader.ReadFrames(samples));
        var cutAt = track.RangeOfChild(before!).EndExclusive.ToSamples(Sr);
        return (samples, fade, cutAt);
    }

    [Fact]
    public void Equal_power_crossfade_across_the_dissolve()
    {
        var (s, fade, cut) = this.Render();
        var start = cut - fade.InOffset.ToSamples(Sr);
        var length = fade.Duration.ToSamples(Sr);
        Assert.Equal(10 * (Sr / 25), length);
        Assert.Equal("equal-power", ReviewRender.CurveOf(fade));

        // Outside the fade each take alone; inside, 0.1·cos(πx/2) + 0.3·sin(πx/2) at x = (n + ½) / length.
        Assert.Equal(0.1, s[start - 1], 4);
        Assert.Equal(0.3, s[start + length], 4);
        foreach (var n in new[] { 0L, length / 4, length / 2, (3 * length) / 4, length - 1 })
        {
            var x = (n + 0.5) / length;
            var expected = (0.1 * Math.Cos(x * Math.PI / 2)) + (0.3 * Math.Sin(x * Math.PI / 2));
            Assert.Equal(expected, s[start + n], 4);
        }

        // The equal-power midpoint of two levels: (0.1 + 0.3)·√½.
        Assert.Equal(0.4 * Math.Sqrt(0.5), s[start + (length / 2)], 3);
        Assert.Equal(2 * Sr, s.Length);
    }

    [Fact]
    public void Linear_crossfade_when_the_transition_says_so()
    {
        var (s, fade, cut) = this.Render("linear");
        var start = cut - fade.InOffset.ToSamples(Sr);
        var length = fade.Duration.ToSamples(Sr);
        var x = (length / 4 + 0.5) / length;
        Assert.Equal((0.1 * (1 - x)) + (0.3 * x), s[start + (length / 4)], 4);
        Assert.Equal(0.2, s[start + (length / 2)], 3);
    }
}
