using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Perche.Core;
using Perche.Production.Hashing;

namespace Perche.Production.Mhl;

/// <summary>
/// Reads and writes ASC MHL v2.0 hash lists (<c>urn:ASC:MHL:v2.0</c>, schema ASCMHL.xsd). Reading refuses DTDs;
/// a malformed file or a missing element raises <see cref="PercheFormatException"/> with the line.
/// </summary>
public static class MhlXml
{
    /// <summary>The hash list namespace.</summary>
    public static readonly XNamespace Ns = "urn:ASC:MHL:v2.0";

    // The schema's xs:sequence order for hash format elements.
    private static readonly HashKind[] SchemaOrder = [HashKind.C4, HashKind.Md5, HashKind.Sha1, HashKind.Xxh128, HashKind.Xxh3, HashKind.Xxh64];

    /// <summary>Formats a date as ASC MHL writes it: "2020-01-16T09:15:00+00:00".</summary>
    public static string FormatDate(DateTimeOffset date) => date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>Serialises a generation as UTF-8 XML bytes (two-space indent, like the reference tool).</summary>
    public static byte[] Write(MhlGeneration generation)
    {
        ArgumentNullException.ThrowIfNull(generation);
        var creator = new XElement(Ns + "creatorinfo",
            new XElement(Ns + "creationdate", FormatDate(generation.CreationDate)),
            new XElement(Ns + "hostname", generation.HostName),
            new XElement(Ns + "tool", new XAttribute("version", generation.ToolVersion), generation.ToolName));
        if (generation.Location is { Length: > 0 } location)
        {
            creator.Add(new XElement(Ns + "location", location));
        }

        if (generation.Comment is { Length: > 0 } comment)
        {
            creator.Add(new XElement(Ns + "comment", comment));
        }

        var process = new XElement(Ns + "processinfo", new XElement(Ns + "process", generation.Process));
        if (generation.RootHash is { } root)
        {
            process.Add(new XElement(Ns + "roothash", DirectoryHashes(root)));
        }

        if (generation.IgnorePatterns.Count > 0)
        {
            process.Add(new XElement(Ns + "ignore", generation.IgnorePatterns.Select(p => new XElement(Ns + "pattern", p))));
        }

        var hashes = new XElement(Ns + "hashes");
        foreach (var entry in generation.Entries)
        {
            if (entry is MhlFileEntry f)
            {
                var path = new XElement(Ns + "path", new XAttribute("size", f.SizeBytes.ToString(CultureInfo.InvariantCulture)), f.Path);
                if (f.LastModified is { } lm)
                {
                    path.Add(new XAttribute("lastmodificationdate", FormatDate(lm)));
                }

                var hash = new XElement(Ns + "hash", path);
                foreach (var kind in SchemaOrder)
                {
                    foreach (var v in f.Hashes)
                    {
                        if (v.Kind == kind)
                        {
                            var e = new XElement(Ns + HashKinds.Name(kind), v.Digest);
                            if (v.Action is { } action)
                            {
                                e.Add(new XAttribute("action", action.ToString().ToLowerInvariant()));
                            }

                            if (v.HashDate is { } hd)
                            {
                                e.Add(new XAttribute("hashdate", FormatDate(hd)));
                            }

                            hash.Add(e);
                        }
                    }
                }

                if (f.PreviousPath is { Length: > 0 } prev)
                {
                    hash.Add(new XElement(Ns + "previousPath", prev));
                }

                hashes.Add(hash);
            }
            else if (entry is MhlDirectoryEntry d)
            {
                var path = new XElement(Ns + "path", d.Path);
                if (d.LastModified is { } lm)
                {
                    path.Add(new XAttribute("lastmodificationdate", FormatDate(lm)));
                }

                hashes.Add(new XElement(Ns + "directoryhash", path, DirectoryHashes(d)));
            }
        }

        var doc = new XDocument(new XElement(Ns + "hashlist", new XAttribute("version", "2.0"), creator, process, hashes));
        return ToBytes(doc);
    }

    /// <summary>Parses a hash list.</summary>
    public static MhlGeneration Read(ReadOnlySpan<byte> bytes, string inputName)
    {
        var doc = Load(bytes, inputName);
        var root = doc.Root!;
        if (root.Name != Ns + "hashlist")
        {
            throw At(inputName, root, $"root element is <{root.Name.LocalName}> in namespace '{root.Name.NamespaceName}'; expected <hashlist xmlns=\"urn:ASC:MHL:v2.0\">");
        }

        var g = new MhlGeneration();
        var creator = Required(root, "creatorinfo", inputName);
        g.CreationDate = ParseDate(Required(creator, "creationdate", inputName), inputName);
        g.HostName = creator.Element(Ns + "hostname")?.Value ?? string.Empty;
        var tool = creator.Element(Ns + "tool");
        g.ToolName = tool?.Value ?? string.Empty;
        g.ToolVersion = tool?.Attribute("version")?.Value ?? string.Empty;
        g.Location = creator.Element(Ns + "location")?.Value;
        g.Comment = creator.Element(Ns + "comment")?.Value;
        if (root.Element(Ns + "processinfo") is { } process)
        {
            g.Process = process.Element(Ns + "process")?.Value ?? "in-place";
            if (process.Element(Ns + "roothash") is { } rh)
            {
                g.RootHash = new MhlDirectoryEntry { Path = string.Empty };
                ReadDirectoryHashes(rh, g.RootHash, inputName);
            }

            if (process.Element(Ns + "ignore") is { } ignore)
            {
                g.IgnorePatterns.AddRange(ignore.Elements(Ns + "pattern").Select(p => p.Value));
            }
        }

        if (root.Element(Ns + "hashes") is { } hashes)
        {
            foreach (var e in hashes.Elements())
            {
                if (e.Name == Ns + "hash")
                {
                    var path = Required(e, "path", inputName);
                    var entry = new MhlFileEntry
                    {
                        Path = path.Value,
                        SizeBytes = long.TryParse(path.Attribute("size")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size
                            : throw At(inputName, path, "path has no valid size attribute; expected a byte count"),
                        LastModified = OptionalDate(path.Attribute("lastmodificationdate"), inputName, path),
                        PreviousPath = e.Element(Ns + "previousPath")?.Value,
                    };
                    foreach (var h in e.Elements())
                    {
                        if (HashKinds.TryParse(h.Name.LocalName, out var kind))
                        {
                            MhlAction? action = h.Attribute("action")?.Value switch
                            {
                                null => null,
                                "original" => MhlAction.Original,
                                "verified" => MhlAction.Verified,
                                "failed" => MhlAction.Failed,
                                var other => throw At(inputName, h, $"action '{other}'; expected original, verified or failed"),
                            };
                            entry.Hashes.Add(new MhlHashValue(kind, h.Value.Trim(), action, OptionalDate(h.Attribute("hashdate"), inputName, h)));
                        }
                    }

                    g.Entries.Add(entry);
                }
                else if (e.Name == Ns + "directoryhash")
                {
                    var path = Required(e, "path", inputName);
                    var entry = new MhlDirectoryEntry { Path = path.Value, LastModified = OptionalDate(path.Attribute("lastmodificationdate"), inputName, path) };
                    ReadDirectoryHashes(e, entry, inputName);
                    g.Entries.Add(entry);
                }
            }
        }

        return g;
    }

    internal static XDocument Load(ReadOnlySpan<byte> bytes, string inputName)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        try
        {
            using var ms = new MemoryStream(bytes.ToArray(), writable: false);
            Perche.Core.Formats.XmlShape.Check(ms, settings, inputName);
            using var reader = XmlReader.Create(ms, settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw PercheFormatException.AtLine(inputName, ex.LineNumber, $"not well-formed XML: {ex.Message}", ex);
        }
    }

    internal static byte[] ToBytes(XDocument doc)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  ", NewLineChars = "\n" };
        using var ms = new MemoryStream();
        using (var w = XmlWriter.Create(ms, settings))
        {
            w.WriteStartDocument();
            doc.Root!.WriteTo(w);
        }

        ms.WriteByte((byte)'\n');
        var bytes = ms.ToArray();

        // XmlWriter writes the declaration with single-space attributes but without a standalone; ascmhl's
        // form is '<?xml version="1.0" encoding="UTF-8"?>' with an upper-case encoding name.
        var text = Encoding.UTF8.GetString(bytes).Replace("encoding=\"utf-8\"", "encoding=\"UTF-8\"", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text);
    }

    internal static PercheFormatException At(string inputName, XObject node, string problem) =>
        PercheFormatException.AtLine(inputName, ((IXmlLineInfo)node).HasLineInfo() ? ((IXmlLineInfo)node).LineNumber : 0, problem);

    private static XElement Required(XElement parent, string name, string inputName) =>
        parent.Element(Ns + name) ?? throw At(inputName, parent, $"<{parent.Name.LocalName}> has no <{name}>; ASC MHL v2.0 requires it");

    private static DateTimeOffset ParseDate(XElement e, string inputName) =>
        DateTimeOffset.TryParse(e.Value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d
            : throw At(inputName, e, $"'{e.Value}' is not an xs:dateTime");

    private static DateTimeOffset? OptionalDate(XAttribute? a, string inputName, XElement owner)
    {
        if (a is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(a.Value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d
            : throw At(inputName, owner, $"{a.Name.LocalName} '{a.Value}' is not an xs:dateTime");
    }

    private static IEnumerable<XElement> DirectoryHashes(MhlDirectoryEntry d)
    {
        XElement Container(string name, Dictionary<HashKind, string> values)
        {
            var c = new XElement(Ns + name);
            foreach (var kind in SchemaOrder)
            {
                if (values.TryGetValue(kind, out var digest))
                {
                    var e = new XElement(Ns + HashKinds.Name(kind), digest);
                    if (d.HashDate is { } hd)
                    {
                        e.Add(new XAttribute("hashdate", FormatDate(hd)));
                    }

                    c.Add(e);
                }
            }

            return c;
        }

        yield return Container("content", d.Content);
        yield return Container("structure", d.Structure);
    }

    private static void ReadDirectoryHashes(XElement e, MhlDirectoryEntry entry, string inputName)
    {
        foreach (var (name, target) in new[] { ("content", entry.Content), ("structure", entry.Structure) })
        {
            if (e.Element(Ns + name) is not { } c)
            {
                continue;
            }

            foreach (var h in c.Elements())
            {
                if (HashKinds.TryParse(h.Name.LocalName, out var kind))
                {
                    target[kind] = h.Value.Trim();
                    entry.HashDate ??= OptionalDate(h.Attribute("hashdate"), inputName, h);
                }
            }
        }
    }
}
