using Perche.Core.Dsp.Resampling;

namespace Perche.Delivery.Tests.Dsp;

public sealed class ResamplerTests
{
    [Theory]
    [InlineData(44100, 48000)]
    [InlineData(48000, 44100)]
    [InlineData(96000, 48000)]
    public void The_filter_meets_its_stated_passband_and_stop_band_figures(int from, int to)
    {
        var r = new PolyphaseResampler(1, from, to);
        Assert.Equal(0.4535 * Math.Min(from, to), r.PassbandEdgeHz, 6);
        Assert.Equal(0.5 * Math.Min(from, to), r.StopbandEdgeHz, 6);
        var worstRipple = 0.0;
        for (var f = 0.0; f <= r.PassbandEdgeHz; f += r.PassbandEdgeHz / 16)
        {
            worstRipple = Math.Max(worstRipple, Math.Abs(r.PrototypeGainDb(f)));
        }

        Assert.True(worstRipple < 0.001, $"passband ripple {worstRipple} dB");
        var worstStop = double.NegativeInfinity;
        for (var f = r.StopbandEdgeHz; f < r.PrototypeRateHz / 2; f += (r.PrototypeRateHz / 2 - r.StopbandEdgeHz) / 97)
        {
            worstStop = Math.Max(worstStop, r.PrototypeGainDb(f));
        }

        Assert.True(worstStop < -120, $"stop band {worstStop} dB");
    }

    [Theory]
    [InlineData(44100, 48000, 1000.0)]
    [InlineData(48000, 44100, 5000.0)]
    [InlineData(44100, 48000, 18000.0)]
    public void A_sine_comes_out_at_the_new_rate_with_the_same_phase_amplitude_and_duration(int from, int to, double hz)
    {
        const int channels = 2;
        var inputFrames = from; // 1 s
        var input = new float[inputFrames * channels];
        for (var i = 0; i < inputFrames; i++)
        {
            var v = (float)(0.5 * Math.Sin(2 * Math.PI * hz * i / from));
            input[i * channels] = v;
            input[(i * channels) + 1] = -v;
        }

        var r = new PolyphaseResampler(channels, from, to, blockFrames: 1000);
        var output = new float[(r.MaxOutputFrames(inputFrames) + r.MaxOutputFrames(r.TapsPerPhase * 4)) * channels];
        var n = 0;

        // Feed in uneven blocks: the result must not depend on block boundaries.
        for (var offset = 0; offset < inputFrames;)
        {
            var take = Math.Min(777, inputFrames - offset);
            n += r.Process(input.AsSpan(offset * channels, take * channels), output.AsSpan(n * channels));
            offset += take;
        }

        n += r.Flush(output.AsSpan(n * channels));
        Assert.Equal(r.OutputFramesFor(inputFrames), n);
        Assert.Equal(to, n);

        // Away from the edges (filter start-up) the output is the same sine sampled at the new rate.
        var worst = 0.0;
        for (var i = to / 10; i < to - (to / 10); i++)
        {
            var expected = 0.5 * Math.Sin(2 * Math.PI * hz * i / to);
            worst = Math.Max(worst, Math.Abs(output[i * channels] - expected));
            Assert.Equal(-output[i * channels], output[(i * channels) + 1], 5);
        }

        Assert.True(worst < 2e-5, $"worst error {worst}");
    }

    [Fact]
    public void An_unsupported_ratio_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new PolyphaseResampler(1, 48000, 47999));
    }
}
