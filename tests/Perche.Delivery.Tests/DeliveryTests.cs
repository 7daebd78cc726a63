using Perche.Core;
using Perche.Core.Audio;
using Perche.Core.Formats.Wav;
using Perche.Delivery.Compliance;
using Perche.Delivery.Processing;
using Perche.Delivery.Profiles;
using Perche.Delivery.Tests.Support;

namespace Perche.Delivery.Tests;

public sealed class DeliveryTests
{
    private static readonly ProfileCatalog Catalog = ProfileCatalog.Load("/nonexistent");

    private static DeliveryResult Deliver(string source, string profile, string outFolder, bool encode = false) =>
        DeliveryEngine.Deliver(source, Catalog.Get(profile), new DeliveryOptions { OutputFolder = outFolder, Encode = encode, Reports = false });

    [Fact]
    public void A_programme_at_minus_16_LUFS_with_peaks_at_minus_0_5_dBTP_lands_at_minus_23_and_under_minus_1_dBTP_for_r128()
    {
        using var dir = new Signals.TempFolder();
        var data = Signals.AtLoudnessAndPeak(ChannelLayout.Stereo, 8, -16, -0.5);
        var before = Signals.Measure(data, ChannelLayout.Stereo);
        Assert.Equal(-16.0, before.IntegratedLufs, 0.05);
        Assert.Equal(-0.5, before.MaxTruePeakDbtp, 0.1);
        var source = dir.File("prog.wav");
        Signals.Write(source, data, ChannelLayout.Stereo, encoding: SampleEncoding.PcmInt24, bext: new BroadcastExtension { TimeReferenceSamples = 48000 * 3600, CodingHistory = "A=PCM,F=48000,W=24,M=stereo,T=mixer\r\n" });
        var hash = Signals.Hash(source);

        var result = Deliver(source, "ebu-r128", dir.File("out"));

        Assert.Equal(hash, Signals.Hash(source));
        var master = Assert.Single(result.Files);
        Assert.Equal(Path.Combine(dir.File("out"), "prog_ebu-r128_20_48k_24b.wav"), master.Path);
        Assert.Equal(-23.0, master.Analysis.Meter.IntegratedLufs, 0.1);
        Assert.True(master.Analysis.Meter.MaxTruePeakDbtp <= -1.0, $"TP {master.Analysis.Meter.MaxTruePeakDbtp}");
        Assert.False(master.Limited);
        Assert.Equal(-7.0, master.GainDb, 0.05);
        Assert.Equal(Verdict.Pass, master.Criteria.Single(c => c.Id == "level").Verdict);
        Assert.Equal(Verdict.Pass, master.Criteria.Single(c => c.Id == "truePeak").Verdict);

        // The BWF carries the re-measured loudness in bext v2, keeps the time reference and extends the history.
        var info = WavReader.ReadInfo(master.Path);
        Assert.Equal(24, info.Format.BitsPerSample);
        Assert.Equal(2, info.Bext!.Version);
        Assert.Equal(master.Analysis.Meter.IntegratedLufs, info.Bext.LoudnessValueLufs!.Value, 0.011);
        Assert.Equal(master.Analysis.Meter.MaxTruePeakDbtp, info.Bext.MaxTruePeakDbtp!.Value, 0.02);
        Assert.Equal(master.Analysis.Meter.MaxShortTermLufs, info.Bext.MaxShortTermLufs!.Value, 0.02);
        Assert.Equal(48000UL * 3600, info.Bext.TimeReferenceSamples);
        Assert.StartsWith("A=PCM,F=48000,W=24,M=stereo,T=mixer\r\nA=PCM,F=48000,W=24,M=stereo,T=Perche", info.Bext.CodingHistory, StringComparison.Ordinal);
        Assert.Equal(new FileInfo(source).Length - 0, new FileInfo(source).Length);
        Assert.Empty(Directory.GetFiles(dir.File("out"), ".*"));
    }

    [Fact]
    public void Delivered_to_netflix_near_field_the_true_peak_stays_under_minus_2_dBTP()
    {
        using var dir = new Signals.TempFolder();
        var data = Signals.AtLoudnessAndPeak(ChannelLayout.Stereo, 8, -16, -0.5);
        var source = dir.File("prog.wav");
        Signals.Write(source, data, ChannelLayout.Stereo);
        var result = Deliver(source, "netflix-nearfield", dir.File("out"));
        var master = result.Files[0];

        // No speech in this programme: the method falls back to -24 LKFS over the full programme.
        Assert.True(master.Analysis.Dialogue!.SpeechPercent < 15);
        Assert.Equal(-24.0, master.Analysis.Meter.IntegratedLufs, 0.1);
        Assert.True(master.Analysis.Meter.MaxTruePeakDbtp <= -2.0, $"TP {master.Analysis.Meter.MaxTruePeakDbtp}");
        Assert.Equal("prog_v01_PM_Nearfield_2ch_48k_24b.wav", Path.GetFileName(master.Path));
        Assert.Contains("below 15 %", master.Criteria.Single(c => c.Id == "level").MeasuredText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_programme_needing_10_dB_of_gain_is_limited_not_clipped_and_still_meets_the_target()
    {
        using var dir = new Signals.TempFolder();
        var data = Signals.AtLoudnessAndPeak(ChannelLayout.Stereo, 8, -33, -1.0);
        var before = Signals.Measure(data, ChannelLayout.Stereo);
        Assert.Equal(-33.0, before.IntegratedLufs, 0.05);
        Assert.Equal(-1.0, before.MaxTruePeakDbtp, 0.1);
        var source = dir.File("quiet.wav");
        Signals.Write(source, data, ChannelLayout.Stereo);
        var result = Deliver(source, "ebu-r128", dir.File("out"));
        var master = result.Files[0];
        Assert.True(master.Limited);
        Assert.True(master.LimiterMaxReductionDb < -8, $"reduction {master.LimiterMaxReductionDb} gain {master.GainDb} TP {master.Analysis.Meter.MaxTruePeakDbtp} I {master.Analysis.Meter.IntegratedLufs} {string.Join(" / ", master.Processing)}");
        Assert.Equal(-23.0, master.Analysis.Meter.IntegratedLufs, 0.2);
        Assert.True(master.Analysis.Meter.MaxTruePeakDbtp <= -1.0, $"TP {master.Analysis.Meter.MaxTruePeakDbtp}");
        Assert.Equal(0, master.Analysis.Channels.Sum(c => c.ClippedSamples));
        Assert.Equal(Verdict.Pass, ComplianceChecker.Overall(master.Criteria.Where(c => c.Id is "level" or "truePeak" or "clipping")));
        Assert.Contains(master.Processing, p => p.StartsWith("true-peak limiter", StringComparison.Ordinal));
    }

    [Fact]
    public void The_profile_rate_is_reached_by_resampling_and_the_frame_count_follows_the_ratio()
    {
        using var dir = new Signals.TempFolder();
        var data = Signals.AtLoudnessAndPeak(ChannelLayout.Mono, 6, -30, -10);
        var source = dir.File("chapter.wav");
        Signals.Write(source, data, ChannelLayout.Mono);
        var result = Deliver(source, "acx-audiobook", dir.File("out"));
        var master = result.Files[0];
        var info = WavReader.ReadInfo(master.Path);
        Assert.Equal(44100, info.Format.SampleRateHz);
        Assert.Equal(6 * 44100, info.FrameCount);
        Assert.Equal("chapter_acx-audiobook.wav", Path.GetFileName(master.Path));
        Assert.Equal(-20.5, master.Analysis.RmsDbfs, 0.1);
        Assert.Contains(master.Processing, p => p.StartsWith("resampled 48000 -> 44100 Hz", StringComparison.Ordinal));
        Assert.True(master.Analysis.Meter.MaxSamplePeakDbfs <= -3.0);
    }

    [Fact]
    public void A_5_1_master_gets_a_lo_ro_fold_down_measured_on_its_own()
    {
        using var dir = new Signals.TempFolder();
        var data = Signals.AtLoudnessAndPeak(ChannelLayout.Surround51, 8, -20, -6);
        var source = dir.File("mix51.wav");
        Signals.Write(source, data, ChannelLayout.Surround51);
        var result = Deliver(source, "fr-cst-rt-040", dir.File("out"));
        Assert.Equal(2, result.Files.Count);
        var loro = result.Files[1];
        Assert.Equal("loro", loro.Kind);
        Assert.Equal(2, loro.Analysis.Layout.ChannelCount);
        Assert.Equal("mix51_fr-cst-rt-040_20_48k_24b_LoRo.wav", Path.GetFileName(loro.Path));
        Assert.Equal(-23.0, loro.Analysis.Meter.IntegratedLufs, 0.1);
        Assert.True(loro.Analysis.Meter.MaxTruePeakDbtp <= -3.0);
        Assert.Equal(-23.0, result.Files[0].Analysis.Meter.IntegratedLufs, 0.1);
    }

    [Fact]
    public void Lt_rt_is_delivered_beside_lo_ro_when_the_profile_asks_and_its_surround_cancels_in_mono()
    {
        using var dir = new Signals.TempFolder();
        var layout = ChannelLayout.Surround51;
        var data = Signals.AtLoudnessAndPeak(layout, 4, -20, -6);
        for (var f = 0; f < data.Length / 6; f++)
        {
            data[(f * 6) + 5] = data[(f * 6) + 4]; // Rs = Ls: a mono surround, which Lt/Rt carries as L-R difference
        }

        var source = dir.File("mix51.wav");
        Signals.Write(source, data, layout);
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "profiles", "fr-cst-rt-040.json"))
            .Replace("\"downmixes\": {\n      \"value\": [\n        \"loro\"\n      ]", "\"downmixes\": {\n      \"value\": [\n        \"loro\", \"ltrt\"\n      ]", StringComparison.Ordinal);
        var profile = ProfileCatalog.Parse(json, "fr-with-ltrt.json");
        Assert.Equal(["loro", "ltrt"], profile.Downmixes!.Value);
        var result = DeliveryEngine.Deliver(source, profile, new DeliveryOptions { OutputFolder = dir.File("out"), Encode = false, Reports = false });
        Assert.Equal(["master", "loro", "ltrt"], result.Files.Select(f => f.Kind));
        var ltrt = result.Files[2];
        Assert.EndsWith("_LtRt.wav", ltrt.Path, StringComparison.Ordinal);
        Assert.Equal(-23.0, ltrt.Analysis.Meter.IntegratedLufs, 0.1);

        // Lt - Rt = -2 x 0.7071 x S and Lt + Rt has no surround: the side channel carries the surround.
        var stereo = Signals.Read(ltrt.Path);
        Assert.True(ltrt.Analysis.StereoCorrelation < result.Files[1].Analysis.StereoCorrelation);
        Assert.Equal(stereo.Length / 2, (int)ltrt.Analysis.Frames);
    }

    [Fact]
    public void A_trailer_over_leq_m_85_is_brought_under_it_and_a_quiet_one_is_left_alone()
    {
        using var dir = new Signals.TempFolder();
        var loud = Signals.AtLoudnessAndPeak(ChannelLayout.Surround51, 4, -12, -3);
        var source = dir.File("trailer.wav");
        Signals.Write(source, loud, ChannelLayout.Surround51);
        var result = Deliver(source, "cinema-trailer-tasa", dir.File("out"));
        var master = result.Files[0];
        Assert.True(result.Source.LeqMDb > 85, $"source Leq(M) {result.Source.LeqMDb}");
        Assert.InRange(master.Analysis.LeqMDb!.Value, 84.6, 85.0);
        Assert.Equal(Verdict.Pass, master.Criteria.Single(c => c.Id == "level").Verdict);

        var quiet = Signals.AtLoudnessAndPeak(ChannelLayout.Surround51, 4, -35, -15);
        var quietSource = dir.File("quiet.wav");
        Signals.Write(quietSource, quiet, ChannelLayout.Surround51);
        var quietResult = Deliver(quietSource, "cinema-trailer-tasa", dir.File("out2"));
        Assert.Equal(0, quietResult.Files[0].GainDb);
    }

    [Fact]
    public void A_layout_the_profile_does_not_accept_is_refused_before_anything_is_written()
    {
        using var dir = new Signals.TempFolder();
        var source = dir.File("mix51.wav");
        Signals.Write(source, Signals.Programme(ChannelLayout.Surround51, 1), ChannelLayout.Surround51);
        var ex = Assert.Throws<PercheFormatException>(() => Deliver(source, "spotify", dir.File("out")));
        Assert.Contains("layout mismatch", ex.Message, StringComparison.Ordinal);
        Assert.Contains("stereo", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void A_sample_rate_that_cannot_be_converted_to_the_profile_rate_is_refused()
    {
        using var dir = new Signals.TempFolder();
        var source = dir.File("odd.wav");
        Signals.Write(source, new float[47999 * 2], ChannelLayout.Stereo, rate: 47999);
        var ex = Assert.Throws<PercheFormatException>(() => Deliver(source, "ebu-r128", dir.File("out")));
        Assert.Contains("unsupported sample rate 47999 Hz", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void An_output_folder_that_cannot_be_created_is_reported()
    {
        using var dir = new Signals.TempFolder();
        var source = dir.File("prog.wav");
        Signals.Write(source, Signals.Programme(ChannelLayout.Stereo, 1), ChannelLayout.Stereo);
        File.WriteAllText(dir.File("blocker"), "a file where the folder should be");
        var ex = Assert.Throws<IOException>(() => Deliver(source, "ebu-r128", Path.Combine(dir.File("blocker"), "out")));
        Assert.Contains("not writable", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_or_missing_source_fails_cleanly_and_leaves_no_output()
    {
        using var dir = new Signals.TempFolder();
        var source = dir.File("prog.wav");
        Signals.Write(source, Signals.Programme(ChannelLayout.Stereo, 2), ChannelLayout.Stereo);
        var bytes = File.ReadAllBytes(source);
        File.WriteAllBytes(source, bytes[..(bytes.Length / 2)]);
        Assert.Throws<PercheFormatException>(() => Deliver(source, "ebu-r128", dir.File("out")));
        Assert.True(!Directory.Exists(dir.File("out")) || Directory.GetFiles(dir.File("out")).Length == 0);
        Assert.Throws<PercheFormatException>(() => Deliver(dir.File("missing.wav"), "ebu-r128", dir.File("out")));
    }

    [Fact]
    public void File_names_follow_the_profile_pattern()
    {
        var nf = Catalog.Get("netflix-nearfield");
        Assert.Equal("chefs_table_v01_PM_Nearfield_6ch_48k_24b", DeliveryEngine.FileName(nf, "chefs_table", "PM", ChannelLayout.Surround51, 48000, 24));
        Assert.Equal("chefs_table_v01_PM_Nearfield_2ch_48k_24b_LoRo", DeliveryEngine.FileName(nf, "chefs_table", "LoRo", ChannelLayout.Stereo, 48000, 24));
        Assert.Equal("x_ebu-r128_51_44.1k_16b", DeliveryEngine.FileName(Catalog.Get("ebu-r128"), "x", "PM", ChannelLayout.Surround51, 44100, 16));
    }
}
