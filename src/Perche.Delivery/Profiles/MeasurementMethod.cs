namespace Perche.Delivery.Profiles;

/// <summary>How a profile measures programme level.</summary>
public enum MeasurementMethod
{
    /// <summary>ITU-R BS.1770-2 to -5 gated integrated loudness (absolute -70 LUFS, relative -10 LU), in LUFS.</summary>
    Bs1770,

    /// <summary>
    /// Dialogue-gated: BS.1770-1 (ungated) over the blocks a speech detector marks as speech, falling back to
    /// gated BS.1770 over the whole programme when speech is below the profile's threshold. An open
    /// approximation of proprietary dialogue gating (Dolby Dialogue Intelligence).
    /// </summary>
    DialogueGated,

    /// <summary>ISO 21727 Leq(M), in dB SPL at RP 200 calibration (cinema trailers and ads).</summary>
    LeqM,

    /// <summary>Unweighted RMS over the whole file, in dBFS (ACX audiobooks).</summary>
    Rms,
}
