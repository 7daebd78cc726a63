using System.Text.Json.Nodes;
using Perche.Core;
using Perche.Core.Audio;
using Perche.Core.Formats.Wav;
using Perche.Delivery.Compliance;
using Perche.Delivery.Processing;
using Perche.Delivery.Profiles;
using Perche.Delivery.Tests.Support;

namespace Perche.Delivery.Tests;

/// <summary>Netflix-style delivery: one mono BWF per channel, named per the profile, each verified.</summary>
public sealed class ChannelFilesTests
{
    private static readonly ProfileCatalog Catalog = ProfileCatalog.Load("/nonexistent");

    [Fact]
    public void A_5_1_to_netflix_gives_one_verified_mono_bwf_per_channel_named_with_the_channel_label()
    {
        using var dir = new Signals.TempFolder();
        var layout = ChannelLayout.Surround51;
        var data = Signals.AtLoudnessAndPeak(layout, 4, -18, -1);
        var source = dir.File("chefs_table_s02e02.wav");
        Signals.Write(source, data, layout, encoding: SampleEncoding.PcmInt24, bext: new BroadcastExtension { Description = "mix", TimeReferenceSamples = 48000 * 10 });
        var result = DeliveryEngine.Deliver(source, Catalog.Get("netflix-nearfield"), new DeliveryOptions { OutputFolder = dir.File("out"), Encode = false, Reports = true });

        var master = result.Files[0];
        var loro = result.Files[1];
        Assert.Equal(["master", "loro"], result.Files.Take(2).Select(f => f.Kind));
        var channels = result.Files.Where(f => f.Kind == "channel").ToList();
        Assert.Equal(8, channels.Count);
        string[] expected =
        [
            "chefs_table_s02e02_v01_PM_Nearfield_6ch_48k_24b.L.wav", "chefs_table_s02e02_v01_PM_Nearfield_6ch_48k_24b.R.wav",
            "chefs_table_s02e02_v01_PM_Nearfield_6ch_48k_24b.C.wav", "chefs_table_s02e02_v01_PM_Nearfield_6ch_48k_24b.LFE.wav",
            "chefs_table_s02e02_v01_PM_Nearfield_6ch_48k_24b.Ls.wav", "chefs_table_s02e02_v01_PM_Nearfield_6ch_48k_24b.Rs.wav",
            "chefs_table_s02e02_v01_PM_Nearfield_2ch_48k_24b_LoRo.L.wav", "chefs_table_s02e02_v01_PM_Nearfield_2ch_48k_24b_LoRo.R.wav",
        ];
        Assert.Equal(expected, channels.Select(f => Path.GetFileName(f.Path)));
        Assert.Equal(["L", "R", "C", "LFE", "Ls", "Rs", "L", "R"], channels.Select(f => f.Channel));

        // Each mono file holds exactly its channel of the interleaved file, as 24-bit 48 kHz BWF.
        var interleaved = Signals.Read(master.Path);
        for (var c = 0; c < 6; c++)
        {
            var file = channels[c];
            Assert.Equal(master.Path, file.ParentPath);
            var info = WavReader.ReadInfo(file.Path);
            Assert.Equal(1, info.Format.ChannelCount);
            Assert.Equal(24, info.Format.BitsPerSample);
            Assert.Equal(48000, info.Format.SampleRateHz);
            var mono = Signals.Read(file.Path);
            Assert.Equal(interleaved.Length / 6, mono.Length);
            for (var f = 0; f < mono.Length; f += 97)
            {
                Assert.Equal(interleaved[(f * 6) + c], mono[f]);
            }

            Assert.Equal(Verdict.Pass, file.Criteria.Single(k => k.Id == "channelMatch").Verdict);
            Assert.Equal(0, file.Criteria.Single(k => k.Id == "channelMatch").Measured);

            // Re-measured on its own: its true peak is the master's for that channel, under the profile's -2 dBTP.
            Assert.Equal(master.Analysis.Channels[c].TruePeakDbtp, file.Analysis.Meter.MaxTruePeakDbtp, 0.01);
            Assert.Equal(Verdict.Pass, file.Criteria.Single(k => k.Id == "truePeak").Verdict);
            Assert.Equal(Verdict.Pass, file.Verdict);

            // bext: the master's, with the channel named and this file's loudness, time reference kept.
            Assert.Contains($"channel {file.Channel}", info.Bext!.Description, StringComparison.Ordinal);
            Assert.Equal(48000UL * 10, info.Bext.TimeReferenceSamples);
            Assert.Equal(file.Analysis.Meter.MaxTruePeakDbtp, info.Bext.MaxTruePeakDbtp!.Value, 0.02);
        }

        Assert.Equal(loro.Path, channels[7].ParentPath);
        Assert.True(result.Files.Where(f => f.Kind == "channel").All(f => f.Verdict == Verdict.Pass), string.Join("; ", result.Files.SelectMany(f => f.Criteria.Where(k => k.Verdict == Verdict.Fail).Select(k => $"{Path.GetFileName(f.Path)} {k.Id} {k.MeasuredText}"))));

        // No staging files; reports only for the interleaved files, which list their mono files.
        Assert.Empty(Directory.GetFiles(dir.File("out"), ".*"));
        Assert.All(channels, f => Assert.Empty(f.Reports));
        var json = JsonNode.Parse(File.ReadAllText(master.Reports.Single(r => r.EndsWith(".json", StringComparison.Ordinal))))!;
        var listed = json["encodedOutputs"]!.AsArray().Select(n => (string)n!["path"]!).ToList();
        Assert.Equal(channels.Take(6).Select(f => f.Path), listed);
        var html = File.ReadAllText(master.Reports.Single(r => r.EndsWith(".html", StringComparison.Ordinal)));
        Assert.Contains("chefs_table_s02e02_v01_PM_Nearfield_6ch_48k_24b.LFE.wav", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Profiles_without_the_field_write_interleaved_files_only_and_a_pattern_without_the_channel_is_refused()
    {
        using var dir = new Signals.TempFolder();
        var source = dir.File("prog.wav");
        Signals.Write(source, Signals.AtLoudnessAndPeak(ChannelLayout.Stereo, 3, -18, -3), ChannelLayout.Stereo);
        var result = DeliveryEngine.Deliver(source, Catalog.Get("ebu-r128"), new DeliveryOptions { OutputFolder = dir.File("out"), Encode = false, Reports = false });
        Assert.Single(result.Files);
        Assert.Null(Catalog.Get("ebu-r128").ChannelFiles);
        Assert.Equal("{name}.{channel}", Catalog.Get("netflix-theatrical").ChannelFiles!.Value);

        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "profiles", "netflix-nearfield.json"))
            .Replace("\"value\": \"{name}.{channel}\"", "\"value\": \"{name}_mono\"", StringComparison.Ordinal);
        var ex = Assert.Throws<PercheFormatException>(() => ProfileCatalog.Parse(json, "nf.json"));
        Assert.Contains("channelFiles", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("nf.json: line ", ex.Message, StringComparison.Ordinal);
    }
}
