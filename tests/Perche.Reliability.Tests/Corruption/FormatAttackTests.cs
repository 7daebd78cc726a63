using System.Text;
using Perche.Fuzz;
using Perche.Reliability.Tests.Support;

namespace Perche.Reliability.Tests.Corruption;

/// <summary>
/// The same attacks on every reader of a family: XML (entity bombs, external entities, deep nesting, attribute
/// floods, invalid UTF-8), JSON (deep nesting, huge numbers, invalid UTF-8) and line-based text (a 1 MB line, NUL
/// bytes, invalid UTF-8, 30,000 lines). Each ends in a result or the clear error within 15 s and the memory bound;
/// no external entity is ever resolved.
/// </summary>
public sealed class FormatAttackTests
{
    /// <summary>XML targets and the root element each expects (so the attack reaches the reader's own code).</summary>
    public static TheoryData<string, string> XmlTargets() => Existing(new TheoryData<string, string>
    {
        { "ixml", "BWFXML" },
        { "fcp-xml", "xmeml" },
        { "fcpxml", "fcpxml" },
        { "fdx", "FinalDraft" },
        { "mhl", "hashlist" },
        { "mhl-chain", "ascmhldirectory" },
    });

    /// <summary>JSON targets.</summary>
    public static TheoryData<string> JsonTargets() => Existing(["otio", "profile"]);

    /// <summary>Line-based text targets.</summary>
    public static TheoryData<string> TextTargets() => Existing(["edl", "fountain", "plain-text", "timecode", "store-url"]);

    [Theory]
    [MemberData(nameof(XmlTargets))]
    public void Xml_entity_bombs_and_external_entities_are_never_expanded(string target, string root)
    {
        var secret = Path.Combine(Path.GetTempPath(), $"perche-xxe-{Guid.NewGuid():N}.txt");
        File.WriteAllText(secret, "TOP-SECRET-XXE");
        try
        {
            var laughs = new StringBuilder($"<?xml version=\"1.0\"?><!DOCTYPE {root} [<!ENTITY a0 \"lollollollollol\">");
            for (var i = 1; i < 10; i++)
            {
                laughs.Append($"<!ENTITY a{i} \"").Insert(laughs.Length, $"&a{i - 1};", 10).Append("\">");
            }

            laughs.Append($"]><{root}>&a9;</{root}>");
            Bounded(target, Encoding.UTF8.GetBytes(laughs.ToString()), "billion laughs", maxAllocatedBytes: 32 << 20);
            var xxe = $"<?xml version=\"1.0\"?><!DOCTYPE {root} [<!ENTITY x SYSTEM \"file://{secret}\">]><{root} name=\"&x;\">&x;</{root}>";
            var result = Bounded(target, Encoding.UTF8.GetBytes(xxe), "external entity");
            Assert.DoesNotContain("TOP-SECRET", result.Detail, StringComparison.Ordinal);
            var dtd = $"<?xml version=\"1.0\"?><!DOCTYPE {root} SYSTEM \"file://{secret}\"><{root}/>";
            Assert.DoesNotContain("TOP-SECRET", Bounded(target, Encoding.UTF8.GetBytes(dtd), "external DTD").Detail, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Theory]
    [MemberData(nameof(XmlTargets))]
    public void A_non_ascii_byte_in_the_xml_declaration_is_the_clear_error(string target, string root)
    {
        // Found by AFL++ (mhl-chain campaign): System.Xml threw ArgumentOutOfRangeException from Buffer.BlockCopy
        // while switching encoding after a version of "1.0\xF6".
        byte[] declaration = [.. "<?xml version=\"1.0"u8, 0xF6, .. "\" encoding=\"UTF-8\"?>"u8];
        ReaderAssert.Acceptable(target, declaration, "bad byte in the XML declaration");
        ReaderAssert.Acceptable(target, [.. declaration, .. Encoding.UTF8.GetBytes($"<{root}/>")], "bad byte in the XML declaration, then the root");
    }

    [Theory]
    [MemberData(nameof(XmlTargets))]
    public void Xml_nesting_attribute_floods_and_bad_bytes_end_in_bounded_time(string target, string root)
    {
        var deep = new StringBuilder($"<{root}>");
        deep.Insert(deep.Length, "<a>", 100_000).Append('x');
        deep.Insert(deep.Length, "</a>", 100_000).Append($"</{root}>");
        Bounded(target, Encoding.UTF8.GetBytes(deep.ToString()), "100,000 nested elements");
        var wide = new StringBuilder($"<{root}");
        for (var i = 0; i < 100_000; i++)
        {
            wide.Append(" a").Append(i).Append("=\"1\"");
        }

        Bounded(target, Encoding.UTF8.GetBytes(wide.Append("/>").ToString()), "100,000 attributes");
        var bad = Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><{root}>caf\u00e9</{root}>");
        bad[Array.IndexOf(bad, (byte)0xC3)] = 0xFF;
        Bounded(target, bad, "invalid UTF-8");
        Bounded(target, [], "empty input");
        Bounded(target, Encoding.UTF8.GetBytes($"<{root}>"), "unclosed root");
    }

    [Theory]
    [InlineData("ixml", "BWFXML")]
    [InlineData("fcp-xml", "xmeml")]
    [InlineData("fcpxml", "fcpxml")]
    [InlineData("mhl", "hashlist")]
    [InlineData("mhl-chain", "ascmhldirectory")]
    public void Readers_that_build_an_xdocument_refuse_deep_nesting_in_linear_time(string target, string root)
    {
        // Before XmlShape, 10,000 nested elements kept these readers busy for seconds and 100,000 for minutes
        // (XDocument checks every added node against its ancestors).
        var deep = new StringBuilder($"<{root}>");
        deep.Insert(deep.Length, "<a>", 10_000).Append('x');
        deep.Insert(deep.Length, "</a>", 10_000).Append($"</{root}>");
        var result = ReaderAssert.ClearError(target, Encoding.UTF8.GetBytes(deep.ToString()), "10,000 nested elements", "deeper than 256");
        Assert.True(result.ElapsedSeconds < 5, $"{result.ElapsedSeconds:F1} s");
    }

    [Fact]
    public void A_store_url_holding_a_nul_is_the_store_error_not_an_argument_exception()
    {
        ReaderAssert.ClearError("store-url", "postgres\0://x"u8.ToArray(), "NUL in a PostgreSQL URL");
        ReaderAssert.ClearError("store-url", "project\0.db"u8.ToArray(), "NUL in a path", "NUL character");
    }

    [Fact]
    public void A_store_url_with_port_zero_is_the_store_error_naming_the_port()
    {
        // Found by AFL++ (store-url campaign): Npgsql's builder threw ArgumentOutOfRangeException for port 0.
        ReaderAssert.ClearError("store-url", "postgres://perche@db.example:0/film"u8.ToArray(), "port 0", "names port 0: expected 1 to 65535");
        ReaderAssert.Reads("store-url", "postgres://perche@db.example:5433/film"u8.ToArray(), "port 5433");
    }

    [Theory]
    [MemberData(nameof(JsonTargets))]
    public void Json_nesting_huge_numbers_and_bad_bytes_end_in_bounded_time(string target)
    {
        Bounded(target, Encoding.UTF8.GetBytes(new string('[', 100_000) + new string(']', 100_000)), "100,000 nested arrays");
        Bounded(target, Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 100_000)) + "1" + new string('}', 100_000)), "100,000 nested objects");
        Bounded(target, Encoding.UTF8.GetBytes("{\"OTIO_SCHEMA\":\"Timeline.1\",\"name\":1e999999,\"global_start_time\":" + new string('9', 100_000) + "}"), "huge numbers");
        Bounded(target, [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D], "invalid UTF-8");
        Bounded(target, [], "empty input");
    }

    [Theory]
    [MemberData(nameof(TextTargets))]
    public void Text_with_a_1_MB_line_nul_bytes_and_bad_utf8_ends_in_bounded_time(string target)
    {
        Bounded(target, Encoding.ASCII.GetBytes("TITLE: X\n" + new string('A', 1 << 20) + "\n"), "1 MB line");
        Bounded(target, Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("001  A001 V C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00\n", 30_000))), "30,000 lines");
        Bounded(target, [0x00, 0x01, 0x0A, 0x00, 0xFF, 0xFE, 0x0D, 0x0A, 0xC3], "NUL and invalid UTF-8 bytes");
        Bounded(target, Encoding.ASCII.GetBytes(new string('\n', 1 << 20)), "a million empty lines");
        Bounded(target, [], "empty input");
    }

    private static ReplayResult Bounded(string target, byte[] input, string what, long? maxAllocatedBytes = null)
    {
        var result = ReaderAssert.Acceptable(target, input, what);
        // Generous for a loaded CI machine; what it catches is quadratic behaviour, which takes minutes here.
        Assert.True(result.ElapsedSeconds < 15, $"{target}: {what} took {result.ElapsedSeconds:F1} s");
        if (maxAllocatedBytes is { } max)
        {
            Assert.True(result.AllocatedBytes < max, $"{target}: {what} allocated {result.AllocatedBytes} bytes");
        }

        return result;
    }

    private static TheoryData<string, string> Existing(TheoryData<string, string> all)
    {
        // Every listed target must exist: a renamed target must not silently drop its attacks.
        foreach (var row in all)
        {
            Assert.NotNull(FuzzTargets.Find((string)row[0]));
        }

        return all;
    }

    private static TheoryData<string> Existing(string[] names)
    {
        var data = new TheoryData<string>();
        foreach (var n in names)
        {
            Assert.NotNull(FuzzTargets.Find(n));
            data.Add(n);
        }

        return data;
    }
}
