using System.Buffers;
using System.IO.Compression;
using Perche.Core.Audio;

namespace Perche.Core.Formats.Wav;

/// <summary>
/// Streams the audio of a WAVE file as interleaved 32-bit float blocks. One pooled byte buffer is reused
/// for every call; nothing is allocated per block. Not thread-safe.
/// </summary>
public sealed class WavSampleReader : IDisposable
{
    private const int TargetBufferBytes = 1 << 20;

    private readonly Stream stream;
    private readonly bool ownsStream;
    private readonly byte[] buffer;
    private readonly int blockAlign;
    private long framesRemaining;
    private bool disposed;

    internal WavSampleReader(WavInfo headerInfo, Stream stream, bool ownsStream)
    {
        this.Info = headerInfo;
        this.stream = stream;
        this.ownsStream = ownsStream;
        this.blockAlign = headerInfo.Format.BlockAlign;
        this.framesRemaining = headerInfo.FrameCount;
        var frames = Math.Max(1, TargetBufferBytes / this.blockAlign);
        this.buffer = ArrayPool<byte>.Shared.Rent(frames * this.blockAlign);
    }

    /// <summary>What the headers before the audio say (chunks after data are not included).</summary>
    public WavInfo Info { get; }

    /// <summary>The format of the samples.</summary>
    public WavFormat Format => this.Info.Format;

    /// <summary>Frames in the file.</summary>
    public long FrameCount => this.Info.FrameCount;

    /// <summary>Frames not read yet.</summary>
    public long FramesRemaining => this.framesRemaining;

    /// <summary>
    /// Reads up to <c>destination.Length / channels</c> frames as interleaved floats; returns frames read,
    /// 0 at the end. A file shorter than its header says ends in a <see cref="PercheFormatException"/>.
    /// </summary>
    public int ReadFrames(Span<float> destination)
    {
        ObjectDisposedException.ThrowIf(this.disposed, this);
        var channels = this.Format.ChannelCount;
        var wanted = (int)Math.Min(destination.Length / channels, this.framesRemaining);
        var done = 0;
        while (done < wanted)
        {
            var frames = Math.Min(wanted - done, this.buffer.Length / this.blockAlign);
            var bytes = frames * this.blockAlign;
            this.Fill(bytes);
            SampleConversion.ToFloat(this.buffer.AsSpan(0, bytes), this.Format.Encoding, destination[(done * channels)..]);
            done += frames;
            this.framesRemaining -= frames;
        }

        return done;
    }

    /// <summary>Reads up to <c>destination.Length / blockAlign</c> frames of raw stored bytes; returns frames read.</summary>
    public int ReadRawFrames(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(this.disposed, this);
        var wanted = (int)Math.Min(destination.Length / this.blockAlign, this.framesRemaining);
        var bytes = wanted * this.blockAlign;
        var got = 0;
        while (got < bytes)
        {
            var n = this.ReadStream(destination[got..bytes]);
            if (n == 0)
            {
                throw this.Truncated(got);
            }

            got += n;
        }

        this.framesRemaining -= wanted;
        return wanted;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (this.disposed)
        {
            return;
        }

        this.disposed = true;
        ArrayPool<byte>.Shared.Return(this.buffer);
        if (this.ownsStream)
        {
            this.stream.Dispose();
        }
    }

    private void Fill(int bytes)
    {
        var got = 0;
        while (got < bytes)
        {
            var n = this.ReadStream(this.buffer.AsSpan(got, bytes - got));
            if (n == 0)
            {
                throw this.Truncated(got);
            }

            got += n;
        }
    }

    private int ReadStream(Span<byte> span)
    {
        try
        {
            return this.stream.Read(span);
        }
        catch (InvalidDataException ex)
        {
            throw PercheFormatException.ForInput(this.Info.InputName, $"compressed stream is damaged: {ex.Message}", ex);
        }
    }

    private PercheFormatException Truncated(int partialBytes)
    {
        var frameIndex = this.FrameCount - this.framesRemaining;
        var offset = this.Info.DataChunk.PayloadOffset + (frameIndex * this.blockAlign) + partialBytes;
        return PercheFormatException.AtByte(this.Info.InputName, offset, $"audio ends early: the data chunk declares {this.Info.DataChunk.Size} bytes ({this.FrameCount} frames) but the stream ends at frame {frameIndex}{(this.stream is GZipStream ? " (compressed input)" : string.Empty)}");
    }
}
