using Perche.Preproduction.Screenplay;

namespace Perche.Preproduction.Breakdown;

/// <summary>What kind of sound an item is (the columns of a sound breakdown).</summary>
public enum SoundCategory
{
    /// <summary>Lines spoken in the scene (on or off screen, phone), efforts and crowd walla.</summary>
    Dialogue,

    /// <summary>Narration or inner voice, not in the scene's space.</summary>
    VoiceOver,

    /// <summary>The background of the place: city, sea, wind, birds.</summary>
    Ambience,

    /// <summary>The silence of a room (and intentional silence), recorded on set to fill edits.</summary>
    RoomTone,

    /// <summary>A distinct sound effect cut to picture: door slam, gunshot, car, phone ring.</summary>
    HardEffect,

    /// <summary>Sounds of the actors' bodies and props re-performed to picture: steps, cloth, cups.</summary>
    Foley,

    /// <summary>Music heard by the characters (radio, TV, a band).</summary>
    MusicSource,

    /// <summary>Film score, heard only by the audience.</summary>
    MusicScore,

    /// <summary>Music played back on set for the actors to sing, dance or play to.</summary>
    Playback,
}

/// <summary>How and where a sound is obtained.</summary>
public enum Acquisition
{
    /// <summary>Recorded with the picture (boom and wireless).</summary>
    SyncOnSet,

    /// <summary>Recorded on set without picture (a wild track), before or after the takes.</summary>
    WildTrackOnSet,

    /// <summary>Room tone recorded on set (30 s to 1 min of the room with the crew still).</summary>
    RoomToneOnSet,

    /// <summary>Re-recorded by the actors in a studio (ADR, post-synchronisation, voice-over sessions, walla groups).</summary>
    Adr,

    /// <summary>Performed to picture on a Foley stage.</summary>
    FoleyStage,

    /// <summary>Taken from a sound library.</summary>
    Library,

    /// <summary>Recorded on location by the sound team outside the shoot (vehicles, places).</summary>
    FieldRecording,

    /// <summary>Built by the sound designer (layers, synthesis) or composed.</summary>
    Design,
}

/// <summary>Where the evidence for an item came from.</summary>
public enum EvidenceSource
{
    /// <summary>The scene heading (place, INT./EXT., time, weather).</summary>
    Heading,

    /// <summary>A character cue and its dialogue.</summary>
    Cue,

    /// <summary>A word written in capitals in the action (the English convention for sounds).</summary>
    Capitalised,

    /// <summary>A sound word of the lexicon.</summary>
    Lexicon,

    /// <summary>An onomatopoeia (BANG, DRING, toc toc).</summary>
    Onomatopoeia,

    /// <summary>A word that implies a sound (drives, walks, rain in the heading).</summary>
    Implied,

    /// <summary>Added or changed by the user.</summary>
    User,
}

/// <summary>A span of the screenplay that an item was found in.</summary>
public sealed class Evidence
{
    /// <summary>Creates the evidence.</summary>
    public Evidence(EvidenceSource source, string text, int line, int elementIndex, int start, int length)
    {
        this.Source = source;
        this.Text = text;
        this.Line = line;
        this.ElementIndex = elementIndex;
        this.Start = start;
        this.Length = length;
    }

    /// <summary>The kind of evidence.</summary>
    public EvidenceSource Source { get; }

    /// <summary>The words as written in the script.</summary>
    public string Text { get; }

    /// <summary>The one-based source line of the element.</summary>
    public int Line { get; }

    /// <summary>The element's index within its scene (-1 for the heading).</summary>
    public int ElementIndex { get; }

    /// <summary>The character offset of the span in the element's text.</summary>
    public int Start { get; }

    /// <summary>The span's length in characters.</summary>
    public int Length { get; }
}

/// <summary>One sound of the breakdown: what, how it is obtained, why, and how sure we are.</summary>
public sealed class SoundItem
{
    /// <summary>Creates an item.</summary>
    public SoundItem(string sceneNumber, SoundCategory category, string key, string label)
    {
        this.SceneNumber = sceneNumber;
        this.Category = category;
        this.Key = key;
        this.Label = label;
    }

    /// <summary>The scene it belongs to.</summary>
    public string SceneNumber { get; }

    /// <summary>The category.</summary>
    public SoundCategory Category { get; set; }

    /// <summary>A stable key shared by both lexicons ("door-slam", "dialogue:MARIE"): rules and user edits refer to it.</summary>
    public string Key { get; }

    /// <summary>A human label in the script's language.</summary>
    public string Label { get; set; }

    /// <summary>How the sound is obtained.</summary>
    public Acquisition Acquisition { get; set; }

    /// <summary>The rule that chose the acquisition, in the script's language.</summary>
    public string Reason { get; set; } = string.Empty;

    /// <summary>How the item was detected (e.g. "lexicon: 'claque'").</summary>
    public string Detection { get; set; } = string.Empty;

    /// <summary>0 to 1: 1 for a dialogue cue, about 0.9 for a capitalised sound word, lower for implied sounds.</summary>
    public double Confidence { get; set; }

    /// <summary>The spans that support the item.</summary>
    public List<Evidence> Evidence { get; } = [];

    /// <summary>For dialogue: how the lines are heard.</summary>
    public Delivery? Delivery { get; set; }

    /// <summary>For dialogue: the speaker is in the frame (on screen, or the on-screen side of a phone call).</summary>
    public bool IsOnScreen { get; set; }

    /// <summary>For dialogue: the character.</summary>
    public string? Character { get; set; }

    /// <summary>Risk that the sync sound is unusable and the lines must be re-recorded (car at speed, rain, wind).</summary>
    public bool AdrRisk { get; set; }

    /// <summary>Footstep surface when the script says it (gravel, stairs, snow...).</summary>
    public string? Surface { get; set; }

    /// <summary>Set when the user changed or added the item (kept across re-runs).</summary>
    public bool EditedByUser { get; set; }

    /// <summary>Set when the user removed the item (kept so a re-run does not bring it back).</summary>
    public bool Rejected { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"{this.SceneNumber} {this.Category} {this.Key} ({this.Acquisition}, {this.Confidence:F2})";
}
