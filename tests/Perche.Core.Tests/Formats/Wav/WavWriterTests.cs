using Perche.Core.Audio;
using Perche.Core.Formats.Wav;

namespace Perche.Core.Tests.Formats.Wav;

public sealed class WavWriterTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("perche-writer-");

    public void Dispose() => this.dir.Delete(recursive: true);

    [Theory]
    [InlineData(SampleEncoding.PcmUInt8)]
    [InlineData(SampleEncoding.PcmInt16)]
    [InlineData(SampleEncoding.PcmInt24)]
    [InlineData(SampleEncoding.PcmInt32)]
    [InlineData(SampleEncoding.Float32)]
    [InlineData(SampleEncoding.Float64)]
    public void Every_encoding_round_trips_its_quantised_samples_exactly(SampleEncoding encoding)
    {
        var bits = WavFormat.BitsOf(encoding);
        var step = encoding is SampleEncoding.Float32 or SampleEncoding.Float64 ? 0f : MathF.Pow(2, -(bits - 1));
        var frames = 5003;
        var samples = new float[frames * 2];
        var rng = new Random(7);
        for (var i = 0; i < samples.Length; i++)
        {
            var v = (float)((rng.NextDouble() * 2) - 1);
            samples[i] = step == 0 ? v : Math.Min(MathF.Round(v / step) * step, 1f - step); // +1.0 is not representable
        }

        samples[0] = -1f; // most negative code
        var path = Path.Combine(this.dir.FullName, $"{encoding}.wav");
        using (var w = WavWriter.Create(path, WavFormat.Create(encoding, 48000, ChannelLayout.Stereo)))
        {
            w.WriteFrames(samples.AsSpan(0, 1000));
            w.WriteFrames(samples.AsSpan(1000));
            Assert.Equal(WavContainer.Riff, w.Complete());
        }

        var info = WavReader.ReadInfo(path);
        Assert.Equal(frames, info.FrameCount);
        Assert.Equal(encoding, info.Format.Encoding);
        Assert.Equal(["JUNK", "fmt ", "data"], info.Chunks.Select(c => c.Id.ToString()));
        using var r = WavReader.OpenSamples(path);
        var back = new float[samples.Length];
        var n = 0;
        int got;
        while ((got = r.ReadFrames(back.AsSpan(n * 2, Math.Min(777, frames - n) * 2))) > 0)
        {
            n += got;
        }

        Assert.Equal(frames, n);
        Assert.Equal(samples, back);
    }

    [Fact]
    public void Integer_writing_clips_overs_and_rounds_to_nearest()
    {
        var path = Path.Combine(this.dir.FullName, "clip.wav");
        using (var w = WavWriter.Create(path, WavFormat.Create(SampleEncoding.PcmInt16, 48000, ChannelLayout.Mono)))
        {
            w.WriteFrames([1.5f, -1.5f, 0.49f / 32768f, 0.51f / 32768f, -0.51f / 32768f]);
            w.Complete();
        }

        using var r = WavReader.OpenSamples(path);
        var raw = new byte[10];
        r.ReadRawFrames(raw);
        Assert.Equal(new short[] { 32767, -32768, 0, 1, -1 }, Enumerable.Range(0, 5).Select(i => BitConverter.ToInt16(raw, i * 2)));
    }

    [Theory]
    [InlineData(WavContainer.Rf64)]
    [InlineData(WavContainer.Bw64)]
    public void Forced_64_bit_containers_turn_the_JUNK_reservation_into_ds64(WavContainer container)
    {
        var path = Path.Combine(this.dir.FullName, "big.wav");
        using (var w = WavWriter.Create(path, WavFormat.Create(SampleEncoding.PcmInt24, 96000, ChannelLayout.Surround51), new WavWriterOptions { Container = container }))
        {
            w.WriteFrames(new float[6 * 321]);
            Assert.Equal(container, w.Complete());
        }

        var info = WavReader.ReadInfo(path);
        Assert.Equal(container, info.Container);
        Assert.Equal(321, info.FrameCount);
        Assert.Equal(["ds64", "fmt ", "data"], info.Chunks.Select(c => c.Id.ToString()));
        Assert.True(info.Format.IsExtensible);
        Assert.Equal(0x3Fu, info.Format.ChannelMask);
        Assert.Empty(info.Diagnostics);
    }

    [Fact]
    public void Bext_iXML_and_cues_written_by_Perche_read_back_identically()
    {
        var bext = new BroadcastExtension
        {
            Description = "sSCENE=12A\r\nsTAKE=3\r\n",
            Originator = "Perche",
            OriginatorReference = "FRPERCHE0001",
            OriginationDate = "2026-11-23",
            OriginationTime = "18:45:00",
            TimeReferenceSamples = 2_190_940_753,
            Version = 2,
            LoudnessValue = BroadcastExtension.ToField(-23.04),
            MaxTruePeakLevel = BroadcastExtension.ToField(-1.0),
            CodingHistory = "A=PCM,F=48000,W=24,M=stereo,T=Perche\r\n",
        };
        var ixml = IxmlMetadata.CreateEmpty();
        ixml.Project = "Demo";
        ixml.Scene = "12A";
        ixml.Take = "3";
        ixml.Circled = true;
        ixml.Note = "avion — à refaire";
        var cues = new List<CuePoint>
        {
            new() { Id = 1, SampleOffset = 4800, Label = "clap" },
            new() { Id = 2, SampleOffset = 9600, Label = "plane", Note = "at 0:00:00.2", RangeLengthSamples = 480 },
        };
        var path = Path.Combine(this.dir.FullName, "meta.wav");
        using (var w = WavWriter.Create(path, WavFormat.Create(SampleEncoding.PcmInt24, 48000, ChannelLayout.Stereo), new WavWriterOptions { Bext = bext, Ixml = ixml, Cues = cues }))
        {
            w.WriteFrames(new float[2 * 48000]);
            w.Complete();
        }

        var info = WavReader.ReadInfo(path);
        Assert.Equal(["JUNK", "bext", "iXML", "fmt ", "data", "cue ", "LIST"], info.Chunks.Select(c => c.Id.ToString()));
        Assert.Equal(bext.ToBytes(), info.Bext!.ToBytes());
        Assert.Equal(-23.04, info.Bext.LoudnessValueLufs);
        Assert.Equal("12A", info.Ixml!.Scene);
        Assert.True(info.Ixml.Circled);
        Assert.Equal("avion — à refaire", info.Ixml.Note);
        Assert.Equal(cues.Select(c => (c.Id, c.SampleOffset, c.Label, c.Note, c.RangeLengthSamples)), info.Cues.Select(c => (c.Id, c.SampleOffset, c.Label, c.Note, c.RangeLengthSamples)));
    }

    [Fact]
    public void Disposing_an_unfinished_writer_leaves_no_file_and_keeps_the_previous_one()
    {
        var path = Path.Combine(this.dir.FullName, "keep.wav");
        File.WriteAllText(path, "previous");
        using (var w = WavWriter.Create(path, WavFormat.Create(SampleEncoding.PcmInt16, 48000, ChannelLayout.Mono)))
        {
            w.WriteFrames(new float[1000]);
            Assert.Equal("previous", File.ReadAllText(path));
        }

        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(this.dir.FullName));
    }

    [Fact]
    public void Editing_iXML_in_a_rewrite_keeps_the_audio_bytes_and_other_chunks()
    {
        var path = Path.Combine(this.dir.FullName, "src.wav");
        var ixml = IxmlMetadata.CreateEmpty();
        ixml.Scene = "1";
        using (var w = WavWriter.Create(path, WavFormat.Create(SampleEncoding.PcmInt24, 48000, ChannelLayout.Stereo), new WavWriterOptions { Ixml = ixml, ExtraChunks = [new RawChunk(new FourCC("ABCD"), [1, 2, 3])] }))
        {
            var s = new float[2 * 4800];
            for (var i = 0; i < s.Length; i++)
            {
                s[i] = MathF.Sin(i * 0.01f) * 0.5f;
            }

            w.WriteFrames(s);
            w.Complete();
        }

        var edited = WavReader.ReadInfo(path).Ixml!;
        edited.Circled = true;
        edited.Note = "circled on set";
        var dest = Path.Combine(this.dir.FullName, "dest.wav");
        var after = WavRewriter.Rewrite(path, dest, new WavMetadataEdit { Ixml = edited, Bext = new BroadcastExtension { Description = "added" } });
        Assert.Equal(["JUNK", "iXML", "ABCD", "bext", "fmt ", "data"], after.Chunks.Select(c => c.Id.ToString()));
        Assert.True(after.Ixml!.Circled);
        Assert.Equal("circled on set", after.Ixml.Note);
        Assert.Equal("1", after.Ixml.Scene);
        Assert.Equal("added", after.Bext!.Description);
        WavAssert.SameAudio(path, dest);
    }
}
