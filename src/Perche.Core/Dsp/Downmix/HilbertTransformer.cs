using System.Numerics;

namespace Perche.Core.Dsp.Downmix;

/// <summary>
/// A streaming 90-degree phase shifter: a linear-phase FIR Hilbert transformer (type III: odd length,
/// antisymmetric taps h[n] = 2 / (pi n) for odd n, 0 for even n, Kaiser-windowed), applied by FFT overlap-save.
/// An antisymmetric FIR has exactly -90 degrees of phase plus a pure delay of (taps - 1) / 2 samples at every
/// frequency, so against a signal delayed by <see cref="LatencyFrames"/> the shift is 90 degrees exactly; the
/// window only shapes the magnitude, which rolls off towards 0 Hz and Nyquist (the taps are about fs / 12 long, so
/// the magnitude is flat within 0.05 dB from 40 Hz to fs/2 - 40 Hz; see the tests).
/// Output count equals input count; the first <see cref="LatencyFrames"/> outputs are the filter filling.
/// </summary>
public sealed class HilbertTransformer
{
    private const double Beta = 8.0;

    private readonly Fft.Fft fft;
    private readonly Complex[] spectrum;
    private readonly Complex[] work;
    private readonly double[] history; // FftSize inputs: the last Taps - 1 and the Hop being gathered
    private readonly double[] ready;   // the last computed Hop outputs, handed out one per input
    private readonly int hop;
    private int position;

    /// <summary>Designs the transformer for <paramref name="sampleRateHz"/>.</summary>
    public HilbertTransformer(int sampleRateHz)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRateHz, 8000);

        // About fs / 12 taps keeps the low-frequency roll-off at the same place (in Hz) at every rate.
        this.Taps = (2 * (sampleRateHz / 24)) + 1;
        var fftSize = 1;
        while (fftSize < 2 * this.Taps)
        {
            fftSize <<= 1;
        }

        this.fft = new Fft.Fft(fftSize);
        this.hop = fftSize - (this.Taps - 1);
        this.spectrum = new Complex[fftSize];
        this.work = new Complex[fftSize];
        this.history = new double[fftSize];
        this.ready = new double[this.hop];

        var half = (this.Taps - 1) / 2;
        for (var n = -half; n <= half; n++)
        {
            if ((n & 1) != 0)
            {
                this.spectrum[n + half] = 2.0 / (Math.PI * n) * KaiserWindow.At(n / (double)half, Beta);
            }
        }

        this.fft.Forward(this.spectrum);
    }

    /// <summary>The FIR length in taps (odd).</summary>
    public int Taps { get; }

    /// <summary>
    /// The delay from an input to its shifted output, in samples: the filter's own (taps - 1) / 2 plus the hop of
    /// samples overlap-save gathers before each transform. Delay the unshifted signals by this much.
    /// </summary>
    public int LatencyFrames => ((this.Taps - 1) / 2) + this.hop;

    /// <summary>The magnitude response in dB at <paramref name="frequencyHz"/> (the design, for reports and tests).</summary>
    public static double MagnitudeDb(int sampleRateHz, double frequencyHz)
    {
        var taps = (2 * (sampleRateHz / 24)) + 1;
        var half = (taps - 1) / 2;
        var w = 2 * Math.PI * frequencyHz / sampleRateHz;
        double sum = 0;
        for (var n = 1; n <= half; n += 2)
        {
            // Antisymmetric pairs: h[n] e^-jwn + h[-n] e^jwn = -2j h[n] sin(wn).
            sum += 2 * (2.0 / (Math.PI * n) * KaiserWindow.At(n / (double)half, Beta)) * Math.Sin(w * n);
        }

        return 20 * Math.Log10(Math.Abs(sum));
    }

    /// <summary>Shifts <paramref name="input"/> into <paramref name="output"/> (same length), delayed by <see cref="LatencyFrames"/>.</summary>
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        var overlap = this.Taps - 1;
        for (var i = 0; i < input.Length; i++)
        {
            this.history[overlap + this.position] = input[i];
            output[i] = (float)this.ready[this.position];
            if (++this.position == this.hop)
            {
                this.Transform();
                this.position = 0;
            }
        }
    }

    // Overlap-save: the FftSize inputs (Taps - 1 old, Hop new) times the filter spectrum; the last Hop outputs of the
    // circular convolution are the valid linear ones.
    private void Transform()
    {
        var size = this.work.Length;
        for (var i = 0; i < size; i++)
        {
            this.work[i] = new Complex(this.history[i], 0);
        }

        this.fft.Forward(this.work);
        for (var i = 0; i < size; i++)
        {
            this.work[i] *= this.spectrum[i];
        }

        this.fft.Inverse(this.work);
        var overlap = this.Taps - 1;
        for (var i = 0; i < this.hop; i++)
        {
            this.ready[i] = this.work[overlap + i].Real;
        }

        Array.Copy(this.history, this.hop, this.history, 0, overlap);
    }
}
