using Perche.Core.Audio;
using Perche.Core.Dsp.Loudness;
using static Perche.Core.Tests.Loudness.TestSignals;

namespace Perche.Core.Tests.Loudness;

/// <summary>Channel weights by loudspeaker position (BS.1770-5 Table 3 and Annex 3).</summary>
public sealed class ChannelWeightsTests
{
    [Fact]
    public void A_5_1_weights_fronts_1_surrounds_1_41_and_excludes_lfe()
    {
        Assert.Equal([1.0, 1.0, 1.0, 0.0, 1.41, 1.41], ChannelWeights.For(ChannelLayout.Surround51));
    }

    [Fact]
    public void A_5_1_from_mask_0x3F_puts_1_41_on_its_back_pair()
    {
        Assert.Equal([1.0, 1.0, 1.0, 0.0, 1.41, 1.41], ChannelWeights.For(ChannelLayout.FromMask(0x3F, 6)));
    }

    [Fact]
    public void A_5_1_with_side_surrounds_puts_1_41_on_the_sides()
    {
        Assert.Equal([1.0, 1.0, 1.0, 0.0, 1.41, 1.41], ChannelWeights.For(ChannelLayout.FromMask(0x60F, 6)));
    }

    [Fact]
    public void A_7_1_weights_its_side_pair_1_41_and_its_rear_pair_1()
    {
        Assert.Equal([1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.41, 1.41], ChannelWeights.For(ChannelLayout.Surround71));
    }

    [Fact]
    public void Overhead_and_unpositioned_channels_weigh_1()
    {
        var layout = new ChannelLayout("test", [Speaker.TopFrontLeft, Speaker.TopBackRight, Speaker.BackCenter, Speaker.Unknown]);
        Assert.Equal([1.0, 1.0, 1.0, 1.0], ChannelWeights.For(layout));
        Assert.Equal([1.0, 1.0, 1.0], ChannelWeights.For(ChannelLayout.Discrete(3)));
    }

    [Fact]
    public void The_7_1_meter_reads_a_side_channel_1_5_dB_louder_than_a_rear_channel()
    {
        var tone = Tone([(-20, 5)]);
        var side = LoudnessMeter.Create(ChannelLayout.Surround71, Rate, LoudnessModes.Integrated);
        Feed(side, Interleave(tone, 0, 0, 0, 0, 0, 0, 1, 0));
        var rear = LoudnessMeter.Create(ChannelLayout.Surround71, Rate, LoudnessModes.Integrated);
        Feed(rear, Interleave(tone, 0, 0, 0, 0, 1, 0, 0, 0));

        Assert.Equal(10 * Math.Log10(1.41), side.IntegratedLufs - rear.IntegratedLufs, 1e-9);
    }

    [Fact]
    public void A_loud_lfe_does_not_change_loudness_but_counts_for_true_peak()
    {
        var tone = Tone([(-20, 5)]);
        var withLfe = LoudnessMeter.Create(ChannelLayout.Surround51, Rate, LoudnessModes.Integrated | LoudnessModes.TruePeak);
        Feed(withLfe, Interleave(tone, 1, 1, 0, 50, 0, 0));
        var withoutLfe = LoudnessMeter.Create(ChannelLayout.Surround51, Rate, LoudnessModes.Integrated);
        Feed(withoutLfe, Interleave(tone, 1, 1, 0, 0, 0, 0));

        Assert.Equal(withoutLfe.IntegratedLufs, withLfe.IntegratedLufs, 12);
        Assert.Equal(20 * Math.Log10(50 * Amplitude(-20)), withLfe.TruePeakDbtp(3), 0.2);
    }

    [Fact]
    public void Explicit_weights_override_the_positions()
    {
        var tone = Tone([(-20, 5)]);
        var meter = LoudnessMeter.Create(ChannelLayout.Stereo, Rate, LoudnessModes.Integrated, [2.0, 0.0]);
        Feed(meter, Interleave(tone, 1, 1));
        var reference = LoudnessMeter.Create(ChannelLayout.Stereo, Rate, LoudnessModes.Integrated);
        Feed(reference, Interleave(tone, 1, 1));

        Assert.Equal([2.0, 0.0], meter.ChannelWeights);
        Assert.Equal(reference.IntegratedLufs, meter.IntegratedLufs, 9);
        Assert.Throws<ArgumentException>(() => LoudnessMeter.Create(ChannelLayout.Stereo, Rate, LoudnessModes.Integrated, [1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => LoudnessMeter.Create(ChannelLayout.Stereo, Rate, LoudnessModes.Integrated, [1.0, -1.0]));
    }
}
