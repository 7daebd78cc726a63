namespace Perche.Core.Dsp.Loudness;

/// <summary>Which filter pair stands for the K-weighting.</summary>
public enum KWeightingDesign
{
    /// <summary>
    /// BS.1770-5: the analogue prototype carried to the sample rate with a pre-warped bilinear transform; at
    /// 48 kHz it is the normative table, at other rates the same response. The default, and what libebur128 does.
    /// </summary>
    Bs1770,

    /// <summary>
    /// The audio-EQ-cookbook approximation some tools use (pyloudnorm): a +4 dB high shelf at 1500 Hz with
    /// Q 1/√2 and a 38 Hz high-pass with Q 0.5. Its response differs from BS.1770's by a few hundredths of a dB;
    /// offered only to reproduce and explain such tools' readings.
    /// </summary>
    RbjCookbook,
}
