namespace Perche.Post.Timelines;

/// <summary>What a time effect does to the media's speed.</summary>
public enum TimeEffectKind
{
    /// <summary>A constant speed change: the media plays <see cref="TimeEffect.TimeScalar"/> times as fast (negative: reverse).</summary>
    LinearTimeWarp,

    /// <summary>One frame held for the item's duration.</summary>
    FreezeFrame,
}

/// <summary>A speed change on an item (an EDL M2 line, an AAF time-warp operation group, an FCP speed filter).</summary>
public sealed class TimeEffect
{
    /// <summary>Creates an effect.</summary>
    public TimeEffect(TimeEffectKind kind, double timeScalar, string name = "")
    {
        this.Kind = kind;
        this.TimeScalar = kind == TimeEffectKind.FreezeFrame ? 0 : timeScalar;
        this.Name = name;
    }

    /// <summary>Warp or freeze.</summary>
    public TimeEffectKind Kind { get; }

    /// <summary>Media seconds per timeline second (0 for a freeze).</summary>
    public double TimeScalar { get; }

    /// <summary>The effect's name in the source format, if any.</summary>
    public string Name { get; }
}
