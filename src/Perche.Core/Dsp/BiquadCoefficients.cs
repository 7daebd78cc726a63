using System.Numerics;

namespace Perche.Core.Dsp;

/// <summary>
/// The coefficients of a second-order IIR section normalised so that a0 = 1:
/// H(z) = (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2).
/// </summary>
public readonly struct BiquadCoefficients : IEquatable<BiquadCoefficients>
{
    /// <summary>Creates a section from its normalised coefficients (a0 = 1).</summary>
    public BiquadCoefficients(double b0, double b1, double b2, double a1, double a2)
    {
        this.B0 = b0;
        this.B1 = b1;
        this.B2 = b2;
        this.A1 = a1;
        this.A2 = a2;
    }

    /// <summary>Feed-forward coefficient of x[n].</summary>
    public double B0 { get; }

    /// <summary>Feed-forward coefficient of x[n-1].</summary>
    public double B1 { get; }

    /// <summary>Feed-forward coefficient of x[n-2].</summary>
    public double B2 { get; }

    /// <summary>Feedback coefficient of y[n-1] (with the sign of the denominator, a0 = 1).</summary>
    public double A1 { get; }

    /// <summary>Feedback coefficient of y[n-2] (with the sign of the denominator, a0 = 1).</summary>
    public double A2 { get; }

    /// <summary>
    /// Digitises the analogue section H(s) = (n0 + n1 s/w + n2 (s/w)^2) / (d0 + d1 s/w + d2 (s/w)^2) with the
    /// bilinear transform pre-warped so that the analogue corner <paramref name="cornerHz"/> lands exactly on the
    /// same digital frequency at <paramref name="sampleRateHz"/>.
    /// </summary>
    /// <remarks>
    /// With K = tan(pi f0 / fs), s/w maps to (1/K)(1 - z^-1)/(1 + z^-1); multiplying through by K^2 (1 + z^-1)^2 gives
    /// the polynomial in z^-1 below. Every K-weighting stage, shelf or high-pass, is an instance of this one form.
    /// </remarks>
    /// <param name="numerator">(n0, n1, n2): constant, first- and second-order numerator terms of the prototype.</param>
    /// <param name="denominator">(d0, d1, d2): constant, first- and second-order denominator terms of the prototype.</param>
    /// <param name="cornerHz">Pre-warping frequency of the prototype.</param>
    /// <param name="sampleRateHz">Target sample rate; must exceed twice <paramref name="cornerHz"/>.</param>
    public static BiquadCoefficients FromAnalogPrototype(
        (double N0, double N1, double N2) numerator,
        (double D0, double D1, double D2) denominator,
        double cornerHz,
        double sampleRateHz)
    {
        if (!(sampleRateHz > 2 * cornerHz) || !(cornerHz > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, "the sample rate must exceed twice the corner frequency");
        }

        var k = Math.Tan(Math.PI * cornerHz / sampleRateHz);
        var k2 = k * k;

        // s/w -> (1/K)(1 - z^-1)/(1 + z^-1). Coefficients of 1, z^-1, z^-2 after multiplying by K^2 (1 + z^-1)^2.
        var b0 = (numerator.N0 * k2) + (numerator.N1 * k) + numerator.N2;
        var b1 = 2 * ((numerator.N0 * k2) - numerator.N2);
        var b2 = (numerator.N0 * k2) - (numerator.N1 * k) + numerator.N2;
        var a0 = (denominator.D0 * k2) + (denominator.D1 * k) + denominator.D2;
        var a1 = 2 * ((denominator.D0 * k2) - denominator.D2);
        var a2 = (denominator.D0 * k2) - (denominator.D1 * k) + denominator.D2;
        return new BiquadCoefficients(b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0);
    }

    /// <summary>The complex response at <paramref name="frequencyHz"/> for a section running at <paramref name="sampleRateHz"/>.</summary>
    public Complex Response(double frequencyHz, double sampleRateHz)
    {
        var z1 = Complex.FromPolarCoordinates(1, -2 * Math.PI * frequencyHz / sampleRateHz);
        var z2 = z1 * z1;
        return (this.B0 + (this.B1 * z1) + (this.B2 * z2)) / (1 + (this.A1 * z1) + (this.A2 * z2));
    }

    /// <summary>The gain in dB at <paramref name="frequencyHz"/> for a section running at <paramref name="sampleRateHz"/>.</summary>
    public double GainDb(double frequencyHz, double sampleRateHz) => 20 * Math.Log10(this.Response(frequencyHz, sampleRateHz).Magnitude);

    /// <inheritdoc/>
    public bool Equals(BiquadCoefficients other) =>
        this.B0 == other.B0 && this.B1 == other.B1 && this.B2 == other.B2 && this.A1 == other.A1 && this.A2 == other.A2;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BiquadCoefficients other && this.Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(this.B0, this.B1, this.B2, this.A1, this.A2);

    /// <inheritdoc/>
    public override string ToString() => FormattableString.Invariant($"b = [{this.B0:R}, {this.B1:R}, {this.B2:R}], a = [1, {this.A1:R}, {this.A2:R}]");

    /// <summary>Exact coefficient equality.</summary>
    public static bool operator ==(BiquadCoefficients left, BiquadCoefficients right) => left.Equals(right);

    /// <summary>Exact coefficient inequality.</summary>
    public static bool operator !=(BiquadCoefficients left, BiquadCoefficients right) => !left.Equals(right);
}
