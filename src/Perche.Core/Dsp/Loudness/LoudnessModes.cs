namespace Perche.Core.Dsp.Loudness;

/// <summary>
/// What a <see cref="LoudnessMeter"/> measures. Each mode includes the modes it needs (as in libebur128), so
/// <see cref="Range"/> also enables <see cref="ShortTerm"/> and <see cref="Momentary"/>.
/// </summary>
[Flags]
public enum LoudnessModes
{
    /// <summary>Nothing; a meter needs at least one mode.</summary>
    None = 0,

    /// <summary>Momentary loudness (400 ms window) and its maximum.</summary>
    Momentary = 1,

    /// <summary>Short-term loudness (3 s window) and its maximum; includes <see cref="Momentary"/>.</summary>
    ShortTerm = (1 << 1) | Momentary,

    /// <summary>Gated integrated loudness (BS.1770-5); includes <see cref="Momentary"/>.</summary>
    Integrated = (1 << 2) | Momentary,

    /// <summary>Loudness range (EBU Tech 3342); includes <see cref="ShortTerm"/>.</summary>
    Range = (1 << 3) | ShortTerm,

    /// <summary>Per-channel sample peak.</summary>
    SamplePeak = 1 << 4,

    /// <summary>Per-channel true peak (BS.1770-5 Annex 2); includes <see cref="SamplePeak"/>.</summary>
    TruePeak = (1 << 5) | SamplePeak,

    /// <summary>Momentary and short-term loudness every 100 ms, kept for plots; includes <see cref="ShortTerm"/>.</summary>
    Series = (1 << 6) | ShortTerm,

    /// <summary>Every mode.</summary>
    All = Momentary | ShortTerm | Integrated | Range | SamplePeak | TruePeak | Series,
}
