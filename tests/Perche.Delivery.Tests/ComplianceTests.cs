using Perche.Core.Audio;
using Perche.Delivery.Analysis;
using Perche.Delivery.Compliance;
using Perche.Delivery.Profiles;
using Perche.Delivery.Tests.Support;

namespace Perche.Delivery.Tests;

public sealed class ComplianceTests
{
    private static readonly DeliveryProfile R128 = ProfileCatalog.Load("/nonexistent").Get("ebu-r128");

    private static (ProgrammeAnalysis Analysis, IReadOnlyList<Criterion> Criteria) Check(float[] data, ChannelLayout layout, DeliveryProfile? profile = null)
    {
        var analyzer = new ProgrammeAnalyzer(layout, Signals.Rate, AnalysisOptions.None);
        analyzer.Add(data);
        var a = analyzer.Finish("test.wav", "float 32-bit", 24);
        return (a, ComplianceChecker.Check(a, profile ?? R128));
    }

    private static Criterion Get(IReadOnlyList<Criterion> c, string id) => c.Single(x => x.Id == id);

    [Fact]
    public void A_clean_programme_at_target_passes_every_criterion()
    {
        var data = Signals.AtLoudnessAndPeak(ChannelLayout.Stereo, 4, -23, -3);
        var (a, c) = Check(data, ChannelLayout.Stereo);
        Assert.Equal(Verdict.Pass, ComplianceChecker.Overall(c));
        Assert.Equal(-23.0, Get(c, "level").Measured!.Value, 0.05);
        Assert.Equal(0, a.LeadingSilenceSeconds, 3);
        Assert.InRange(a.StereoCorrelation!.Value, -0.2, 0.2);
    }

    [Fact]
    public void Clipping_runs_fail_and_isolated_full_scale_samples_do_not()
    {
        var data = Signals.AtLoudnessAndPeak(ChannelLayout.Stereo, 2, -23, -3);
        data[2000] = 1f; // one full-scale sample: a peak, not clipping
        var (_, once) = Check(data, ChannelLayout.Stereo);
        Assert.Equal(0, Get(once, "clipping").Measured);
        for (var i = 0; i < 5; i++)
        {
            data[20000 + (2 * i)] = 1f;
        }

        var (a, c) = Check(data, ChannelLayout.Stereo);
        Assert.Equal(5, a.Channels[0].ClippedSamples);
        Assert.Equal(Verdict.Fail, Get(c, "clipping").Verdict);
    }

    [Fact]
    public void Dc_offset_silent_channels_and_leading_silence_are_found()
    {
        var layout = ChannelLayout.Surround51;
        var data = Signals.AtLoudnessAndPeak(layout, 3, -23, -3);
        for (var f = 0; f < 3 * Signals.Rate; f++)
        {
            data[(f * 6) + 1] += 0.01f; // R: -40 dBFS of DC
            data[(f * 6) + 5] = 0; // Rs: silent
            if (f < Signals.Rate / 2)
            {
                for (var ch = 0; ch < 6; ch++)
                {
                    data[(f * 6) + ch] = 0; // half a second of digital silence first
                }
            }
        }

        var (a, c) = Check(data, layout);
        Assert.Equal(20 * Math.Log10(0.01 * 2.5 / 3), a.Channels[1].DcOffsetDbfs, 0.3);
        Assert.Equal(Verdict.Warn, Get(c, "dcOffset").Verdict);
        Assert.Equal("Rs", Get(c, "silentChannels").MeasuredText);
        Assert.Equal(Verdict.Warn, Get(c, "silentChannels").Verdict);
        Assert.Equal(0.5, a.LeadingSilenceSeconds, 3);
    }

    [Fact]
    public void Lfe_content_above_120_Hz_is_flagged_and_a_50_Hz_lfe_is_not()
    {
        var layout = ChannelLayout.Surround51;
        var data = Signals.AtLoudnessAndPeak(layout, 2, -23, -3); // LFE carries 50 Hz
        var (clean, cleanCriteria) = Check(data, layout);
        Assert.True(clean.LfeAbove120HzDb < -30, $"{clean.LfeAbove120HzDb}");
        Assert.Equal(Verdict.Pass, Get(cleanCriteria, "lfeAbove120Hz").Verdict);
        for (var f = 0; f < 2 * Signals.Rate; f++)
        {
            data[(f * 6) + 3] += (float)(0.2 * Math.Sin(2 * Math.PI * 1000 * f / Signals.Rate));
        }

        var (_, c) = Check(data, layout);
        Assert.Equal(Verdict.Warn, Get(c, "lfeAbove120Hz").Verdict);
    }

    [Fact]
    public void Anti_phase_stereo_fails_the_phase_and_mono_checks()
    {
        var data = Signals.AtLoudnessAndPeak(ChannelLayout.Stereo, 2, -23, -3);
        for (var f = 0; f < data.Length / 2; f++)
        {
            data[(2 * f) + 1] = -data[2 * f];
        }

        var (a, c) = Check(data, ChannelLayout.Stereo);
        Assert.Equal(-1.0, a.StereoCorrelation!.Value, 3);
        Assert.Equal(Verdict.Warn, Get(c, "phaseCorrelation").Verdict);
        Assert.Equal(Verdict.Warn, Get(c, "monoCompatibility").Verdict);

        // Identical channels: correlation 1, no level change in mono.
        for (var f = 0; f < data.Length / 2; f++)
        {
            data[(2 * f) + 1] = data[2 * f];
        }

        var (same, _) = Check(data, ChannelLayout.Stereo);
        Assert.Equal(1.0, same.StereoCorrelation!.Value, 6);
        Assert.Equal(0.0, same.MonoFoldDownDb!.Value, 3);
    }

    [Fact]
    public void Level_out_of_tolerance_and_true_peak_over_the_limit_fail_with_their_sources()
    {
        var data = Signals.AtLoudnessAndPeak(ChannelLayout.Stereo, 4, -20, -0.5);
        var (_, c) = Check(data, ChannelLayout.Stereo);
        var level = Get(c, "level");
        Assert.Equal(Verdict.Fail, level.Verdict);
        Assert.Equal("-23.0 +- 0.2", level.Requirement);
        Assert.Contains("EBU R 128", level.Source, StringComparison.Ordinal);
        Assert.True(level.Confirmed);
        Assert.Equal(Verdict.Fail, Get(c, "truePeak").Verdict);
        Assert.Equal(Verdict.Fail, ComplianceChecker.Overall(c));
    }

    [Fact]
    public void Short_term_limit_of_r128_s1_is_checked()
    {
        var s1 = ProfileCatalog.Load("/nonexistent").Get("ebu-r128-s1");
        var data = Signals.AtLoudnessAndPeak(ChannelLayout.Stereo, 6, -23, -3);
        var (_, ok) = Check(data, ChannelLayout.Stereo, s1);
        Assert.Equal(Verdict.Pass, Get(ok, "maxShortTerm").Verdict);

        // 3 s at +12 dB inside the programme: short-term goes well over the -18 LUFS limit.
        for (var i = 2 * Signals.Rate * 2; i < 5 * Signals.Rate * 2; i++)
        {
            data[i] *= 4f;
        }

        var (a, loud) = Check(data, ChannelLayout.Stereo, s1);
        Assert.True(Get(loud, "maxShortTerm").Verdict == Verdict.Fail, $"max S {a.Meter.MaxShortTermLufs}");
    }
}
