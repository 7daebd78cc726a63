namespace Perche.Delivery.Compliance;

/// <summary>The outcome of one criterion.</summary>
public enum Verdict
{
    /// <summary>Within the profile.</summary>
    Pass,

    /// <summary>Worth a look, not a rejection (DC offset, silent channel, phase).</summary>
    Warn,

    /// <summary>Out of the profile: the file would be rejected.</summary>
    Fail,

    /// <summary>Reported for information; the profile sets no limit.</summary>
    Info,
}

/// <summary>One checked criterion: what was measured against what the profile asks, with the source.</summary>
/// <param name="Id">Stable key (integrated, truePeak, layout...), also the key of its name in the report texts.</param>
/// <param name="Measured">The measured value, null when it is not a number.</param>
/// <param name="MeasuredText">The measured value as shown.</param>
/// <param name="Requirement">What the profile asks, as shown (empty for information).</param>
/// <param name="Unit">Unit of <paramref name="Measured"/>.</param>
/// <param name="Verdict">The outcome.</param>
/// <param name="Source">The profile field's citation (empty for Perche's own checks).</param>
/// <param name="Confirmed">Whether that source is primary.</param>
public sealed record Criterion(string Id, double? Measured, string MeasuredText, string Requirement, string Unit, Verdict Verdict, string Source, bool Confirmed);
