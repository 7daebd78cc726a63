using System.Buffers;
using System.Threading.Channels;
using Perche.Core.Formats.Wav;

namespace Perche.Core.Dsp.Loudness;

/// <summary>
/// Measures a WAVE file with a <see cref="LoudnessMeter"/>: the file is decoded on one thread while the meter
/// runs on another (two cores: decode and filter overlap), with a few pooled blocks in flight, so memory stays
/// flat whatever the file length. The meter itself never touches files.
/// </summary>
public static class FileLoudness
{
    private const int BlockFrames = 1 << 15;
    private const int BlocksInFlight = 4;

    /// <summary>Measures one file; <paramref name="progress"/> receives frames measured so far.</summary>
    public static FileLoudnessResult Measure(string path, LoudnessModes modes, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        using var reader = WavReader.OpenSamples(path);
        var format = reader.Format;
        var meter = LoudnessMeter.Create(format.Layout, format.SampleRateHz, modes);
        var channels = format.ChannelCount;
        var blockSamples = BlockFrames * channels;

        var filled = Channel.CreateBounded<(float[] Buffer, int Frames)>(BlocksInFlight);
        var empty = Channel.CreateUnbounded<float[]>();
        for (var i = 0; i < BlocksInFlight + 1; i++)
        {
            empty.Writer.TryWrite(ArrayPool<float>.Shared.Rent(blockSamples));
        }

        var decode = Task.Run(
            async () =>
            {
                try
                {
                    while (true)
                    {
                        var buffer = await empty.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                        var frames = reader.ReadFrames(buffer.AsSpan(0, blockSamples));
                        if (frames == 0)
                        {
                            empty.Writer.TryWrite(buffer);
                            break;
                        }

                        await filled.Writer.WriteAsync((buffer, frames), cancellationToken).ConfigureAwait(false);
                    }

                    filled.Writer.TryComplete();
                }
                catch (Exception ex)
                {
                    // Hands the error (a damaged file, a cancellation) to the metering side.
                    filled.Writer.TryComplete(ex);
                }
            },
            CancellationToken.None);

        long done = 0;
        try
        {
            // ReadAllAsync rethrows the decoder's exception (a PercheFormatException for a damaged file).
            var blocks = filled.Reader.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (blocks.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                {
                    var (buffer, frames) = blocks.Current;
                    meter.AddInterleaved(buffer.AsSpan(0, frames * channels));
                    empty.Writer.TryWrite(buffer);
                    done += frames;
                    progress?.Report(done);
                }
            }
            finally
            {
                blocks.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        finally
        {
            filled.Writer.TryComplete();
            empty.Writer.TryComplete();

            // The decoder may be blocked writing a block: drain so it can finish, then return every buffer.
            while (!decode.IsCompleted)
            {
                while (filled.Reader.TryRead(out var pending))
                {
                    ArrayPool<float>.Shared.Return(pending.Buffer);
                }

                ((IAsyncResult)decode).AsyncWaitHandle.WaitOne(10);
            }

            while (empty.Reader.TryRead(out var b))
            {
                ArrayPool<float>.Shared.Return(b);
            }

            while (filled.Reader.TryRead(out var f))
            {
                ArrayPool<float>.Shared.Return(f.Buffer);
            }
        }

        return new FileLoudnessResult(path, reader.Info, meter);
    }
}
