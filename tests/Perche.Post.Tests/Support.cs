using Perche.Core.Time;
using Perche.Post.Timelines;

namespace Perche.Post.Tests;

/// <summary>Helpers to read timeline facts in frames, the unit the upstream tests assert in.</summary>
internal static class T
{
    public static long F(RationalTime t, FrameRate rate) => TimeMath.Frames(t, rate);

    public static long Tc(string label, FrameRate rate) => Timecode.Parse(label, rate).TotalFrames;

    public static List<Item> Items(Track track) => [.. track.Items()];

    public static string Path(string relative) => Perche.Core.Tests.Support.TestData.Shared(relative);

    public static string Cmx(string file) => Path("otio-cmx3600-adapter/tests/sample_data/" + file);
}
