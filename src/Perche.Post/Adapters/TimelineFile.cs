using Perche.Core;
using Perche.Core.Time;
using Perche.Post.Adapters.Edl;
using Perche.Post.Timelines;

namespace Perche.Post.Adapters;

/// <summary>The edit formats Perche reads.</summary>
public enum TimelineFormat
{
    /// <summary>CMX 3600 edit decision list (.edl).</summary>
    Edl,

    /// <summary>OpenTimelineIO JSON (.otio).</summary>
    Otio,

    /// <summary>Final Cut Pro 7 / Premiere XML interchange (xmeml, .xml).</summary>
    FcpXml,

    /// <summary>Final Cut Pro X XML (.fcpxml, or the Info.fcpxml of a .fcpxmld bundle).</summary>
    Fcpxml,

    /// <summary>Advanced Authoring Format (.aaf).</summary>
    Aaf,
}

/// <summary>How to read an edit file, whatever its format.</summary>
public sealed class TimelineReadOptions
{
    /// <summary>The edit rate for formats that do not declare one (EDL); null infers it.</summary>
    public FrameRate? Rate { get; init; }

    /// <summary>Skip and report bad lines instead of failing (EDL).</summary>
    public bool Tolerant { get; init; }
}

/// <summary>Reads any supported edit file into the timeline model, choosing the adapter by extension then content.</summary>
public static class TimelineFile
{
    /// <summary>The format of a file, from its extension, else from its first bytes.</summary>
    /// <exception cref="PercheFormatException">The file is missing or in no format Perche reads.</exception>
    public static TimelineFormat Detect(string path)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        switch (ext)
        {
            case ".edl":
                return TimelineFormat.Edl;
            case ".otio":
                return TimelineFormat.Otio;
            case ".fcpxml":
                return TimelineFormat.Fcpxml;
            case ".aaf":
                return TimelineFormat.Aaf;
        }

        if (Directory.Exists(path) && File.Exists(Path.Combine(path, "Info.fcpxml")))
        {
            return TimelineFormat.Fcpxml;
        }

        Span<byte> head = stackalloc byte[512];
        int read;
        try
        {
            using var stream = File.OpenRead(path);
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw PercheFormatException.ForInput(path, $"cannot read the edit file: {ex.Message}", ex);
        }

        head = head[..read];
        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            return TimelineFormat.Aaf;
        }

        var text = System.Text.Encoding.Latin1.GetString(head);
        if (text.Contains("<xmeml", StringComparison.Ordinal))
        {
            return TimelineFormat.FcpXml;
        }

        if (text.Contains("<fcpxml", StringComparison.Ordinal))
        {
            return TimelineFormat.Fcpxml;
        }

        if (text.Contains("\"OTIO_SCHEMA\"", StringComparison.Ordinal))
        {
            return TimelineFormat.Otio;
        }

        if (text.Contains("TITLE:", StringComparison.OrdinalIgnoreCase) || text.Contains("FCM:", StringComparison.OrdinalIgnoreCase) || ext == ".txt")
        {
            return TimelineFormat.Edl;
        }

        throw PercheFormatException.ForInput(path, "not an edit file Perche reads: expected an EDL (.edl), OpenTimelineIO (.otio), FCP 7 XML (xmeml), FCPXML or AAF");
    }

    /// <summary>Reads an edit file of any supported format.</summary>
    /// <exception cref="PercheFormatException">The file is missing, unreadable, or malformed.</exception>
    public static Timeline Read(string path, TimelineReadOptions? options = null)
    {
        options ??= new TimelineReadOptions();
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw PercheFormatException.ForInput(path, "no such file");
        }

        return Detect(path) switch
        {
            TimelineFormat.Edl => EdlReader.ReadFile(path, new EdlReadOptions { Rate = options.Rate, Tolerant = options.Tolerant }),
            TimelineFormat.Otio => Otio.OtioJsonReader.ReadFile(path),
            TimelineFormat.FcpXml => Fcp7Xml.Fcp7XmlReader.ReadFile(path),
            TimelineFormat.Fcpxml => FcpxXml.FcpxXmlReader.ReadFile(path),
            TimelineFormat.Aaf => Aaf.AafReader.ReadFile(path),
            var other => throw PercheFormatException.ForInput(path, $"reading {other} is not supported yet"),
        };
    }
}
