using System.Buffers;
using System.Threading.Channels;

namespace Perche.Core.Formats.Wav;

/// <summary>
/// The two-thread decode pipeline every whole-file pass uses (loudness metering, delivery analysis and rendering):
/// the file is decoded on a pool thread while the caller processes the previous block, so decode and DSP overlap on
/// two cores, with a few pooled blocks in flight: memory stays flat whatever the file length, and nothing is
/// allocated per block.
/// </summary>
public static class WavDecodePipeline
{
    /// <summary>Frames per block handed to the caller (at most).</summary>
    public const int BlockFrames = 1 << 15;

    private const int BlocksInFlight = 4;

    /// <summary>
    /// Calls <paramref name="onBlock"/> on the calling thread with each block of interleaved frames, in order;
    /// <paramref name="progress"/> receives the frames done so far. A decoding error (a damaged file) or a
    /// cancellation is rethrown here; every pooled buffer is returned either way.
    /// </summary>
    public static void Run(WavSampleReader reader, Action<ReadOnlySpan<float>> onBlock, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(onBlock);
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
                    // Hands the error (a damaged file, a cancellation) to the consuming side.
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
    }
}
