using Perche.Core.Audio;

namespace Perche.Delivery.Profiles;

/// <summary>
/// What a medium accepts: programme level and how it is measured, peak and range limits, layouts, sample rate,
/// bit depth, codecs, file naming, stems. Loaded from a JSON data file (<see cref="ProfileCatalog"/>); every field
/// carries its source. A field the sources do not give is null and is reported as "not specified".
/// </summary>
public sealed class DeliveryProfile
{
    /// <summary>Short identifier used on the command line (ebu-r128, netflix-nearfield...).</summary>
    public required string Id { get; init; }

    /// <summary>Display name.</summary>
    public required string Name { get; init; }

    /// <summary>broadcast, streaming, music, podcast, games, cinema, audiobook.</summary>
    public required string Medium { get; init; }

    /// <summary>One or two sentences on what the profile is for.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Where the file was loaded from (embedded resource name or path).</summary>
    public string Origin { get; init; } = string.Empty;

    /// <summary>How programme level is measured.</summary>
    public required ProfileField<MeasurementMethod> Method { get; init; }

    /// <summary>The BS.1770 revision the medium names (informative: -2 to -5 give the same gated value).</summary>
    public ProfileField<string>? Bs1770Revision { get; init; }

    /// <summary>Target programme level, in the method's unit (LUFS, dB Leq(M), dBFS RMS).</summary>
    public required ProfileField<double> TargetLevel { get; init; }

    /// <summary>Accepted deviation either side of the target (null when the target is a maximum only).</summary>
    public ProfileField<double>? Tolerance { get; init; }

    /// <summary>True when the target is an upper limit (cinema trailers and ads: at most Leq(m) 85/82).</summary>
    public ProfileField<bool>? TargetIsMaximum { get; init; }

    /// <summary>Dialogue-gated method: below this share of speech, measure the whole programme instead.</summary>
    public ProfileField<double>? SpeechThresholdPercent { get; init; }

    /// <summary>Dialogue-gated method: the full-programme target used below the speech threshold.</summary>
    public ProfileField<double>? FallbackTargetLevel { get; init; }

    /// <summary>Dialogue-gated method: tolerance of the fallback target.</summary>
    public ProfileField<double>? FallbackTolerance { get; init; }

    /// <summary>Maximum true peak (BS.1770 Annex 2).</summary>
    public ProfileField<double>? MaxTruePeakDbtp { get; init; }

    /// <summary>Maximum sample peak (ACX states peaks as sample values).</summary>
    public ProfileField<double>? MaxSamplePeakDbfs { get; init; }

    /// <summary>Lowest accepted loudness range (EBU Tech 3342).</summary>
    public ProfileField<double>? MinLoudnessRangeLu { get; init; }

    /// <summary>Highest accepted loudness range.</summary>
    public ProfileField<double>? MaxLoudnessRangeLu { get; init; }

    /// <summary>Highest short-term loudness (3 s).</summary>
    public ProfileField<double>? MaxShortTermLufs { get; init; }

    /// <summary>Highest momentary loudness (400 ms).</summary>
    public ProfileField<double>? MaxMomentaryLufs { get; init; }

    /// <summary>Accepted layouts: mono, stereo, 5.1, 7.1.</summary>
    public ProfileField<IReadOnlyList<string>>? Layouts { get; init; }

    /// <summary>Channel order, as the medium writes it.</summary>
    public ProfileField<string>? ChannelOrder { get; init; }

    /// <summary>Accepted sample rates.</summary>
    public ProfileField<IReadOnlyList<int>>? SampleRatesHz { get; init; }

    /// <summary>The rate `deliver` writes (null: keep the source rate when accepted, else the first accepted).</summary>
    public ProfileField<int>? DeliverSampleRateHz { get; init; }

    /// <summary>Accepted bit depths of the PCM master.</summary>
    public ProfileField<IReadOnlyList<int>>? BitDepths { get; init; }

    /// <summary>The bit depth `deliver` writes (null: 24).</summary>
    public ProfileField<int>? DeliverBitDepth { get; init; }

    /// <summary>Compressed files to make besides the PCM master.</summary>
    public ProfileField<IReadOnlyList<ProfileOutput>>? Outputs { get; init; }

    /// <summary>Whether the PCM master itself is a deliverable (false: only a working file for the encodes).</summary>
    public ProfileField<bool>? DeliverPcm { get; init; }

    /// <summary>File name pattern; tokens {title} {profile} {type} {layout} {channels} {rate} {bits}.</summary>
    public ProfileField<string>? Naming { get; init; }

    /// <summary>
    /// When set, every PCM file is also delivered as one mono BWF per channel, named by this pattern: {name} is the
    /// interleaved file's name (without extension), {channel} the channel's label (L R C LFE Ls Rs...).
    /// </summary>
    public ProfileField<string>? ChannelFiles { get; init; }

    /// <summary>Stems the medium requires besides the mix.</summary>
    public ProfileField<IReadOnlyList<string>>? Stems { get; init; }

    /// <summary>Stereo fold-downs to deliver from a multichannel master: loro, ltrt.</summary>
    public ProfileField<IReadOnlyList<string>>? Downmixes { get; init; }

    /// <summary>The unit of <see cref="TargetLevel"/>.</summary>
    public string LevelUnit => UnitOf(this.Method.Value);

    /// <summary>The unit of a method's level.</summary>
    public static string UnitOf(MeasurementMethod method) => method switch
    {
        MeasurementMethod.LeqM => "dB Leq(M)",
        MeasurementMethod.Rms => "dBFS RMS",
        _ => "LUFS",
    };

    /// <summary>True when <paramref name="layout"/> is one of the accepted layouts (or the profile names none).</summary>
    public bool AcceptsLayout(ChannelLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (this.Layouts is null)
        {
            return true;
        }

        foreach (var name in this.Layouts.Value)
        {
            if (LayoutNames.Matches(name, layout))
            {
                return true;
            }
        }

        return false;
    }
}
