using Perche.Core.Audio;
using Perche.Core.Dsp.Fft;
using Perche.Core.Dsp.LeqM;

namespace Perche.Delivery.Tests.Dsp;

public sealed class LeqMTests
{
    private const int Rate = 48000;

    // ITU-R BS.468-4 weighting table (dB re 1 kHz); Leq(M) uses it lowered by 5.6 dB.
    public static TheoryData<double, double> Table468() => new()
    {
        { 31.5, -29.9 }, { 63, -23.9 }, { 100, -19.8 }, { 200, -13.8 }, { 400, -7.8 }, { 800, -1.9 }, { 1000, 0 },
        { 2000, 5.6 }, { 3150, 9.0 }, { 4000, 10.5 }, { 5000, 11.7 }, { 6300, 12.2 }, { 7100, 12.0 }, { 8000, 11.4 },
        { 9000, 10.1 }, { 10000, 8.1 }, { 12500, 0 }, { 14000, -5.3 }, { 16000, -11.7 }, { 20000, -22.2 },
    };

    [Theory]
    [MemberData(nameof(Table468))]
    public void The_m_weighting_is_the_468_table_lowered_by_5_6_dB(double hz, double table)
    {
        Assert.Equal(table - 5.6, LeqMMeter.WeightingDb(hz), 0.1);
        var meter = new LeqMMeter(ChannelLayout.Stereo, Rate);
        var tolerance = hz < 100 ? 1.0 : hz > 19000 ? 0.5 : 0.2;
        Assert.Equal(table - 5.6, meter.AppliedWeightingDb(hz), tolerance);
    }

    private static float[] Tone(int channels, int channel, double hz, double dbfs, double seconds = 1.5)
    {
        // AES17: a full-scale sine (peak 1) is 0 dBFS.
        var amplitude = Math.Pow(10, dbfs / 20);
        var frames = (int)(seconds * Rate);
        var data = new float[frames * channels];
        for (var i = 0; i < frames; i++)
        {
            data[(i * channels) + channel] = (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / Rate));
        }

        return data;
    }

    [Theory]
    [InlineData(0, 85.0)] // L: screen channel at 85 dB
    [InlineData(2, 85.0)] // C
    [InlineData(4, 82.0)] // Ls: surrounds calibrated 3 dB lower (ISO 21727 table 2)
    [InlineData(3, 95.0)] // LFE: +10 dB
    public void A_minus_20_dBFS_2_kHz_tone_reads_the_rp200_reference_per_channel(int channel, double expected)
    {
        var meter = new LeqMMeter(ChannelLayout.Surround51, Rate);
        meter.AddInterleaved(Tone(6, channel, 2000, -20));
        Assert.Equal(expected, meter.LeqMDb, 0.1);
    }

    [Fact]
    public void Channels_sum_as_powers_and_the_weighting_applies()
    {
        var meter = new LeqMMeter(ChannelLayout.Stereo, Rate);
        var left = Tone(2, 0, 2000, -20);
        var right = Tone(2, 1, 2000, -20);
        for (var i = 0; i < left.Length; i++)
        {
            left[i] += right[i];
        }

        meter.AddInterleaved(left);
        Assert.Equal(88.0, meter.LeqMDb, 0.1);

        var high = new LeqMMeter(ChannelLayout.Stereo, Rate);
        high.AddInterleaved(Tone(2, 0, 6300, -20));
        Assert.Equal(85.0 + 12.2 - 5.6, high.LeqMDb, 0.2);
        Assert.Equal(double.NegativeInfinity, new LeqMMeter(ChannelLayout.Mono, Rate).LeqMDb);
    }

    [Fact]
    public void Fft_round_trips_and_finds_a_bin()
    {
        var fft = new Fft(64);
        var data = new System.Numerics.Complex[64];
        for (var i = 0; i < 64; i++)
        {
            data[i] = Math.Cos(2 * Math.PI * 5 * i / 64);
        }

        var copy = (System.Numerics.Complex[])data.Clone();
        fft.Forward(data);
        Assert.Equal(32, data[5].Magnitude, 9);
        Assert.Equal(32, data[59].Magnitude, 9);
        Assert.True(data[6].Magnitude < 1e-9);
        fft.Inverse(data);
        for (var i = 0; i < 64; i++)
        {
            Assert.Equal(copy[i].Real, data[i].Real, 12);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => new Fft(48));
    }
}
