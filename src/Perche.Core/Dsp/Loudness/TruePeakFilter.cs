namespace Perche.Core.Dsp.Loudness;

/// <summary>
/// The interpolator of the true-peak meter (ITU-R BS.1770-5 Annex 2 allows any interpolator that meets the
/// accuracy of the EBU Tech 3341 cases): 4x oversampling by three Kaiser-windowed sinc phases of 16 taps at 1/4,
/// 1/2 and 3/4 of a sample period; the samples themselves are the fourth phase.
/// </summary>
/// <remarks>
/// <para>
/// Why not the Annex 2 example filter (<see cref="Annex2Taps"/>)? Its phases sit at uneven offsets (about 0.17,
/// 0.31, 0.69 and 0.83 of a period) and their gains differ by 0.25 dB, so at 48 kHz it reads a sine's true peak
/// anywhere from -0.29 to +0.22 dB off, even at low frequencies (Tech 3341 case 17, an 8 kHz sine, reads -6.3
/// instead of -6.0 dBTP). This filter costs the same number of multiply-adds per sample.
/// </para>
/// <para>
/// Measured at 48 kHz (each phase normalised to unity gain at DC): every phase is flat within +-0.002 dB up to
/// 16 kHz; above, the half-period phase rolls off (-1.2 dB at 20 kHz). Reading the true peak of 10 ms of a sine at
/// any phase (samples included), the error lies within -0.014/+0.001 dB up to 4 kHz, -0.064 dB up to 8 kHz,
/// -0.15 dB up to 12 kHz, -0.28 dB up to 16 kHz and -0.41 dB up to 20 kHz, never above +0.002 dB. The under-read
/// is essentially the spacing of a 4x grid (a 24-tap filter measures the same), and a meter never over-reads.
/// </para>
/// </remarks>
public static class TruePeakFilter
{
    /// <summary>Taps per interpolation phase.</summary>
    public const int TapsPerPhase = 16;

    /// <summary>Shape parameter of the Kaiser window.</summary>
    public const double KaiserBeta = 8.0;

    private static readonly double[] Annex2Phase0 =
    [
        0.0017089843750, 0.0109863281250, -0.0196533203125, 0.0332031250000, -0.0594482421875, 0.1373291015625,
        0.9721679687500, -0.1022949218750, 0.0476074218750, -0.0266113281250, 0.0148925781250, -0.0083007812500,
    ];

    private static readonly double[] Annex2Phase1 =
    [
        -0.0291748046875, 0.0292968750000, -0.0517578125000, 0.0891113281250, -0.1665039062500, 0.4650878906250,
        0.7797851562500, -0.2003173828125, 0.1015625000000, -0.0582275390625, 0.0330810546875, -0.0189208984375,
    ];

    /// <summary>
    /// The taps interpolating at <paramref name="fraction"/> (between 0 and 1, exclusive) of the period between
    /// x[n - 8] and x[n - 7], in the order they multiply x[n], x[n - 1], ... x[n - 15]; they sum to exactly 1.
    /// The taps for 1 - fraction are the same, reversed.
    /// </summary>
    public static double[] Taps(double fraction)
    {
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the fraction must lie strictly between 0 and 1");
        }

        const int half = TapsPerPhase / 2;
        var taps = new double[TapsPerPhase];
        var sum = 0.0;
        for (var j = 0; j < TapsPerPhase; j++)
        {
            // Distance in samples from x[n - j] to the interpolated instant, counted towards the past.
            var distance = j - (half - 1) - fraction;
            var sinc = Math.Sin(Math.PI * distance) / (Math.PI * distance);
            var r = distance / half;
            var window = KaiserWindow.At(r, KaiserBeta);
            taps[j] = sinc * window;
            sum += taps[j];
        }

        for (var j = 0; j < TapsPerPhase; j++)
        {
            taps[j] /= sum;
        }

        return taps;
    }

    /// <summary>
    /// The 48-tap example interpolator printed in BS.1770-5 Annex 2, phase 0 to 3 (12 taps each, multiplying x[n] ..
    /// x[n - 11]); kept for comparison, the meter uses <see cref="Taps"/>.
    /// </summary>
    public static double[] Annex2Taps(int phase)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(phase);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(phase, 3);
        var taps = (double[])(phase % 3 == 0 ? Annex2Phase0 : Annex2Phase1).Clone();
        if (phase >= 2)
        {
            Array.Reverse(taps);
        }

        return taps;
    }

    /// <summary>
    /// The oversampling factor used at <paramref name="sampleRateHz"/>, as BS.1770-5 asks: 4 below 96 kHz, 2 below
    /// 192 kHz (the half-period phase only), and 1 from 192 kHz up (the sample peak is the true peak).
    /// </summary>
    public static int OversamplingFor(int sampleRateHz) => sampleRateHz switch
    {
        < 96000 => 4,
        < 192000 => 2,
        _ => 1,
    };
}
