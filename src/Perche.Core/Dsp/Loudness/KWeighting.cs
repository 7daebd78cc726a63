namespace Perche.Core.Dsp.Loudness;

/// <summary>
/// The K-weighting of ITU-R BS.1770-5 Annex 1 (a high-frequency shelf followed by the RLB high-pass), derived for
/// any sample rate from the analogue prototype with a pre-warped bilinear transform.
/// </summary>
/// <remarks>
/// BS.1770 tabulates the coefficients for 48 kHz only. The prototype constants below (corner, gain, Q and the
/// shelf's mid-band exponent) are the ones published by Mansbridge, Finn and Reiss (AES 132nd Convention, paper
/// 8588) and used by libebur128; at 48 kHz they reproduce the normative table to about 1e-14.
/// </remarks>
public static class KWeighting
{
    /// <summary>Corner frequency of the high-frequency shelf (stage 1).</summary>
    public const double ShelfCornerHz = 1681.974450955533;

    /// <summary>High-frequency gain of the shelf (stage 1).</summary>
    public const double ShelfGainDb = 3.999843853973347;

    /// <summary>Quality factor of the shelf (stage 1).</summary>
    public const double ShelfQ = 0.7071752369554196;

    /// <summary>Exponent giving the shelf's mid-band numerator term, Vb = Vh^exponent.</summary>
    public const double ShelfMidBandExponent = 0.4996667741545416;

    /// <summary>Corner frequency of the RLB high-pass (stage 2).</summary>
    public const double HighPassCornerHz = 38.13547087602444;

    /// <summary>Quality factor of the RLB high-pass (stage 2).</summary>
    public const double HighPassQ = 0.5003270373238773;

    /// <summary>Lowest sample rate accepted: the shelf corner must stay well below Nyquist.</summary>
    public const int MinSampleRateHz = 8000;

    /// <summary>Stage 1, the high-frequency shelf modelling the acoustic effect of the head, at <paramref name="sampleRateHz"/>.</summary>
    public static BiquadCoefficients Shelf(double sampleRateHz)
    {
        CheckRate(sampleRateHz);
        var highGain = Math.Pow(10, ShelfGainDb / 20);
        var midGain = Math.Pow(highGain, ShelfMidBandExponent);
        return BiquadCoefficients.FromAnalogPrototype(
            (1.0, midGain / ShelfQ, highGain),
            (1.0, 1.0 / ShelfQ, 1.0),
            ShelfCornerHz,
            sampleRateHz);
    }

    /// <summary>Stage 2, the revised low-frequency B-curve (RLB) high-pass, at <paramref name="sampleRateHz"/>.</summary>
    public static BiquadCoefficients HighPass(double sampleRateHz)
    {
        CheckRate(sampleRateHz);
        var normalised = BiquadCoefficients.FromAnalogPrototype(
            (0.0, 0.0, 1.0),
            (1.0, 1.0 / HighPassQ, 1.0),
            HighPassCornerHz,
            sampleRateHz);

        // BS.1770 keeps the numerator at exactly [1, -2, 1] instead of dividing it by a0; the resulting +0.04 dB
        // of high-frequency gain is part of the standard's -0.691 dB calibration, so it is kept as published.
        return new BiquadCoefficients(1.0, -2.0, 1.0, normalised.A1, normalised.A2);
    }

    /// <summary>The shelf and high-pass of <paramref name="design"/> at <paramref name="sampleRateHz"/>.</summary>
    public static (BiquadCoefficients Shelf, BiquadCoefficients HighPass) Stages(double sampleRateHz, KWeightingDesign design) => design switch
    {
        KWeightingDesign.Bs1770 => (Shelf(sampleRateHz), HighPass(sampleRateHz)),
        KWeightingDesign.RbjCookbook => CookbookStages(sampleRateHz),
        _ => throw new ArgumentOutOfRangeException(nameof(design)),
    };

    /// <summary>The gain of the whole K-weighting (both stages) at <paramref name="frequencyHz"/>, in dB.</summary>
    public static double GainDb(double frequencyHz, double sampleRateHz)
    {
        var response = Shelf(sampleRateHz).Response(frequencyHz, sampleRateHz) * HighPass(sampleRateHz).Response(frequencyHz, sampleRateHz);
        return 20 * Math.Log10(response.Magnitude);
    }

    private static (BiquadCoefficients Shelf, BiquadCoefficients HighPass) CookbookStages(double sampleRateHz)
    {
        // R. Bristow-Johnson's cookbook formulas, with the parameters pyloudnorm publishes.
        CheckRate(sampleRateHz);
        const double shelfGainDb = 4.0;
        const double shelfHz = 1500.0;
        const double highPassHz = 38.0;
        var q = 1 / Math.Sqrt(2);
        var a = Math.Pow(10, shelfGainDb / 40);
        var w0 = 2 * Math.PI * shelfHz / sampleRateHz;
        var alpha = Math.Sin(w0) / (2 * q);
        var cos = Math.Cos(w0);
        var sq = 2 * Math.Sqrt(a) * alpha;
        var a0 = (a + 1) - ((a - 1) * cos) + sq;
        var shelf = new BiquadCoefficients(
            a * ((a + 1) + ((a - 1) * cos) + sq) / a0,
            -2 * a * ((a - 1) + ((a + 1) * cos)) / a0,
            a * ((a + 1) + ((a - 1) * cos) - sq) / a0,
            2 * ((a - 1) - ((a + 1) * cos)) / a0,
            ((a + 1) - ((a - 1) * cos) - sq) / a0);

        w0 = 2 * Math.PI * highPassHz / sampleRateHz;
        alpha = Math.Sin(w0) / (2 * 0.5);
        cos = Math.Cos(w0);
        a0 = 1 + alpha;

        // The cookbook high-pass numerator is g·[1, -2, 1]; the filter bank keeps [1, -2, 1] exactly (it saves a
        // multiply), so the gain g moves to the shelf's numerator: the cascade is linear, the output the same.
        var g = (1 + cos) / 2 / a0;
        var highPass = new BiquadCoefficients(1.0, -2.0, 1.0, -2 * cos / a0, (1 - alpha) / a0);
        return (new BiquadCoefficients(shelf.B0 * g, shelf.B1 * g, shelf.B2 * g, shelf.A1, shelf.A2), highPass);
    }

    private static void CheckRate(double sampleRateHz)
    {
        if (!(sampleRateHz >= MinSampleRateHz) || double.IsInfinity(sampleRateHz))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, $"K-weighting needs a sample rate of at least {MinSampleRateHz} Hz");
        }
    }
}
