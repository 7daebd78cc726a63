using System.Globalization;

namespace Perche.Core.Time;

/// <summary>
/// Reads frame rates as editors, iXML and recorders write them. Decimal text is matched exactly against the
/// rational rates (integer arithmetic), so "23.98" means 24000/1001 and never 23.98 fps.
/// </summary>
internal static class FrameRateParser
{
    private const string Examples = "expected e.g. 23.976, 24, 25, 29.97 DF, 59.94NDF, 24000/1001 or 023.976-ND";

    /// <summary>The drop-frame suffix found in the text, if any.</summary>
    private enum DropFlag
    {
        None,
        Drop,
        NonDrop,
    }

    /// <summary>Parses one text holding the rate and an optional DF/NDF/ND suffix; returns null or the problem.</summary>
    public static string? TryParse(ReadOnlySpan<char> text, out FrameRate rate)
    {
        rate = default;
        var problem = ParseParts(text, out var numerator, out var denominator, out var flag);
        return problem ?? Create(text, numerator, denominator, flag, out rate);
    }

    /// <summary>Parses the iXML pair TIMECODE_RATE and TIMECODE_FLAG; returns null or the problem.</summary>
    public static string? TryParse(ReadOnlySpan<char> rateText, ReadOnlySpan<char> flagText, out FrameRate rate)
    {
        rate = default;
        var problem = ParseParts(rateText, out var numerator, out var denominator, out var textFlag);
        if (problem is not null)
        {
            return problem;
        }

        var flagTrimmed = flagText.Trim();
        DropFlag separateFlag;
        if (flagTrimmed.IsEmpty)
        {
            separateFlag = DropFlag.None;
        }
        else if (flagTrimmed.Equals("DF", StringComparison.OrdinalIgnoreCase))
        {
            separateFlag = DropFlag.Drop;
        }
        else if (flagTrimmed.Equals("NDF", StringComparison.OrdinalIgnoreCase) || flagTrimmed.Equals("ND", StringComparison.OrdinalIgnoreCase))
        {
            separateFlag = DropFlag.NonDrop;
        }
        else
        {
            return $"drop-frame flag \"{flagText}\" is neither DF nor NDF";
        }

        if (textFlag != DropFlag.None && separateFlag != DropFlag.None && textFlag != separateFlag)
        {
            return $"rate \"{rateText}\" contradicts the drop-frame flag \"{flagText}\"";
        }

        var flag = textFlag != DropFlag.None ? textFlag : separateFlag;
        return Create(rateText, numerator, denominator, flag, out rate);
    }

    private static string? Create(ReadOnlySpan<char> text, int numerator, int denominator, DropFlag flag, out FrameRate rate)
    {
        var isDropFrame = flag == DropFlag.Drop;
        if (FrameRate.TryCreate(numerator, denominator, isDropFrame, out rate))
        {
            return null;
        }

        return $"\"{text}\": " + FrameRate.Validate(numerator, denominator, isDropFrame, out _, out _);
    }

    private static string? ParseParts(ReadOnlySpan<char> text, out int numerator, out int denominator, out DropFlag flag)
    {
        numerator = 0;
        denominator = 0;
        var body = text.Trim();
        StripFps(ref body);
        flag = StripFlag(ref body);
        StripFps(ref body);
        if (body.IsEmpty)
        {
            return $"\"{text}\" is not a frame rate: no number; {Examples}";
        }

        var slash = body.IndexOf('/');
        if (slash >= 0)
        {
            if (TryParseSmallInteger(body[..slash].Trim(), out numerator) && TryParseSmallInteger(body[(slash + 1)..].Trim(), out denominator))
            {
                return null;
            }

            return $"\"{text}\" is not a frame rate: a fraction needs two whole numbers, as in 24000/1001; {Examples}";
        }

        if (TryParseDecimal(body, out numerator, out denominator))
        {
            return null;
        }

        return $"\"{text}\" is not a frame rate: not an integer rate, nor an NTSC rate N×1000/1001 written to at least two decimals; {Examples}";
    }

    /// <summary>Removes a trailing "fps" as in "23.976 fps" or "29.97fps DF".</summary>
    private static void StripFps(ref ReadOnlySpan<char> body)
    {
        if (body.EndsWith("fps", StringComparison.OrdinalIgnoreCase))
        {
            body = body[..^3].TrimEnd();
        }
    }

    /// <summary>Removes a trailing DF, NDF or ND (with an optional space, '-' or '_' before it).</summary>
    private static DropFlag StripFlag(ref ReadOnlySpan<char> body)
    {
        DropFlag flag;
        if (body.EndsWith("NDF", StringComparison.OrdinalIgnoreCase))
        {
            flag = DropFlag.NonDrop;
            body = body[..^3];
        }
        else if (body.EndsWith("ND", StringComparison.OrdinalIgnoreCase))
        {
            flag = DropFlag.NonDrop;
            body = body[..^2];
        }
        else if (body.EndsWith("DF", StringComparison.OrdinalIgnoreCase))
        {
            flag = DropFlag.Drop;
            body = body[..^2];
        }
        else
        {
            return DropFlag.None;
        }

        body = body.TrimEnd();
        if (body.Length > 0 && (body[^1] == '-' || body[^1] == '_'))
        {
            body = body[..^1].TrimEnd();
        }

        return flag;
    }

    private static bool TryParseSmallInteger(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 9 || !AllDigits(digits))
        {
            return false;
        }

        value = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>
    /// "24", "025.000" → N/1; "23.976", "23.98", "029.970" → N×1000/1001; "2997", "23976" (compact NTSC) too.
    /// The fraction is left unvalidated (N may exceed the maximum) so the caller reports the range problem.
    /// </summary>
    private static bool TryParseDecimal(ReadOnlySpan<char> body, out int numerator, out int denominator)
    {
        numerator = 0;
        denominator = 0;
        var dot = body.IndexOf('.');
        var integerDigits = (dot >= 0 ? body[..dot] : body).TrimStart('0');
        var fractionDigits = dot >= 0 ? body[(dot + 1)..] : [];
        if ((dot >= 0 ? dot : body.Length) == 0 || !AllDigits(dot >= 0 ? body[..dot] : body)
            || (dot >= 0 && (fractionDigits.IsEmpty || !AllDigits(fractionDigits))))
        {
            return false;
        }

        // Bounds keep every product below inside Int128 and every result inside int; real rates are far smaller.
        if (integerDigits.Length > 5 || fractionDigits.Length > 15)
        {
            return false;
        }

        var integerPart = integerDigits.IsEmpty ? 0 : int.Parse(integerDigits, NumberStyles.None, CultureInfo.InvariantCulture);
        var fractionIsZero = fractionDigits.TrimEnd('0').IsEmpty;
        if (dot < 0 && integerDigits.Length >= 4)
        {
            // Compact spellings of the standard NTSC rates only ("2997DF", "23976"); "11988" would be ambiguous.
            var nominal = ((integerDigits[0] - '0') * 10) + (integerDigits[1] - '0') + 1;
            if ((nominal == 24 || nominal == 30 || nominal == 48 || nominal == 60)
                && IsNtscSpelling(nominal - 1, integerDigits[2..], nominal))
            {
                numerator = nominal * 1000;
                denominator = 1001;
                return true;
            }

            return false;
        }

        if (fractionIsZero)
        {
            numerator = integerPart;
            denominator = 1;
            return true;
        }

        // N×1000/1001 lies just below N, so its integer part is N − 1.
        if (fractionDigits.Length >= 2 && IsNtscSpelling(integerPart, fractionDigits, integerPart + 1))
        {
            numerator = (integerPart + 1) * 1000;
            denominator = 1001;
            return true;
        }

        return false;
    }

    /// <summary>True when integerPart.fractionDigits is N×1000/1001 truncated or rounded to that many decimals.</summary>
    private static bool IsNtscSpelling(int integerPart, ReadOnlySpan<char> fractionDigits, int nominal)
    {
        if (fractionDigits.Length < 2)
        {
            return false;
        }

        Int128 scale = 1;
        Int128 fraction = 0;
        foreach (var c in fractionDigits)
        {
            scale *= 10;
            fraction = (fraction * 10) + (c - '0');
        }

        var written = (integerPart * scale) + fraction;
        var exactScaled = (Int128)nominal * 1000 * scale;
        return written == RationalMath.Divide(exactScaled, 1001, MidpointRounding.ToNegativeInfinity)
            || written == RationalMath.Divide(exactScaled, 1001, MidpointRounding.AwayFromZero);
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
