namespace Perche.Core.Dsp.Loudness;

/// <summary>One reading of the loudness series: momentary and short-term loudness at a time.</summary>
public readonly struct LoudnessPoint : IEquatable<LoudnessPoint>
{
    /// <summary>Creates a reading.</summary>
    public LoudnessPoint(double timeSeconds, double momentaryLufs, double shortTermLufs)
    {
        this.TimeSeconds = timeSeconds;
        this.MomentaryLufs = momentaryLufs;
        this.ShortTermLufs = shortTermLufs;
    }

    /// <summary>End of both windows, in seconds from the first frame fed to the meter.</summary>
    public double TimeSeconds { get; }

    /// <summary>Loudness of the 400 ms ending at <see cref="TimeSeconds"/> (audio before the start counts as silence).</summary>
    public double MomentaryLufs { get; }

    /// <summary>Loudness of the 3 s ending at <see cref="TimeSeconds"/> (audio before the start counts as silence).</summary>
    public double ShortTermLufs { get; }

    /// <inheritdoc/>
    public bool Equals(LoudnessPoint other) =>
        this.TimeSeconds.Equals(other.TimeSeconds) && this.MomentaryLufs.Equals(other.MomentaryLufs) && this.ShortTermLufs.Equals(other.ShortTermLufs);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is LoudnessPoint other && this.Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(this.TimeSeconds, this.MomentaryLufs, this.ShortTermLufs);

    /// <inheritdoc/>
    public override string ToString() => FormattableString.Invariant($"{this.TimeSeconds:0.00} s: M {this.MomentaryLufs:0.0} LUFS, S {this.ShortTermLufs:0.0} LUFS");

    /// <summary>Value equality.</summary>
    public static bool operator ==(LoudnessPoint left, LoudnessPoint right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(LoudnessPoint left, LoudnessPoint right) => !left.Equals(right);
}
