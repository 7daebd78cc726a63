using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Perche.Core.Formats.Wav;

/// <summary>
/// The <c>iXML</c> chunk (iXML specification 2.10): production fields, speed/timecode, track list and file
/// family. The whole document is kept (<see cref="Document"/>), so recorder-specific blocks
/// (<see cref="VendorBlocks"/>) survive edits; the typed properties read and write the document itself.
/// </summary>
public sealed class IxmlMetadata
{
    private static readonly HashSet<string> StandardBlocks = new(StringComparer.Ordinal)
    {
        "IXML_VERSION", "PROJECT", "SCENE", "TAKE", "TAPE", "CIRCLED", "WILD_TRACK", "FALSE_START", "NO_GOOD",
        "NOTE", "FILE_UID", "UBITS", "SPEED", "TRACK_LIST", "HISTORY", "FILE_SET", "BEXT", "USER", "SYNC_POINT_LIST",
        "LOCATION", "TAKE_TYPE", "AXML", "ASWG",
    };

    private IxmlMetadata(XDocument document) => this.Document = document;

    /// <summary>The parsed document (edits through the properties change it).</summary>
    public XDocument Document { get; }

    private XElement Root => this.Document.Root!;

    /// <summary>IXML_VERSION.</summary>
    public string Version { get => this.Get("IXML_VERSION"); set => this.Set("IXML_VERSION", value); }

    /// <summary>PROJECT.</summary>
    public string Project { get => this.Get("PROJECT"); set => this.Set("PROJECT", value); }

    /// <summary>SCENE.</summary>
    public string Scene { get => this.Get("SCENE"); set => this.Set("SCENE", value); }

    /// <summary>TAKE.</summary>
    public string Take { get => this.Get("TAKE"); set => this.Set("TAKE", value); }

    /// <summary>TAPE (roll, card or sound roll name).</summary>
    public string Tape { get => this.Get("TAPE"); set => this.Set("TAPE", value); }

    /// <summary>NOTE.</summary>
    public string Note { get => this.Get("NOTE"); set => this.Set("NOTE", value); }

    /// <summary>FILE_UID.</summary>
    public string FileUid { get => this.Get("FILE_UID"); set => this.Set("FILE_UID", value); }

    /// <summary>UBITS (user bits).</summary>
    public string UserBits { get => this.Get("UBITS"); set => this.Set("UBITS", value); }

    /// <summary>CIRCLED (null when absent).</summary>
    public bool? Circled { get => this.GetBool("CIRCLED"); set => this.SetBool("CIRCLED", value); }

    /// <summary>WILD_TRACK (null when absent).</summary>
    public bool? WildTrack { get => this.GetBool("WILD_TRACK"); set => this.SetBool("WILD_TRACK", value); }

    /// <summary>FALSE_START (null when absent).</summary>
    public bool? FalseStart { get => this.GetBool("FALSE_START"); set => this.SetBool("FALSE_START", value); }

    /// <summary>NO_GOOD (null when absent).</summary>
    public bool? NoGood { get => this.GetBool("NO_GOOD"); set => this.SetBool("NO_GOOD", value); }

    /// <summary>SPEED/MASTER_SPEED ("24000/1001").</summary>
    public string MasterSpeed => this.Get("SPEED", "MASTER_SPEED");

    /// <summary>SPEED/CURRENT_SPEED.</summary>
    public string CurrentSpeed => this.Get("SPEED", "CURRENT_SPEED");

    /// <summary>SPEED/TIMECODE_RATE ("24000/1001", "25/1").</summary>
    public string TimecodeRate => this.Get("SPEED", "TIMECODE_RATE");

    /// <summary>SPEED/TIMECODE_FLAG ("DF" or "NDF").</summary>
    public string TimecodeFlag => this.Get("SPEED", "TIMECODE_FLAG");

    /// <summary>SPEED/FILE_SAMPLE_RATE.</summary>
    public string FileSampleRate => this.Get("SPEED", "FILE_SAMPLE_RATE");

    /// <summary>SPEED/TIMESTAMP_SAMPLE_RATE.</summary>
    public string TimestampSampleRate => this.Get("SPEED", "TIMESTAMP_SAMPLE_RATE");

    /// <summary>Samples since midnight from TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI/LO, when present.</summary>
    public ulong? TimestampSamplesSinceMidnight
    {
        get
        {
            var hi = this.Get("SPEED", "TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI");
            var lo = this.Get("SPEED", "TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO");
            if (lo.Length == 0 || !ulong.TryParse(lo, NumberStyles.None, CultureInfo.InvariantCulture, out var l))
            {
                return null;
            }

            ulong h = 0;
            if (hi.Length > 0 && !ulong.TryParse(hi, NumberStyles.None, CultureInfo.InvariantCulture, out h))
            {
                return null;
            }

            return (h << 32) + l;
        }
    }

    /// <summary>FILE_SET/FAMILY_UID: the same for every file of a take (poly-mono families).</summary>
    public string FamilyUid => this.Get("FILE_SET", "FAMILY_UID");

    /// <summary>FILE_SET/FAMILY_NAME.</summary>
    public string FamilyName => this.Get("FILE_SET", "FAMILY_NAME");

    /// <summary>FILE_SET/TOTAL_FILES.</summary>
    public int? TotalFiles => int.TryParse(this.Get("FILE_SET", "TOTAL_FILES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>FILE_SET/FILE_SET_INDEX.</summary>
    public string FileSetIndex => this.Get("FILE_SET", "FILE_SET_INDEX");

    /// <summary>TRACK_LIST/TRACK_COUNT as written.</summary>
    public int? TrackCount => int.TryParse(this.Get("TRACK_LIST", "TRACK_COUNT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>The tracks of TRACK_LIST in document order.</summary>
    public IReadOnlyList<IxmlTrack> Tracks
    {
        get
        {
            var list = new List<IxmlTrack>();
            var tl = this.Root.Element("TRACK_LIST");
            if (tl is null)
            {
                return list;
            }

            foreach (var t in tl.Elements("TRACK"))
            {
                list.Add(new IxmlTrack
                {
                    ChannelIndex = ParseInt(t.Element("CHANNEL_INDEX")?.Value),
                    InterleaveIndex = ParseInt(t.Element("INTERLEAVE_INDEX")?.Value),
                    Name = t.Element("NAME")?.Value.Trim() ?? string.Empty,
                    Function = t.Element("FUNCTION")?.Value.Trim() ?? string.Empty,
                });
            }

            return list;
        }
    }

    /// <summary>Top-level blocks outside the iXML standard (recorder/DAW specific: STEINBERG, ZOOM, ...), as raw XML.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> VendorBlocks
    {
        get
        {
            var list = new List<KeyValuePair<string, string>>();
            foreach (var e in this.Root.Elements())
            {
                if (!StandardBlocks.Contains(e.Name.LocalName))
                {
                    list.Add(new(e.Name.LocalName, e.ToString(SaveOptions.DisableFormatting)));
                }
            }

            return list;
        }
    }

    /// <summary>A new, empty iXML document (version 2.10).</summary>
    public static IxmlMetadata CreateEmpty()
    {
        var doc = new XDocument(new XDeclaration("1.0", "UTF-8", null), new XElement("BWFXML", new XElement("IXML_VERSION", "2.10")));
        return new IxmlMetadata(doc);
    }

    /// <summary>
    /// Parses an iXML payload. DTDs and external entities are refused (a file must never make the reader
    /// fetch or expand anything).
    /// </summary>
    public static IxmlMetadata Parse(ReadOnlySpan<byte> payload, string inputName, long payloadOffset)
    {
        var len = payload.Length;
        var utf16 = payload.Length >= 2 && ((payload[0] == 0xFF && payload[1] == 0xFE) || (payload[0] == 0xFE && payload[1] == 0xFF));
        if (utf16)
        {
            // A UTF-16 document ends in NUL bytes that belong to its last character: trim whole NUL characters only.
            while (len >= 4 && payload[len - 1] == 0 && payload[len - 2] == 0)
            {
                len -= 2;
            }
        }
        else
        {
            while (len > 0 && (payload[len - 1] == 0 || payload[len - 1] == (byte)' ' || payload[len - 1] == (byte)'\n' || payload[len - 1] == (byte)'\r'))
            {
                len--;
            }
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = WavConstants.MaximumMetadataChunkBytes,
            IgnoreProcessingInstructions = false,
        };
        try
        {
            var bytes = payload[..len].ToArray();
            CheckShape(bytes, settings, inputName, payloadOffset);
            using var ms = new MemoryStream(bytes, writable: false);
            using var reader = XmlReader.Create(ms, settings);
            var doc = XDocument.Load(reader, LoadOptions.PreserveWhitespace);
            if (doc.Root is null || doc.Root.Name.LocalName != "BWFXML")
            {
                throw PercheFormatException.AtByte(inputName, payloadOffset, $"iXML root element is <{doc.Root?.Name.LocalName}>; expected <BWFXML>");
            }

            return new IxmlMetadata(doc);
        }
        catch (XmlException ex)
        {
            throw PercheFormatException.AtByte(inputName, payloadOffset, $"iXML is not well-formed XML (line {ex.LineNumber}, position {ex.LinePosition}): {ex.Message}", ex);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            // System.Xml throws this (Buffer.BlockCopy, negative count) on a non-ASCII byte in the XML declaration's
            // version before an encoding switch; found by AFL++ (mhl-chain campaign) and the XML attack test.
            throw PercheFormatException.AtByte(inputName, payloadOffset, $"iXML has a malformed XML declaration (the parser could not decode it: {ex.Message})", ex);
        }
    }

    /// <summary>
    /// Refuses documents nested deeper or with more attributes per element than any real iXML has: building an
    /// XDocument costs time quadratic in both (each added node is checked against its ancestors and siblings),
    /// so a small hostile chunk could stall the reader. One forward pass of XmlReader is linear.
    /// </summary>
    private static void CheckShape(byte[] bytes, XmlReaderSettings settings, string inputName, long payloadOffset)
    {
        const int maximumDepth = 256;
        const int maximumAttributes = 1024;
        using var reader = XmlReader.Create(new MemoryStream(bytes, writable: false), settings);
        while (reader.Read())
        {
            if (reader.Depth > maximumDepth || reader.AttributeCount > maximumAttributes)
            {
                var line = reader is IXmlLineInfo info ? info.LineNumber : 0;
                var what = reader.Depth > maximumDepth ? $"nests deeper than {maximumDepth} elements" : $"has an element with {reader.AttributeCount} attributes (at most {maximumAttributes})";
                throw PercheFormatException.AtByte(inputName, payloadOffset, $"iXML {what} (line {line}); real iXML is a few levels deep");
            }
        }
    }

    /// <summary>Serialises the document as UTF-8 bytes.</summary>
    public byte[] ToBytes()
    {
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false }))
        {
            this.Document.Root!.WriteTo(w);
        }

        return Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + sb);
    }

    /// <summary>Reads an element path under BWFXML; empty when absent.</summary>
    public string Get(params string[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        XElement? e = this.Root;
        foreach (var p in path)
        {
            e = e?.Element(p);
        }

        return e?.Value.Trim() ?? string.Empty;
    }

    /// <summary>Writes a top-level element, creating it when absent.</summary>
    public void Set(string name, string value)
    {
        var e = this.Root.Element(name);
        if (e is null)
        {
            this.Root.Add(new XElement(name, value));
        }
        else
        {
            e.Value = value;
        }
    }

    private bool? GetBool(string name)
    {
        var v = this.Get(name);
        if (v.Length == 0)
        {
            return null;
        }

        return v.Equals("TRUE", StringComparison.OrdinalIgnoreCase) || v == "1" || v.Equals("YES", StringComparison.OrdinalIgnoreCase);
    }

    private void SetBool(string name, bool? value)
    {
        if (value is null)
        {
            this.Root.Element(name)?.Remove();
        }
        else
        {
            this.Set(name, value.Value ? "TRUE" : "FALSE");
        }
    }

    private static int? ParseInt(string? s) =>
        int.TryParse(s?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
