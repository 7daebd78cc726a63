using System.Buffers.Binary;
using System.Text;
using Perche.Core.Formats.Wav;
using Perche.Reliability.Tests.Support;

namespace Perche.Reliability.Tests.Corruption;

/// <summary>
/// Invalid UTF-8 in the text fields of RIFF chunks (bext, INFO, adtl labels): real files carry Latin-1, so
/// such bytes are read as Latin-1, exactly, and a rewrite must give the same bytes back.
/// </summary>
public sealed class TextCorruptionTests
{
    [Fact]
    public void A_full_latin1_bext_description_reads_and_writes_back_byte_for_byte()
    {
        // 256 bytes with no NUL, one of them 0xE9 (é in Latin-1, invalid alone in UTF-8): in UTF-8 the text would
        // need 257 bytes, more than the field holds, so writing it back must keep the Latin-1 form.
        var payload = new byte[BroadcastExtension.FixedSize];
        payload.AsSpan(0, 256).Fill((byte)'a');
        payload[10] = 0xE9;
        Encoding.ASCII.GetBytes("2026-11-30").CopyTo(payload, 320);
        var bext = BroadcastExtension.Parse(payload, "latin1.wav", 20);
        Assert.Equal(256, bext.Description.Length);
        Assert.Equal('\u00e9', bext.Description[10]);
        var written = bext.ToBytes();
        Assert.Equal(payload, written);
        ReaderAssert.Reads("bext", payload, "full Latin-1 description");
    }

    [Fact]
    public void Latin1_in_every_bext_text_field_reads_as_latin1()
    {
        var payload = new byte[BroadcastExtension.FixedSize + 4];
        payload[0] = 0xC9; // É
        payload[256] = 0xE8; // è
        payload[288] = 0xFC; // ü
        payload[320] = 0xB0; // °
        payload[330] = 0xA0; // no-break space
        payload[BroadcastExtension.FixedSize] = 0xE7; // ç
        var bext = BroadcastExtension.Parse(payload, "latin1.wav", 20);
        Assert.Equal("\u00c9", bext.Description);
        Assert.Equal("\u00e8", bext.Originator);
        Assert.Equal("\u00fc", bext.OriginatorReference);
        Assert.Equal("\u00b0", bext.OriginationDate);
        Assert.Equal("\u00a0", bext.OriginationTime);
        Assert.Equal("\u00e7", bext.CodingHistory);
        Assert.Null(bext.ParsedOriginationDate);
        ReaderAssert.Reads("bext", payload, "Latin-1 in every field");
    }

    [Fact]
    public void Invalid_utf8_in_info_tags_and_cue_labels_reads_as_latin1()
    {
        var info = new byte[] { (byte)'I', (byte)'N', (byte)'A', (byte)'M', 3, 0, 0, 0, 0xE9, 0xE9, 0, 0 };
        var tags = InfoList.Parse(info, "info.wav", 0);
        Assert.Equal("\u00e9\u00e9", Assert.Single(tags).Value);

        var label = new byte[8 + 4 + 3];
        Encoding.ASCII.GetBytes("labl").CopyTo(label, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(label.AsSpan(4), 6);
        BinaryPrimitives.WriteUInt32LittleEndian(label.AsSpan(8), 5);
        label[12] = 0xFF;
        label[13] = (byte)'x';
        var cues = new List<CuePoint>();
        CueChunks.ApplyAdtl(label.AsSpan(0, 14), cues, "cue.wav", 0);
        Assert.Equal("\u00ffx", Assert.Single(cues).Label);
    }
}
