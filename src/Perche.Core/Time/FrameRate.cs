using System.Globalization;

namespace Perche.Core.Time;

/// <summary>
/// A video frame rate as the exact rational number of frames per second (24000/1001 for 23.976, never a double),
/// with the drop-frame flag of its timecode and the integer timecode base that labels count in (24 for 23.976).
/// </summary>
/// <remarks>
/// <para>
/// Only rates timecode can label are accepted: an integer rate N, or an NTSC rate N×1000/1001, with a timecode base
/// N from 1 to 120 (SMPTE ST 12-1 and ST 12-3). Drop-frame exists only at 29.97 and 59.94: 30 DF and 23.976 DF are
/// not standard and are rejected.
/// </para>
/// <para>
/// <c>default(FrameRate)</c> is not a rate (its <see cref="IsValid"/> is false); members that need a rate reject it.
/// </para>
/// </remarks>
public readonly struct FrameRate : IEquatable<FrameRate>
{
    /// <summary>The highest timecode base accepted (120 fps, SMPTE ST 12-3).</summary>
    public const int MaxTimecodeBase = 120;

    private const int NtscDenominator = 1001;

    private readonly int numerator;
    private readonly int denominator;
    private readonly bool isDropFrame;

    /// <summary>Creates a rate from its exact fraction of frames per second (reduced to lowest terms).</summary>
    /// <param name="numerator">Frames, e.g. 24000.</param>
    /// <param name="denominator">Seconds, e.g. 1001.</param>
    /// <param name="isDropFrame">True for drop-frame timecode labels (29.97 and 59.94 only).</param>
    /// <exception cref="ArgumentException">The fraction is not a timecode rate, or drop-frame is asked of a rate without it.</exception>
    public FrameRate(int numerator, int denominator, bool isDropFrame = false)
    {
        var problem = Validate(numerator, denominator, isDropFrame, out var reducedNumerator, out var reducedDenominator);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(numerator));
        }

        this.numerator = reducedNumerator;
        this.denominator = reducedDenominator;
        this.isDropFrame = isDropFrame;
    }

    /// <summary>23.976 fps (24000/1001), non-drop: film shot for NTSC video.</summary>
    public static FrameRate Fps23976 { get; } = new(24000, 1001);

    /// <summary>24 fps.</summary>
    public static FrameRate Fps24 { get; } = new(24, 1);

    /// <summary>25 fps.</summary>
    public static FrameRate Fps25 { get; } = new(25, 1);

    /// <summary>29.97 fps (30000/1001), drop-frame.</summary>
    public static FrameRate Fps2997Df { get; } = new(30000, 1001, isDropFrame: true);

    /// <summary>29.97 fps (30000/1001), non-drop.</summary>
    public static FrameRate Fps2997Ndf { get; } = new(30000, 1001);

    /// <summary>30 fps.</summary>
    public static FrameRate Fps30 { get; } = new(30, 1);

    /// <summary>47.952 fps (48000/1001), non-drop.</summary>
    public static FrameRate Fps47952 { get; } = new(48000, 1001);

    /// <summary>48 fps.</summary>
    public static FrameRate Fps48 { get; } = new(48, 1);

    /// <summary>50 fps.</summary>
    public static FrameRate Fps50 { get; } = new(50, 1);

    /// <summary>59.94 fps (60000/1001), drop-frame.</summary>
    public static FrameRate Fps5994Df { get; } = new(60000, 1001, isDropFrame: true);

    /// <summary>59.94 fps (60000/1001), non-drop.</summary>
    public static FrameRate Fps5994Ndf { get; } = new(60000, 1001);

    /// <summary>60 fps.</summary>
    public static FrameRate Fps60 { get; } = new(60, 1);

    /// <summary>The standard production rates, in increasing order (drop-frame before non-drop).</summary>
    public static IReadOnlyList<FrameRate> Standard { get; } = Array.AsReadOnly(
    [
        Fps23976, Fps24, Fps25, Fps2997Df, Fps2997Ndf, Fps30, Fps47952, Fps48, Fps50, Fps5994Df, Fps5994Ndf, Fps60,
    ]);

    /// <summary>Frames per <see cref="Denominator"/> seconds (24000 for 23.976).</summary>
    public int Numerator => this.numerator;

    /// <summary>Seconds per <see cref="Numerator"/> frames (1001 for 23.976, 1 for integer rates).</summary>
    public int Denominator => this.denominator;

    /// <summary>True when timecode labels at this rate skip frame numbers (29.97 DF, 59.94 DF).</summary>
    public bool IsDropFrame => this.isDropFrame;

    /// <summary>False only for <c>default(FrameRate)</c>.</summary>
    public bool IsValid => this.denominator != 0;

    /// <summary>True for the NTSC rates N×1000/1001, whose real time runs 0.1 % slower than their labels.</summary>
    public bool IsNtsc => this.denominator == NtscDenominator;

    /// <summary>
    /// The integer frames per labelled second that timecode counts in (24 for 23.976, 30 for 29.97, 60 for 59.94):
    /// the highest FF of a label is this minus one.
    /// </summary>
    public int TimecodeBase => this.denominator == NtscDenominator ? this.numerator / 1000 : this.numerator;

    /// <summary>Frame numbers skipped at the start of each minute not divisible by ten: 2 at 29.97 DF, 4 at 59.94 DF, else 0.</summary>
    public int DroppedFramesPerMinute => this.isDropFrame ? this.TimecodeBase / 15 : 0;

    /// <summary>Frames from 00:00:00:00 to 24:00:00:00 (2 589 408 at 29.97 DF, 2 073 600 at 24 and 23.976).</summary>
    public int FramesPerDay
    {
        get
        {
            // 144 ten-minute blocks a day; a drop-frame block loses nine minutes' worth of skipped numbers.
            var framesPerTenMinutes = (this.TimecodeBase * 600) - (9 * this.DroppedFramesPerMinute);
            return 144 * framesPerTenMinutes;
        }
    }

    /// <summary>The exact duration of one frame (1001/24000 s at 23.976).</summary>
    public RationalTime FrameDuration => new(1, this.numerator, this.denominator);

    /// <summary>Equality of rate and drop-frame flag.</summary>
    public static bool operator ==(FrameRate left, FrameRate right) => left.Equals(right);

    /// <summary>Inequality of rate or drop-frame flag.</summary>
    public static bool operator !=(FrameRate left, FrameRate right) => !left.Equals(right);

    /// <summary>
    /// Parses a rate as people and recorders write it: "23.976", "23.98", "24", "25", "29.97", "29.97DF",
    /// "29.97 DF", "29.97NDF", "2997DF", "59.94DF", "24000/1001", "30000/1001 DF", "25 fps", and the Sound Devices
    /// bext forms "023.976-ND", "23.976ND", "25.000ND", "029.970-DF", "030.000-ND". Without a suffix the rate is
    /// non-drop. Decimals must be the rate itself or an NTSC rate truncated or rounded to two or more decimals.
    /// </summary>
    /// <exception cref="PercheFormatException">The text is not a timecode rate.</exception>
    public static FrameRate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.AsSpan());
    }

    /// <summary>Parses a rate (see <see cref="Parse(string)"/>).</summary>
    /// <exception cref="PercheFormatException">The text is not a timecode rate.</exception>
    public static FrameRate Parse(ReadOnlySpan<char> text)
    {
        var problem = FrameRateParser.TryParse(text, out var rate);
        return problem is null ? rate : throw PercheFormatException.ForInput("frame rate", problem);
    }

    /// <summary>
    /// Parses the iXML pair TIMECODE_RATE ("24000/1001", or any form <see cref="Parse(string)"/> takes) and
    /// TIMECODE_FLAG ("DF" or "NDF"; null or empty means non-drop).
    /// </summary>
    /// <exception cref="PercheFormatException">Either text is malformed, or they contradict each other.</exception>
    public static FrameRate Parse(string rateText, string? dropFrameFlag)
    {
        ArgumentNullException.ThrowIfNull(rateText);
        var problem = FrameRateParser.TryParse(rateText, dropFrameFlag, out var rate);
        return problem is null ? rate : throw PercheFormatException.ForInput("frame rate", problem);
    }

    /// <summary>Parses a rate (see <see cref="Parse(string)"/>); false when the text is not a timecode rate.</summary>
    public static bool TryParse(string? text, out FrameRate rate)
    {
        if (text is null)
        {
            rate = default;
            return false;
        }

        return FrameRateParser.TryParse(text, out rate) is null;
    }

    /// <summary>Parses a rate (see <see cref="Parse(string)"/>); false when the text is not a timecode rate.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out FrameRate rate) => FrameRateParser.TryParse(text, out rate) is null;

    /// <summary>Parses the iXML pair (see <see cref="Parse(string, string?)"/>); false when malformed or contradictory.</summary>
    public static bool TryParse(string? rateText, string? dropFrameFlag, out FrameRate rate)
    {
        if (rateText is null)
        {
            rate = default;
            return false;
        }

        return FrameRateParser.TryParse(rateText, dropFrameFlag, out rate) is null;
    }

    /// <summary>Creates a rate without throwing; false when the fraction is not a timecode rate or cannot drop frames.</summary>
    public static bool TryCreate(int numerator, int denominator, bool isDropFrame, out FrameRate rate)
    {
        if (Validate(numerator, denominator, isDropFrame, out _, out _) is null)
        {
            rate = new FrameRate(numerator, denominator, isDropFrame);
            return true;
        }

        rate = default;
        return false;
    }

    /// <summary>The rate as iXML TIMECODE_RATE writes it: "24000/1001", "25/1".</summary>
    public string ToRationalString()
        => string.Create(CultureInfo.InvariantCulture, $"{this.numerator}/{this.denominator}");

    /// <summary>"23.976", "24", "25", "29.97 DF", "29.97 NDF" (the flag is spelt out only where a rate has both).</summary>
    public override string ToString()
    {
        if (!this.IsValid)
        {
            return "(no frame rate)";
        }

        string number;
        if (this.IsNtsc)
        {
            // N×1000/1001 to three decimals, trailing zeros dropped: 23.976, 29.97, 59.94, 119.88.
            var thousandths = (long)RationalMath.Divide((Int128)this.numerator * 1000, NtscDenominator, MidpointRounding.AwayFromZero);
            number = (thousandths / 1000).ToString(CultureInfo.InvariantCulture) + "."
                + (thousandths % 1000).ToString("000", CultureInfo.InvariantCulture).TrimEnd('0');

            // An unusual N×1000/1001 whose three decimals read back as another rate (100000/1001 prints 99.9,
            // which is 999/10) prints exactly, so that every rate prints as text that parses back to it.
            if (!TryParse(number, out var back) || back.numerator != this.numerator || back.denominator != this.denominator)
            {
                number = this.numerator.ToString(CultureInfo.InvariantCulture) + "/" + NtscDenominator.ToString(CultureInfo.InvariantCulture);
            }
        }
        else
        {
            number = this.numerator.ToString(CultureInfo.InvariantCulture);
        }

        if (this.isDropFrame)
        {
            return number + " DF";
        }

        return CanDropFrames(this.numerator, this.denominator) ? number + " NDF" : number;
    }

    /// <inheritdoc/>
    public bool Equals(FrameRate other)
        => this.numerator == other.numerator && this.denominator == other.denominator && this.isDropFrame == other.isDropFrame;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FrameRate other && this.Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(this.numerator, this.denominator, this.isDropFrame);

    /// <summary>Throws when this is <c>default(FrameRate)</c>; called where a rate is taken as an argument.</summary>
    internal void ThrowIfInvalid(string parameterName)
    {
        if (!this.IsValid)
        {
            throw new ArgumentException("the frame rate is default(FrameRate), not a rate", parameterName);
        }
    }

    /// <summary>Returns null when valid, else the problem; outputs the fraction in lowest terms.</summary>
    internal static string? Validate(int numerator, int denominator, bool isDropFrame, out int reducedNumerator, out int reducedDenominator)
    {
        reducedNumerator = 0;
        reducedDenominator = 0;
        if (numerator <= 0 || denominator <= 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{numerator}/{denominator} fps: a frame rate must be positive");
        }

        var gcd = (int)RationalMath.Gcd(numerator, denominator);
        var n = numerator / gcd;
        var d = denominator / gcd;

        // Timecode labels count whole frames per second: only N/1 and the NTSC N×1000/1001 have a timecode base.
        var isInteger = d == 1 && n <= MaxTimecodeBase;
        var isNtsc = d == NtscDenominator && n % 1000 == 0 && n / 1000 <= MaxTimecodeBase;
        if (!isInteger && !isNtsc)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{numerator}/{denominator} fps is not a timecode rate: expected an integer rate N or an NTSC rate N×1000/1001, with N from 1 to {MaxTimecodeBase}");
        }

        if (isDropFrame && !CanDropFrames(n, d))
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"drop-frame timecode exists only at 29.97 and 59.94 fps (SMPTE ST 12-1), not at {n}/{d}");
        }

        reducedNumerator = n;
        reducedDenominator = d;
        return null;
    }

    private static bool CanDropFrames(int numerator, int denominator)
        => denominator == NtscDenominator && (numerator == 30000 || numerator == 60000);
}
