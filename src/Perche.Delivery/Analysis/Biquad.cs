namespace Perche.Delivery.Analysis;

/// <summary>A direct-form-II-transposed biquad with RBJ cookbook designs (for analysis filters only).</summary>
internal struct Biquad
{
    private double b0, b1, b2, a1, a2, z1, z2;

    public static Biquad HighPass(double frequencyHz, double q, double sampleRateHz) => Design(frequencyHz, q, sampleRateHz, highPass: true);

    public static Biquad LowPass(double frequencyHz, double q, double sampleRateHz) => Design(frequencyHz, q, sampleRateHz, highPass: false);

    public double Process(double x)
    {
        var y = (this.b0 * x) + this.z1;
        this.z1 = (this.b1 * x) - (this.a1 * y) + this.z2;
        this.z2 = (this.b2 * x) - (this.a2 * y);
        return y;
    }

    private static Biquad Design(double f, double q, double fs, bool highPass)
    {
        var w = 2 * Math.PI * f / fs;
        var alpha = Math.Sin(w) / (2 * q);
        var cos = Math.Cos(w);
        var a0 = 1 + alpha;
        var b1 = highPass ? -(1 + cos) : 1 - cos;
        var b0 = highPass ? (1 + cos) / 2 : (1 - cos) / 2;
        return new Biquad { b0 = b0 / a0, b1 = b1 / a0, b2 = b0 / a0, a1 = -2 * cos / a0, a2 = (1 - alpha) / a0 };
    }
}
