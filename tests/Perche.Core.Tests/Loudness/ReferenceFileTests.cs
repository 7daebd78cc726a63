using Perche.Core.Dsp.Loudness;
using Perche.Core.Tests.Support;

namespace Perche.Core.Tests.Loudness;

/// <summary>
/// Files of other projects with asserted loudness values: the two ITU-R BS.2217 compliance files and
/// pyloudnorm's 44.1 kHz sine (read through the WAV reader and measured through the file pipeline).
/// </summary>
public sealed class ReferenceFileTests
{
    private const string Folder = "pyloudnorm/tests/data/";

    [SharedDataFact]
    public void BS2217_relative_gate_test_reads_minus_10_LKFS()
    {
        var r = FileLoudness.Measure(TestData.Shared(Folder + "1770-2_Comp_RelGateTest.wav"), LoudnessModes.Integrated);
        Assert.InRange(r.Meter.IntegratedLufs, -10.1, -9.9);
    }

    [SharedDataFact]
    public void BS2217_absolute_gate_test_reads_minus_69_5_LKFS()
    {
        var r = FileLoudness.Measure(TestData.Shared(Folder + "1770-2_Comp_AbsGateTest.wav"), LoudnessModes.Integrated);
        Assert.InRange(r.Meter.IntegratedLufs, -69.6, -69.4);
    }

    [SharedDataFact]
    public void Pyloudnorm_sine_1000_at_44_1_kHz_reads_what_the_BS1770_response_gives()
    {
        // With the K-weighting derived from the analogue prototype (the 48 kHz table's response carried to
        // 44.1 kHz) this file reads -3.0074 LUFS, as libebur128 1.2.6 does (bench/compare driver). pyloudnorm's
        // own assertion (-3.0523438444331137) comes from its cookbook shelf (1500 Hz, Q 0.707, +4 dB), whose
        // response differs from BS.1770's by 0.045 dB at 1 kHz; the compatibility test below reproduces it.
        var r = FileLoudness.Measure(TestData.Shared(Folder + "sine_1000.wav"), LoudnessModes.Integrated);
        Assert.Equal(44100, r.Info.Format.SampleRateHz);
        Assert.InRange(r.Meter.IntegratedLufs, -3.00745, -3.00743);
    }

    [SharedDataFact]
    public void Pyloudnorm_sine_1000_reads_its_asserted_value_through_pyloudnorm_s_cookbook_filters()
    {
        // Same gating and integration, pyloudnorm's filter pair: its assertion holds to numpy's isclose
        // (rtol 1e-5), which shows the 0.045 LU gap above is the filter design and nothing else.
        var path = TestData.Shared(Folder + "sine_1000.wav");
        using var reader = Perche.Core.Formats.Wav.WavReader.OpenSamples(path);
        var samples = new float[reader.FrameCount];
        Assert.Equal(reader.FrameCount, reader.ReadFrames(samples));
        var meter = LoudnessMeter.Create(reader.Format.Layout, 44100, LoudnessModes.Integrated, [1.0], KWeightingDesign.RbjCookbook);
        meter.AddInterleaved(samples);
        Assert.Equal(-3.0523438444331137, meter.IntegratedLufs, 3.1e-5);
    }

    [SharedDataFact]
    public void Pyloudnorm_piano_has_a_finite_loudness_range_below_30_LU()
    {
        var r = FileLoudness.Measure(TestData.Shared(Folder + "piano.wav"), LoudnessModes.Integrated | LoudnessModes.Range);
        Assert.InRange(r.Meter.LoudnessRangeLu, 0.0, 30.0);

        // FFmpeg's ebur128 filter, run on the same file as a second opinion, reads I -31.1 LUFS.
        Assert.InRange(r.Meter.IntegratedLufs, -31.2, -31.0);
    }
}
