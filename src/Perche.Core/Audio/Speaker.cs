namespace Perche.Core.Audio;

/// <summary>
/// A loudspeaker position. The first eighteen values follow the bit order of the WAVE_FORMAT_EXTENSIBLE
/// <c>dwChannelMask</c> (bit n = value n + 1), so a mask maps to speakers in file channel order.
/// </summary>
public enum Speaker
{
    /// <summary>A channel with no declared position (discrete channel, ambisonic component...).</summary>
    Unknown = 0,

    /// <summary>Front left, L (mask 0x1, BS.2051 M+030).</summary>
    FrontLeft,

    /// <summary>Front right, R (mask 0x2, M-030).</summary>
    FrontRight,

    /// <summary>Front centre, C (mask 0x4, M+000).</summary>
    FrontCenter,

    /// <summary>Low-frequency effects, LFE (mask 0x8).</summary>
    LowFrequency,

    /// <summary>Back left (mask 0x10): Ls of 5.1 (M+110), Lrs of 7.1 (M+135).</summary>
    BackLeft,

    /// <summary>Back right (mask 0x20): Rs of 5.1 (M-110), Rrs of 7.1 (M-135).</summary>
    BackRight,

    /// <summary>Front left of centre, Lc (mask 0x40).</summary>
    FrontLeftOfCenter,

    /// <summary>Front right of centre, Rc (mask 0x80).</summary>
    FrontRightOfCenter,

    /// <summary>Back centre, Cs (mask 0x100, M+180).</summary>
    BackCenter,

    /// <summary>Side left, Lss of 7.1 (mask 0x200, M+090).</summary>
    SideLeft,

    /// <summary>Side right, Rss of 7.1 (mask 0x400, M-090).</summary>
    SideRight,

    /// <summary>Top centre (mask 0x800).</summary>
    TopCenter,

    /// <summary>Top front left, Ltf (mask 0x1000, U+030/U+045).</summary>
    TopFrontLeft,

    /// <summary>Top front centre (mask 0x2000).</summary>
    TopFrontCenter,

    /// <summary>Top front right, Rtf (mask 0x4000).</summary>
    TopFrontRight,

    /// <summary>Top back left, Ltr (mask 0x8000).</summary>
    TopBackLeft,

    /// <summary>Top back centre (mask 0x10000).</summary>
    TopBackCenter,

    /// <summary>Top back right, Rtr (mask 0x20000).</summary>
    TopBackRight,
}
