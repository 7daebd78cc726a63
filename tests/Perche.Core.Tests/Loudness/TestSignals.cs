using Perche.Core.Audio;
using Perche.Core.Dsp.Loudness;

namespace Perche.Core.Tests.Loudness;

/// <summary>Synthesises the EBU Tech 3341/3342 test signals (ebu-cases.md) in memory.</summary>
internal static class TestSignals
{
    public const int Rate = 48000;

    /// <summary>Samples in <paramref name="seconds"/> at <paramref name="rate"/>, rounded as the EBU set does.</summary>
    public static int Frames(double seconds, int rate = Rate) => (int)Math.Round(seconds * rate);

    /// <summary>Amplitude of a sine peaking at <paramref name="dbfs"/>.</summary>
    public static double Amplitude(double dbfs) => Math.Pow(10, dbfs / 20);

    /// <summary>
    /// A mono 1 kHz tone made of back-to-back segments (level in dBFS, or null for silence), phase-continuous
    /// across segments.
    /// </summary>
    public static float[] Tone(IEnumerable<(double? Dbfs, double Seconds)> segments, double frequencyHz = 1000, int rate = Rate)
    {
        var list = segments.ToList();
        var total = list.Sum(s => Frames(s.Seconds, rate));
        var samples = new float[total];
        var n = 0;
        foreach (var (dbfs, seconds) in list)
        {
            var count = Frames(seconds, rate);
            var amplitude = dbfs is { } level ? Amplitude(level) : 0.0;
            for (var i = 0; i < count; i++, n++)
            {
                samples[n] = (float)(amplitude * Math.Sin(2 * Math.PI * frequencyHz * n / rate));
            }
        }

        return samples;
    }

    /// <summary>The segments repeated <paramref name="times"/> times.</summary>
    public static IEnumerable<(double? Dbfs, double Seconds)> Repeat((double? Dbfs, double Seconds)[] segments, int times) =>
        Enumerable.Repeat(segments, times).SelectMany(s => s);

    /// <summary>A sine of <paramref name="amplitude"/> full scale with a starting phase in degrees.</summary>
    public static float[] Sine(double amplitude, double frequencyHz, double seconds, double phaseDegrees = 0, int rate = Rate)
    {
        var samples = new float[Frames(seconds, rate)];
        var phase = phaseDegrees * Math.PI / 180;
        for (var n = 0; n < samples.Length; n++)
        {
            samples[n] = (float)(amplitude * Math.Sin((2 * Math.PI * frequencyHz * n / rate) + phase));
        }

        return samples;
    }

    /// <summary>Applies linear fades of <paramref name="fadeFrames"/> at both ends, in place.</summary>
    public static float[] Faded(float[] samples, int fadeFrames)
    {
        for (var i = 0; i < fadeFrames; i++)
        {
            var gain = (float)i / fadeFrames;
            samples[i] *= gain;
            samples[samples.Length - 1 - i] *= gain;
        }

        return samples;
    }

    /// <summary>Interleaves the same mono signal on every channel whose gain is not zero.</summary>
    public static float[] Interleave(float[] mono, params double[] channelGains)
    {
        var channels = channelGains.Length;
        var frames = new float[mono.Length * channels];
        for (var i = 0; i < mono.Length; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                frames[(i * channels) + c] = (float)(mono[i] * channelGains[c]);
            }
        }

        return frames;
    }

    /// <summary>The same mono signal on both channels of a stereo pair.</summary>
    public static float[] Stereo(float[] mono) => Interleave(mono, 1, 1);

    /// <summary>
    /// Tech 3341 cases 20-23: at 4 x 48 kHz, a 0.5 FFS sine at fs/6 in which one period of a 1.0 FFS sine at fs/4
    /// is inserted phase-continuously, low-passed below 24 kHz, then every 4th sample from <paramref name="offset"/>.
    /// </summary>
    public static float[] InterSamplePeakBurst(int offset, double seconds = 1.0)
    {
        const int up = 4;
        const int highRate = Rate * up;
        var total = Frames(seconds, highRate);
        var burstStart = Frames(seconds / 2, highRate) / 24 * 24; // a rising zero crossing of the fs/6 sine
        const int burstLength = 16; // one period of fs/4 at 4 x fs
        var raw = new double[total];
        for (var n = 0; n < total; n++)
        {
            if (n < burstStart)
            {
                raw[n] = 0.5 * Math.Sin(2 * Math.PI * n / 24);
            }
            else if (n < burstStart + burstLength)
            {
                raw[n] = Math.Sin(2 * Math.PI * (n - burstStart) / burstLength);
            }
            else
            {
                raw[n] = 0.5 * Math.Sin(2 * Math.PI * (n - burstLength) / 24);
            }
        }

        var filtered = LowPass(raw, cutoffHz: 22000, rateHz: highRate);
        var output = new float[(total - offset) / up];
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = (float)filtered[(i * up) + offset];
        }

        return Faded(output, Frames(0.01));
    }

    /// <summary>The largest |value| of the 4 x fs signal of <see cref="InterSamplePeakBurst"/> before decimation.</summary>
    public static double InterSamplePeakBurstReference()
    {
        var max = 0.0;
        for (var offset = 0; offset < 4; offset++)
        {
            foreach (var v in InterSamplePeakBurst(offset))
            {
                max = Math.Max(max, Math.Abs(v));
            }
        }

        return max;
    }

    /// <summary>Zero-phase windowed-sinc low-pass (Blackman window, 511 taps).</summary>
    private static double[] LowPass(double[] x, double cutoffHz, int rateHz)
    {
        const int taps = 511;
        const int half = taps / 2;
        var h = new double[taps];
        var fc = cutoffHz / rateHz;
        var sum = 0.0;
        for (var k = 0; k < taps; k++)
        {
            var m = k - half;
            var sinc = m == 0 ? 2 * fc : Math.Sin(2 * Math.PI * fc * m) / (Math.PI * m);
            var window = 0.42 - (0.5 * Math.Cos(2 * Math.PI * k / (taps - 1))) + (0.08 * Math.Cos(4 * Math.PI * k / (taps - 1)));
            h[k] = sinc * window;
            sum += h[k];
        }

        var y = new double[x.Length];
        for (var n = 0; n < x.Length; n++)
        {
            var acc = 0.0;
            var lo = Math.Max(0, n - half);
            var hi = Math.Min(x.Length - 1, n + half);
            for (var j = lo; j <= hi; j++)
            {
                acc += h[j - n + half] * x[j];
            }

            y[n] = acc / sum;
        }

        return y;
    }

    /// <summary>Feeds interleaved frames in blocks of <paramref name="blockFrames"/>.</summary>
    public static void Feed(LoudnessMeter meter, ReadOnlySpan<float> interleaved, int blockFrames = 4096)
    {
        var step = blockFrames * meter.ChannelCount;
        for (var i = 0; i < interleaved.Length; i += step)
        {
            meter.AddInterleaved(interleaved.Slice(i, Math.Min(step, interleaved.Length - i)));
        }
    }

    /// <summary>A stereo meter at 48 kHz.</summary>
    public static LoudnessMeter StereoMeter(LoudnessModes modes = LoudnessModes.All) => LoudnessMeter.Create(ChannelLayout.Stereo, Rate, modes);
}
