using System.Buffers.Binary;
using System.Text;

namespace Perche.Core.Tests.Formats.Wav;

/// <summary>Builds small WAVE files byte by byte, so tests can break them in precise places.</summary>
internal sealed class WavBytes
{
    private readonly List<(string Id, byte[] Payload, bool Pad)> chunks = [];

    public string Form { get; set; } = "RIFF";

    public uint? RiffSizeOverride { get; set; }

    public static byte[] Fmt(ushort tag = 1, ushort channels = 2, uint rate = 48000, ushort bits = 16, ushort? blockAlign = null)
    {
        var b = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(b, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), channels);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), rate);
        var align = blockAlign ?? (ushort)(channels * bits / 8);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), rate * align);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(12), align);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(14), bits);
        return b;
    }

    public static byte[] Ds64(ulong riffSize, ulong dataSize, ulong sampleCount)
    {
        var b = new byte[28];
        BinaryPrimitives.WriteUInt64LittleEndian(b, riffSize);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(8), dataSize);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(16), sampleCount);
        return b;
    }

    /// <summary>A plain 16-bit stereo file with <paramref name="frames"/> frames of a ramp.</summary>
    public static WavBytes Simple(int frames = 100)
    {
        var w = new WavBytes();
        w.Add("fmt ", Fmt());
        w.Add("data", Ramp(frames * 2));
        return w;
    }

    public static byte[] Ramp(int samples)
    {
        var b = new byte[samples * 2];
        for (var i = 0; i < samples; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(i * 2), (short)((i * 37) - 1000));
        }

        return b;
    }

    public WavBytes Add(string id, byte[] payload, bool pad = true)
    {
        this.chunks.Add((id, payload, pad));
        return this;
    }

    public WavBytes Add(string id, string text) => this.Add(id, Encoding.UTF8.GetBytes(text));

    public byte[] ToArray()
    {
        using var ms = new MemoryStream();
        ms.Write(Encoding.ASCII.GetBytes(this.Form));
        ms.Write(new byte[4]);
        ms.Write("WAVE"u8);
        foreach (var (id, payload, pad) in this.chunks)
        {
            ms.Write(Encoding.ASCII.GetBytes(id));
            var size = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(size, id == "data" && this.Form != "RIFF" ? uint.MaxValue : (uint)payload.Length);
            ms.Write(size);
            ms.Write(payload);
            if (pad && (payload.Length & 1) != 0)
            {
                ms.WriteByte(0);
            }
        }

        var bytes = ms.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), this.RiffSizeOverride ?? (this.Form == "RIFF" ? (uint)(bytes.Length - 8) : uint.MaxValue));
        return bytes;
    }

    /// <summary>Offset of the header of the n-th chunk (0-based) in <see cref="ToArray"/>.</summary>
    public long OffsetOf(int index)
    {
        long pos = 12;
        for (var i = 0; i < index; i++)
        {
            var len = this.chunks[i].Payload.Length;
            pos += 8 + len + (this.chunks[i].Pad ? len & 1 : 0);
        }

        return pos;
    }
}
