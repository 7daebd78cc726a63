using System.Buffers.Binary;

namespace Perche.Core.Formats.Wav;

/// <summary>
/// Writes a RIFF/RF64/BW64 form to a temporary file beside the destination and renames it only once it is
/// complete and flushed: a crash never leaves a half-written file under the final name. When
/// <c>reserveDs64</c> is set, a 28-byte JUNK chunk follows the header (EBU Tech 3306); if the form ends
/// up larger than 4 GiB (or RF64/BW64 is forced) it becomes the ds64 chunk, otherwise it stays JUNK.
/// </summary>
internal sealed class RiffOutput : IDisposable
{
    private const long Max32 = uint.MaxValue;

    private readonly string destinationPath;
    private readonly string temporaryPath;
    private readonly FileStream file;
    private readonly bool reserveDs64;
    private readonly byte[] header = new byte[8];
    private long dataHeaderOffset = -1;
    private long dataSize;
    private bool completed;

    public RiffOutput(string destinationPath, bool reserveDs64)
    {
        this.destinationPath = Path.GetFullPath(destinationPath);
        var dir = Path.GetDirectoryName(this.destinationPath)!;
        Directory.CreateDirectory(dir);
        this.temporaryPath = Path.Combine(dir, $".{Path.GetFileName(this.destinationPath)}.{Guid.NewGuid():N}.partial");
        this.file = new FileStream(this.temporaryPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20);
        this.reserveDs64 = reserveDs64;

        Span<byte> head = stackalloc byte[12];
        WavConstants.Riff.WriteTo(head);
        WavConstants.Wave.WriteTo(head[8..]);
        this.file.Write(head);
        if (reserveDs64)
        {
            this.WriteChunk(WavConstants.Junk, new byte[WavConstants.Ds64MinimumSize]);
        }
    }

    public long Position => this.file.Position;

    /// <summary>Writes one whole chunk with its pad byte.</summary>
    public void WriteChunk(FourCC id, ReadOnlySpan<byte> payload)
    {
        this.WriteHeader(id, (uint)payload.Length);
        this.file.Write(payload);
        if ((payload.Length & 1) != 0)
        {
            this.file.WriteByte(0);
        }
    }

    /// <summary>Writes a chunk header whose payload the caller streams with <see cref="WriteBytes"/>.</summary>
    public void WriteHeader(FourCC id, uint size)
    {
        id.WriteTo(this.header);
        BinaryPrimitives.WriteUInt32LittleEndian(this.header.AsSpan(4), size);
        this.file.Write(this.header);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes) => this.file.Write(bytes);

    public void WriteByte(byte value) => this.file.WriteByte(value);

    public void BeginData()
    {
        if (this.dataHeaderOffset >= 0)
        {
            throw new InvalidOperationException("the data chunk was already written");
        }

        this.dataHeaderOffset = this.file.Position;
        this.WriteHeader(WavConstants.Data, 0);
    }

    public void WriteData(ReadOnlySpan<byte> bytes)
    {
        this.file.Write(bytes);
        this.dataSize += bytes.Length;
    }

    public void EndData()
    {
        if ((this.dataSize & 1) != 0)
        {
            this.file.WriteByte(0);
        }
    }

    /// <summary>Patches sizes, flushes to disk and renames to the destination.</summary>
    public WavContainer Complete(WavContainer? forced, long frameCount)
    {
        if (this.dataHeaderOffset < 0)
        {
            throw new InvalidOperationException("no data chunk was written");
        }

        var total = this.file.Length;
        var needs64 = total - 8 > Max32 || this.dataSize > Max32 - 1;
        var container = forced ?? (needs64 ? WavContainer.Rf64 : WavContainer.Riff);
        if (container == WavContainer.Riff && needs64)
        {
            throw new InvalidOperationException($"a RIFF file cannot hold {total} bytes; use RF64 or BW64");
        }

        if (container != WavContainer.Riff && !this.reserveDs64)
        {
            throw new InvalidOperationException("RF64/BW64 output needs the ds64 reservation");
        }

        Span<byte> b4 = stackalloc byte[4];
        if (container == WavContainer.Riff)
        {
            this.file.Position = 4;
            BinaryPrimitives.WriteUInt32LittleEndian(b4, (uint)(total - 8));
            this.file.Write(b4);
            this.file.Position = this.dataHeaderOffset + 4;
            BinaryPrimitives.WriteUInt32LittleEndian(b4, (uint)this.dataSize);
            this.file.Write(b4);
        }
        else
        {
            this.file.Position = 0;
            (container == WavContainer.Bw64 ? WavConstants.Bw64 : WavConstants.Rf64).WriteTo(b4);
            this.file.Write(b4);
            BinaryPrimitives.WriteUInt32LittleEndian(b4, WavConstants.SizeInDs64);
            this.file.Write(b4);

            Span<byte> ds64 = stackalloc byte[8 + WavConstants.Ds64MinimumSize];
            ds64.Clear();
            WavConstants.Ds64.WriteTo(ds64);
            BinaryPrimitives.WriteUInt32LittleEndian(ds64[4..], WavConstants.Ds64MinimumSize);
            BinaryPrimitives.WriteUInt64LittleEndian(ds64[8..], (ulong)(total - 8));
            BinaryPrimitives.WriteUInt64LittleEndian(ds64[16..], (ulong)this.dataSize);
            BinaryPrimitives.WriteUInt64LittleEndian(ds64[24..], (ulong)frameCount);
            this.file.Position = 12;
            this.file.Write(ds64);

            this.file.Position = this.dataHeaderOffset + 4;
            BinaryPrimitives.WriteUInt32LittleEndian(b4, WavConstants.SizeInDs64);
            this.file.Write(b4);
        }

        this.file.Flush(flushToDisk: true);
        this.file.Dispose();
        File.Move(this.temporaryPath, this.destinationPath, overwrite: true);
        this.completed = true;
        return container;
    }

    public void Dispose()
    {
        if (this.completed)
        {
            return;
        }

        try
        {
            // Closing flushes the buffer, which fails again on a full disk: the data is being discarded anyway, and
            // the temporary file must still go (the handle is closed even when the flush throws).
            this.file.Dispose();
        }
        catch (IOException)
        {
        }

        try
        {
            File.Delete(this.temporaryPath);
        }
        catch (IOException)
        {
            // Best effort: the partial file has a hidden temporary name and never the final one.
        }
    }
}
