using System.Xml;

namespace Perche.Core.Formats;

/// <summary>
/// Bounds the shape of an XML document before an <c>XDocument</c> is built from it. Building an XDocument costs
/// time quadratic in nesting depth (each added node is checked against its ancestors) and in attributes per
/// element (each checked against its siblings), so a small hostile file could stall a reader for minutes; one
/// forward pass of <see cref="XmlReader"/> is linear and refuses such documents first.
/// </summary>
public static class XmlShape
{
    /// <summary>Deepest element nesting accepted (real interchange files stay far below: FCPXML compounds, MHL, iXML).</summary>
    public const int MaximumDepth = 256;

    /// <summary>Most attributes accepted on one element.</summary>
    public const int MaximumAttributes = 1024;

    /// <summary>
    /// Reads the document once with <paramref name="settings"/> and returns a stream positioned where
    /// <paramref name="stream"/> was (the same stream when seekable, else a buffered copy).
    /// </summary>
    /// <exception cref="PercheFormatException">The document nests deeper or carries more attributes than accepted.</exception>
    /// <exception cref="XmlException">The document is malformed (callers already turn this into their clear error).</exception>
    public static Stream Check(Stream stream, XmlReaderSettings settings, string inputName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(settings);
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }

        var start = stream.Position;
        var scan = settings.Clone();
        scan.CloseInput = false;
        try
        {
            using var reader = XmlReader.Create(stream, scan);
            while (reader.Read())
            {
                if (reader.Depth > MaximumDepth || reader.AttributeCount > MaximumAttributes)
                {
                    var line = reader is IXmlLineInfo info ? info.LineNumber : 0;
                    var what = reader.Depth > MaximumDepth
                        ? $"XML nests deeper than {MaximumDepth} elements"
                        : $"an XML element carries {reader.AttributeCount} attributes (at most {MaximumAttributes})";
                    throw PercheFormatException.AtLine(inputName, line, $"{what}; no real document of this kind does");
                }
            }
        }
        catch (ArgumentOutOfRangeException ex)
        {
            // System.Xml's reader fails this way (Buffer.BlockCopy with a negative count) on a non-ASCII byte in the
            // XML declaration's version when it then switches encoding; found by AFL++ in the mhl-chain campaign.
            throw PercheFormatException.ForInput(inputName, $"malformed XML declaration (the parser could not decode it: {ex.Message})");
        }

        stream.Position = start;
        return stream;
    }
}
