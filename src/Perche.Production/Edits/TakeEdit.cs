namespace Perche.Production.Edits;

/// <summary>
/// What the mixer changes on a take after the fact: circled, flags and the note. Null leaves a value as the
/// files say.
/// </summary>
public sealed class TakeEdit
{
    /// <summary>The take's key (<see cref="Report.TakeEntry.Key"/>).</summary>
    public required string TakeKey { get; init; }

    /// <summary>Circled (printed) or not.</summary>
    public bool? Circled { get; set; }

    /// <summary>Wild track.</summary>
    public bool? WildTrack { get; set; }

    /// <summary>Room tone.</summary>
    public bool? RoomTone { get; set; }

    /// <summary>False start.</summary>
    public bool? FalseStart { get; set; }

    /// <summary>No good.</summary>
    public bool? NoGood { get; set; }

    /// <summary>Replacement note.</summary>
    public string? Note { get; set; }

    /// <summary>When the edit was made (UTC).</summary>
    public DateTimeOffset EditedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Folds a later edit into this one (later values win).</summary>
    public void Merge(TakeEdit later)
    {
        ArgumentNullException.ThrowIfNull(later);
        this.Circled = later.Circled ?? this.Circled;
        this.WildTrack = later.WildTrack ?? this.WildTrack;
        this.RoomTone = later.RoomTone ?? this.RoomTone;
        this.FalseStart = later.FalseStart ?? this.FalseStart;
        this.NoGood = later.NoGood ?? this.NoGood;
        this.Note = later.Note ?? this.Note;
        this.EditedAt = later.EditedAt;
    }
}
