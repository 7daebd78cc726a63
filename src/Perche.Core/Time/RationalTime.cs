using System.Globalization;

namespace Perche.Core.Time;

/// <summary>
/// An exact point or length in time, after OpenTimelineIO's RationalTime: an integer count of ticks
/// (<see cref="Value"/>) at an exact rational tick rate (<see cref="RateNumerator"/>/<see cref="RateDenominator"/>
/// ticks per second), so 86400 frames at 24000/1001 or 172972800 samples at 48000/1 are held without rounding.
/// </summary>
/// <remarks>
/// <para>
/// Seconds = Value × RateDenominator / RateNumerator, exactly. <see cref="Equals(RationalTime)"/> and the comparison
/// operators compare that exact instant (1 s at 25 equals 48000 samples at 48000); <see cref="AlmostEquals"/> is the
/// separate, tolerant comparison. Sums and differences of times at different rates are exact: they are expressed at
/// the coarsest rate at which both are whole ticks (23.976 frames + 48 kHz samples → 48 kHz samples).
/// </para>
/// <para>
/// The rate is kept in lowest terms, with numerator and denominator inside <see cref="int"/> so that every
/// cross-multiplication fits <see cref="Int128"/>. <c>default(RationalTime)</c> is zero at one tick per second.
/// </para>
/// </remarks>
public readonly struct RationalTime : IEquatable<RationalTime>, IComparable<RationalTime>
{
    private readonly long value;

    // Zero stands for one, so that default(RationalTime) is a valid zero rather than a division by zero.
    private readonly int rateNumerator;
    private readonly int rateDenominator;

    /// <summary>Creates a time of <paramref name="value"/> ticks at <paramref name="rateNumerator"/>/<paramref name="rateDenominator"/> ticks per second.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not positive.</exception>
    public RationalTime(long value, int rateNumerator, int rateDenominator)
    {
        if (rateNumerator <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rateNumerator), rateNumerator, "the tick rate must be positive");
        }

        if (rateDenominator <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rateDenominator), rateDenominator, "the tick rate must be positive");
        }

        var gcd = (int)RationalMath.Gcd(rateNumerator, rateDenominator);
        this.value = value;
        this.rateNumerator = rateNumerator / gcd;
        this.rateDenominator = rateDenominator / gcd;
    }

    /// <summary>Creates a time of <paramref name="value"/> ticks at an integer rate (a sample rate, 600 ticks/s...).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not positive.</exception>
    public RationalTime(long value, int ratePerSecond)
        : this(value, ratePerSecond, 1)
    {
    }

    /// <summary>The tick count.</summary>
    public long Value => this.value;

    /// <summary>Ticks per <see cref="RateDenominator"/> seconds, in lowest terms.</summary>
    public int RateNumerator => this.rateNumerator == 0 ? 1 : this.rateNumerator;

    /// <summary>Seconds per <see cref="RateNumerator"/> ticks, in lowest terms.</summary>
    public int RateDenominator => this.rateDenominator == 0 ? 1 : this.rateDenominator;

    /// <summary>Adds two times exactly (at the coarsest rate both are whole ticks of).</summary>
    /// <exception cref="OverflowException">No common rate or sum fits the representation.</exception>
    public static RationalTime operator +(RationalTime left, RationalTime right) => left.Add(right);

    /// <summary>Subtracts two times exactly (at the coarsest rate both are whole ticks of).</summary>
    /// <exception cref="OverflowException">No common rate or difference fits the representation.</exception>
    public static RationalTime operator -(RationalTime left, RationalTime right) => left.Subtract(right);

    /// <summary>The same length in the other direction, at the same rate.</summary>
    public static RationalTime operator -(RationalTime time) => time.Negate();

    /// <summary>Exact equality of the instants, whatever their rates.</summary>
    public static bool operator ==(RationalTime left, RationalTime right) => left.Equals(right);

    /// <summary>Exact inequality of the instants.</summary>
    public static bool operator !=(RationalTime left, RationalTime right) => !left.Equals(right);

    /// <summary>True when <paramref name="left"/> is strictly earlier.</summary>
    public static bool operator <(RationalTime left, RationalTime right) => left.CompareTo(right) < 0;

    /// <summary>True when <paramref name="left"/> is strictly later.</summary>
    public static bool operator >(RationalTime left, RationalTime right) => left.CompareTo(right) > 0;

    /// <summary>True when <paramref name="left"/> is earlier or the same instant.</summary>
    public static bool operator <=(RationalTime left, RationalTime right) => left.CompareTo(right) <= 0;

    /// <summary>True when <paramref name="left"/> is later or the same instant.</summary>
    public static bool operator >=(RationalTime left, RationalTime right) => left.CompareTo(right) >= 0;

    /// <summary>A frame count at a frame rate (the drop-frame flag does not change real time).</summary>
    public static RationalTime FromFrames(long frames, FrameRate rate)
    {
        rate.ThrowIfInvalid(nameof(rate));
        return new RationalTime(frames, rate.Numerator, rate.Denominator);
    }

    /// <summary>A sample count at a sample rate.</summary>
    public static RationalTime FromSamples(long samples, int sampleRate) => new(samples, sampleRate, 1);

    /// <summary>A whole number of seconds.</summary>
    public static RationalTime FromSeconds(long seconds) => new(seconds, 1, 1);

    /// <summary>The earlier of two times.</summary>
    public static RationalTime Min(RationalTime a, RationalTime b) => a <= b ? a : b;

    /// <summary>The later of two times.</summary>
    public static RationalTime Max(RationalTime a, RationalTime b) => a >= b ? a : b;

    /// <summary>Adds two times exactly (at the coarsest rate both are whole ticks of).</summary>
    /// <exception cref="OverflowException">No common rate or sum fits the representation.</exception>
    public RationalTime Add(RationalTime other)
    {
        CommonRate(this, other, out var n, out var d, out var scaleThis, out var scaleOther);
        return new RationalTime(checked((this.value * scaleThis) + (other.value * scaleOther)), n, d);
    }

    /// <summary>Subtracts <paramref name="other"/> exactly (at the coarsest rate both are whole ticks of).</summary>
    /// <exception cref="OverflowException">No common rate or difference fits the representation.</exception>
    public RationalTime Subtract(RationalTime other)
    {
        CommonRate(this, other, out var n, out var d, out var scaleThis, out var scaleOther);
        return new RationalTime(checked((this.value * scaleThis) - (other.value * scaleOther)), n, d);
    }

    /// <summary>The same length in the other direction, at the same rate.</summary>
    public RationalTime Negate() => new(checked(-this.value), this.RateNumerator, this.RateDenominator);

    /// <summary>
    /// This time in ticks of another rate, rounded by <paramref name="rounding"/> when it falls between ticks
    /// (floor by default: the tick during which this instant falls).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not positive.</exception>
    /// <exception cref="OverflowException">The result exceeds 64 bits.</exception>
    public RationalTime RescaledTo(int rateNumerator, int rateDenominator, MidpointRounding rounding = MidpointRounding.ToNegativeInfinity)
    {
        var target = new RationalTime(0, rateNumerator, rateDenominator);
        var ticks = RationalMath.Divide(this.ScaledNumerator(target), this.ScaledDenominator(target), rounding);
        return new RationalTime(RationalMath.ToInt64(ticks, "the rescaled time"), target.RateNumerator, target.RateDenominator);
    }

    /// <summary>This time in frames of a frame rate, rounded by <paramref name="rounding"/> (floor by default).</summary>
    public RationalTime RescaledTo(FrameRate rate, MidpointRounding rounding = MidpointRounding.ToNegativeInfinity)
    {
        rate.ThrowIfInvalid(nameof(rate));
        return this.RescaledTo(rate.Numerator, rate.Denominator, rounding);
    }

    /// <summary>This time in ticks of another rate when it is a whole number of them; false otherwise.</summary>
    public bool TryRescaleExactly(int rateNumerator, int rateDenominator, out RationalTime rescaled)
    {
        var target = new RationalTime(0, rateNumerator, rateDenominator);
        var quotient = Int128.DivRem(this.ScaledNumerator(target), this.ScaledDenominator(target));
        if (quotient.Remainder != 0 || quotient.Quotient > long.MaxValue || quotient.Quotient < long.MinValue)
        {
            rescaled = default;
            return false;
        }

        rescaled = new RationalTime((long)quotient.Quotient, target.RateNumerator, target.RateDenominator);
        return true;
    }

    /// <summary>The whole frames at <paramref name="rate"/> (floor by default; frame N covers [N, N+1) frame durations).</summary>
    public long ToFrames(FrameRate rate, MidpointRounding rounding = MidpointRounding.ToNegativeInfinity)
        => this.RescaledTo(rate, rounding).Value;

    /// <summary>The whole samples at <paramref name="sampleRate"/> (floor by default).</summary>
    public long ToSamples(int sampleRate, MidpointRounding rounding = MidpointRounding.ToNegativeInfinity)
        => this.RescaledTo(sampleRate, 1, rounding).Value;

    /// <summary>Seconds as a double, for display and tolerances only: never convert through it.</summary>
    public double ToSeconds() => (double)((Int128)this.value * this.RateDenominator) / this.RateNumerator;

    /// <summary>
    /// True when the two instants are at most <paramref name="toleranceSeconds"/> apart (the difference is computed
    /// exactly; only the final comparison is in floating point). Use <see cref="Equals(RationalTime)"/> for exact equality.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The tolerance is negative or not a number.</exception>
    public bool AlmostEquals(RationalTime other, double toleranceSeconds)
    {
        if (!(toleranceSeconds >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(toleranceSeconds), toleranceSeconds, "the tolerance must be zero or more seconds");
        }

        // a − b = (va·da·nb − vb·db·na) / (na·nb): at most 126 bits over 62 bits.
        var differenceNumerator = this.ScaledNumerator(other) - other.ScaledNumerator(this);
        var denominator = (Int128)this.RateNumerator * other.RateNumerator;
        return Math.Abs((double)differenceNumerator / (double)denominator) <= toleranceSeconds;
    }

    /// <summary>Exact equality of the instants (1 s at 25 equals 48000 at 48000).</summary>
    public bool Equals(RationalTime other) => this.CompareTo(other) == 0;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RationalTime other && this.Equals(other);

    /// <summary>Orders by instant, exactly.</summary>
    public int CompareTo(RationalTime other) => this.ScaledNumerator(other).CompareTo(other.ScaledNumerator(this));

    /// <summary>A hash of the exact instant, so that equal instants at different rates hash alike.</summary>
    public override int GetHashCode()
    {
        // Seconds = value·den / num; reduce the fraction so its form no longer depends on the rate.
        var numerator = (Int128)this.value * this.RateDenominator;
        long denominator = this.RateNumerator;
        var gcd = RationalMath.Gcd((long)Int128.Abs(numerator % denominator), denominator);
        return HashCode.Combine(numerator / gcd, denominator / gcd);
    }

    /// <summary>"86400@24000/1001" or "48000@48000": value, then the tick rate.</summary>
    public override string ToString()
        => this.RateDenominator == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{this.value}@{this.RateNumerator}")
            : string.Create(CultureInfo.InvariantCulture, $"{this.value}@{this.RateNumerator}/{this.RateDenominator}");

    /// <summary>
    /// The coarsest rate at which both times are whole ticks: lcm(numerators) / gcd(denominators), and the factors
    /// that turn each time's ticks into it.
    /// </summary>
    private static void CommonRate(RationalTime a, RationalTime b, out int numerator, out int denominator, out long scaleA, out long scaleB)
    {
        int na = a.RateNumerator, da = a.RateDenominator, nb = b.RateNumerator, db = b.RateDenominator;
        if (na == nb && da == db)
        {
            numerator = na;
            denominator = da;
            scaleA = 1;
            scaleB = 1;
            return;
        }

        var lcm = RationalMath.Lcm(na, nb);
        var gcd = RationalMath.Gcd(da, db);
        var reduce = RationalMath.Gcd(lcm, gcd);
        var n = lcm / reduce;
        var d = gcd / reduce;
        if (n > int.MaxValue)
        {
            throw new OverflowException($"no common tick rate for {a} and {b} fits the representation");
        }

        numerator = (int)n;
        denominator = (int)d;

        // One tick of a is (n/d)·(da/na) ticks of the common rate, a whole number by construction.
        scaleA = checked(n * da / d / na);
        scaleB = checked(n * db / d / nb);
    }

    /// <summary>value · this.den · other.num: this instant on a scale shared with <paramref name="other"/>.</summary>
    private Int128 ScaledNumerator(RationalTime other) => (Int128)this.value * this.RateDenominator * other.RateNumerator;

    /// <summary>this.num · other.den: the divisor that turns <see cref="ScaledNumerator"/> into ticks of <paramref name="other"/>.</summary>
    private Int128 ScaledDenominator(RationalTime other) => (Int128)this.RateNumerator * other.RateDenominator;
}
