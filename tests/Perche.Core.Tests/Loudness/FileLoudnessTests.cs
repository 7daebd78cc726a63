using System.IO.Compression;
using Perche.Core.Audio;
using Perche.Core.Dsp.Loudness;
using Perche.Core.Formats.Wav;

namespace Perche.Core.Tests.Loudness;

public sealed class FileLoudnessTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("perche-fileloud-");

    public void Dispose() => this.dir.Delete(recursive: true);

    [Fact]
    public void The_two_thread_file_pipeline_gives_exactly_what_a_meter_fed_directly_gives()
    {
        var samples = Programme(48000 * 7, 6);
        var path = Path.Combine(this.dir.FullName, "p.wav");
        using (var w = WavWriter.Create(path, WavFormat.Create(SampleEncoding.Float32, 48000, ChannelLayout.Surround51)))
        {
            w.WriteFrames(samples);
            w.Complete();
        }

        var modes = LoudnessModes.Integrated | LoudnessModes.Range | LoudnessModes.TruePeak;
        var direct = LoudnessMeter.Create(ChannelLayout.Surround51, 48000, modes);
        direct.AddInterleaved(samples);
        var viaFile = FileLoudness.Measure(path, modes).Meter;
        Assert.Equal(direct.IntegratedLufs, viaFile.IntegratedLufs);
        Assert.Equal(direct.LoudnessRangeLu, viaFile.LoudnessRangeLu);
        Assert.Equal(direct.MaxMomentaryLufs, viaFile.MaxMomentaryLufs);
        for (var c = 0; c < 6; c++)
        {
            Assert.Equal(direct.TruePeak(c), viaFile.TruePeak(c));
        }
    }

    [Fact]
    public void A_file_whose_audio_stops_early_fails_with_the_reader_error_and_no_hang()
    {
        var path = Path.Combine(this.dir.FullName, "short.wav.gz");
        var full = Path.Combine(this.dir.FullName, "full.wav");
        using (var w = WavWriter.Create(full, WavFormat.Create(SampleEncoding.PcmInt24, 48000, ChannelLayout.Stereo)))
        {
            w.WriteFrames(Programme(48000 * 3, 2));
            w.Complete();
        }

        var bytes = File.ReadAllBytes(full);
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gz.Write(bytes.AsSpan(0, bytes.Length - 100_000));
        }

        var ex = Assert.Throws<PercheFormatException>(() => FileLoudness.Measure(path, LoudnessModes.Integrated));
        Assert.Contains("audio ends early", ex.Message, StringComparison.Ordinal);
    }

    private static float[] Programme(int frames, int channels)
    {
        var rng = new Random(11);
        var s = new float[frames * channels];
        for (var i = 0; i < frames; i++)
        {
            var level = (i / 48000) % 2 == 0 ? 0.3 : 0.03;
            for (var c = 0; c < channels; c++)
            {
                s[(i * channels) + c] = (float)(level * Math.Sin((2 * Math.PI * (200 + (100 * c)) * i / 48000.0) + rng.NextDouble() * 0.01));
            }
        }

        return s;
    }
}
