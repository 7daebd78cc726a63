using System.Buffers;
using System.Threading.Channels;
using Perche.Core.Formats.Wav;

namespace Perche.Delivery.Processing;

/// <summary>
/// Reads a WAVE file on a pool thread while the caller processes the previous block (decode and DSP overlap on
/// the two cores), with a few pooled blocks in flight: memory stays flat whatever the length.
/// </summary>
internal static class AudioPump
{
    public const int BlockFrames = 1 << 15;
    private const int BlocksInFlight = 3;

    /// <summary>Calls <paramref name="onBlock"/> with each block of interleaved frames, in order.</summary>
    public static void Run(WavSampleReader reader, Action<ReadOnlySpan<float>> onBlock, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var channels = reader.Format.ChannelCount;
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
                    filled.Writer.TryComplete(ex);
                }
            },
            CancellationToken.None);

        long done = 0;
        try
        {
            while (true)
            {
                if (!filled.Reader.WaitToReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
                {
                    // Completed: rethrows the decoder's error (a damaged file) if there was one.
                    filled.Reader.Completion.GetAwaiter().GetResult();
                    break;
                }

                while (filled.Reader.TryRead(out var item))
                {
                    onBlock(item.Buffer.AsSpan(0, item.Frames * channels));
                    empty.Writer.TryWrite(item.Buffer);
                    done += item.Frames;
                    progress?.Report(done);
                }
            }
        }
        finally
        {
            filled.Writer.TryComplete();
            empty.Writer.TryComplete();
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
    }
}
