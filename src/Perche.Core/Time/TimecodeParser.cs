namespace Perche.Core.Time;

/// <summary>
/// Reads HH:MM:SS:FF labels without allocating on success. Non-drop rates take ':' only; drop-frame rates also take
/// ';', '.' and ',' (how editors and decks mark drop-frame), and ':' since the rate already says drop-frame.
/// </summary>
internal static class TimecodeParser
{
    /// <summary>Parses a label at a rate; returns null on success, else the problem.</summary>
    public static string? TryParse(ReadOnlySpan<char> text, FrameRate rate, out Timecode timecode)
    {
        timecode = default;
        var s = text.Trim();
        var frameDigits = s.Length - 9;
        var maxFrameDigits = rate.TimecodeBase > 100 ? 3 : 2;
        if (frameDigits < 2 || frameDigits > maxFrameDigits)
        {
            return $"\"{text}\" is not a timecode: expected {Pattern(rate)}";
        }

        if (!TryDigits(s[0..2], out var hours) || !TryDigits(s[3..5], out var minutes)
            || !TryDigits(s[6..8], out var seconds) || !TryDigits(s[9..], out var frames))
        {
            return $"\"{text}\" is not a timecode: expected digits in {Pattern(rate)}";
        }

        for (var i = 2; i <= 8; i += 3)
        {
            var separator = s[i];
            if (separator == ':')
            {
                continue;
            }

            if (separator is ';' or '.' or ',')
            {
                if (!rate.IsDropFrame)
                {
                    return $"\"{text}\" has the drop-frame separator '{separator}' but the rate is {rate}, which is non-drop: expected {Pattern(rate)}";
                }

                continue;
            }

            return $"\"{text}\" is not a timecode: unexpected '{separator}' at character {i + 1}; expected {Pattern(rate)}";
        }

        var problem = TimecodeLabel.Validate(hours, minutes, seconds, frames, rate);
        if (problem is not null)
        {
            return $"\"{text}\": {problem}";
        }

        timecode = Timecode.FromFrames(TimecodeLabel.ToFrames(hours, minutes, seconds, frames, rate), rate);
        return null;
    }

    private static string Pattern(FrameRate rate)
        => (rate.IsDropFrame ? "HH:MM:SS;FF" : "HH:MM:SS:FF") + (rate.TimecodeBase > 100 ? " (FF may have three digits)" : string.Empty);

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
