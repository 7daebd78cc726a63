namespace Perche.Core.Dsp;

/// <summary>
/// The Kaiser window, shared by the FIR designs (true-peak interpolator, resampler, Leq(M) weighting filter):
/// one parameter, <c>beta</c>, trades main-lobe width for side-lobe level.
/// </summary>
public static class KaiserWindow
{
    /// <summary>The window at <paramref name="r"/> in [-1, 1] (0 at the centre), normalised to 1 there.</summary>
    public static double At(double r, double beta) =>
        BesselI0(beta * Math.Sqrt(Math.Max(0, 1 - (r * r)))) / BesselI0(beta);

    /// <summary>
    /// The modified Bessel function of the first kind, order 0, by its power series: every term is positive, so
    /// it stops once a term no longer changes the sum (a few dozen terms for the betas a window uses).
    /// </summary>
    public static double BesselI0(double x)
    {
        var sum = 1.0;
        var term = 1.0;
        for (var k = 1; k < 200; k++)
        {
            var factor = x / (2 * k);
            term *= factor * factor;
            sum += term;
            if (term < sum * 1e-17)
            {
                break;
            }
        }

        return sum;
    }
}
