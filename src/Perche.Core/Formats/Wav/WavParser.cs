using System.Buffers.Binary;

namespace Perche.Core.Formats.Wav;

/// <summary>
/// Walks the chunks of a RIFF/RF64/BW64 WAVE stream, records every chunk, interprets fmt, ds64, bext, iXML,
/// LIST/INFO, LIST/adtl and cue, and checks sizes against the stream. Audio bytes are skipped, never read.
/// </summary>
internal sealed class WavParser
{
    private readonly ByteSource source;
    private readonly string name;
    private readonly List<WavChunkInfo> chunks = [];
    private readonly List<string> diagnostics = [];
    private readonly Dictionary<uint, long> ds64Table = [];
    private readonly List<KeyValuePair<string, string>> info = [];
    private List<CuePoint>? cues;
    private byte[]? pendingAdtl;
    private long pendingAdtlOffset;
    private WavContainer container;
    private WavFormat? format;
    private WavChunkInfo? data;
    private long ds64DataSize = -1;
    private BroadcastExtension? bext;
    private IxmlMetadata? ixml;

    public WavParser(ByteSource source, string name)
    {
        this.source = source;
        this.name = name;
    }

    /// <summary>
    /// Parses the file. With <paramref name="stopAtData"/> the walk ends at the data chunk header, leaving the
    /// source positioned on the first audio byte (chunks after data are then not in the result).
    /// </summary>
    public WavInfo Parse(bool stopAtData)
    {
        Span<byte> head = stackalloc byte[12];
        var got = this.source.ReadAtMost(head);
        if (got < 12)
        {
            throw PercheFormatException.AtByte(this.name, got, $"file is {got} bytes long; a WAVE file starts with a 12-byte RIFF header");
        }

        var form = FourCC.Read(head);
        if (form == WavConstants.Riff)
        {
            this.container = WavContainer.Riff;
        }
        else if (form == WavConstants.Rf64)
        {
            this.container = WavContainer.Rf64;
        }
        else if (form == WavConstants.Bw64)
        {
            this.container = WavContainer.Bw64;
        }
        else
        {
            throw PercheFormatException.AtByte(this.name, 0, $"file starts with '{form}'; expected 'RIFF', 'RF64' or 'BW64'");
        }

        var riffSize32 = BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);
        var waveId = FourCC.Read(head[8..]);
        if (waveId != WavConstants.Wave)
        {
            throw PercheFormatException.AtByte(this.name, 8, $"form type is '{waveId}'; expected 'WAVE'");
        }

        long riffEnd;
        if (this.container == WavContainer.Riff)
        {
            riffEnd = 8L + riffSize32;
        }
        else
        {
            riffEnd = this.ReadDs64(riffSize32);
        }

        var length = this.source.Length;
        if (length is { } len && riffEnd != len)
        {
            this.diagnostics.Add(riffEnd > len
                ? $"the header declares {riffEnd} bytes but the file has {len} (truncated or not finalised)"
                : $"{len - riffEnd} bytes follow the end of the RIFF form at byte {riffEnd} (ignored)");
        }

        var walkEnd = length is { } l2 ? Math.Min(riffEnd, l2) : riffEnd;
        if (length is { } l3 && riffEnd > l3)
        {
            // A truncated RIFF size is checked chunk by chunk below; walk to the real end of the file.
            walkEnd = l3;
        }

        Span<byte> ch = stackalloc byte[8];
        while (this.source.Position + 8 <= walkEnd || (length is null && this.source.Position < walkEnd))
        {
            var headerOffset = this.source.Position;
            var n = this.source.ReadAtMost(ch);
            if (n == 0 && length is null)
            {
                break;
            }

            if (n < 8)
            {
                throw PercheFormatException.AtByte(this.name, headerOffset, $"file ends inside a chunk header ({n} of 8 bytes)");
            }

            var id = FourCC.Read(ch);
            var size32 = BinaryPrimitives.ReadUInt32LittleEndian(ch[4..]);
            if (!id.IsPrintable)
            {
                throw PercheFormatException.AtByte(this.name, headerOffset, $"chunk identifier '{id}' is not text; expected a chunk header (corrupt file or a wrong chunk size before it)");
            }

            var size = this.ResolveSize(id, size32, headerOffset);
            var payloadOffset = headerOffset + 8;
            if (length is { } fileLen && payloadOffset + size > fileLen)
            {
                throw PercheFormatException.AtByte(this.name, headerOffset, $"chunk '{id}' declares {size} bytes, which runs past the end of the file at byte {fileLen} (truncated file or wrong chunk size)");
            }

            if (id == WavConstants.Data)
            {
                if (this.format is null)
                {
                    throw PercheFormatException.AtByte(this.name, headerOffset, "data chunk comes before the fmt chunk; expected fmt first");
                }

                if (this.data is not null)
                {
                    throw PercheFormatException.AtByte(this.name, headerOffset, "a second data chunk; expected one");
                }

                var record = new WavChunkInfo(id, headerOffset, size);
                this.data = record;
                this.chunks.Add(record);
                if (size % this.format.BlockAlign != 0)
                {
                    this.diagnostics.Add($"data chunk holds {size} bytes, not a whole number of {this.format.BlockAlign}-byte frames; the last {size % this.format.BlockAlign} bytes are ignored");
                }

                if (stopAtData)
                {
                    return this.Finish();
                }

                this.SkipPayload(id, headerOffset, size);
            }
            else
            {
                this.ReadChunk(id, headerOffset, size);
            }

            this.CheckPadding(id, headerOffset, size, walkEnd);
        }

        if (length is { } fl && this.source.Position < fl && this.source.Position < walkEnd)
        {
            this.diagnostics.Add($"{walkEnd - this.source.Position} stray bytes at the end of the RIFF form (byte {this.source.Position})");
        }

        return this.Finish();
    }

    private long ReadDs64(uint riffSize32)
    {
        Span<byte> ch = stackalloc byte[8];
        var offset = this.source.Position;
        if (this.source.ReadAtMost(ch) < 8 || FourCC.Read(ch) != WavConstants.Ds64)
        {
            throw PercheFormatException.AtByte(this.name, offset, $"{this.container} file has no ds64 chunk after its header; expected 'ds64' at byte 12");
        }

        var size = BinaryPrimitives.ReadUInt32LittleEndian(ch[4..]);
        if (size < WavConstants.Ds64MinimumSize || size > 1 << 20)
        {
            throw PercheFormatException.AtByte(this.name, offset, $"ds64 chunk declares {size} bytes; expected 28 plus 12 per table entry");
        }

        var payload = new byte[size + (size & 1)];
        if (this.source.ReadAtMost(payload) < payload.Length)
        {
            throw PercheFormatException.AtByte(this.name, offset, "file ends inside the ds64 chunk");
        }

        var riffSize = BinaryPrimitives.ReadUInt64LittleEndian(payload);
        var dataSize = BinaryPrimitives.ReadUInt64LittleEndian(payload.AsSpan(8));
        var tableLength = BinaryPrimitives.ReadUInt32LittleEndian(payload.AsSpan(24));
        if (riffSize > long.MaxValue / 2 || dataSize > long.MaxValue / 2)
        {
            throw PercheFormatException.AtByte(this.name, offset + 8, $"ds64 sizes are absurd (RIFF {riffSize}, data {dataSize} bytes)");
        }

        if ((ulong)tableLength * 12 > size - 28)
        {
            throw PercheFormatException.AtByte(this.name, offset + 32, $"ds64 table declares {tableLength} entries but the chunk holds {(size - 28) / 12}");
        }

        for (var i = 0; i < tableLength; i++)
        {
            var e = payload.AsSpan(28 + (i * 12));
            this.ds64Table[FourCC.Read(e).Value] = (long)BinaryPrimitives.ReadUInt64LittleEndian(e[4..]);
        }

        this.ds64DataSize = (long)dataSize;
        this.chunks.Add(new WavChunkInfo(WavConstants.Ds64, offset, size));
        if (riffSize32 != WavConstants.SizeInDs64 && riffSize32 != riffSize)
        {
            this.diagnostics.Add($"{this.container} header size is 0x{riffSize32:X8}; expected 0xFFFFFFFF (ds64 holds {riffSize})");
        }

        if (this.source.Length is { } len && (long)dataSize > len)
        {
            throw PercheFormatException.AtByte(this.name, offset + 16, $"ds64 declares a data size of {dataSize} bytes but the file has only {len}");
        }

        return 8 + (long)riffSize;
    }

    private long ResolveSize(FourCC id, uint size32, long headerOffset)
    {
        if (this.container == WavContainer.Riff || size32 != WavConstants.SizeInDs64)
        {
            return size32;
        }

        if (id == WavConstants.Data)
        {
            return this.ds64DataSize;
        }

        if (this.ds64Table.TryGetValue(id.Value, out var s))
        {
            // Table sizes are unsigned 64-bit; past 2^62 they cannot be real and would overflow the offsets below.
            if (s < 0 || s > long.MaxValue / 2)
            {
                throw PercheFormatException.AtByte(this.name, headerOffset + 4, $"chunk '{id}' size in the ds64 table is absurd ({(ulong)s} bytes)");
            }

            return s;
        }

        throw PercheFormatException.AtByte(this.name, headerOffset + 4, $"chunk '{id}' size is 0xFFFFFFFF but the ds64 table has no entry for it");
    }

    private void ReadChunk(FourCC id, long headerOffset, long size)
    {
        var payloadOffset = headerOffset + 8;
        if (id == WavConstants.Fmt)
        {
            if (this.format is not null)
            {
                throw PercheFormatException.AtByte(this.name, headerOffset, "a second fmt chunk; expected one");
            }

            var payload = this.ReadPayload(id, headerOffset, size);
            this.format = WavFormat.Parse(payload, this.name, payloadOffset);
            this.chunks.Add(new WavChunkInfo(id, headerOffset, size));
        }
        else if (id == WavConstants.Bext)
        {
            var payload = this.ReadPayload(id, headerOffset, size);
            this.bext = BroadcastExtension.Parse(payload, this.name, payloadOffset);
            this.chunks.Add(new WavChunkInfo(id, headerOffset, size));
        }
        else if (id == WavConstants.Ixml)
        {
            var payload = this.ReadPayload(id, headerOffset, size);
            this.ixml = IxmlMetadata.Parse(payload, this.name, payloadOffset);
            this.chunks.Add(new WavChunkInfo(id, headerOffset, size));
        }
        else if (id == WavConstants.Cue)
        {
            var payload = this.ReadPayload(id, headerOffset, size);
            var parsed = CueChunks.ParseCue(payload, this.name, payloadOffset);
            this.cues ??= [];
            this.cues.AddRange(parsed);
            this.chunks.Add(new WavChunkInfo(id, headerOffset, size));
        }
        else if (id.EqualsIgnoreCase(WavConstants.List) && size >= 4)
        {
            Span<byte> typeBytes = stackalloc byte[4];
            if (this.source.ReadAtMost(typeBytes) < 4)
            {
                throw PercheFormatException.AtByte(this.name, payloadOffset, "file ends inside a LIST chunk");
            }

            var listType = FourCC.Read(typeBytes);
            this.chunks.Add(new WavChunkInfo(id, headerOffset, size, listType));
            var bodySize = size - 4;
            if (listType.EqualsIgnoreCase(WavConstants.Info) || listType.EqualsIgnoreCase(WavConstants.Adtl))
            {
                var body = this.ReadBody(id, headerOffset, bodySize, size);
                if (listType.EqualsIgnoreCase(WavConstants.Info))
                {
                    this.info.AddRange(InfoList.Parse(body, this.name, payloadOffset + 4));
                }
                else
                {
                    // adtl may come before the cue chunk it labels; apply it when both are known.
                    this.pendingAdtl = body;
                    this.pendingAdtlOffset = payloadOffset + 4;
                }
            }
            else
            {
                this.SkipBytes(id, headerOffset, bodySize + (size & 1), padded: (size & 1) != 0);
            }
        }
        else
        {
            this.chunks.Add(new WavChunkInfo(id, headerOffset, size));
            this.SkipPayload(id, headerOffset, size);
        }
    }

    private byte[] ReadPayload(FourCC id, long headerOffset, long size) => this.ReadBody(id, headerOffset, size, size);

    private byte[] ReadBody(FourCC id, long headerOffset, long bodySize, long chunkSize)
    {
        if (bodySize > WavConstants.MaximumMetadataChunkBytes)
        {
            throw PercheFormatException.AtByte(this.name, headerOffset, $"chunk '{id}' declares {bodySize} bytes; metadata chunks larger than {WavConstants.MaximumMetadataChunkBytes} bytes are refused");
        }

        // A file's length vouches for the size; a pipe's does not, so there the buffer grows with what arrives
        // instead of being allocated at whatever size a corrupt header claims.
        var buffer = new byte[this.source.Length is null ? Math.Min(bodySize, 1 << 20) : bodySize];
        var filled = this.source.ReadAtMost(buffer);
        while (filled == buffer.Length && filled < bodySize)
        {
            Array.Resize(ref buffer, (int)Math.Min(bodySize, (long)buffer.Length * 2));
            filled += this.source.ReadAtMost(buffer.AsSpan(filled));
        }

        if (filled < bodySize)
        {
            throw PercheFormatException.AtByte(this.name, headerOffset, $"file ends inside chunk '{id}' ({bodySize} bytes declared)");
        }

        if ((chunkSize & 1) != 0)
        {
            this.source.Skip(1);
        }

        return buffer;
    }

    private void SkipPayload(FourCC id, long headerOffset, long size) => this.SkipBytes(id, headerOffset, size + (size & 1), padded: (size & 1) != 0);

    private void SkipBytes(FourCC id, long headerOffset, long count, bool padded)
    {
        var skipped = this.source.Skip(count);
        if (skipped < count)
        {
            // A missing final pad byte is tolerated (checked in CheckPadding); anything shorter is truncation,
            // and so is a missing last byte of an even-sized chunk, which has no pad.
            if (padded && skipped == count - 1 && this.source.Length is null)
            {
                return;
            }

            if (skipped < count - 1 || this.source.Length is null)
            {
                throw PercheFormatException.AtByte(this.name, headerOffset, $"file ends inside chunk '{id}' ({count} bytes declared, {skipped} present): truncated file");
            }
        }
    }

    private void CheckPadding(FourCC id, long headerOffset, long size, long walkEnd)
    {
        if ((size & 1) == 0 || !this.source.CanSeek || this.source.Length is not { } len)
        {
            return;
        }

        var unpadded = headerOffset + 8 + size;
        if (unpadded == len)
        {
            this.diagnostics.Add($"chunk '{id}' at byte {headerOffset} has an odd size and the file lacks its final pad byte");
            return;
        }

        if (unpadded + 1 + 8 > walkEnd)
        {
            return;
        }

        // A writer that forgot the pad byte shifts every following header by one: the padded position then
        // holds no plausible chunk header while the unpadded one does.
        Span<byte> probe = stackalloc byte[9];
        if (this.source.PeekAt(unpadded, probe) == 9
            && !IsPlausibleHeader(probe[1..], unpadded + 1, len)
            && IsPlausibleHeader(probe[..8], unpadded, len))
        {
            throw PercheFormatException.AtByte(this.name, unpadded, $"chunk '{id}' at byte {headerOffset} has an odd size ({size}) but no pad byte: the next chunk header starts at byte {unpadded} instead of {unpadded + 1}");
        }
    }

    private static bool IsPlausibleHeader(ReadOnlySpan<byte> header, long offset, long fileLength)
    {
        for (var i = 0; i < 4; i++)
        {
            var c = header[i];
            if (!(c == (byte)' ' || (c >= (byte)'0' && c <= (byte)'9') || (c >= (byte)'A' && c <= (byte)'Z') || (c >= (byte)'a' && c <= (byte)'z')))
            {
                return false;
            }
        }

        var size = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        return size == WavConstants.SizeInDs64 || offset + 8 + size <= fileLength;
    }

    private WavInfo Finish()
    {
        if (this.format is null)
        {
            throw PercheFormatException.AtByte(this.name, this.source.Position, "no fmt chunk found; a WAVE file needs one before its data");
        }

        if (this.data is not { } dataChunk)
        {
            throw PercheFormatException.AtByte(this.name, this.source.Position, "no data chunk found");
        }

        if (this.pendingAdtl is not null)
        {
            this.cues ??= [];
            CueChunks.ApplyAdtl(this.pendingAdtl, this.cues, this.name, this.pendingAdtlOffset);
        }

        return new WavInfo(this.name, this.container, this.format, dataChunk, this.chunks)
        {
            Bext = this.bext,
            Ixml = this.ixml,
            Info = this.info,
            Cues = (IReadOnlyList<CuePoint>?)this.cues ?? [],
            Diagnostics = this.diagnostics,
        };
    }
}
