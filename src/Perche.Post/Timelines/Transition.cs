using Perche.Core.Time;

namespace Perche.Post.Timelines;

/// <summary>The transition kinds OTIO names; other names are kept as given.</summary>
public static class TransitionTypes
{
    /// <summary>A dissolve (picture) or crossfade (sound).</summary>
    public const string Dissolve = "SMPTE_Dissolve";

    /// <summary>A wipe; the SMPTE wipe code stays in the metadata.</summary>
    public const string Wipe = "SMPTE_Wipe";

    /// <summary>Anything else.</summary>
    public const string Custom = "Custom_Transition";
}

/// <summary>
/// A dissolve, wipe or audio crossfade between the items on either side. It takes no time of its own: it overlaps
/// <see cref="InOffset"/> of the item before its position and <see cref="OutOffset"/> of the item after.
/// </summary>
public sealed class Transition : Composable
{
    /// <summary>SMPTE_Dissolve, SMPTE_Wipe or a format-specific name.</summary>
    public string TransitionType { get; set; } = TransitionTypes.Dissolve;

    /// <summary>How much of the outgoing item the transition covers, before the cut point.</summary>
    public RationalTime InOffset { get; set; }

    /// <summary>How much of the incoming item the transition covers, after the cut point.</summary>
    public RationalTime OutOffset { get; set; }

    /// <summary>The transition's whole length.</summary>
    public RationalTime Duration => TimeMath.Add(this.InOffset, this.OutOffset);

    /// <inheritdoc/>
    public override bool TakesTime => false;
}
