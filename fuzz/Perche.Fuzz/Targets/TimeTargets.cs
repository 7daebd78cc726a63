using System.Text;
using Perche.Core;
using Perche.Core.Time;

namespace Perche.Fuzz.Targets;

/// <summary>Targets for the text readers of the kernel's time types (src/Perche.Core/Time).</summary>
public static class TimeTargets
{
    /// <summary>
    /// First line: a frame rate ("29.97 DF", "24000/1001|NDF"); each later line: a timecode at that rate, also
    /// tried at every standard rate. What parses must print and parse back to itself.
    /// </summary>
    public static void Timecode(byte[] data)
    {
        var text = Encoding.UTF8.GetString(data);
        var lines = text.Split('\n');
        var rateLine = lines[0];
        var bar = rateLine.IndexOf('|', StringComparison.Ordinal);
        FrameRate rate;
        if (bar >= 0)
        {
            rate = FrameRate.Parse(rateLine[..bar], rateLine[(bar + 1)..]);
            FuzzCheck.That(FrameRate.TryParse(rateLine[..bar], rateLine[(bar + 1)..], out var same) && same == rate, "TryParse and Parse disagree on the rate");
        }
        else
        {
            rate = FrameRate.Parse(rateLine);
            FuzzCheck.That(FrameRate.TryParse(rateLine, out var same) && same == rate, "TryParse and Parse disagree on the rate");
        }

        // A rate prints as something that parses back to it.
        FuzzCheck.That(FrameRate.TryParse(rate.ToString(), out var printed) && printed == rate, $"rate {rate} does not parse back");
        for (var i = 1; i < lines.Length && i < 64; i++)
        {
            TryLabel(lines[i], rate);
            foreach (var standard in FrameRate.Standard)
            {
                TryLabel(lines[i], standard);
            }
        }
    }

    private static void TryLabel(string line, FrameRate rate)
    {
        if (!Perche.Core.Time.Timecode.TryParse(line, rate, out var tc))
        {
            try
            {
                _ = Perche.Core.Time.Timecode.Parse(line, rate);
                throw new FuzzInvariantException($"TryParse refused \"{line}\" at {rate} but Parse accepted it");
            }
            catch (PercheFormatException)
            {
                return;
            }
        }

        var label = tc.ToString();
        FuzzCheck.That(Perche.Core.Time.Timecode.TryParse(label, rate, out var back) && back == tc, $"{label} at {rate} does not parse back");
        FuzzCheck.That(tc.TotalFrames >= 0 && tc.TotalFrames < rate.FramesPerDay, $"{label} is frame {tc.TotalFrames}, outside the day of {rate.FramesPerDay} frames");
        _ = tc.AddFrames(long.MaxValue / 4).ToString();
        _ = tc.AddFrames(-1).ToString();
        _ = tc.ToSamples(48000);
        _ = tc.ToRationalTime();
    }
}
