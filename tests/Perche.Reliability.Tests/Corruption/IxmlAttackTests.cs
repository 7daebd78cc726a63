using System.Text;
using Perche.Core;
using Perche.Core.Formats.Wav;
using Perche.Fuzz;
using Perche.Reliability.Tests.Support;

namespace Perche.Reliability.Tests.Corruption;

/// <summary>
/// Hostile iXML: entity expansion bombs, external entities (XXE), deep nesting, invalid UTF-8. A recorder file
/// from an unknown source must never make the reader expand, fetch or stack anything without bound.
/// </summary>
public sealed class IxmlAttackTests
{
    private const string BillionLaughs =
        "<?xml version=\"1.0\"?><!DOCTYPE BWFXML [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">" +
        "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">" +
        "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">" +
        "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\"><!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">" +
        "<!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">]><BWFXML><NOTE>&i;</NOTE></BWFXML>";

    [Fact]
    public void An_entity_expansion_bomb_is_refused_without_expanding()
    {
        var result = ReaderAssert.ClearError("ixml", Encoding.UTF8.GetBytes(BillionLaughs), "billion laughs", "DTD");
        Assert.True(result.AllocatedBytes < 16 << 20, $"allocated {result.AllocatedBytes} bytes");
    }

    [Fact]
    public void An_external_entity_is_never_resolved()
    {
        // XXE: were the entity resolved, the note would hold this secret file's text.
        var secret = Path.Combine(Path.GetTempPath(), $"perche-xxe-{Guid.NewGuid():N}.txt");
        File.WriteAllText(secret, "TOP-SECRET-XXE");
        try
        {
            var xml = $"<?xml version=\"1.0\"?><!DOCTYPE BWFXML [<!ENTITY x SYSTEM \"file://{secret}\">]><BWFXML><NOTE>&x;</NOTE></BWFXML>";
            var ex = Assert.Throws<PercheFormatException>(() => IxmlMetadata.Parse(Encoding.UTF8.GetBytes(xml), "xxe.wav", 100));
            Assert.DoesNotContain("TOP-SECRET", ex.Message, StringComparison.Ordinal);
            Assert.Equal(100, ex.Position);
            var external = "<?xml version=\"1.0\"?><!DOCTYPE BWFXML SYSTEM \"http://127.0.0.1:9/evil.dtd\"><BWFXML/>";
            ReaderAssert.ClearError("ixml", Encoding.UTF8.GetBytes(external), "external DTD", "DTD");
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void A_bomb_inside_a_wav_file_is_refused_naming_the_ixml_chunk()
    {
        var bytes = new RiffBuilder().Add("fmt ", RiffBuilder.FmtPcm16Mono48k()).Add("iXML", Encoding.UTF8.GetBytes(BillionLaughs)).Add("data", new byte[200]).ToRiff();
        var ex = Assert.Throws<PercheFormatException>(() => WavReader.ReadInfo(new MemoryStream(bytes), "bomb.wav"));
        Assert.Equal(44, ex.Position);
        Assert.StartsWith("bomb.wav: at byte 44: iXML", ex.Message, StringComparison.Ordinal);
        ReaderAssert.ClearError("wav", bytes, "bomb in a WAV");
    }

    [Fact]
    public void Deep_nesting_is_refused_in_linear_time_and_real_depths_read()
    {
        // XDocument costs time quadratic in depth: 20,000 levels took 12 s before the reader refused them.
        var deep = Nested(100_000);
        var result = ReaderAssert.ClearError("ixml", deep, "100,000 nested elements", "nests deeper than 256 elements");
        Assert.True(result.ElapsedSeconds < 5, $"{result.ElapsedSeconds} s");
        var wav = new RiffBuilder().Add("fmt ", RiffBuilder.FmtPcm16Mono48k()).Add("iXML", deep).Add("data", new byte[200]).ToRiff();
        ReaderAssert.ClearError("wav", wav, "100,000 nested elements in a WAV");

        var ixml = IxmlMetadata.Parse(Nested(200), "vendor.wav", 0);
        Assert.Equal("12", ixml.Scene);
        Assert.Equal("V", Assert.Single(ixml.VendorBlocks).Key);
    }

    [Fact]
    public void An_element_with_a_hundred_thousand_attributes_is_refused_quickly()
    {
        var sb = new StringBuilder("<BWFXML");
        for (var i = 0; i < 100_000; i++)
        {
            sb.Append(" a").Append(i).Append("=\"\"");
        }

        var result = ReaderAssert.ClearError("ixml", Encoding.UTF8.GetBytes(sb.Append("/>").ToString()), "100,000 attributes", "attributes");
        Assert.True(result.ElapsedSeconds < 5, $"{result.ElapsedSeconds} s");
    }

    [Fact]
    public void Invalid_utf8_in_ixml_is_refused_with_the_xml_position()
    {
        var bytes = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><BWFXML><NOTE>caf\u00e9</NOTE></BWFXML>");
        var at = Array.IndexOf(bytes, (byte)0xC3);
        bytes[at] = 0xFF;
        var ex = Assert.Throws<PercheFormatException>(() => IxmlMetadata.Parse(bytes, "bad-utf8.wav", 300));
        Assert.Equal(300, ex.Position);
        Assert.Contains("not well-formed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ixml_in_utf16_with_a_byte_order_mark_reads()
    {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><BWFXML><SCENE>Sc\u00e8ne 4</SCENE><TAKE>2</TAKE></BWFXML>";
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();
        var ixml = IxmlMetadata.Parse(bytes, "utf16.wav", 0);
        Assert.Equal("Sc\u00e8ne 4", ixml.Scene);
        Assert.Equal("2", ixml.Take);
        ReaderAssert.Reads("ixml", bytes, "UTF-16 iXML");
    }

    [Fact]
    public void An_undefined_entity_is_refused()
    {
        ReaderAssert.ClearError("ixml", "<BWFXML><NOTE>&undefined;</NOTE></BWFXML>"u8.ToArray(), "undefined entity", "not well-formed");
    }

    private static byte[] Nested(int depth)
    {
        var sb = new StringBuilder("<BWFXML><SCENE>12</SCENE>");
        sb.Insert(sb.Length, "<V>", depth).Append('x').Insert(sb.Length, "</V>", depth).Append("</BWFXML>");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
