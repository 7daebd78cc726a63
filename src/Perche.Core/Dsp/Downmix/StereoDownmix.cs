using Perche.Core.Audio;

namespace Perche.Core.Dsp.Downmix;

/// <summary>The two-channel fold-downs of a multichannel programme.</summary>
public enum DownmixKind
{
    /// <summary>ITU-R BS.775 Lo/Ro: Lo = L + 0.7071 C + 0.7071 Ls, Ro = R + 0.7071 C + 0.7071 Rs; LFE discarded.</summary>
    LoRo,

    /// <summary>
    /// Matrix-surround Lt/Rt: S = Ls + Rs; Lt = L + 0.7071 C - 0.7071 S, Rt = R + 0.7071 C + 0.7071 S; LFE discarded.
    /// Without the encoder's 90-degree phase shift of S (a passive matrix): S still cancels in mono (Lt + Rt).
    /// </summary>
    LtRt,
}

/// <summary>
/// Folds a 5.1/5.0/7.1 programme (any channel order, found by speaker) to stereo. Coefficients: ITU-R BS.775 as
/// summarised in TV Technology "What is downmixing, part 1" and Studio Technologies 780 appendix C; Lt/Rt from
/// "part 2" (see shared research, delivery-specs section 4). 7.1 side and rear pairs both feed the surround
/// terms. No normalisation: the result can exceed full scale, so it is kept in float and re-normalised and
/// limited like any programme.
/// </summary>
public sealed class StereoDownmix
{
    /// <summary>-3 dB as a gain (1/sqrt 2), the BS.775 centre and surround coefficient.</summary>
    public const double MinusThreeDb = 0.70710678118654752;

    private readonly int channels;
    private readonly int left;
    private readonly int right;
    private readonly int centre;
    private readonly int[] surroundLeft;
    private readonly int[] surroundRight;

    /// <summary>Prepares the fold-down of <paramref name="layout"/>; it needs at least L and R.</summary>
    public StereoDownmix(ChannelLayout layout, DownmixKind kind)
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
    }

    /// <summary>The matrix applied.</summary>
    public DownmixKind Kind { get; }

    /// <summary>Folds interleaved frames into interleaved stereo; returns frames written.</summary>
    public int Process(ReadOnlySpan<float> input, Span<float> stereo)
    {
        var frames = input.Length / this.channels;
        if (stereo.Length < frames * 2)
        {
            throw new ArgumentException("the stereo buffer is too small", nameof(stereo));
        }

        const float g = (float)MinusThreeDb;
        for (var f = 0; f < frames; f++)
        {
            var frame = input.Slice(f * this.channels, this.channels);
            var c = this.centre >= 0 ? frame[this.centre] * g : 0f;
            var ls = 0f;
            foreach (var i in this.surroundLeft)
            {
                ls += frame[i];
            }

            var rs = 0f;
            foreach (var i in this.surroundRight)
            {
                rs += frame[i];
            }

            if (this.Kind == DownmixKind.LoRo)
            {
                stereo[2 * f] = frame[this.left] + c + (g * ls);
                stereo[(2 * f) + 1] = frame[this.right] + c + (g * rs);
            }
            else
            {
                var s = g * (ls + rs);
                stereo[2 * f] = frame[this.left] + c - s;
                stereo[(2 * f) + 1] = frame[this.right] + c + s;
            }
        }

        return frames;
    }
}
