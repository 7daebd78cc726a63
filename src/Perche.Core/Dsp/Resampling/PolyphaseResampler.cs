using System.Runtime.CompilerServices;

namespace Perche.Core.Dsp.Resampling;

/// <summary>
/// Sample-rate conversion by a rational factor L/M (44.1 kHz to 48 kHz is 160/147) with a polyphase
/// Kaiser-windowed sinc: linear phase, delay compensated (output frame 0 is input frame 0), same duration.
/// </summary>
/// <remarks>
/// <para>
/// Design (the figures a delivery report states): passband edge <see cref="PassbandEdgeRatio"/> x the lower of
/// the two rates (20.0 kHz at 44.1 kHz, 21.8 kHz at 48 kHz), stop band from half the lower rate, Kaiser beta for
/// <see cref="DesignStopbandDb"/> dB. Measured on the prototype (see the tests): passband ripple within
/// +-0.001 dB and stop-band attenuation at least 120 dB, so aliasing and imaging lie below 24-bit quantisation.
/// </para>
/// <para>
/// Cost: about 180 multiply-adds per output sample and channel; the filter is computed once per rate pair.
/// </para>
/// </remarks>
public sealed class PolyphaseResampler
{
    /// <summary>Passband edge as a fraction of the lower sample rate.</summary>
    public const double PassbandEdgeRatio = 0.4535;

    /// <summary>Stop-band attenuation the Kaiser window is designed for, in dB.</summary>
    public const double DesignStopbandDb = 130.0;

    private readonly int channels;
    private readonly int up;
    private readonly int down;
    private readonly int tapsPerPhase;
    private readonly float[] phases; // [phase][tap], tap j multiplies x[base - j]
    private readonly float[] buffer; // interleaved input: tapsPerPhase history frames + one block
    private int bufferedFrames;
    private long phaseAccumulator; // position of the next output, in units of 1/up input samples, relative to buffer start
    private long framesIn;
    private long framesOut;
    private readonly int blockFrames;

    /// <summary>Prepares the conversion of <paramref name="channels"/>-channel audio.</summary>
    public PolyphaseResampler(int channels, int inputRateHz, int outputRateHz, int blockFrames = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputRateHz, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputRateHz, 1000);
        this.channels = channels;
        this.InputRateHz = inputRateHz;
        this.OutputRateHz = outputRateHz;
        var g = Gcd(inputRateHz, outputRateHz);
        this.up = outputRateHz / g;
        this.down = inputRateHz / g;
        if (this.up > 4096 || this.down > 4096)
        {
            throw new ArgumentException($"{inputRateHz} Hz to {outputRateHz} Hz is not a small rational ratio ({this.up}/{this.down})");
        }

        var lower = Math.Min(inputRateHz, outputRateHz);
        this.PassbandEdgeHz = PassbandEdgeRatio * lower;
        this.StopbandEdgeHz = 0.5 * lower;

        // Prototype at rate up x input: cutoff midway in the transition band.
        var protoRate = (double)this.up * inputRateHz;
        var transition = (this.StopbandEdgeHz - this.PassbandEdgeHz) / protoRate;
        var cutoff = (this.PassbandEdgeHz + this.StopbandEdgeHz) / 2 / protoRate;
        var beta = 0.1102 * (DesignStopbandDb - 8.7);
        var length = (int)Math.Ceiling((DesignStopbandDb - 7.95) / (2.285 * 2 * Math.PI * transition)) + 1;
        this.tapsPerPhase = (length + this.up - 1) / this.up;
        if ((this.tapsPerPhase & 1) == 1)
        {
            this.tapsPerPhase++;
        }

        length = this.tapsPerPhase * this.up;
        this.Prototype = new double[length];
        // An odd number of non-zero taps (the last slot stays zero) puts the centre on a prototype sample, so the
        // delay is a whole number of prototype samples and can be compensated exactly.
        var centre = (length - 2) / 2;
        for (var i = 0; i < length - 1; i++)
        {
            double t = i - centre;
            var sinc = t == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
            var r = t / centre;
            var window = KaiserWindow.At(r, beta);
            this.Prototype[i] = sinc * window * this.up;
        }

        this.phases = new float[this.up * this.tapsPerPhase];
        for (var p = 0; p < this.up; p++)
        {
            for (var j = 0; j < this.tapsPerPhase; j++)
            {
                this.phases[(p * this.tapsPerPhase) + j] = (float)this.Prototype[p + (j * this.up)];
            }
        }

        this.blockFrames = blockFrames;
        this.buffer = new float[(this.tapsPerPhase + blockFrames) * channels];

        // The filter delays by centre prototype samples; start the output that much later and prime the history
        // with zeros so output 0 lines up with input 0.
        this.bufferedFrames = this.tapsPerPhase;
        this.phaseAccumulator = ((long)this.tapsPerPhase * this.up) + centre;
    }

    /// <summary>Input rate.</summary>
    public int InputRateHz { get; }

    /// <summary>Output rate.</summary>
    public int OutputRateHz { get; }

    /// <summary>Upper edge of the passband, in Hz.</summary>
    public double PassbandEdgeHz { get; }

    /// <summary>Lower edge of the stop band, in Hz.</summary>
    public double StopbandEdgeHz { get; }

    /// <summary>The prototype low-pass filter at up x input rate (gain up, so each phase has unity DC gain).</summary>
    public double[] Prototype { get; }

    /// <summary>Prototype sample rate.</summary>
    public double PrototypeRateHz => (double)this.up * this.InputRateHz;

    /// <summary>Taps per polyphase branch (multiply-adds per output sample and channel).</summary>
    public int TapsPerPhase => this.tapsPerPhase;

    /// <summary>Output frames for <paramref name="inputFrames"/> input frames: round(n x L / M).</summary>
    public long OutputFramesFor(long inputFrames) => ((inputFrames * this.up) + (this.down / 2)) / this.down;

    /// <summary>
    /// Converts interleaved frames; returns output frames written into <paramref name="output"/>, which must hold
    /// at least <see cref="MaxOutputFrames"/> frames for the input given.
    /// </summary>
    public int Process(ReadOnlySpan<float> input, Span<float> output)
    {
        var ch = this.channels;
        var written = 0;
        var offset = 0;
        var frames = input.Length / ch;
        while (offset < frames)
        {
            var take = Math.Min(frames - offset, this.blockFrames - (this.bufferedFrames - this.tapsPerPhase));
            input.Slice(offset * ch, take * ch).CopyTo(this.buffer.AsSpan(this.bufferedFrames * ch));
            this.bufferedFrames += take;
            offset += take;
            this.framesIn += take;
            written += this.Drain(output[(written * ch)..]);
        }

        return written;
    }

    /// <summary>The most output frames one <see cref="Process"/> call can produce for <paramref name="inputFrames"/>.</summary>
    public int MaxOutputFrames(int inputFrames) => (int)(((long)(inputFrames + this.blockFrames) * this.up / this.down) + 2);

    /// <summary>Feeds zeros to emit the remaining output frames (so that the total is <see cref="OutputFramesFor"/>).</summary>
    public int Flush(Span<float> output)
    {
        var target = this.OutputFramesFor(this.framesIn);
        var written = 0;
        var zeros = new float[Math.Min(this.blockFrames, this.tapsPerPhase + 16) * this.channels];
        while (this.framesOut < target)
        {
            var take = zeros.Length / this.channels;
            take = Math.Min(take, this.blockFrames - (this.bufferedFrames - this.tapsPerPhase));
            zeros.AsSpan(0, take * this.channels).CopyTo(this.buffer.AsSpan(this.bufferedFrames * this.channels));
            this.bufferedFrames += take;
            written += this.Drain(output[(written * this.channels)..], target);
        }

        return written;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Drain(Span<float> output, long limit = long.MaxValue)
    {
        var ch = this.channels;
        var taps = this.tapsPerPhase;
        var written = 0;
        while (this.framesOut < limit)
        {
            var baseIndex = this.phaseAccumulator / this.up; // newest input frame used
            if (baseIndex >= this.bufferedFrames)
            {
                break;
            }

            var phase = (int)(this.phaseAccumulator % this.up);
            var coefficients = this.phases.AsSpan(phase * taps, taps);
            var outFrame = output.Slice(written * ch, ch);
            for (var c = 0; c < ch; c++)
            {
                var acc = 0f;
                var idx = (int)(baseIndex * ch) + c;
                for (var j = 0; j < taps; j++)
                {
                    acc += coefficients[j] * this.buffer[idx - (j * ch)];
                }

                outFrame[c] = acc;
            }

            written++;
            this.framesOut++;
            this.phaseAccumulator += this.down;
        }

        // Keep the last taps frames as history for the next block.
        var consumedTo = this.bufferedFrames - taps;
        if (consumedTo > 0)
        {
            this.buffer.AsSpan(consumedTo * ch, taps * ch).CopyTo(this.buffer);
            this.bufferedFrames = taps;
            this.phaseAccumulator -= (long)consumedTo * this.up;
        }

        return written;
    }

    /// <summary>The prototype's gain at <paramref name="frequencyHz"/> in dB (relative to unity passband).</summary>
    public double PrototypeGainDb(double frequencyHz)
    {
        double re = 0, im = 0;
        var w = 2 * Math.PI * frequencyHz / this.PrototypeRateHz;
        for (var i = 0; i < this.Prototype.Length; i++)
        {
            re += this.Prototype[i] * Math.Cos(w * i);
            im -= this.Prototype[i] * Math.Sin(w * i);
        }

        return 20 * Math.Log10(Math.Sqrt((re * re) + (im * im)) / this.up);
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
