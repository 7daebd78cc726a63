using Perche.Production.Qc;
using Perche.Production.Report;
using Perche.Production.Tests.Mhl;
using Perche.Production.Tests.Report;

namespace Perche.Production.Tests.Qc;

public class TakeQcTests
{
    private static TakeEntry One(TempTree t, float[][] channels, string[] names, string file = "S01T01.WAV")
    {
        RecorderWav.Write(t.Path(file), "1", "1", 36000, channels, names);
        var r = SoundReportBuilder.Build(t.Path(file));
        return r.Takes.Single();
    }

    [Fact]
    public void A_clean_sine_measures_its_peak_rms_and_raises_no_flag()
    {
        using var t = new TempTree();
        var take = One(t, [RecorderWav.Sine(1, 0.5), RecorderWav.Sine(1, 0.25, frequencyHz: 440, seed: 3)], ["Boom", "Lav Marie"]);
        var q = TakeAnalyzer.Analyze(take);
        Assert.Equal(-6.02, q.Channels[0].PeakDbfs, 0.02);
        Assert.Equal(-9.03, q.Channels[0].RmsDbfs, 0.02);
        Assert.InRange(q.Channels[0].TruePeakDbtp, -6.05, -5.9);
        Assert.Equal(-12.04, q.Channels[1].PeakDbfs, 0.02);
        Assert.Equal(0, q.Channels[0].ClippedRuns);
        Assert.Equal(0, q.Channels[0].Dropouts);
        Assert.Equal(0, q.Channels[0].Discontinuities);
        Assert.True(q.Channels[0].DcOffsetDbfs < -60);
        Assert.Empty(q.Flags);
        Assert.Equal("Boom", q.Channels[0].Name);
        Assert.Equal(2, q.Channels[1].ChannelIndex);
    }

    [Fact]
    public void Clipping_dropouts_clicks_and_dc_are_found_and_timed()
    {
        using var t = new TempTree();
        var clipped = RecorderWav.Sine(1, 1.6);
        var dropout = RecorderWav.Sine(1, 0.3, seed: 4);
        Array.Clear(dropout, 24000, 480);
        var click = RecorderWav.Sine(1, 0.01, frequencyHz: 50, seed: 5);
        click[36000] = 0.9f;
        var dc = RecorderWav.Sine(1, 0.1, seed: 6).Select(x => x + 0.05f).ToArray();
        for (var i = 0; i < clipped.Length; i++)
        {
            clipped[i] = Math.Clamp(clipped[i], -1f, 1f);
        }

        var take = One(t, [clipped, dropout, click, dc], ["Boom", "Lav A", "Lav B", "Plant"]);
        var q = TakeAnalyzer.Analyze(take);
        Assert.True(q.Channels[0].ClippedRuns >= 900);
        Assert.InRange(q.Channels[0].FirstClipSeconds!.Value, 0, 0.001);
        Assert.Equal(1, q.Channels[1].Dropouts);
        Assert.Equal(0.5, q.Channels[1].FirstDropoutSeconds!.Value, 6);
        Assert.Equal(1, q.Channels[2].Discontinuities);
        Assert.Equal(0.75, q.Channels[2].FirstDiscontinuitySeconds!.Value, 4);
        Assert.Equal(-26.02, q.Channels[3].DcOffsetDbfs, 0.05);
        Assert.Contains(q.Flags, f => f.StartsWith("ch1 Boom:", StringComparison.Ordinal) && f.Contains("clipped", StringComparison.Ordinal));
        Assert.Contains("ch2 Lav A: 1 dropout(s) (digital zero) from 00:00:00.500", q.Flags);
        Assert.Contains("ch3 Lav B: 1 discontinuity from 00:00:00.750", q.Flags);
        Assert.Contains(q.Flags, f => f.StartsWith("ch4 Plant: DC offset -26.0", StringComparison.Ordinal));
    }

    [Fact]
    public void An_inverted_lavalier_in_a_mono_family_shows_as_negative_correlation()
    {
        using var t = new TempTree();
        var boom = RecorderWav.Sine(1, 0.3);
        var lav = boom.Select(x => -0.7f * x).ToArray();
        var same = boom.Select(x => 0.5f * x).ToArray();
        RecorderWav.Write(t.Path("T_1.WAV"), "3", "1", 100, [boom], ["Boom"], familyUid: "FAM3", channelIndices: [1]);
        RecorderWav.Write(t.Path("T_2.WAV"), "3", "1", 100, [lav], ["Lav Paul"], familyUid: "FAM3", channelIndices: [2]);
        RecorderWav.Write(t.Path("T_3.WAV"), "3", "1", 100, [same], ["Lav Anne"], familyUid: "FAM3", channelIndices: [3]);
        var take = SoundReportBuilder.Build(t.Root).Takes.Single();
        Assert.Equal(3, take.Files.Count);
        var q = TakeAnalyzer.Analyze(take);
        Assert.Equal(2, q.Correlations.Count);
        Assert.Equal(-1.0, q.Correlations.Single(c => c.ChannelB == 2).Correlation, 3);
        Assert.Equal(1.0, q.Correlations.Single(c => c.ChannelB == 3).Correlation, 3);
        Assert.Contains("ch1/ch2: correlation -1.00, polarity inverted?", q.Flags);
    }

    [Fact]
    public void Report_qc_flags_timecode_overlap_missing_slate_and_workflow_mismatch()
    {
        using var t = new TempTree();
        var s = RecorderWav.Sine(2, 0.2);
        RecorderWav.Write(t.Path("A.WAV"), "5", "1", 1000, [s], ["Boom"]);
        RecorderWav.Write(t.Path("B.WAV"), "5", "2", 1001, [s], ["Boom"]);
        RecorderWav.Write(t.Path("C.WAV"), string.Empty, string.Empty, 1100, [s], ["Boom"]);
        RecorderWav.Write(t.Path("D.WAV"), "5", "3", 1200, [RecorderWav.Sine(2, 0.2, rate: 44100, frequencyHz: 440)], ["Boom"], bits: 16, rate: 44100);
        var options = new ReportOptions { ExpectedSampleRateHz = 48000, ExpectedBitsPerSample = 24 };
        var r = SoundReportBuilder.Build(t.Root, options);
        ReportQc.Run(r, options);
        Assert.Contains("starts before the previous take ends", r.Takes.Single(x => x.Take == "2").QcFlags);
        Assert.Contains(r.Findings, f => f.StartsWith("timecode overlap: B.WAV", StringComparison.Ordinal));
        var c = r.Takes.Single(x => x.First.FileName == "C.WAV");
        Assert.Contains("no scene", c.QcFlags);
        Assert.Contains("no take number", c.QcFlags);
        var d = r.Takes.Single(x => x.Take == "3");
        Assert.Contains("sample rate 44100 Hz, workflow 48000 Hz", d.QcFlags);
        Assert.Contains("16-bit, workflow 24-bit", d.QcFlags);
        Assert.DoesNotContain(r.Takes.Single(x => x.Take == "1").QcFlags, f => f.Contains("workflow", StringComparison.Ordinal));
    }
}
