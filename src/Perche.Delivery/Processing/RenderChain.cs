using System.Numerics;
using System.Runtime.InteropServices;
using Perche.Core.Dsp.Dither;
using Perche.Core.Dsp.Dynamics;
using Perche.Core.Dsp.Resampling;

namespace Perche.Delivery.Processing;

/// <summary>
/// The signal path of a delivery: resample (when the rate changes), linear gain, true-peak limiter (only when
/// asked), TPDF dither (integer outputs). Keeps the frame count (each stage's delay is compensated) and
/// allocates only when a block larger than any before arrives.
/// </summary>
internal sealed class RenderChain
{
    private readonly int channels;
    private readonly PolyphaseResampler? resampler;
    private readonly float gain;
    private readonly TruePeakLimiter? limiter;
    private readonly TpdfDither? dither;
    private float[] resampled = [];
    private float[] work = [];
    private float[] limited = [];
    private long limiterSkip;

    public RenderChain(int channels, int inputRateHz, int outputRateHz, double gainDb, double? limiterCeilingDbtp, int? ditherBits)
    {
        this.channels = channels;
        if (inputRateHz != outputRateHz)
        {
            this.resampler = new PolyphaseResampler(channels, inputRateHz, outputRateHz);
        }

        this.gain = (float)Math.Pow(10, gainDb / 20);
        if (limiterCeilingDbtp is { } ceiling)
        {
            this.limiter = new TruePeakLimiter(channels, outputRateHz, ceiling);
            this.limiterSkip = this.limiter.LatencyFrames;
        }

        if (ditherBits is { } bits)
        {
            this.dither = new TpdfDither(bits);
        }
    }

    public PolyphaseResampler? Resampler => this.resampler;

    public TruePeakLimiter? Limiter => this.limiter;

    public TpdfDither? Dither => this.dither;

    public void Push(ReadOnlySpan<float> input, Action<ReadOnlySpan<float>> sink)
    {
        if (this.resampler is { } r)
        {
            Ensure(ref this.resampled, r.MaxOutputFrames(input.Length / this.channels) * this.channels);
            var n = r.Process(input, this.resampled);
            this.Continue(this.resampled.AsSpan(0, n * this.channels), sink);
        }
        else
        {
            this.Continue(input, sink);
        }
    }

    public void Finish(Action<ReadOnlySpan<float>> sink)
    {
        if (this.resampler is { } r)
        {
            Ensure(ref this.resampled, r.MaxOutputFrames(r.TapsPerPhase * 4) * this.channels);
            var n = r.Flush(this.resampled);
            this.Continue(this.resampled.AsSpan(0, n * this.channels), sink);
        }

        if (this.limiter is { } l)
        {
            Ensure(ref this.limited, l.LatencyFrames * this.channels);
            var n = l.Flush(this.limited);
            this.Emit(this.limited.AsSpan(0, n * this.channels), sink);
        }
    }

    private void Continue(ReadOnlySpan<float> x, Action<ReadOnlySpan<float>> sink)
    {
        if (x.IsEmpty)
        {
            return;
        }

        Ensure(ref this.work, x.Length);
        var w = this.work.AsSpan(0, x.Length);
        Scale(x, w, this.gain);
        if (this.limiter is { } l)
        {
            Ensure(ref this.limited, x.Length);
            var y = this.limited.AsSpan(0, x.Length);
            l.Process(w, y);
            this.Emit(y, sink);
        }
        else
        {
            this.Emit(w, sink);
        }
    }

    // Drops the limiter's priming frames (its delay), dithers, hands over.
    private void Emit(Span<float> y, Action<ReadOnlySpan<float>> sink)
    {
        if (this.limiterSkip > 0)
        {
            var skipSamples = (int)Math.Min(this.limiterSkip * this.channels, y.Length);
            this.limiterSkip -= skipSamples / this.channels;
            y = y[skipSamples..];
        }

        if (y.IsEmpty)
        {
            return;
        }

        this.dither?.Apply(y);
        sink(y);
    }

    private static void Scale(ReadOnlySpan<float> x, Span<float> y, float g)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<float>.Count)
        {
            var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
            var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
            var vg = new Vector<float>(g);
            for (var k = 0; k < vx.Length; k++)
            {
                vy[k] = vx[k] * vg;
            }

            i = vx.Length * Vector<float>.Count;
        }

        for (; i < x.Length; i++)
        {
            y[i] = x[i] * g;
        }
    }

    private static void Ensure(ref float[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new float[length];
        }
    }
}
