using Perche.Core.Time;

namespace Perche.Production.Report;

/// <summary>What the files cannot say: crew names, tone, and the production's workflow settings for QC.</summary>
public sealed class ReportOptions
{
    /// <summary>Production name (overrides the files' PROJECT).</summary>
    public string? Production { get; init; }

    /// <summary>Production sound mixer.</summary>
    public string? SoundMixer { get; init; }

    /// <summary>Boom operator.</summary>
    public string? BoomOperator { get; init; }

    /// <summary>Tone / reference level.</summary>
    public string? ToneReference { get; init; }

    /// <summary>The workflow's sample rate; takes at another rate are flagged.</summary>
    public int? ExpectedSampleRateHz { get; init; }

    /// <summary>The workflow's bit depth.</summary>
    public int? ExpectedBitsPerSample { get; init; }

    /// <summary>The workflow's timecode rate.</summary>
    public FrameRate? ExpectedFrameRate { get; init; }
}
