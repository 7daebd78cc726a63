using Perche.Core;
using Perche.Core.Formats.Wav;
using Perche.Fuzz;
using Perche.Reliability.Tests.Support;

namespace Perche.Reliability.Tests.Corruption;

/// <summary>
/// Structured damage to WAVE files: truncation at and around every chunk boundary of every real file's seed,
/// 32-bit sizes that overflow, an RF64 ds64 chunk that lies about every size it holds. Each must end in a result
/// or the clear error naming the byte; never another exception, a hang or an allocation a size field asked for.
/// </summary>
public sealed class WavStructureTests
{
    private static readonly string[] RealFiles = Paths.InputsIn(Path.Combine(Paths.Seeds, "wav"));

    [Fact]
    public void Truncation_at_and_around_every_chunk_boundary_of_every_real_file_ends_cleanly()
    {
        Assert.True(RealFiles.Length >= 40, $"only {RealFiles.Length} WAV seeds");
        var cuts = 0;
        foreach (var path in RealFiles)
        {
            var bytes = File.ReadAllBytes(path);
            var info = WavReader.ReadInfo(new MemoryStream(bytes), path);
            var boundaries = new SortedSet<long> { 0, 1, 4, 8, 11, 12 };
            foreach (var c in info.Chunks)
            {
                foreach (var at in new[] { c.HeaderOffset, c.PayloadOffset, c.End })
                {
                    foreach (var d in new[] { -1, 0, 1, 4, 7, 8 })
                    {
                        boundaries.Add(at + d);
                    }
                }
            }

            foreach (var cut in boundaries)
            {
                if (cut < 0 || cut >= bytes.Length)
                {
                    continue;
                }

                var truncated = bytes.AsSpan(0, (int)cut).ToArray();
                var what = $"{Path.GetFileName(path)} cut at byte {cut}";
                if (cut < info.DataChunk.PayloadOffset + info.DataChunk.Size)
                {
                    // Everything up to the end of the audio is needed: a cut there must be refused, at or before the cut.
                    var ex = Assert.Throws<PercheFormatException>(() => WavReader.ReadInfo(new MemoryStream(truncated), what));
                    Assert.True(ex.Position <= Math.Max(cut, 12), $"{what}: error placed at byte {ex.Position}, after the end of the input");
                    ReaderAssert.ClearError("wav", truncated, what);
                }
                else
                {
                    ReaderAssert.Acceptable("wav", truncated, what);
                }

                cuts++;
            }
        }

        Assert.True(cuts > 1000, $"only {cuts} truncations tried");
    }

    [Theory]
    [InlineData(0xFFFFFFFFu)]
    [InlineData(0xFFFFFFFEu)]
    [InlineData(0x80000000u)]
    [InlineData(0x7FFFFFFFu)]
    [InlineData(0xFFFFFFF0u)]
    public void A_chunk_size_that_overflows_32_bits_is_refused_at_its_header(uint declared)
    {
        // The size field of each chunk in turn claims far more than the file holds.
        foreach (var id in new[] { "fmt ", "bext", "iXML", "LIST", "JUNK", "data" })
        {
            var builder = new RiffBuilder().Add("fmt ", RiffBuilder.FmtPcm16Mono48k(), id == "fmt " ? declared : null)
                .Add("bext", new byte[602], id == "bext" ? declared : null)
                .Add("iXML", "<BWFXML/>"u8.ToArray(), id == "iXML" ? declared : null)
                .Add("LIST", "INFOINAM\u0002\0\0\0a\0"u8.ToArray(), id == "LIST" ? declared : null)
                .Add("JUNK", new byte[4], id == "JUNK" ? declared : null)
                .Add("data", new byte[200], id == "data" ? declared : null);
            var bytes = builder.ToRiff();
            var ex = Assert.Throws<PercheFormatException>(() => WavReader.ReadInfo(new MemoryStream(bytes), "overflow.wav"));
            Assert.Contains($"'{id}'", ex.Message, StringComparison.Ordinal);
            ReaderAssert.ClearError("wav", bytes, $"{id} declaring 0x{declared:X8}");
        }
    }

    [Fact]
    public void A_riff_size_of_0xFFFFFFFF_on_a_small_file_reads_with_a_warning()
    {
        // Recorders that die before finalising leave the RIFF size unwritten; the chunks are still good.
        var bytes = RiffBuilder.Minimal().ToRiff(riffSize: 0xFFFFFFFF);
        var info = WavReader.ReadInfo(new MemoryStream(bytes), "unfinalised.wav");
        Assert.Equal(100, info.FrameCount);
        Assert.Contains(info.Diagnostics, d => d.Contains("truncated or not finalised", StringComparison.Ordinal));
        ReaderAssert.Reads("wav", bytes, "RIFF size 0xFFFFFFFF");
    }

    [Fact]
    public void A_truthful_rf64_file_reads()
    {
        var bytes = RiffBuilder.Minimal().ToRf64();
        var info = WavReader.ReadInfo(new MemoryStream(bytes), "ok.rf64");
        Assert.Equal(WavContainer.Rf64, info.Container);
        Assert.Equal(100, info.FrameCount);
        ReaderAssert.Reads("wav", bytes, "truthful RF64");
    }

    public static TheoryData<string, string> Ds64Lies() => new()
    {
        { "data size past the end of the file", "ds64 declares a data size" },
        { "data size of 2^63", "absurd" },
        { "data size of 2^64-1", "absurd" },
        { "RIFF size of 2^63", "absurd" },
        { "table length 0xFFFFFFFF", "ds64 table declares" },
        { "ds64 chunk size 0", "ds64 chunk declares 0 bytes" },
        { "ds64 chunk size 0xFFFFFFFF", "ds64 chunk declares" },
        { "table entry of 2^61 bytes for a chunk", "runs past the end of the file" },
        { "table entry of 2^63+8 bytes for a chunk", "JUNK" },
        { "table entry of 2^64-1 bytes for a chunk", "JUNK" },
        { "no table entry for a chunk sized 0xFFFFFFFF", "ds64 table has no entry" },
    };

    [Theory]
    [MemberData(nameof(Ds64Lies))]
    public void An_rf64_ds64_that_lies_about_sizes_is_refused(string lie, string expected)
    {
        byte[] bytes = lie switch
        {
            "data size past the end of the file" => RiffBuilder.Minimal().ToRf64(dataSize: 1UL << 40),
            "data size of 2^63" => RiffBuilder.Minimal().ToRf64(dataSize: 1UL << 63),
            "data size of 2^64-1" => RiffBuilder.Minimal().ToRf64(dataSize: ulong.MaxValue),
            "RIFF size of 2^63" => RiffBuilder.Minimal().ToRf64(riffSize: 1UL << 63),
            "table length 0xFFFFFFFF" => RiffBuilder.Minimal().ToRf64(tableLength: 0xFFFFFFFF),
            "ds64 chunk size 0" => RiffBuilder.Minimal().ToRf64(ds64Size: 0),
            "ds64 chunk size 0xFFFFFFFF" => RiffBuilder.Minimal().ToRf64(ds64Size: 0xFFFFFFFF),
            "table entry of 2^61 bytes for a chunk" => WithBigJunk(1UL << 61),
            "table entry of 2^63+8 bytes for a chunk" => WithBigJunk((1UL << 63) + 8),
            "table entry of 2^64-1 bytes for a chunk" => WithBigJunk(ulong.MaxValue),
            "no table entry for a chunk sized 0xFFFFFFFF" => new RiffBuilder().Add("fmt ", RiffBuilder.FmtPcm16Mono48k()).Add("JUNK", new byte[4], 0xFFFFFFFF).Add("data", new byte[200]).ToRf64(),
            _ => throw new ArgumentOutOfRangeException(nameof(lie)),
        };
        var ex = Assert.Throws<PercheFormatException>(() => WavReader.ReadInfo(new MemoryStream(bytes), "lie.rf64"));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(InputPositionKind.ByteOffset, ex.PositionKind);
        Assert.InRange(ex.Position, 0, bytes.Length);
        ReaderAssert.ClearError("wav", bytes, lie);
    }

    [Fact]
    public void An_rf64_ds64_smaller_than_the_truth_never_reads_past_the_file()
    {
        // A data size smaller than the data chunk holds: the reader believes ds64 and must stay inside the file.
        var bytes = RiffBuilder.Minimal().ToRf64(dataSize: 20, riffSize: 10);
        var result = ReaderAssert.Acceptable("wav", bytes, "ds64 sizes too small");
        if (result.Outcome == ReplayOutcome.Read)
        {
            var info = WavReader.ReadInfo(new MemoryStream(bytes), "small.rf64");
            Assert.Equal(10, info.FrameCount);
        }
    }

    [Fact]
    public void A_metadata_chunk_claiming_60_MB_in_a_small_piped_file_is_refused_without_allocating_it()
    {
        // Piped input (a .wav.gz) cannot check sizes against the file length: the reader must read what is
        // there, not allocate what the size field claims.
        var bytes = new RiffBuilder().Add("fmt ", RiffBuilder.FmtPcm16Mono48k()).Add("iXML", "<BWFXML/>"u8.ToArray(), 60_000_000).Add("data", new byte[200]).ToRiff();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<PercheFormatException>(() => WavReader.ReadInfo(new NonSeekableStream(bytes), "claims.wav.gz"));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("file ends inside chunk 'iXML'", ex.Message, StringComparison.Ordinal);
        Assert.True(allocated < 8 << 20, $"allocated {allocated} bytes for a {bytes.Length}-byte input");
        ReaderAssert.ClearError("wav", bytes, "60 MB iXML claim");
    }

    private static byte[] WithBigJunk(ulong size) =>
        new RiffBuilder().Add("fmt ", RiffBuilder.FmtPcm16Mono48k()).Add("JUNK", new byte[4], 0xFFFFFFFF).Add("data", new byte[200])
            .ToRf64(table: [("JUNK", size)]);
}
