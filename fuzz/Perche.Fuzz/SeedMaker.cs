using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Perche.Core;
using Perche.Core.Formats.Wav;

namespace Perche.Fuzz;

/// <summary>
/// Builds the seed inputs of the fuzz targets from real files: every WAVE file under the given folders is
/// copied with its chunks in order and its audio cut to a few frames (AFL++ works best on small inputs), and
/// the payloads of its fmt, bext, iXML, INFO, cue and adtl chunks become the seeds of those targets.
/// </summary>
internal static class SeedMaker
{
    private const int MaxChunkBytes = 32 << 10;
    private const int MaxDataFrames = 16;

    public static int Run(string outDir, string[] sources)
    {
        var written = 0;
        foreach (var source in sources)
        {
            foreach (var path in Directory.GetFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var lower = path.ToLowerInvariant();
                if (!lower.EndsWith(".wav", StringComparison.Ordinal) && !lower.EndsWith(".wav.gz", StringComparison.Ordinal))
                {
                    continue;
                }

                try
                {
                    written += Shrink(path, Path.GetRelativePath(source, path), outDir);
                }
                catch (PercheFormatException ex)
                {
                    Console.Error.WriteLine($"skipped (unreadable): {ex.Message}");
                }
            }
        }

        written += TimecodeSeeds(outDir);
        Console.WriteLine($"{written} seeds written under {outDir}");
        return 0;
    }

    private static int Shrink(string path, string relative, string outDir)
    {
        var info = WavReader.ReadInfo(path);
        using var stream = WavReader.OpenStream(path);
        long position = 0;
        using var body = new MemoryStream();
        var seeds = 0;
        var header = new byte[8];
        byte[]? cuePayload = null;
        byte[]? adtlBody = null;
        foreach (var chunk in info.Chunks)
        {
            SkipTo(stream, ref position, chunk.HeaderOffset);
            ReadExactly(stream, ref position, header);
            var padded = chunk.Size + (chunk.Size & 1);
            if (chunk.Id == WavConstants.Ds64)
            {
                SkipTo(stream, ref position, position + padded);
                continue;
            }

            if (chunk.Id == WavConstants.Data)
            {
                var keep = (int)Math.Min(chunk.Size, (long)MaxDataFrames * info.Format.BlockAlign);
                var audio = new byte[keep];
                ReadExactly(stream, ref position, audio);
                WriteChunk(body, "data", audio);
                continue;
            }

            if (padded > MaxChunkBytes)
            {
                continue;
            }

            var payload = new byte[chunk.Size];
            ReadExactly(stream, ref position, payload);
            WriteChunk(body, chunk.Id.ToString(), payload);
            if (chunk.Id.ToString() == "cue ")
            {
                cuePayload = payload;
            }
            else if (string.Equals(chunk.ListType?.ToString(), "adtl", StringComparison.OrdinalIgnoreCase))
            {
                adtlBody = payload.AsSpan(4).ToArray();
            }

            var kind = chunk.Id.ToString() switch
            {
                "fmt " => "fmt",
                "bext" => "bext",
                "iXML" => "ixml",
                _ => string.Equals(chunk.ListType?.ToString(), "INFO", StringComparison.OrdinalIgnoreCase) ? "info-list" : null,
            };
            if (kind is not null)
            {
                seeds += Save(outDir, kind, chunk.ListType is null ? payload : payload.AsSpan(4).ToArray(), null);
            }
        }

        if (cuePayload is not null || adtlBody is not null)
        {
            // The cue target reads a 2-byte cue length, the cue payload, then the adtl body.
            cuePayload ??= [];
            adtlBody ??= [];
            var combined = new byte[2 + cuePayload.Length + adtlBody.Length];
            BinaryPrimitives.WriteUInt16LittleEndian(combined, checked((ushort)cuePayload.Length));
            cuePayload.CopyTo(combined, 2);
            adtlBody.CopyTo(combined, 2 + cuePayload.Length);
            seeds += Save(outDir, "cue", combined, null);
        }

        var file = new MemoryStream();
        var bodyBytes = body.ToArray();
        if (info.Container == WavContainer.Riff)
        {
            file.Write("RIFF"u8);
            WriteUInt32(file, (uint)(4 + bodyBytes.Length));
            file.Write("WAVE"u8);
        }
        else
        {
            // Keep the 64-bit form: a fresh ds64 that tells the new sizes, and data's 32-bit size at 0xFFFFFFFF.
            file.Write(Encoding.ASCII.GetBytes(info.Container == WavContainer.Bw64 ? "BW64" : "RF64"));
            WriteUInt32(file, uint.MaxValue);
            file.Write("WAVE"u8);
            var ds64 = new byte[28];
            BinaryPrimitives.WriteUInt64LittleEndian(ds64, (ulong)(4 + 36 + bodyBytes.Length));
            var dataSize = Math.Min(info.DataChunk.Size, (long)MaxDataFrames * info.Format.BlockAlign);
            BinaryPrimitives.WriteUInt64LittleEndian(ds64.AsSpan(8), (ulong)dataSize);
            BinaryPrimitives.WriteUInt64LittleEndian(ds64.AsSpan(16), (ulong)(dataSize / info.Format.BlockAlign));
            WriteChunk(file, "ds64", ds64);
            var dataAt = IndexOfData(bodyBytes);
            BinaryPrimitives.WriteUInt32LittleEndian(bodyBytes.AsSpan(dataAt + 4), uint.MaxValue);
        }

        file.Write(bodyBytes);
        var name = Slug(relative.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? relative[..^3] : relative);
        return seeds + Save(outDir, "wav", file.ToArray(), name);
    }

    private static int TimecodeSeeds(string outDir)
    {
        string[] texts =
        [
            "25\n10:00:00:00\n23:59:59:24",
            "23.976\n12:39:59:00\n00:00:00:00",
            "29.97 DF\n00:01:00;02\n00:10:00;00\n23:59:59;29",
            "24000/1001|NDF\n12:40:04:00",
            "30000/1001|DF\n01:00:00;00",
            "59.94DF\n00:00:59;59\n00:01:00;04",
            "023.976-ND\n13:36:06:04",
            "2997DF\n09:59:59;29",
            "120\n00:00:00:119",
            "50\n24:00:00:00\n99:99:99:99",
            "48 fps\n00:00:01:47",
        ];
        var n = 0;
        foreach (var t in texts)
        {
            n += Save(outDir, "timecode", Encoding.UTF8.GetBytes(t), null);
        }

        return n;
    }

    private static int Save(string outDir, string target, byte[] bytes, string? name)
    {
        var dir = Path.Combine(outDir, target);
        Directory.CreateDirectory(dir);
        name ??= Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + ".bin";
        var path = Path.Combine(dir, name);
        if (File.Exists(path))
        {
            return 0;
        }

        File.WriteAllBytes(path, bytes);
        return 1;
    }

    private static string Slug(string relative)
    {
        foreach (var prefix in new[] { "tests/test_files/", "tests/data/" })
        {
            if (relative.StartsWith(prefix, StringComparison.Ordinal))
            {
                relative = relative[prefix.Length..];
            }
        }

        var sb = new StringBuilder();
        foreach (var c in relative)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        return sb.ToString();
    }

    private static int IndexOfData(byte[] body)
    {
        var pos = 0;
        while (pos + 8 <= body.Length)
        {
            if (body.AsSpan(pos, 4).SequenceEqual("data"u8))
            {
                return pos;
            }

            var size = BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan(pos + 4));
            pos += 8 + (int)size + (int)(size & 1);
        }

        throw new InvalidOperationException("no data chunk in the shrunk body");
    }

    private static void WriteChunk(Stream s, string id, ReadOnlySpan<byte> payload)
    {
        s.Write(Encoding.ASCII.GetBytes(id));
        WriteUInt32(s, (uint)payload.Length);
        s.Write(payload);
        if ((payload.Length & 1) != 0)
        {
            s.WriteByte(0);
        }
    }

    private static void WriteUInt32(Stream s, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        s.Write(b);
    }

    private static void SkipTo(Stream s, ref long position, long offset)
    {
        var buffer = new byte[1 << 16];
        while (position < offset)
        {
            var n = s.Read(buffer, 0, (int)Math.Min(buffer.Length, offset - position));
            if (n == 0)
            {
                throw new EndOfStreamException();
            }

            position += n;
        }
    }

    private static void ReadExactly(Stream s, ref long position, Span<byte> buffer)
    {
        s.ReadExactly(buffer);
        position += buffer.Length;
    }
}
