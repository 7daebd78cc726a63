using System.Buffers.Binary;

namespace Perche.Core.Formats.Wav;

/// <summary>Parses and writes <c>cue </c> chunks and the <c>LIST/adtl</c> lists that label them.</summary>
public static class CueChunks
{
    /// <summary>Size of one cue point record.</summary>
    public const int PointSize = 24;

    /// <summary>Parses a cue payload.</summary>
    public static List<CuePoint> ParseCue(ReadOnlySpan<byte> payload, string inputName, long payloadOffset)
    {
        if (payload.Length < 4)
        {
            throw PercheFormatException.AtByte(inputName, payloadOffset, $"cue chunk is {payload.Length} bytes; expected at least 4");
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(payload);
        if ((ulong)count * PointSize > (ulong)(payload.Length - 4))
        {
            throw PercheFormatException.AtByte(inputName, payloadOffset, $"cue chunk declares {count} points ({(ulong)count * PointSize} bytes) but holds {payload.Length - 4} bytes");
        }

        var list = new List<CuePoint>((int)count);
        for (var i = 0; i < count; i++)
        {
            var p = payload.Slice(4 + (i * PointSize), PointSize);
            list.Add(new CuePoint
            {
                Id = BinaryPrimitives.ReadUInt32LittleEndian(p),
                Position = BinaryPrimitives.ReadUInt32LittleEndian(p[4..]),
                DataChunkId = FourCC.Read(p[8..]),
                ChunkStart = BinaryPrimitives.ReadUInt32LittleEndian(p[12..]),
                BlockStart = BinaryPrimitives.ReadUInt32LittleEndian(p[16..]),
                SampleOffset = BinaryPrimitives.ReadUInt32LittleEndian(p[20..]),
            });
        }

        return list;
    }

    /// <summary>
    /// Attaches the labl/note/ltxt sub-chunks of an adtl list body (after the "adtl" type) to the cue points.
    /// </summary>
    public static void ApplyAdtl(ReadOnlySpan<byte> body, List<CuePoint> cues, string inputName, long bodyOffset)
    {
        ArgumentNullException.ThrowIfNull(cues);

        // Index the cues by id: a search per label would be quadratic, and a list can hold millions of labels.
        var byId = new Dictionary<uint, CuePoint>(cues.Count);
        foreach (var c in cues)
        {
            byId.TryAdd(c.Id, c);
        }

        var pos = 0;
        while (pos + 8 <= body.Length)
        {
            var id = FourCC.Read(body[pos..]);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(body[(pos + 4)..]);
            if (size > (uint)(body.Length - pos - 8))
            {
                throw PercheFormatException.AtByte(inputName, bodyOffset + pos, $"adtl sub-chunk '{id}' declares {size} bytes but only {body.Length - pos - 8} remain in the list");
            }

            var data = body.Slice(pos + 8, (int)size);
            if (size >= 4)
            {
                var cueId = BinaryPrimitives.ReadUInt32LittleEndian(data);
                if (!byId.TryGetValue(cueId, out var cue))
                {
                    cue = new CuePoint { Id = cueId };
                    cues.Add(cue);
                    byId.Add(cueId, cue);
                }

                if (id == WavConstants.Labl)
                {
                    cue.Label = TextCodec.DecodeZeroTerminated(data[4..]);
                }
                else if (id == WavConstants.Note)
                {
                    cue.Note = TextCodec.DecodeZeroTerminated(data[4..]);
                }
                else if (id == WavConstants.Ltxt && size >= 20)
                {
                    cue.RangeLengthSamples = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
                    cue.RangePurpose = FourCC.Read(data[8..]);
                    cue.RangeText = size > 20 ? TextCodec.DecodeZeroTerminated(data[20..]) : null;
                }
            }

            pos += 8 + (int)size + (int)(size & 1);
        }
    }

    /// <summary>Serialises the cue payload.</summary>
    public static byte[] CueToBytes(IReadOnlyList<CuePoint> cues)
    {
        ArgumentNullException.ThrowIfNull(cues);
        var bytes = new byte[4 + (cues.Count * PointSize)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)cues.Count);
        for (var i = 0; i < cues.Count; i++)
        {
            var p = bytes.AsSpan(4 + (i * PointSize));
            var c = cues[i];
            BinaryPrimitives.WriteUInt32LittleEndian(p, c.Id);
            BinaryPrimitives.WriteUInt32LittleEndian(p[4..], c.Position);
            c.DataChunkId.WriteTo(p[8..]);
            BinaryPrimitives.WriteUInt32LittleEndian(p[12..], c.ChunkStart);
            BinaryPrimitives.WriteUInt32LittleEndian(p[16..], c.BlockStart);
            BinaryPrimitives.WriteUInt32LittleEndian(p[20..], c.SampleOffset);
        }

        return bytes;
    }

    /// <summary>Serialises a LIST payload of type adtl (labels, notes, ranges); null when there is nothing to write.</summary>
    public static byte[]? AdtlToBytes(IReadOnlyList<CuePoint> cues)
    {
        ArgumentNullException.ThrowIfNull(cues);
        using var ms = new MemoryStream();
        Span<byte> head = stackalloc byte[8];
        WavConstants.Adtl.WriteTo(head);
        ms.Write(head[..4]);
        var any = false;
        foreach (var c in cues)
        {
            if (c.Label is not null)
            {
                WriteText(ms, WavConstants.Labl, c.Id, c.Label);
                any = true;
            }

            if (c.Note is not null)
            {
                WriteText(ms, WavConstants.Note, c.Id, c.Note);
                any = true;
            }

            if (c.RangeLengthSamples is not null)
            {
                byte[] text = c.RangeText is null ? [] : [.. TextCodec.Encode(c.RangeText), (byte)0];
                var body = new byte[20 + text.Length];
                BinaryPrimitives.WriteUInt32LittleEndian(body, c.Id);
                BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), c.RangeLengthSamples.Value);
                (c.RangePurpose ?? new FourCC("rgn ")).WriteTo(body.AsSpan(8));
                text.CopyTo(body, 20);
                WriteSub(ms, WavConstants.Ltxt, body);
                any = true;
            }
        }

        return any ? ms.ToArray() : null;
    }

    private static void WriteText(MemoryStream ms, FourCC id, uint cueId, string text)
    {
        var t = TextCodec.Encode(text);
        var body = new byte[4 + t.Length + 1];
        BinaryPrimitives.WriteUInt32LittleEndian(body, cueId);
        t.CopyTo(body, 4);
        WriteSub(ms, id, body);
    }

    private static void WriteSub(MemoryStream ms, FourCC id, byte[] body)
    {
        Span<byte> head = stackalloc byte[8];
        id.WriteTo(head);
        BinaryPrimitives.WriteUInt32LittleEndian(head[4..], (uint)body.Length);
        ms.Write(head);
        ms.Write(body);
        if ((body.Length & 1) != 0)
        {
            ms.WriteByte(0);
        }
    }
}
