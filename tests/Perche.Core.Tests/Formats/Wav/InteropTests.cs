using Perche.Core.Audio;
using Perche.Core.Formats.Wav;
using Perche.Core.Tests.Support;

namespace Perche.Core.Tests.Formats.Wav;

/// <summary>Another implementation (FFmpeg's ffprobe) reads what Perche writes with the same values.</summary>
public sealed class InteropTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("perche-interop-");

    public void Dispose() => this.dir.Delete(recursive: true);

    [ProgramFact("ffprobe")]
    public void Ffprobe_reads_Perche_RIFF_RF64_and_BW64_files_with_their_format_length_and_bext()
    {
        foreach (var container in new WavContainer?[] { null, WavContainer.Rf64, WavContainer.Bw64 })
        {
            var path = Path.Combine(this.dir.FullName, $"{container?.ToString() ?? "riff"}.wav");
            using (var w = WavWriter.Create(path, WavFormat.Create(SampleEncoding.PcmInt24, 96000, ChannelLayout.Surround51), new WavWriterOptions
            {
                Container = container,
                Bext = new BroadcastExtension { Description = "interop", TimeReferenceSamples = 123456789, Version = 2 },
            }))
            {
                w.WriteFrames(new float[6 * 9601]);
                w.Complete();
            }

            var (code, output, err) = ExternalProgram.Run("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,channels,sample_rate,duration_ts:format_tags=time_reference,comment", "-of", "default=nw=1", path);
            Assert.True(code == 0, err);
            Assert.Contains("codec_name=pcm_s24le", output, StringComparison.Ordinal);
            Assert.Contains("channels=6", output, StringComparison.Ordinal);
            Assert.Contains("sample_rate=96000", output, StringComparison.Ordinal);
            Assert.Contains("duration_ts=9601", output, StringComparison.Ordinal);
            Assert.Contains("TAG:time_reference=123456789", output, StringComparison.Ordinal);
            Assert.Contains("TAG:comment=interop", output, StringComparison.Ordinal);
        }
    }

    [ProgramFact("ffmpeg")]
    public void Ffmpeg_decodes_the_same_samples_Perche_wrote()
    {
        var path = Path.Combine(this.dir.FullName, "ramp.wav");
        var samples = new float[2 * 1000];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = ((i * 7919) % 65536 - 32768) / 32768f;
        }

        using (var w = WavWriter.Create(path, WavFormat.Create(SampleEncoding.PcmInt16, 48000, ChannelLayout.Stereo)))
        {
            w.WriteFrames(samples);
            w.Complete();
        }

        var raw = Path.Combine(this.dir.FullName, "ramp.raw");
        var (code, _, err) = ExternalProgram.Run("ffmpeg", "-v", "error", "-i", path, "-f", "s16le", "-c:a", "pcm_s16le", raw);
        Assert.True(code == 0, err);
        var bytes = File.ReadAllBytes(raw);
        Assert.Equal(samples.Length * 2, bytes.Length);
        for (var i = 0; i < samples.Length; i++)
        {
            Assert.Equal((short)Math.Round(samples[i] * 32768), BitConverter.ToInt16(bytes, i * 2));
        }

    }
}
