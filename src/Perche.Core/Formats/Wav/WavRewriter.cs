using System.Buffers;

namespace Perche.Core.Formats.Wav;

/// <summary>
/// Copies a WAVE file chunk by chunk, in order, replacing only the metadata the caller edits: audio bytes and
/// unknown chunks are copied byte for byte, so a rewrite without edits reads back identically. RF64/BW64
/// sources stay RF64/BW64 (a fresh ds64 is written where theirs was). Works on gzip input (two passes).
/// </summary>
public static class WavRewriter
{
    /// <summary>Rewrites <paramref name="sourcePath"/> to <paramref name="destinationPath"/> (may be the same path).</summary>
    public static WavInfo Rewrite(string sourcePath, string destinationPath, WavMetadataEdit? edit = null)
    {
        ArgumentNullException.ThrowIfNull(sourcePath);
        ArgumentNullException.ThrowIfNull(destinationPath);
        edit ??= new WavMetadataEdit();
        var info = WavReader.ReadInfo(sourcePath);
        var hasBext = false;
        var hasIxml = false;
        foreach (var c in info.Chunks)
        {
            hasBext |= c.Id == WavConstants.Bext;
            hasIxml |= c.Id == WavConstants.Ixml;
        }

        var sourceIs64 = info.Container != WavContainer.Riff;
        var growth = (edit.Bext?.ToBytes().Length ?? 0) + (edit.Ixml?.ToBytes().Length ?? 0) + 64;
        var lastEnd = info.Chunks[^1].End;
        var reserve = sourceIs64 || lastEnd + growth > uint.MaxValue;

        using var stream = WavReader.OpenStream(sourcePath);
        var source = new ByteSource(stream);
        using (var output = new RiffOutput(destinationPath, reserve))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
            Span<byte> listTypeBytes = stackalloc byte[4];
            try
            {
                foreach (var chunk in info.Chunks)
                {
                    if (chunk.Id == WavConstants.Ds64)
                    {
                        continue;
                    }

                    if (chunk.Id == WavConstants.Fmt)
                    {
                        if (!hasBext && edit.Bext is not null)
                        {
                            output.WriteChunk(WavConstants.Bext, edit.Bext.ToBytes());
                        }

                        if (!hasIxml && edit.Ixml is not null)
                        {
                            output.WriteChunk(WavConstants.Ixml, edit.Ixml.ToBytes());
                        }
                    }

                    SkipTo(source, chunk.HeaderOffset, sourcePath);
                    if (chunk.Id == WavConstants.Bext && edit.Bext is not null)
                    {
                        output.WriteChunk(WavConstants.Bext, edit.Bext.ToBytes());
                    }
                    else if (chunk.Id == WavConstants.Ixml && edit.Ixml is not null)
                    {
                        output.WriteChunk(WavConstants.Ixml, edit.Ixml.ToBytes());
                    }
                    else if (chunk.Id == WavConstants.Data)
                    {
                        source.Skip(8);
                        output.BeginData();
                        Copy(source, chunk.Size, buffer, output.WriteData, sourcePath, chunk);
                        output.EndData();
                        continue;
                    }
                    else
                    {
                        source.Skip(8);
                        output.WriteHeader(chunk.Id, checked((uint)chunk.Size));
                        if (chunk.ListType is { } listType)
                        {
                            // The parser consumed the list type; copy it back verbatim.
                            listType.WriteTo(listTypeBytes);
                            source.Skip(4);
                            output.WriteBytes(listTypeBytes);
                            Copy(source, chunk.Size - 4, buffer, output.WriteBytes, sourcePath, chunk);
                        }
                        else
                        {
                            Copy(source, chunk.Size, buffer, output.WriteBytes, sourcePath, chunk);
                        }

                        if ((chunk.Size & 1) != 0)
                        {
                            output.WriteByte(0);
                        }

                        continue;
                    }
                }

                output.Complete(sourceIs64 ? info.Container : null, info.FrameCount);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        return WavReader.ReadInfo(destinationPath);
    }

    private static void SkipTo(ByteSource source, long offset, string name)
    {
        if (source.Position > offset)
        {
            throw new InvalidOperationException($"{name}: chunk table out of order at byte {offset}");
        }

        source.Skip(offset - source.Position);
    }

    private delegate void Sink(ReadOnlySpan<byte> bytes);

    private static void Copy(ByteSource source, long count, byte[] buffer, Sink sink, string name, WavChunkInfo chunk)
    {
        var left = count;
        while (left > 0)
        {
            var want = (int)Math.Min(buffer.Length, left);
            var n = source.ReadAtMost(buffer.AsSpan(0, want));
            if (n < want)
            {
                throw PercheFormatException.AtByte(name, source.Position, $"file ends inside chunk '{chunk.Id}' while copying");
            }

            sink(buffer.AsSpan(0, n));
            left -= n;
        }
    }
}
