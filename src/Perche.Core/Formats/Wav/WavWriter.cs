using System.Buffers;
using Perche.Core.Audio;

namespace Perche.Core.Formats.Wav;

/// <summary>
/// Writes a new WAVE file: metadata chunks, fmt, the audio streamed in blocks, then cues; the file appears
/// under its name only after <see cref="Complete"/> (temporary file, flush, rename). Disposing without
/// completing deletes the temporary file.
/// </summary>
public sealed class WavWriter : IDisposable
{
    private readonly RiffOutput output;
    private readonly WavWriterOptions options;
    private byte[] scratch = [];
    private long framesWritten;
    private bool completed;

    private WavWriter(string path, WavFormat format, WavWriterOptions options)
    {
        this.Path = path;
        this.Format = format;
        this.options = options;
        this.output = new RiffOutput(path, reserveDs64: true);
        try
        {
            if (options.Bext is not null)
            {
                this.output.WriteChunk(WavConstants.Bext, options.Bext.ToBytes());
            }

            if (options.Ixml is not null)
            {
                this.output.WriteChunk(WavConstants.Ixml, options.Ixml.ToBytes());
            }

            foreach (var c in options.ExtraChunks ?? [])
            {
                this.output.WriteChunk(c.Id, c.Payload);
            }

            Span<byte> fmt = stackalloc byte[40];
            format.WriteTo(fmt);
            this.output.WriteChunk(WavConstants.Fmt, fmt[..format.PayloadSize]);
            this.output.BeginData();
        }
        catch
        {
            this.output.Dispose();
            throw;
        }
    }

    /// <summary>The destination path.</summary>
    public string Path { get; }

    /// <summary>The format being written.</summary>
    public WavFormat Format { get; }

    /// <summary>Frames written so far.</summary>
    public long FramesWritten => this.framesWritten;

    /// <summary>Starts a new file at <paramref name="path"/> (nothing appears there until <see cref="Complete"/>).</summary>
    public static WavWriter Create(string path, WavFormat format, WavWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(format);
        return new WavWriter(path, format, options ?? new WavWriterOptions());
    }

    /// <summary>Appends interleaved float frames, converted to the file's encoding (clipped, not dithered).</summary>
    public void WriteFrames(ReadOnlySpan<float> interleaved)
    {
        this.ThrowIfDone();
        var channels = this.Format.ChannelCount;
        if (interleaved.Length % channels != 0)
        {
            throw new ArgumentException($"{interleaved.Length} samples is not a whole number of {channels}-channel frames", nameof(interleaved));
        }

        const int chunkSamples = 1 << 16;
        for (var i = 0; i < interleaved.Length; i += chunkSamples)
        {
            var part = interleaved.Slice(i, Math.Min(chunkSamples, interleaved.Length - i));
            var bytes = part.Length * this.Format.BytesPerSample;
            if (this.scratch.Length < bytes)
            {
                if (this.scratch.Length > 0)
                {
                    ArrayPool<byte>.Shared.Return(this.scratch);
                }

                this.scratch = ArrayPool<byte>.Shared.Rent(chunkSamples * this.Format.BytesPerSample);
            }

            SampleConversion.FromFloat(part, this.Format.Encoding, this.scratch);
            this.output.WriteData(this.scratch.AsSpan(0, bytes));
        }

        this.framesWritten += interleaved.Length / channels;
    }

    /// <summary>Appends frames already in the file's stored form.</summary>
    public void WriteRawFrames(ReadOnlySpan<byte> frames)
    {
        this.ThrowIfDone();
        if (frames.Length % this.Format.BlockAlign != 0)
        {
            throw new ArgumentException($"{frames.Length} bytes is not a whole number of {this.Format.BlockAlign}-byte frames", nameof(frames));
        }

        this.output.WriteData(frames);
        this.framesWritten += frames.Length / this.Format.BlockAlign;
    }

    /// <summary>Writes the trailing chunks, patches sizes, flushes and renames; returns the container written.</summary>
    public WavContainer Complete()
    {
        this.ThrowIfDone();
        this.output.EndData();
        if (this.options.Cues is { Count: > 0 } cues)
        {
            this.output.WriteChunk(WavConstants.Cue, CueChunks.CueToBytes(cues));
            if (CueChunks.AdtlToBytes(cues) is { } adtl)
            {
                this.output.WriteChunk(WavConstants.List, adtl);
            }
        }

        var container = this.output.Complete(this.options.Container, this.framesWritten);
        this.completed = true;
        return container;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        this.output.Dispose();
        if (this.scratch.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(this.scratch);
            this.scratch = [];
        }
    }

    private void ThrowIfDone()
    {
        if (this.completed)
        {
            throw new InvalidOperationException("the file is already complete");
        }
    }
}
