using Perche.Core.Audio;

namespace Perche.Core.Dsp.Loudness;

/// <summary>
/// The loudness weight G of each channel (ITU-R BS.1770-5 Annex 1 Table 3 and Annex 3): a channel counts with
/// 1.41 (about +1.5 dB) when its loudspeaker sits in the horizontal plane between 60 and 120 degrees off axis,
/// 0 for LFE, and 1.0 everywhere else.
/// </summary>
public static class ChannelWeights
{
    /// <summary>Weight of side and surround loudspeakers at 60 to 120 degrees azimuth (BS.1770-5).</summary>
    public const double Surround = 1.41;

    /// <summary>Weight of front, rear, overhead and unpositioned channels.</summary>
    public const double Front = 1.0;

    /// <summary>The weight of every channel of <paramref name="layout"/>, in channel order.</summary>
    public static double[] For(ChannelLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);

        // WAV's "back" bits mean the 5.1 surrounds (+-110 degrees) unless side bits exist too, in which case they
        // are the 7.1 rear pair at +-135 degrees, outside the 60-120 degree band.
        var backIsRear = layout.Contains(Speaker.SideLeft) || layout.Contains(Speaker.SideRight);
        var weights = new double[layout.ChannelCount];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = For(layout.Speakers[i], backIsRear);
        }

        return weights;
    }

    /// <summary>
    /// The weight of one <paramref name="speaker"/>; <paramref name="backIsRear"/> says whether the back pair is the
    /// rear pair of a 7.1 (+-135 degrees, weight 1.0) rather than the surrounds of a 5.1 (+-110 degrees, 1.41).
    /// </summary>
    public static double For(Speaker speaker, bool backIsRear) => speaker switch
    {
        Speaker.LowFrequency => 0.0,
        Speaker.SideLeft or Speaker.SideRight => Surround,
        Speaker.BackLeft or Speaker.BackRight => backIsRear ? Front : Surround,
        _ => Front,
    };
}
