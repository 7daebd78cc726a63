using Perche.Core.Time;

namespace Perche.Post.Timelines;

/// <summary>Small helpers that keep sums at the frame rate they started in.</summary>
public static class TimeMath
{
    /// <summary>
    /// a + b, but a zero on either side takes the other's rate (default(RationalTime) is 0 at 1 tick/s, and adding it
    /// to 23.976 frames would otherwise move the sum to a 24000 ticks/s scale: exact, but unreadable).
    /// </summary>
    public static RationalTime Add(RationalTime a, RationalTime b)
    {
        if (a.Value == 0)
        {
            return b;
        }

        return b.Value == 0 ? a : a + b;
    }

    /// <summary>a − b, keeping a's rate when b is zero.</summary>
    public static RationalTime Subtract(RationalTime a, RationalTime b) => b.Value == 0 ? a : a.Value == 0 ? b.Negate() : a - b;

    /// <summary>A time in frames of <paramref name="rate"/>, rounded to the nearest frame.</summary>
    public static long Frames(RationalTime time, FrameRate rate) => time.ToFrames(rate, MidpointRounding.AwayFromZero);

    /// <summary>Zero frames at a rate.</summary>
    public static RationalTime Zero(FrameRate rate) => RationalTime.FromFrames(0, rate);
}
