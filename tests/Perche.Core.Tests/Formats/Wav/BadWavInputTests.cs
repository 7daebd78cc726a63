using System.IO.Compression;
using Perche.Core.Formats.Wav;

namespace Perche.Core.Tests.Formats.Wav;

/// <summary>
/// Every kind of broken WAVE file ends in one <see cref="PercheFormatException"/> that names the file, the
/// byte offset and what was expected — never another exception.
/// </summary>
public sealed class BadWavInputTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("perche-bad-");

    public void Dispose() => this.dir.Delete(recursive: true);

    [Fact]
    public void A_valid_synthetic_file_reads_so_the_broken_variants_below_test_one_fault_each()
    {
        var info = WavReader.ReadInfo(this.Write("ok.wav", WavBytes.Simple().ToArray()));
        Assert.Equal(100, info.FrameCount);
        Assert.Empty(info.Diagnostics);
    }

    [Fact]
    public void A_truncated_file_names_the_data_chunk_that_runs_past_the_end()
    {
        var bytes = WavBytes.Simple().ToArray();
        var path = this.Write("truncated.wav", bytes[..^50]);
        var ex = Assert.Throws<PercheFormatException>(() => WavReader.ReadInfo(path));
        Assert.Equal(InputPositionKind.ByteOffset, ex.PositionKind);
        Assert.Equal(36, ex.Position);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("'data'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("past the end", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_cut_inside_its_header_is_reported()
    {
        var path = this.Write("cut.wav", WavBytes.Simple().ToArray()[..7]);
        var ex = Assert.Throws<PercheFormatException>(() => WavReader.ReadInfo(path));
        Assert.Contains("12-byte RIFF header", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chunk_size_past_the_end_of_the_file_is_reported_at_its_header()
    {
        var w = new WavBytes();
        w.Add("fmt ", WavBytes.Fmt());
        w.Add("data", WavBytes.Ramp(20));
        var bytes = w.ToArray();
        bytes[16] = 0xFF; // fmt size → 0x000000FF... past nothing; make it larger than the file
        bytes[17] = 0xFF;
        var path = this.Write("size.wav", bytes);
        var ex = Assert.Throws<PercheFormatException>(() => WavReader.ReadInfo(path));
        Assert.Equal(12, ex.Position);
        Assert.Contains("runs past the end", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_odd_sized_chunk_without_its_pad_byte_is_reported_where_the_next_header_starts()
    {
        var w = new WavBytes();
        w.Add("fmt ", WavBytes.Fmt());
        w.Add("abcd", [1, 2, 3], pad: false);
        w.Add("data", WavBytes.Ramp(20));
        var path = this.Write("pad.wav", w.ToArray());
        var ex = Assert.Throws<PercheFormatException>(() => WavReader.ReadInfo(path));
        Assert.Equal(w.OffsetOf(2), ex.Position);
        Assert.Contains("no pad byte", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_final_pad_byte_is_only_a_diagnostic()
    {
        var w = WavBytes.Simple();
        w.Add("abcd", [1, 2, 3], pad: false);
        var info = WavReader.ReadInfo(this.Write("lastpad.wav", w.ToArray()));
        Assert.Contains(info.Diagnostics, d => d.Contains("pad byte", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_without_fmt_is_reported()
    {
        var w = new WavBytes();
        w.Add("LIST", "INFOxxxx");
        var ex = Assert.Throws<PercheFormatException>(() => WavReader.ReadInfo(this.Write("nofmt.wav", w.ToArray())));
        Assert.Contains("no fmt chunk", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_data_chunk_before_fmt_is_reported_at_the_data_chunk()
    {
        var w = new WavBytes();
        w.Add("data", WavBytes.Ramp(20));
        w.Add("fmt ", WavBytes.Fmt());
        var ex = Assert.Throws<PercheFormatException>(() => WavReader.ReadInfo(this.Write("order.wav", w.ToArray())));
        Assert.Equal(12, ex.Position);
        Assert.Contains("before the fmt chunk", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_channels_is_reported_at_the_channel_field()
    {
        var ex = this.ReadWithFmt(WavBytes.Fmt(channels: 0, blockAlign: 0));
        Assert.Equal(32 + 2, ex.Position);
        Assert.Contains("0 channels", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(10_000_000u)]
    public void A_zero_or_absurd_sample_rate_is_reported_at_the_rate_field(uint rate)
    {
        var ex = this.ReadWithFmt(WavBytes.Fmt(rate: rate));
        Assert.Equal(32 + 4, ex.Position);
        Assert.Contains($"sample rate of {rate} Hz", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_align_that_does_not_match_channels_and_bits_is_reported()
    {
        var ex = this.ReadWithFmt(WavBytes.Fmt(channels: 2, bits: 24, blockAlign: 4));
        Assert.Equal(32 + 12, ex.Position);
        Assert.Contains("block align is 4; expected 6", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_bit_depth_is_reported()
    {
        var ex = this.ReadWithFmt(WavBytes.Fmt(bits: 12, blockAlign: 3));
        Assert.Contains("12 bits", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_iXML_is_reported_with_the_chunk_offset_and_the_XML_position()
    {
        var w = new WavBytes();
        w.Add("iXML", "<BWFXML><SCENE>12</SCEN></BWFXML>");
        w.Add("fmt ", WavBytes.Fmt());
        w.Add("data", WavBytes.Ramp(20));
        var ex = Assert.Throws<PercheFormatException>(() => WavReader.ReadInfo(this.Write("ixml.wav", w.ToArray())));
        Assert.Equal(20, ex.Position);
        Assert.Contains("iXML is not well-formed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void iXML_with_a_DTD_is_refused_so_no_entity_is_ever_expanded()
    {
        var w = new WavBytes();
        w.Add("iXML", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><BWFXML><NOTE>&b;</NOTE></BWFXML>");
        w.Add("fmt ", WavBytes.Fmt());
        w.Add("data", WavBytes.Ramp(20));
        var ex = Assert.Throws<PercheFormatException>(() => WavReader.ReadInfo(this.Write("dtd.wav", w.ToArray())));
        Assert.Contains("iXML", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_RF64_file_without_ds64_is_reported()
    {
        var w = new WavBytes { Form = "RF64" };
        w.Add("fmt ", WavBytes.Fmt());
        w.Add("data", WavBytes.Ramp(20));
        var ex = Assert.Throws<PercheFormatException>(() => WavReader.ReadInfo(this.Write("nods64.wav", w.ToArray())));
        Assert.Equal(12, ex.Position);
        Assert.Contains("no ds64", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_RF64_ds64_data_size_larger_than_the_file_is_reported()
    {
        var w = new WavBytes { Form = "RF64" };
        w.Add("ds64", WavBytes.Ds64(1000, 5_000_000_000, 1_250_000_000));
        w.Add("fmt ", WavBytes.Fmt());
        w.Add("data", WavBytes.Ramp(20));
        var ex = Assert.Throws<PercheFormatException>(() => WavReader.ReadInfo(this.Write("ds64.wav", w.ToArray())));
        Assert.Equal(28, ex.Position);
        Assert.Contains("ds64 declares a data size of 5000000000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_RF64_ds64_that_is_too_short_is_reported()
    {
        var w = new WavBytes { Form = "RF64" };
        w.Add("ds64", new byte[8]);
        w.Add("fmt ", WavBytes.Fmt());
        w.Add("data", WavBytes.Ramp(20));
        var ex = Assert.Throws<PercheFormatException>(() => WavReader.ReadInfo(this.Write("ds64short.wav", w.ToArray())));
        Assert.Contains("ds64 chunk declares 8 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_consistent_synthetic_RF64_file_reads_its_data_size_from_ds64()
    {
        var w = new WavBytes { Form = "RF64" };
        w.Add("ds64", WavBytes.Ds64(0, 80, 20));
        w.Add("fmt ", WavBytes.Fmt());
        w.Add("data", WavBytes.Ramp(40));
        var bytes = w.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(20), (ulong)(bytes.Length - 8));
        var info = WavReader.ReadInfo(this.Write("rf64.wav", bytes));
        Assert.Equal(WavContainer.Rf64, info.Container);
        Assert.Equal(20, info.FrameCount);
        Assert.Empty(info.Diagnostics);
    }

    [Fact]
    public void A_file_that_is_not_WAVE_is_reported()
    {
        var ex = Assert.Throws<PercheFormatException>(() => WavReader.ReadInfo(this.Write("x.wav", "ID3\u0004 not a wave file at all"u8.ToArray())));
        Assert.Equal(0, ex.Position);
        Assert.Contains("expected 'RIFF'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_reported_by_name()
    {
        var path = Path.Combine(this.dir.FullName, "nope.wav");
        var ex = Assert.Throws<PercheFormatException>(() => WavReader.ReadInfo(path));
        Assert.Equal(InputPositionKind.None, ex.PositionKind);
        Assert.Equal($"{path}: file not found", ex.Message);
    }

    [Fact]
    public void A_truncated_gzip_stream_is_reported_not_thrown_as_a_zlib_error()
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(WavBytes.Simple(5000).ToArray());
        }

        var path = this.Write("cut.wav.gz", ms.ToArray()[..(int)(ms.Length / 2)]);
        var ex = Assert.Throws<PercheFormatException>(() => WavReader.ReadInfo(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Audio_shorter_than_its_header_ends_the_sample_stream_with_a_clear_error()
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            var bytes = WavBytes.Simple(5000).ToArray();
            gz.Write(bytes.AsSpan(0, bytes.Length - 400));
        }

        var path = this.Write("short.wav.gz", ms.ToArray());
        using var reader = WavReader.OpenSamples(path);
        var buffer = new float[2 * 1024];
        var ex = Assert.Throws<PercheFormatException>(() =>
        {
            while (reader.ReadFrames(buffer) > 0)
            {
            }
        });
        Assert.Contains("audio ends early", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_instead_of_a_chunk_header_is_reported_at_its_offset()
    {
        var w = WavBytes.Simple();
        var bytes = w.ToArray().Concat(new byte[] { 0x01, 0x02, 0x03, 0x04, 0, 0, 0, 0 }).ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        var ex = Assert.Throws<PercheFormatException>(() => WavReader.ReadInfo(this.Write("garbage.wav", bytes)));
        Assert.Equal(w.ToArray().Length, ex.Position);
        Assert.Contains("not text", ex.Message, StringComparison.Ordinal);
    }

    private PercheFormatException ReadWithFmt(byte[] fmt)
    {
        var w = new WavBytes();
        w.Add("LIST", "INFO");
        w.Add("fmt ", fmt); // header at 24, payload at 32
        w.Add("data", WavBytes.Ramp(24));
        return Assert.Throws<PercheFormatException>(() => WavReader.ReadInfo(this.Write("fmt.wav", w.ToArray())));
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(this.dir.FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
