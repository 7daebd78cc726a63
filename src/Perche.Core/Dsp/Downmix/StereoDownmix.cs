using Perche.Core.Audio;

namespace Perche.Core.Dsp.Downmix;

/// <summary>The two-channel fold-downs of a multichannel programme.</summary>
public enum DownmixKind
{
    /// <summary>ITU-R BS.775 Lo/Ro: Lo = L + 0.7071 C + 0.7071 Ls, Ro = R + 0.7071 C + 0.7071 Rs; LFE discarded.</summary>
    LoRo,

    /// <summary>
    /// Matrix-surround Lt/Rt as a Dolby Surround / Pro Logic encoder makes it: S = Ls + Rs, shifted 90 degrees
    /// against the fronts; Lt = L + 0.7071 C + j 0.7071 S, Rt = R + 0.7071 C - j 0.7071 S (j: +90 degrees);
    /// LFE discarded. S is in opposite phase in Lt and Rt, so it cancels in mono (Lt + Rt).
    /// </summary>
    LtRt,
}

/// <summary>
/// Folds a 5.1/5.0/7.1 programme (any channel order, found by speaker) to stereo. Coefficients: ITU-R BS.775 as
/// summarised in TV Technology "What is downmixing, part 1" and Studio Technologies 780 appendix C; Lt/Rt from
/// "part 2" and the Dolby Surround (SVA / MP) 4:2:4 encode matrix: Lt = (1, 0, 0.707, +j 0.707), Rt = (0, 1,
/// 0.707, -j 0.707) for (L, R, C, S), j a 90-degree phase shift (Wikipedia "Dolby Surround" and "Matrix decoder",
/// see shared research delivery-specs section 4). 7.1 side and rear pairs both feed the surround terms. No
/// normalisation: the result can exceed full scale, so it is kept in float and re-normalised and limited like any
/// programme.
/// Lt/Rt: the relative 90 degrees comes from a linear-phase FIR Hilbert transformer on S (exactly 90 degrees at
/// every frequency, <see cref="HilbertTransformer"/>) with the fronts delayed to match; the delay is taken out,
/// so the fold-down lines up with the master frame for frame. The classic encoder's 100 Hz-7 kHz band limit and
/// noise reduction of S (for optical film) are not applied: like the Lt/Rt downmix of a Dolby Digital encoder,
/// the full-band surrounds are kept.
/// </summary>
public sealed class StereoDownmix
{
    /// <summary>-3 dB as a gain (1/sqrt 2), the BS.775 centre and surround coefficient.</summary>
    public const double MinusThreeDb = 0.70710678118654752;

    private const int Chunk = 4096;

    private readonly int channels;
    private readonly int left;
    private readonly int right;
    private readonly int centre;
    private readonly int[] surroundLeft;
    private readonly int[] surroundRight;
    private readonly HilbertTransformer? hilbert;
    private readonly float[] frontDelay = [];
    private readonly float[] frontScratch = new float[Chunk * 2];
    private readonly float[] surroundScratch = new float[Chunk];
    private int delayPosition;
    private int toSkip;

    /// <summary>Prepares the fold-down of <paramref name="layout"/> at 48 kHz; it needs at least L and R.</summary>
    public StereoDownmix(ChannelLayout layout, DownmixKind kind)
        : this(layout, kind, 48000)
    {
    }

    /// <summary>Prepares the fold-down of <paramref name="layout"/> at <paramref name="sampleRateHz"/> (Lt/Rt's phase shifter needs the rate).</summary>
    public StereoDownmix(ChannelLayout layout, DownmixKind kind, int sampleRateHz)
    {
        ArgumentNullException.ThrowIfNull(layout);
        this.Kind = kind;
        this.channels = layout.ChannelCount;
        var speakers = layout.Speakers;
        int Find(Speaker s)
        {
            for (var i = 0; i < speakers.Count; i++)
            {
                if (speakers[i] == s)
                {
                    return i;
                }
            }

            return -1;
        }

        this.left = Find(Speaker.FrontLeft);
        this.right = Find(Speaker.FrontRight);
        if (this.left < 0 || this.right < 0)
        {
            throw new ArgumentException($"a {layout.Name} layout has no front left/right pair to fold down to", nameof(layout));
        }

        this.centre = Find(Speaker.FrontCenter);
        this.surroundLeft = [.. new[] { Find(Speaker.BackLeft), Find(Speaker.SideLeft) }.Where(i => i >= 0)];
        this.surroundRight = [.. new[] { Find(Speaker.BackRight), Find(Speaker.SideRight) }.Where(i => i >= 0)];
        if (kind == DownmixKind.LtRt)
        {
            this.hilbert = new HilbertTransformer(sampleRateHz);
            this.LatencyFrames = this.hilbert.LatencyFrames;
            this.frontDelay = new float[this.LatencyFrames * 2];
            this.toSkip = this.LatencyFrames;
        }
    }

    /// <summary>The matrix applied.</summary>
    public DownmixKind Kind { get; }

    /// <summary>Frames held back inside (Lt/Rt's phase shifter); <see cref="Flush"/> returns them at the end.</summary>
    public int LatencyFrames { get; }

    /// <summary>
    /// Folds interleaved frames into interleaved stereo; returns frames written: as many as read for Lo/Ro; for
    /// Lt/Rt fewer at the start (the shifter's delay is taken out), the rest coming from <see cref="Flush"/>.
    /// </summary>
    public int Process(ReadOnlySpan<float> input, Span<float> stereo)
    {
        var frames = input.Length / this.channels;
        if (stereo.Length < frames * 2)
        {
            throw new ArgumentException("the stereo buffer is too small", nameof(stereo));
        }

        const float g = (float)MinusThreeDb;
        if (this.hilbert is null)
        {
            for (var f = 0; f < frames; f++)
            {
                var frame = input.Slice(f * this.channels, this.channels);
                var c = this.centre >= 0 ? frame[this.centre] * g : 0f;
                stereo[2 * f] = frame[this.left] + c + (g * Sum(frame, this.surroundLeft));
                stereo[(2 * f) + 1] = frame[this.right] + c + (g * Sum(frame, this.surroundRight));
            }

            return frames;
        }

        var written = 0;
        for (var start = 0; start < frames; start += Chunk)
        {
            var n = Math.Min(Chunk, frames - start);
            var fronts = this.frontScratch.AsSpan(0, n * 2);
            var surround = this.surroundScratch.AsSpan(0, n);
            for (var f = 0; f < n; f++)
            {
                var frame = input.Slice((start + f) * this.channels, this.channels);
                var c = this.centre >= 0 ? frame[this.centre] * g : 0f;
                fronts[2 * f] = frame[this.left] + c;
                fronts[(2 * f) + 1] = frame[this.right] + c;
                surround[f] = g * (Sum(frame, this.surroundLeft) + Sum(frame, this.surroundRight));
            }

            written += this.MixShifted(fronts, surround, stereo[(written * 2)..]);
        }

        return written;
    }

    /// <summary>Writes the frames still held back (Lt/Rt) at the end of the programme; returns how many.</summary>
    public int Flush(Span<float> stereo)
    {
        if (this.hilbert is null)
        {
            return 0;
        }

        if (stereo.Length < this.LatencyFrames * 2)
        {
            throw new ArgumentException("the stereo buffer is too small", nameof(stereo));
        }

        var written = 0;
        var remaining = this.LatencyFrames;
        while (remaining > 0)
        {
            var n = Math.Min(Chunk, remaining);
            this.frontScratch.AsSpan(0, n * 2).Clear();
            this.surroundScratch.AsSpan(0, n).Clear();
            written += this.MixShifted(this.frontScratch.AsSpan(0, n * 2), this.surroundScratch.AsSpan(0, n), stereo[(written * 2)..]);
            remaining -= n;
        }

        return written;
    }

    private static float Sum(ReadOnlySpan<float> frame, int[] indices)
    {
        var sum = 0f;
        foreach (var i in indices)
        {
            sum += frame[i];
        }

        return sum;
    }

    // Lt = L' + C' + j S, Rt = R' + C' - j S, where ' is the shifter's delay and j S = -H[S] (H lags by 90 degrees,
    // so its negation leads by 90); the first LatencyFrames outputs (the filters filling) are dropped.
    private int MixShifted(ReadOnlySpan<float> fronts, Span<float> surround, Span<float> stereo)
    {
        this.hilbert!.Process(surround, surround);
        var written = 0;
        for (var f = 0; f < surround.Length; f++)
        {
            var p = this.delayPosition * 2;
            var l = this.frontDelay[p];
            var r = this.frontDelay[p + 1];
            this.frontDelay[p] = fronts[2 * f];
            this.frontDelay[p + 1] = fronts[(2 * f) + 1];
            if (++this.delayPosition == this.LatencyFrames)
            {
                this.delayPosition = 0;
            }

            if (this.toSkip > 0)
            {
                this.toSkip--;
                continue;
            }

            var js = -surround[f];
            stereo[2 * written] = l + js;
            stereo[(2 * written) + 1] = r - js;
            written++;
        }

        return written;
    }
}
