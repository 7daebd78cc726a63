using Perche.Core.Formats.Wav;
using Perche.Core.Tests.Support;

namespace Perche.Core.Tests.Formats.Wav;

/// <summary>
/// Real recorder files broken on purpose — truncated at and around every chunk boundary, and with random
/// bytes flipped in their headers — must either read or fail with <see cref="PercheFormatException"/>;
/// never another exception, a hang or a huge allocation.
/// </summary>
public sealed class CorruptionTests
{
    private static readonly string[] Files =
    [
        "sounddevices/A101_1.WAV",
        "nuendo/wavinfo Test Project - Audio - 5.1.wav",
        "cue_chunks/izotoperx_cues_test.wav",
        "sound_grinder_pro/new_camera bumb 1.wav",
        "protools/umid.wav",
    ];

    [SharedDataFact]
    public void Truncation_at_and_around_every_chunk_boundary_reads_or_fails_cleanly()
    {
        var runs = 0;
        foreach (var file in Files)
        {
            var bytes = File.ReadAllBytes(TestData.Shared("wavinfo/tests/test_files/" + file));
            var info = WavReader.ReadInfo(new MemoryStream(bytes), file);
            var cuts = new SortedSet<long> { 0, 1, 4, 8, 11, 12, 13 };
            foreach (var c in info.Chunks)
            {
                foreach (var delta in new long[] { -1, 0, 1, 4, 7, 8, 9 })
                {
                    cuts.Add(c.HeaderOffset + delta);
                    cuts.Add(c.End + delta);
                }
            }

            foreach (var cut in cuts)
            {
                if (cut < 0 || cut >= bytes.Length)
                {
                    continue;
                }

                ReadsOrFailsCleanly(bytes.AsSpan(0, (int)cut).ToArray(), $"{file} cut at {cut}");
                runs++;
            }
        }

        Assert.True(runs > 100, $"only {runs} truncations tried");
    }

    [SharedDataFact]
    public void Random_byte_flips_in_the_headers_read_or_fail_cleanly()
    {
        var rng = new Random(20261123);
        foreach (var file in Files)
        {
            var original = File.ReadAllBytes(TestData.Shared("wavinfo/tests/test_files/" + file));
            var info = WavReader.ReadInfo(new MemoryStream(original), file);
            var headerEnd = (int)Math.Min(original.Length, info.DataChunk.PayloadOffset + 16);
            for (var i = 0; i < 300; i++)
            {
                var bytes = (byte[])original.Clone();
                var flips = 1 + rng.Next(4);
                for (var f = 0; f < flips; f++)
                {
                    var at = rng.Next(headerEnd);
                    bytes[at] = rng.Next(3) switch
                    {
                        0 => (byte)rng.Next(256),
                        1 => 0xFF,
                        _ => 0x00,
                    };
                }

                ReadsOrFailsCleanly(bytes, $"{file} flip #{i}");
            }
        }
    }

    private static void ReadsOrFailsCleanly(byte[] bytes, string name)
    {
        try
        {
            var info = WavReader.ReadInfo(new MemoryStream(bytes), name);
            using var reader = WavReader.OpenSamples(new MemoryStream(bytes), name, ownsStream: true);
            var buffer = new float[reader.Format.ChannelCount * 4096];
            long frames = 0;
            int n;
            while ((n = reader.ReadFrames(buffer)) > 0)
            {
                frames += n;
            }

            Assert.Equal(info.FrameCount, frames);
        }
        catch (PercheFormatException ex)
        {
            Assert.StartsWith(name + ":", ex.Message, StringComparison.Ordinal);
        }
    }
}
