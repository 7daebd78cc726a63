using System.Buffers;

namespace Perche.Core.Formats.Wav;

/// <summary>
/// A forward reader over a stream that tracks its own position, so that chunk parsing works the same on files
/// (seekable: skips seek) and on decompressed or piped streams (skips read and discard).
/// </summary>
internal sealed class ByteSource
{
    private readonly Stream stream;
    private readonly long startPosition;

    public ByteSource(Stream stream)
    {
        this.stream = stream;
        this.startPosition = stream.CanSeek ? stream.Position : 0;
        this.Length = stream.CanSeek ? stream.Length - this.startPosition : null;
    }

    /// <summary>Bytes consumed since the start.</summary>
    public long Position { get; private set; }

    /// <summary>Total length when the stream can tell it.</summary>
    public long? Length { get; }

    public bool CanSeek => this.stream.CanSeek;

    public Stream Stream => this.stream;

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes, or returns the count read before the end.</summary>
    public int ReadAtMost(Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = this.stream.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        this.Position += total;
        return total;
    }

    /// <summary>Skips bytes; returns how many could be skipped before the end.</summary>
    public long Skip(long count)
    {
        if (count <= 0)
        {
            return 0;
        }

        if (this.stream.CanSeek)
        {
            var available = Math.Max(0, this.Length!.Value - this.Position);
            var step = Math.Min(count, available);
            this.stream.Seek(step, SeekOrigin.Current);
            this.Position += step;
            return step;
        }

        var scratch = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            long skipped = 0;
            while (skipped < count)
            {
                var want = (int)Math.Min(scratch.Length, count - skipped);
                var n = this.stream.Read(scratch, 0, want);
                if (n == 0)
                {
                    break;
                }

                skipped += n;
            }

            this.Position += skipped;
            return skipped;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>Reads bytes at an absolute position without moving (seekable streams only).</summary>
    public int PeekAt(long position, Span<byte> buffer)
    {
        var saved = this.stream.Position;
        try
        {
            this.stream.Position = this.startPosition + position;
            var total = 0;
            while (total < buffer.Length)
            {
                var n = this.stream.Read(buffer[total..]);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }

            return total;
        }
        finally
        {
            this.stream.Position = saved;
        }
    }
}
