using System.IO.Compression;

namespace Perche.Core.Formats.Wav;

/// <summary>
/// Reads WAVE files (RIFF, RF64, BW64; also gzip-wrapped, detected by content). <see cref="ReadInfo(string)"/>
/// reads headers and metadata without touching the audio; <see cref="OpenSamples(string)"/> streams the audio
/// as float blocks. Bad input always ends in a <see cref="PercheFormatException"/> naming the file and byte.
/// </summary>
public static class WavReader
{
    /// <summary>Reads the chunk table and metadata of a file.</summary>
    public static WavInfo ReadInfo(string path)
    {
        using var stream = OpenStream(path);
        return ParseGuarded(stream, path, stopAtData: false);
    }

    /// <summary>Reads the chunk table and metadata from a stream (seekable or not; not gzip-detected).</summary>
    public static WavInfo ReadInfo(Stream stream, string inputName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ParseGuarded(stream, inputName, stopAtData: false);
    }

    /// <summary>Opens a file for streaming its audio as float samples.</summary>
    public static WavSampleReader OpenSamples(string path)
    {
        var stream = OpenStream(path);
        try
        {
            return OpenSamples(stream, path, ownsStream: true);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Opens a stream positioned at the start of a WAVE file for streaming its audio.</summary>
    public static WavSampleReader OpenSamples(Stream stream, string inputName, bool ownsStream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var source = new ByteSource(stream);
        var info = Guard(() => new WavParser(source, inputName).Parse(stopAtData: true), inputName);
        return new WavSampleReader(info, stream, ownsStream);
    }

    /// <summary>
    /// Opens a file for sequential reading, unwrapping gzip when the content starts with the gzip magic.
    /// Missing or unreadable files become a <see cref="PercheFormatException"/>.
    /// </summary>
    public static Stream OpenStream(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw PercheFormatException.ForInput(path, ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot open: {ex.Message}", ex);
        }

        Span<byte> magic = stackalloc byte[2];
        var n = file.Read(magic);
        file.Position = 0;
        if (n == 2 && magic[0] == 0x1F && magic[1] == 0x8B)
        {
            return new GZipStream(file, CompressionMode.Decompress, leaveOpen: false);
        }

        return file;
    }

    private static WavInfo ParseGuarded(Stream stream, string name, bool stopAtData) =>
        Guard(() => new WavParser(new ByteSource(stream), name).Parse(stopAtData), name);

    private static WavInfo Guard(Func<WavInfo> parse, string name)
    {
        try
        {
            return parse();
        }
        catch (InvalidDataException ex)
        {
            // A damaged gzip wrapper surfaces from GZipStream; report it like any other bad input.
            throw PercheFormatException.ForInput(name, $"compressed stream is damaged: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw PercheFormatException.ForInput(name, $"read error: {ex.Message}", ex);
        }
    }
}
