using Perche.Core.Audio;
using Perche.Core.Formats.Ffmpeg;
using Perche.Core.Tests.Support;
using Perche.Delivery.Compliance;
using Perche.Delivery.Processing;
using Perche.Delivery.Profiles;
using Perche.Delivery.Tests.Support;

namespace Perche.Delivery.Tests;

// One class, so the test that hides ffmpeg (a process-wide variable) never runs beside the ones that use it.
public sealed class EncodedOutputTests
{
    private const string Profile = """
        {
          "id": "r128-with-codecs",
          "name": "R 128 with compressed outputs",
          "medium": "broadcast",
          "fields": {
            "method": { "value": "bs1770", "source": "EBU R 128", "confirmed": true },
            "targetLevel": { "value": -23.0, "source": "EBU R 128", "confirmed": true },
            "tolerance": { "value": 0.2, "source": "EBU R 128 QC tolerance", "confirmed": true },
            "maxTruePeakDbtp": { "value": -1.0, "source": "EBU R 128", "confirmed": true },
            "outputs": { "value": [ { "codec": "aac", "bitrateKbps": 256 }, { "codec": "opus", "bitrateKbps": 160 }, { "codec": "ac3", "bitrateKbps": 448 } ], "source": "test", "confirmed": false }
          }
        }
        """;

    [ProgramFact("ffmpeg")]
    public void Aac_opus_and_ac3_outputs_are_decoded_and_remeasure_within_the_profile_tolerance()
    {
        using var dir = new Signals.TempFolder();
        var data = Signals.AtLoudnessAndPeak(ChannelLayout.Stereo, 8, -16, -0.5);
        var source = dir.File("prog.wav");
        Signals.Write(source, data, ChannelLayout.Stereo);
        var profile = ProfileCatalog.Parse(Profile, "test.json");
        var result = DeliveryEngine.Deliver(source, profile, new DeliveryOptions { OutputFolder = dir.File("out"), Reports = false });
        Assert.Empty(result.Errors);
        Assert.Equal(["master", "aac", "opus", "ac3"], result.Files.Select(f => f.Kind));
        foreach (var f in result.Files.Skip(1))
        {
            Assert.True(File.Exists(f.Path), f.Path);
            var probe = FfmpegBridge.Probe(f.Path);
            Assert.Equal(f.Kind, probe.Codec);
            Assert.Equal(2, probe.Channels);
            Assert.Equal(8.0, f.Analysis.DurationSeconds, 0.1);
            Assert.True(Math.Abs(f.Analysis.Meter.IntegratedLufs + 23.0) <= 0.2, $"{f.Kind}: {f.Analysis.Meter.IntegratedLufs} LUFS");
            Assert.True(Math.Round(f.Analysis.Meter.MaxTruePeakDbtp, 1) <= -1.0, $"{f.Kind}: {f.Analysis.Meter.MaxTruePeakDbtp} dBTP");
            Assert.Equal(Verdict.Pass, f.Verdict);
        }

        Assert.Equal(".m4a", Path.GetExtension(result.Files[1].Path));
        Assert.Empty(Directory.GetFiles(dir.File("out"), ".*"));
    }

    [ProgramFact("ffmpeg")]
    public void Without_ffmpeg_the_pcm_master_is_still_delivered_and_the_message_names_the_formats()
    {
        using var dir = new Signals.TempFolder();
        var source = dir.File("prog.wav");
        Signals.Write(source, Signals.AtLoudnessAndPeak(ChannelLayout.Stereo, 3, -20, -6), ChannelLayout.Stereo);
        var previous = Environment.GetEnvironmentVariable("PERCHE_FFMPEG");
        Environment.SetEnvironmentVariable("PERCHE_FFMPEG", dir.File("no-ffmpeg-here"));
        try
        {
            var result = DeliveryEngine.Deliver(source, ProfileCatalog.Parse(Profile, "test.json"), new DeliveryOptions { OutputFolder = dir.File("out"), Reports = false });
            var master = Assert.Single(result.Files);
            Assert.True(File.Exists(master.Path));
            var error = Assert.Single(result.Errors);
            Assert.Contains("ffmpeg is not installed", error, StringComparison.Ordinal);
            Assert.Contains("AAC, Opus, MP3, FLAC, AC-3 and E-AC-3", error, StringComparison.Ordinal);
            Assert.Contains("PCM/BWF outputs work without it", error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PERCHE_FFMPEG", previous);
        }
    }
}
