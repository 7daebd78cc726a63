using System.Buffers.Binary;
using System.Text;

namespace Perche.Reliability.Tests.Support;

/// <summary>
/// Builds small RIFF/RF64 WAVE files chunk by chunk, with any size field free to lie: the raw material of the
/// structured corruption tests.
/// </summary>
public sealed class RiffBuilder
{
    private readonly List<(string Id, byte[] Payload, uint? DeclaredSize)> chunks = [];

    /// <summary>A 48 kHz mono 16-bit fmt payload.</summary>
    public static byte[] FmtPcm16Mono48k()
    {
        var fmt = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, 1);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(4), 48000);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(8), 96000);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), 16);
        return fmt;
    }

    /// <summary>A plain valid file: fmt, then 100 frames of silence.</summary>
    public static RiffBuilder Minimal() => new RiffBuilder().Add("fmt ", FmtPcm16Mono48k()).Add("data", new byte[200]);

    /// <summary>Appends a chunk; <paramref name="declaredSize"/> overrides the size field (the payload stays as given).</summary>
    public RiffBuilder Add(string id, byte[] payload, uint? declaredSize = null)
    {
        this.chunks.Add((id, payload, declaredSize));
        return this;
    }

    /// <summary>Inserts a chunk before the first chunk of that id.</summary>
    public RiffBuilder InsertBefore(string beforeId, string id, byte[] payload)
    {
        var at = this.chunks.FindIndex(c => c.Id == beforeId);
        this.chunks.Insert(at < 0 ? this.chunks.Count : at, (id, payload, null));
        return this;
    }

    /// <summary>The RIFF file; <paramref name="riffSize"/> overrides the form size.</summary>
    public byte[] ToRiff(uint? riffSize = null)
    {
        var body = this.Body();
        var file = new byte[12 + body.Length];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(file, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), riffSize ?? (uint)(4 + body.Length));
        Encoding.ASCII.GetBytes("WAVE").CopyTo(file, 8);
        body.CopyTo(file, 12);
        return file;
    }

    /// <summary>
    /// The RF64 file: a ds64 after the header whose fields default to the truth and can each be made to lie;
    /// the data chunk's 32-bit size is 0xFFFFFFFF as EBU Tech 3306 asks.
    /// </summary>
    public byte[] ToRf64(ulong? riffSize = null, ulong? dataSize = null, ulong? sampleCount = null, IReadOnlyList<(string Id, ulong Size)>? table = null, uint? tableLength = null, uint? ds64Size = null)
    {
        var dataIndex = this.chunks.FindIndex(c => c.Id == "data");
        var realData = dataIndex >= 0 ? (ulong)this.chunks[dataIndex].Payload.Length : 0;
        if (dataIndex >= 0 && this.chunks[dataIndex].DeclaredSize is null)
        {
            this.chunks[dataIndex] = (this.chunks[dataIndex].Id, this.chunks[dataIndex].Payload, uint.MaxValue);
        }

        var body = this.Body();
        var entries = table ?? [];
        var ds64 = new byte[28 + (12 * entries.Count)];
        var fileLength = 12 + 8 + ds64.Length + body.Length;
        BinaryPrimitives.WriteUInt64LittleEndian(ds64, riffSize ?? (ulong)(fileLength - 8));
        BinaryPrimitives.WriteUInt64LittleEndian(ds64.AsSpan(8), dataSize ?? realData);
        BinaryPrimitives.WriteUInt64LittleEndian(ds64.AsSpan(16), sampleCount ?? realData / 2);
        BinaryPrimitives.WriteUInt32LittleEndian(ds64.AsSpan(24), tableLength ?? (uint)entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            Encoding.ASCII.GetBytes(entries[i].Id).CopyTo(ds64, 28 + (12 * i));
            BinaryPrimitives.WriteUInt64LittleEndian(ds64.AsSpan(32 + (12 * i)), entries[i].Size);
        }

        using var ms = new MemoryStream();
        ms.Write("RF64"u8);
        ms.Write([0xFF, 0xFF, 0xFF, 0xFF]);
        ms.Write("WAVE"u8);
        WriteChunk(ms, "ds64", ds64, ds64Size);
        ms.Write(body);
        return ms.ToArray();
    }

    private static void WriteChunk(Stream s, string id, byte[] payload, uint? declared)
    {
        s.Write(Encoding.ASCII.GetBytes(id));
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, declared ?? (uint)payload.Length);
        s.Write(size);
        s.Write(payload);
        if ((payload.Length & 1) != 0)
        {
            s.WriteByte(0);
        }
    }

    private byte[] Body()
    {
        using var ms = new MemoryStream();
        foreach (var (id, payload, declared) in this.chunks)
        {
            WriteChunk(ms, id, payload, declared);
        }

        return ms.ToArray();
    }
}
