using Perche.Core.Audio;
using Perche.Core.Dsp.Dither;
using Perche.Core.Dsp.Downmix;
using Perche.Core.Dsp.Dynamics;
using Perche.Core.Dsp.Loudness;

namespace Perche.Delivery.Tests.Dsp;

public sealed class LimiterDitherDownmixTests
{
    private const int Rate = 48000;

    private static float[] Run(TruePeakLimiter limiter, float[] input, int channels)
    {
        var output = new float[input.Length + (limiter.LatencyFrames * channels)];
        limiter.Process(input, output.AsSpan(0, input.Length));
        limiter.Flush(output.AsSpan(input.Length));
        return output[(limiter.LatencyFrames * channels)..];
    }

    [Fact]
    public void Peaks_6_dB_over_the_ceiling_come_out_under_it_when_remeasured_as_true_peak()
    {
        // Stereo 11 kHz tone bursts at +5 dBFS: inter-sample peaks the sample values do not show.
        const int channels = 2;
        var input = new float[Rate * channels];
        var random = new Random(3);
        for (var i = 0; i < Rate; i++)
        {
            var burst = (i / 4800) % 2 == 0 ? 1.78 : 0.1;
            var v = burst * Math.Sin((2 * Math.PI * 11025 * i / Rate) + 0.3);
            input[i * channels] = (float)v;
            input[(i * channels) + 1] = (float)(((random.NextDouble() * 2) - 1) * 0.05);
        }

        var limiter = new TruePeakLimiter(channels, Rate, -1.0);
        var output = Run(limiter, input, channels);
        Assert.Equal(input.Length, output.Length);
        var meter = LoudnessMeter.Create(ChannelLayout.Stereo, Rate, LoudnessModes.TruePeak);
        meter.AddInterleaved(output);
        Assert.True(meter.MaxTruePeakDbtp <= -1.0 + 0.02, $"true peak {meter.MaxTruePeakDbtp} dBTP");
        Assert.True(meter.MaxTruePeakDbtp > -1.5, $"over-limited: {meter.MaxTruePeakDbtp} dBTP");
        Assert.True(limiter.MaxGainReductionDb < -5.5, $"reduction {limiter.MaxGainReductionDb}");

        // Both channels get the same gain: the quiet channel is reduced where the loud one is.
        var quietIn = input[(2400 * channels) + 1];
        var quietOut = output[(2400 * channels) + 1];
        var loudGain = output[2400 * channels] / input[2400 * channels];
        Assert.Equal(loudGain, quietOut / quietIn, 3);
    }

    [Fact]
    public void Below_the_ceiling_the_signal_passes_unchanged_delayed_by_the_latency()
    {
        const int channels = 2;
        var input = new float[10000 * channels];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (float)(0.5 * Math.Sin(i * 0.01));
        }

        var limiter = new TruePeakLimiter(channels, Rate, -1.0);
        var output = Run(limiter, input, channels);
        Assert.Equal(input, output);
        Assert.Equal(0, limiter.LimitedFrames);
        Assert.Equal(8 + 96 - 1, limiter.LatencyFrames);
    }

    [Fact]
    public void Tpdf_dither_is_triangular_within_one_lsb_with_the_stated_rms()
    {
        var dither = new TpdfDither(16);
        var samples = new float[200000];
        dither.Apply(samples);
        var lsb = 1.0 / 32768;
        double sum = 0, squares = 0, max = 0;
        var central = 0;
        foreach (var s in samples)
        {
            sum += s;
            squares += (double)s * s;
            max = Math.Max(max, Math.Abs(s));
            if (Math.Abs(s) < lsb / 2)
            {
                central++;
            }
        }

        Assert.True(max <= lsb, "the triangle spans +-1 LSB");
        Assert.True(Math.Abs(sum / samples.Length) < lsb * 0.01);
        var rms = Math.Sqrt(squares / samples.Length);
        Assert.Equal(lsb / Math.Sqrt(6), rms, lsb * 0.01);
        Assert.Equal(-98.1, dither.NoiseRmsDbfs, 1);

        // A triangle puts 3/4 of its mass within +-1/2 LSB (a uniform would put 1/2).
        Assert.Equal(0.75, (double)central / samples.Length, 2);
    }

    [Fact]
    public void Lo_Ro_follows_the_bs775_equations()
    {
        // One frame of 5.1: L R C LFE Ls Rs.
        float[] frame = [0.1f, 0.2f, 0.3f, 0.9f, 0.4f, 0.5f];
        var stereo = new float[2];
        var loro = new StereoDownmix(ChannelLayout.Surround51, DownmixKind.LoRo);
        Assert.Equal(1, loro.Process(frame, stereo));
        var g = 0.70710678f;
        Assert.Equal(0.1f + (g * 0.3f) + (g * 0.4f), stereo[0], 6);
        Assert.Equal(0.2f + (g * 0.3f) + (g * 0.5f), stereo[1], 6);
        Assert.Equal(0, loro.LatencyFrames);
        Assert.Equal(0, loro.Flush(stereo));
        Assert.Throws<ArgumentException>(() => new StereoDownmix(ChannelLayout.Mono, DownmixKind.LoRo));
    }
}
