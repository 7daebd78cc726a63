using System.Text;
using Perche.Post.Adapters.Aaf.Cfb;
using Perche.Post.Adapters.Edl;
using Perche.Post.Adapters.Fcp7Xml;
using Perche.Post.Adapters.FcpxXml;
using Perche.Post.Adapters.Otio;
using Perche.Post.Timelines;

namespace Perche.Fuzz.Targets;

/// <summary>Targets for the edit-decision readers of src/Perche.Post (EDL, FCP 7 XML, FCPXML, OTIO, AAF's CFB).</summary>
public static class PostTargets
{
    /// <summary>A CMX 3600 EDL, strict then tolerant (bad lines skipped and reported).</summary>
    public static void Edl(byte[] data)
    {
        var text = EdlReader.DecodeText(data);
        Timeline strict;
        try
        {
            strict = EdlReader.ReadString(text, "fuzz.edl");
        }
        catch (Perche.Core.PercheFormatException)
        {
            strict = EdlReader.ReadString(text, "fuzz.edl", new EdlReadOptions { Tolerant = true });
        }

        Exercise(strict);
    }

    /// <summary>An OpenTimelineIO JSON document.</summary>
    public static void Otio(byte[] data) => Exercise(OtioJsonReader.ReadString(Encoding.UTF8.GetString(data), "fuzz.otio"));

    /// <summary>A Final Cut Pro 7 / Premiere XML (xmeml) document.</summary>
    public static void Fcp7Xml(byte[] data) => Exercise(Fcp7XmlReader.Read(new MemoryStream(data, writable: false), "fuzz.xml"));

    /// <summary>A Final Cut Pro X FCPXML document.</summary>
    public static void Fcpxml(byte[] data) => Exercise(FcpxXmlReader.Read(new MemoryStream(data, writable: false), "fuzz.fcpxml"));

    /// <summary>A compound file (the container of AAF): header, FAT chains, directory tree, every stream.</summary>
    public static void Cfb(byte[] data)
    {
        var file = CompoundFile.Parse(data, "fuzz.aaf");
        long total = 0;
        foreach (var entry in file.Entries)
        {
            // Unused directory entries are null (CompoundFile.Entries is indexed by entry id).
            if (entry is null)
            {
                continue;
            }

            _ = entry.ToString();
            if (entry.Kind == CfbEntryKind.Stream)
            {
                var bytes = file.ReadStream(entry);
                FuzzCheck.That(bytes.LongLength == entry.Size, $"stream {entry.Name} read {bytes.LongLength} bytes of {entry.Size}");
                total += bytes.LongLength;
            }
        }

        // Streams are slices of the file's sectors: together they cannot exceed it by more than a sector per stream.
        FuzzCheck.That(total <= (long)data.Length * 2 + (file.Entries.Count * 4096L), $"streams total {total} bytes from a {data.Length}-byte file");
    }

    /// <summary>An AAF file: the reader works on paths, so the bytes go to a scratch file first.</summary>
    public static void Aaf(byte[] data)
    {
        var scratch = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var path = Path.Combine(scratch, $"perche-fuzz-{Environment.ProcessId}-{Environment.CurrentManagedThreadId}.aaf");
        File.WriteAllBytes(path, data);
        try
        {
            Exercise(Perche.Post.Adapters.Aaf.AafReader.ReadFile(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>What a caller does with a timeline: list it, and write it as OTIO and read it back.</summary>
    private static void Exercise(Timeline timeline)
    {
        var rows = TimelineListing.Rows(timeline);
        _ = timeline.Duration;
        foreach (var track in timeline.AllTracks())
        {
            _ = track.ToString();
        }

        // OTIO JSON takes about a kilobyte per clip: round-trip the timelines fuzzing makes, not huge ones.
        if (rows.Count > 1000)
        {
            return;
        }

        var otio = OtioJsonWriter.WriteString(timeline);
        var again = OtioJsonReader.ReadString(otio, "rewritten.otio");
        FuzzCheck.That(TimelineListing.Rows(again).Count == rows.Count, $"OTIO round trip changed the listing from {rows.Count} to {TimelineListing.Rows(again).Count} rows");
    }
}
