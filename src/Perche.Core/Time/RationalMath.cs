namespace Perche.Core.Time;

/// <summary>
/// Exact integer helpers for the time kernel. Every conversion between frames, samples and seconds goes through
/// these so that no floating-point rounding can move a timecode by a frame.
/// </summary>
internal static class RationalMath
{
    /// <summary>Greatest common divisor of two non-negative numbers (gcd(0, 0) = 0).</summary>
    public static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    /// <summary>Least common multiple of two positive numbers; throws <see cref="OverflowException"/> past long.</summary>
    public static long Lcm(long a, long b) => checked(a / Gcd(a, b) * b);

    /// <summary>
    /// Rounds <paramref name="numerator"/> / <paramref name="denominator"/> (denominator positive) to an integer
    /// with a directed or nearest rule. Integer division truncates toward zero, which is floor only for positive
    /// quotients, hence the explicit adjustments.
    /// </summary>
    public static Int128 Divide(Int128 numerator, Int128 denominator, MidpointRounding rounding)
    {
        var quotient = Int128.DivRem(numerator, denominator);
        var q = quotient.Quotient;
        var r = quotient.Remainder;
        if (r == 0)
        {
            return q;
        }

        // The remainder has the sign of the numerator; the true value lies strictly between floor and floor + 1.
        var floor = r < 0 ? q - 1 : q;
        var fromFloor = r < 0 ? r + denominator : r;
        switch (rounding)
        {
            case MidpointRounding.ToNegativeInfinity:
                return floor;
            case MidpointRounding.ToPositiveInfinity:
                return floor + 1;
            case MidpointRounding.ToZero:
                return q;
            case MidpointRounding.AwayFromZero:
            case MidpointRounding.ToEven:
                var twice = fromFloor * 2;
                if (twice < denominator)
                {
                    return floor;
                }

                if (twice > denominator)
                {
                    return floor + 1;
                }

                if (rounding == MidpointRounding.ToEven)
                {
                    return Int128.IsEvenInteger(floor) ? floor : floor + 1;
                }

                return numerator < 0 ? floor : floor + 1;
            default:
                throw new ArgumentOutOfRangeException(nameof(rounding), rounding, "unknown rounding mode");
        }
    }

    /// <summary>Floor division for a positive divisor.</summary>
    public static Int128 FloorDivide(Int128 numerator, Int128 denominator)
        => Divide(numerator, denominator, MidpointRounding.ToNegativeInfinity);

    /// <summary>The non-negative remainder of <paramref name="value"/> modulo a positive <paramref name="modulus"/>.</summary>
    public static long Wrap(Int128 value, long modulus)
    {
        var r = (long)(value % modulus);
        return r < 0 ? r + modulus : r;
    }

    /// <summary>A checked narrowing that names what overflowed.</summary>
    public static long ToInt64(Int128 value, string what)
    {
        if (value > long.MaxValue || value < long.MinValue)
        {
            throw new OverflowException($"{what} does not fit in 64 bits");
        }

        return (long)value;
    }
}
