using System.Globalization;
using System.Xml.Linq;
using Perche.Core;
using Perche.Production.Hashing;

namespace Perche.Production.Mhl;

/// <summary>
/// The chain file <c>ascmhl/ascmhl_chain.xml</c> (<c>urn:ASC:MHL:DIRECTORY:v2.0</c>): every generation's file
/// name and the C4 ID of its bytes, so a generation edited or swapped afterwards is detected.
/// </summary>
public static class MhlChain
{
    /// <summary>The chain namespace.</summary>
    public static readonly XNamespace Ns = "urn:ASC:MHL:DIRECTORY:v2.0";

    /// <summary>The chain file name.</summary>
    public const string FileName = "ascmhl_chain.xml";

    /// <summary>One chain link.</summary>
    public readonly record struct Link(int SequenceNumber, string Path, string C4);

    /// <summary>Parses a chain file.</summary>
    public static IReadOnlyList<Link> Read(ReadOnlySpan<byte> bytes, string inputName)
    {
        var doc = MhlXml.Load(bytes, inputName);
        if (doc.Root!.Name != Ns + "ascmhldirectory")
        {
            throw MhlXml.At(inputName, doc.Root, $"root element is <{doc.Root.Name.LocalName}>; expected <ascmhldirectory xmlns=\"urn:ASC:MHL:DIRECTORY:v2.0\">");
        }

        var links = new List<Link>();
        foreach (var h in doc.Root.Elements(Ns + "hashlist"))
        {
            if (!int.TryParse(h.Attribute("sequencenr")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
            {
                throw MhlXml.At(inputName, h, "hashlist has no valid sequencenr; expected a positive integer");
            }

            var path = h.Element(Ns + "path")?.Value ?? throw MhlXml.At(inputName, h, "hashlist has no <path>");
            var c4 = h.Element(Ns + "c4")?.Value.Trim() ?? throw MhlXml.At(inputName, h, "hashlist has no <c4>");
            links.Add(new Link(seq, path, c4));
        }

        return links;
    }

    /// <summary>Serialises a chain.</summary>
    public static byte[] Write(IEnumerable<Link> links)
    {
        var root = new XElement(Ns + "ascmhldirectory");
        foreach (var l in links)
        {
            root.Add(new XElement(Ns + "hashlist", new XAttribute("sequencenr", l.SequenceNumber.ToString(CultureInfo.InvariantCulture)),
                new XElement(Ns + "path", l.Path), new XElement(Ns + "c4", l.C4)));
        }

        return MhlXml.ToBytes(new XDocument(root));
    }

    /// <summary>The C4 ID of a generation file's bytes.</summary>
    public static string C4Of(ReadOnlySpan<byte> generationBytes) => ContentHasher.Of(HashKind.C4, generationBytes);

    /// <summary>Throws when a generation's bytes do not match its chain link.</summary>
    public static void Check(Link link, ReadOnlySpan<byte> generationBytes, string generationPath)
    {
        var actual = C4Of(generationBytes);
        if (!string.Equals(actual, link.C4, StringComparison.Ordinal))
        {
            throw PercheFormatException.ForInput(generationPath, $"generation {link.SequenceNumber} does not match the chain file (C4 {actual}, chain says {link.C4}): it was modified after it was written");
        }
    }
}
