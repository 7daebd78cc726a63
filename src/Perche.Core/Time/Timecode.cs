using System.Globalization;

namespace Perche.Core.Time;

/// <summary>
/// A SMPTE timecode: a frame count since midnight at a <see cref="FrameRate"/>. The HH:MM:SS:FF label is computed
/// from the count (with drop-frame numbering where the rate says so) and is never stored as text.
/// </summary>
/// <remarks>
/// Timecode lives on a 24-hour clock: arithmetic wraps past midnight both ways (23:59:59:24 + 1 = 00:00:00:00 at 25).
/// Timecodes at different rates are never equal, and ordering them throws: convert one first.
/// </remarks>
public readonly struct Timecode : IEquatable<Timecode>, IComparable<Timecode>
{
    private readonly int totalFrames;
    private readonly FrameRate rate;

    /// <summary>Creates the timecode with label HH:MM:SS:FF (HH:MM:SS;FF for drop-frame rates).</summary>
    /// <exception cref="ArgumentException">A field is out of range, or the label is skipped by drop-frame.</exception>
    public Timecode(int hours, int minutes, int seconds, int frames, FrameRate rate)
    {
        rate.ThrowIfInvalid(nameof(rate));
        var problem = TimecodeLabel.Validate(hours, minutes, seconds, frames, rate);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(frames));
        }

        this.totalFrames = TimecodeLabel.ToFrames(hours, minutes, seconds, frames, rate);
        this.rate = rate;
    }

    // The argument order differs from the public constructor's on purpose: this one trusts a wrapped count.
    private Timecode(FrameRate rate, int totalFrames)
    {
        this.totalFrames = totalFrames;
        this.rate = rate;
    }

    /// <summary>Frames since 00:00:00:00, from 0 to <see cref="FrameRate.FramesPerDay"/> − 1.</summary>
    public int TotalFrames => this.totalFrames;

    /// <summary>The frame rate the label counts in.</summary>
    public FrameRate Rate => this.rate;

    /// <summary>True when the label uses drop-frame numbering.</summary>
    public bool IsDropFrame => this.rate.IsDropFrame;

    /// <summary>HH of the label.</summary>
    public int Hours
    {
        get
        {
            TimecodeLabel.FromFrames(this.totalFrames, this.rate, out var hours, out _, out _, out _);
            return hours;
        }
    }

    /// <summary>MM of the label.</summary>
    public int Minutes
    {
        get
        {
            TimecodeLabel.FromFrames(this.totalFrames, this.rate, out _, out var minutes, out _, out _);
            return minutes;
        }
    }

    /// <summary>SS of the label.</summary>
    public int Seconds
    {
        get
        {
            TimecodeLabel.FromFrames(this.totalFrames, this.rate, out _, out _, out var seconds, out _);
            return seconds;
        }
    }

    /// <summary>FF of the label (drop-frame labels skip some numbers, so this is not TotalFrames modulo the base).</summary>
    public int Frames
    {
        get
        {
            TimecodeLabel.FromFrames(this.totalFrames, this.rate, out _, out _, out _, out var frames);
            return frames;
        }
    }

    /// <summary>Adds frames, wrapping past midnight.</summary>
    public static Timecode operator +(Timecode timecode, long frames) => timecode.AddFrames(frames);

    /// <summary>Subtracts frames, wrapping before midnight.</summary>
    public static Timecode operator -(Timecode timecode, long frames) => timecode.AddFrames(-frames);

    /// <summary>Adds a timecode read as a duration (same rate), wrapping past midnight.</summary>
    public static Timecode operator +(Timecode left, Timecode right) => left.Add(right);

    /// <summary>Subtracts a timecode read as a duration (same rate), wrapping before midnight.</summary>
    public static Timecode operator -(Timecode left, Timecode right) => left.Subtract(right);

    /// <summary>The next frame (wraps at midnight).</summary>
    public static Timecode operator ++(Timecode timecode) => timecode.AddFrames(1);

    /// <summary>The previous frame (wraps at midnight).</summary>
    public static Timecode operator --(Timecode timecode) => timecode.AddFrames(-1);

    /// <summary>Same frame and same rate.</summary>
    public static bool operator ==(Timecode left, Timecode right) => left.Equals(right);

    /// <summary>Different frame or different rate.</summary>
    public static bool operator !=(Timecode left, Timecode right) => !left.Equals(right);

    /// <summary>Earlier in the day (same rate only).</summary>
    /// <exception cref="ArgumentException">The rates differ.</exception>
    public static bool operator <(Timecode left, Timecode right) => left.CompareTo(right) < 0;

    /// <summary>Later in the day (same rate only).</summary>
    /// <exception cref="ArgumentException">The rates differ.</exception>
    public static bool operator >(Timecode left, Timecode right) => left.CompareTo(right) > 0;

    /// <summary>Earlier or equal (same rate only).</summary>
    /// <exception cref="ArgumentException">The rates differ.</exception>
    public static bool operator <=(Timecode left, Timecode right) => left.CompareTo(right) <= 0;

    /// <summary>Later or equal (same rate only).</summary>
    /// <exception cref="ArgumentException">The rates differ.</exception>
    public static bool operator >=(Timecode left, Timecode right) => left.CompareTo(right) >= 0;

    /// <summary>The timecode of a frame count since midnight; counts outside one day wrap (−1 is the last frame of the day).</summary>
    public static Timecode FromFrames(long framesSinceMidnight, FrameRate rate)
    {
        rate.ThrowIfInvalid(nameof(rate));
        return new Timecode(rate, WrapToDay(framesSinceMidnight, rate.FramesPerDay));
    }

    /// <summary>
    /// The timecode of the frame during which a sample falls: frame = floor(samples × rateNumerator /
    /// (rateDenominator × sampleRate)), wrapped to one day. This is how recorders and sound-report tools turn the
    /// bext TimeReference into a start timecode (at 23.976 one labelled second lasts 1.001 real seconds).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The sample rate is not positive.</exception>
    public static Timecode FromSamples(long samplesSinceMidnight, int sampleRate, FrameRate rate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        rate.ThrowIfInvalid(nameof(rate));
        var frames = RationalMath.FloorDivide((Int128)samplesSinceMidnight * rate.Numerator, (Int128)rate.Denominator * sampleRate);
        return new Timecode(rate, (int)RationalMath.Wrap(frames, rate.FramesPerDay));
    }

    /// <summary>The timecode of the frame during which a time since midnight falls (floor), wrapped to one day.</summary>
    public static Timecode FromRationalTime(RationalTime timeSinceMidnight, FrameRate rate)
    {
        rate.ThrowIfInvalid(nameof(rate));
        return FromFrames(timeSinceMidnight.ToFrames(rate), rate);
    }

    /// <summary>
    /// Parses "HH:MM:SS:FF" (non-drop) or "HH:MM:SS;FF" (drop-frame; ';', '.', ',' or ':' accepted since the rate
    /// says drop-frame). Labels drop-frame skips, such as 00:01:00;00 at 29.97 DF, are rejected.
    /// </summary>
    /// <exception cref="PercheFormatException">The text is not a label at this rate.</exception>
    public static Timecode Parse(string text, FrameRate rate)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.AsSpan(), rate);
    }

    /// <summary>Parses a label (see <see cref="Parse(string, FrameRate)"/>).</summary>
    /// <exception cref="PercheFormatException">The text is not a label at this rate.</exception>
    public static Timecode Parse(ReadOnlySpan<char> text, FrameRate rate)
    {
        rate.ThrowIfInvalid(nameof(rate));
        var problem = TimecodeParser.TryParse(text, rate, out var timecode);
        return problem is null ? timecode : throw PercheFormatException.ForInput("timecode", problem);
    }

    /// <summary>Parses a label (see <see cref="Parse(string, FrameRate)"/>); false when it is not a label at this rate.</summary>
    public static bool TryParse(string? text, FrameRate rate, out Timecode timecode)
    {
        rate.ThrowIfInvalid(nameof(rate));
        if (text is null)
        {
            timecode = default;
            return false;
        }

        return TimecodeParser.TryParse(text, rate, out timecode) is null;
    }

    /// <summary>Parses a label (see <see cref="Parse(string, FrameRate)"/>); false when it is not a label at this rate.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, FrameRate rate, out Timecode timecode)
    {
        rate.ThrowIfInvalid(nameof(rate));
        return TimecodeParser.TryParse(text, rate, out timecode) is null;
    }

    /// <summary>Creates a timecode from label fields; false when the label does not exist at this rate.</summary>
    public static bool TryFromLabel(int hours, int minutes, int seconds, int frames, FrameRate rate, out Timecode timecode)
    {
        rate.ThrowIfInvalid(nameof(rate));
        if (TimecodeLabel.Validate(hours, minutes, seconds, frames, rate) is not null)
        {
            timecode = default;
            return false;
        }

        timecode = new Timecode(rate, TimecodeLabel.ToFrames(hours, minutes, seconds, frames, rate));
        return true;
    }

    /// <summary>The label fields at once (one computation instead of four).</summary>
    public void Deconstruct(out int hours, out int minutes, out int seconds, out int frames)
        => TimecodeLabel.FromFrames(this.totalFrames, this.rate, out hours, out minutes, out seconds, out frames);

    /// <summary>Adds (or with a negative count subtracts) frames, wrapping across midnight.</summary>
    public Timecode AddFrames(long frames)
    {
        this.rate.ThrowIfInvalid("this");
        var framesPerDay = this.rate.FramesPerDay;

        // Reducing the offset first keeps the sum inside long for any offset, without 128-bit arithmetic.
        return new Timecode(this.rate, WrapToDay(this.totalFrames + (frames % framesPerDay), framesPerDay));
    }

    /// <summary>Adds a timecode read as a duration (its frame count), wrapping across midnight.</summary>
    /// <exception cref="ArgumentException">The rates differ.</exception>
    public Timecode Add(Timecode duration)
    {
        this.ThrowIfOtherRate(duration);
        return this.AddFrames(duration.totalFrames);
    }

    /// <summary>Subtracts a timecode read as a duration (its frame count), wrapping across midnight.</summary>
    /// <exception cref="ArgumentException">The rates differ.</exception>
    public Timecode Subtract(Timecode duration)
    {
        this.ThrowIfOtherRate(duration);
        return this.AddFrames(-duration.totalFrames);
    }

    /// <summary>This minus <paramref name="other"/> in frames, signed, within one day (no wrap).</summary>
    /// <exception cref="ArgumentException">The rates differ.</exception>
    public int DifferenceInFrames(Timecode other)
    {
        this.ThrowIfOtherRate(other);
        return this.totalFrames - other.totalFrames;
    }

    /// <summary>
    /// Frames from this timecode forward to <paramref name="later"/>, crossing midnight if needed, in
    /// [0, FramesPerDay): the length of a take that starts at 23:59:50:00 and ends at 00:00:10:00 is 20 seconds.
    /// </summary>
    /// <exception cref="ArgumentException">The rates differ.</exception>
    public int ForwardFramesTo(Timecode later)
    {
        this.ThrowIfOtherRate(later);
        return WrapToDay(later.totalFrames - this.totalFrames, this.rate.FramesPerDay);
    }

    /// <summary>
    /// The sample during which this frame starts: floor(TotalFrames × rateDenominator × sampleRate / rateNumerator).
    /// Where a frame starts between two samples (23.976 at 44.1 kHz) this is the earlier sample, which
    /// <see cref="FromSamples"/> maps to the previous frame; use the overload with
    /// <see cref="MidpointRounding.ToPositiveInfinity"/> for the first sample inside the frame.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The sample rate is not positive.</exception>
    public long ToSamples(int sampleRate) => this.ToSamples(sampleRate, MidpointRounding.ToNegativeInfinity);

    /// <summary>The sample position of the start of this frame, with an explicit rounding rule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The sample rate is not positive.</exception>
    public long ToSamples(int sampleRate, MidpointRounding rounding)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        this.rate.ThrowIfInvalid("this");
        return (long)RationalMath.Divide((Int128)this.totalFrames * this.rate.Denominator * sampleRate, this.rate.Numerator, rounding);
    }

    /// <summary>The exact time since midnight: TotalFrames at the frame rate.</summary>
    public RationalTime ToRationalTime() => RationalTime.FromFrames(this.totalFrames, this.rate);

    /// <summary>Same frame and same rate (including the drop-frame flag).</summary>
    public bool Equals(Timecode other) => this.totalFrames == other.totalFrames && this.rate == other.rate;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Timecode other && this.Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(this.totalFrames, this.rate);

    /// <summary>Orders by frame within the day.</summary>
    /// <exception cref="ArgumentException">The rates differ: labels at different rates do not order meaningfully.</exception>
    public int CompareTo(Timecode other)
    {
        this.ThrowIfOtherRate(other);
        return this.totalFrames.CompareTo(other.totalFrames);
    }

    /// <summary>"HH:MM:SS:FF", or "HH:MM:SS;FF" at drop-frame rates.</summary>
    public override string ToString()
    {
        if (!this.rate.IsValid)
        {
            return "(no timecode)";
        }

        Span<char> buffer = stackalloc char[12];
        this.TryFormat(buffer, out var written);
        return new string(buffer[..written]);
    }

    /// <summary>Writes the label without allocating; false when <paramref name="destination"/> is too short (11 or 12 chars).</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        var frameDigits = this.rate.TimecodeBase > 100 ? 3 : 2;
        var length = 9 + frameDigits;
        if (destination.Length < length)
        {
            charsWritten = 0;
            return false;
        }

        this.Deconstruct(out var hours, out var minutes, out var seconds, out var frames);
        WriteTwoDigits(destination, hours);
        destination[2] = ':';
        WriteTwoDigits(destination[3..], minutes);
        destination[5] = ':';
        WriteTwoDigits(destination[6..], seconds);
        destination[8] = this.rate.IsDropFrame ? ';' : ':';
        if (frameDigits == 3)
        {
            destination[9] = (char)('0' + (frames / 100));
            WriteTwoDigits(destination[10..], frames % 100);
        }
        else
        {
            WriteTwoDigits(destination[9..], frames);
        }

        charsWritten = length;
        return true;
    }

    private static int WrapToDay(long frames, int framesPerDay)
    {
        var wrapped = (int)(frames % framesPerDay);
        return wrapped < 0 ? wrapped + framesPerDay : wrapped;
    }

    private static void WriteTwoDigits(Span<char> destination, int value)
    {
        destination[0] = (char)('0' + (value / 10));
        destination[1] = (char)('0' + (value % 10));
    }

    private void ThrowIfOtherRate(Timecode other)
    {
        if (this.rate != other.rate)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"timecodes at {this.rate} and {other.rate} cannot be combined or ordered: convert one to the other's rate first"),
                nameof(other));
        }
    }
}
