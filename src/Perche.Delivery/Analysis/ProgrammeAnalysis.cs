using Perche.Core.Audio;
using Perche.Core.Dsp.Loudness;

namespace Perche.Delivery.Analysis;

/// <summary>Everything measured on one programme in one pass.</summary>
public sealed class ProgrammeAnalysis
{
    /// <summary>The measured file (or stream name).</summary>
    public required string Path { get; init; }

    /// <summary>Channel layout.</summary>
    public required ChannelLayout Layout { get; init; }

    /// <summary>Sample rate.</summary>
    public required int SampleRateHz { get; init; }

    /// <summary>Bits per sample of the stored audio (null for a decoded compressed stream).</summary>
    public int? BitDepth { get; init; }

    /// <summary>Description of the encoding (PCM 24-bit, aac...).</summary>
    public required string Encoding { get; init; }

    /// <summary>Frames measured.</summary>
    public required long Frames { get; init; }

    /// <summary>Duration.</summary>
    public double DurationSeconds => (double)this.Frames / this.SampleRateHz;

    /// <summary>The BS.1770 meter after the whole programme (integrated, LRA, maxima, true peak, series).</summary>
    public required LoudnessMeter Meter { get; init; }

    /// <summary>ISO 21727 Leq(M) in dB, when measured.</summary>
    public double? LeqMDb { get; init; }

    /// <summary>Unweighted RMS of all channels together: 20 log10(RMS), a full-scale square wave reads 0 dBFS and a full-scale sine -3.01 (as the ACX checks read it).</summary>
    public required double RmsDbfs { get; init; }

    /// <summary>Dialogue gating, when measured.</summary>
    public DialogueLoudness? Dialogue { get; init; }

    /// <summary>Per-channel statistics.</summary>
    public required IReadOnlyList<ChannelStatistics> Channels { get; init; }

    /// <summary>Energy of the LFE channel above 120 Hz relative to all its energy, dB (null without LFE or when silent).</summary>
    public double? LfeAbove120HzDb { get; init; }

    /// <summary>Pearson correlation of L and R over the programme (null without a pair).</summary>
    public double? StereoCorrelation { get; init; }

    /// <summary>Level change of the mono fold-down (L+R)/2 relative to the stereo pair, dB (0 for mono content, -3 uncorrelated).</summary>
    public double? MonoFoldDownDb { get; init; }

    /// <summary>Seconds before the first sample above -60 dBFS on any channel.</summary>
    public required double LeadingSilenceSeconds { get; init; }

    /// <summary>Seconds after the last sample above -60 dBFS on any channel.</summary>
    public required double TrailingSilenceSeconds { get; init; }
}

/// <summary>Statistics of one channel.</summary>
public sealed record ChannelStatistics(string Name, double TruePeakDbtp, double SamplePeakDbfs, double RmsDbfs, double DcOffsetDbfs, long ClippedSamples, bool Silent);

/// <summary>Dialogue-gated loudness (open approximation of dialogue intelligence).</summary>
public sealed record DialogueLoudness(double SpeechPercent, double SpeechGatedLufs, bool[] SpeechBlocks);
