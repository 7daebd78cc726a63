using Perche.Delivery.Analysis;
using Perche.Delivery.Compliance;
using Perche.Delivery.Profiles;

namespace Perche.Delivery.Processing;

/// <summary>How to deliver.</summary>
public sealed class DeliveryOptions
{
    /// <summary>Folder for every output (created when missing).</summary>
    public required string OutputFolder { get; init; }

    /// <summary>The {title} of file names (default: the source file name without extension).</summary>
    public string? Title { get; init; }

    /// <summary>Make the profile's compressed outputs (needs ffmpeg).</summary>
    public bool Encode { get; init; } = true;

    /// <summary>Write the QC reports (HTML, PDF, JSON).</summary>
    public bool Reports { get; init; } = true;

    /// <summary>Report language: en or fr.</summary>
    public string Language { get; init; } = "en";

    /// <summary>Headroom kept under the profile's true-peak limit by the limiter, dB.</summary>
    public double TruePeakMarginDb { get; init; } = 0.1;

    /// <summary>Receives the stage being worked on and its progress from 0 to 1.</summary>
    public IProgress<(string Stage, double Fraction)>? Progress { get; init; }
}

/// <summary>One file written by a delivery, re-measured after writing.</summary>
public sealed class DeliveredFile
{
    /// <summary>Path of the file.</summary>
    public required string Path { get; init; }

    /// <summary>master, loro, ltrt, channel (one mono file of a PCM file), or the codec of a compressed output.</summary>
    public required string Kind { get; init; }

    /// <summary>For a per-channel mono file: the channel's label (L, R, C, LFE, Ls, Rs...).</summary>
    public string? Channel { get; init; }

    /// <summary>For a per-channel mono file: the interleaved file it was split from.</summary>
    public string? ParentPath { get; init; }

    /// <summary>The re-measurement of the written file (decoded, for compressed outputs).</summary>
    public required ProgrammeAnalysis Analysis { get; init; }

    /// <summary>Criteria checked on the re-measurement.</summary>
    public required IReadOnlyList<Criterion> Criteria { get; init; }

    /// <summary>Overall verdict of the file.</summary>
    public Verdict Verdict => ComplianceChecker.Overall(this.Criteria);

    /// <summary>Gain applied, dB.</summary>
    public double GainDb { get; init; }

    /// <summary>True when the limiter ran.</summary>
    public bool Limited { get; init; }

    /// <summary>Largest gain reduction of the limiter, dB (0 when it did not act).</summary>
    public double LimiterMaxReductionDb { get; init; }

    /// <summary>What was done to the signal, in order (for the report).</summary>
    public IReadOnlyList<string> Processing { get; init; } = [];

    /// <summary>Reports written for this file.</summary>
    public List<string> Reports { get; } = [];
}

/// <summary>The result of `perche deliver`.</summary>
public sealed class DeliveryResult
{
    /// <summary>The profile delivered to.</summary>
    public required DeliveryProfile Profile { get; init; }

    /// <summary>The untouched source and its measurement.</summary>
    public required ProgrammeAnalysis Source { get; init; }

    /// <summary>The source checked against the profile (before processing).</summary>
    public required IReadOnlyList<Criterion> SourceCriteria { get; init; }

    /// <summary>Every file written, master first.</summary>
    public List<DeliveredFile> Files { get; } = [];

    /// <summary>Problems that stopped an output (ffmpeg missing...); the other outputs were still delivered.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Fail when any delivered file fails, else Warn or Pass.</summary>
    public Verdict Verdict => this.Files.Count == 0 ? Verdict.Fail : ComplianceChecker.Overall(this.Files.SelectMany(f => f.Criteria));
}
