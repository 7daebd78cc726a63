using Perche.Preproduction.Screenplay;

namespace Perche.Preproduction.Breakdown;

/// <summary>The microphones a scene needs on set.</summary>
public sealed class MicPlan
{
    /// <summary>Booms (0 when nothing is recorded in sync, e.g. a voice-over-only scene).</summary>
    public int Booms { get; init; }

    /// <summary>One wireless per speaking character on screen.</summary>
    public IReadOnlyList<string> Wireless { get; init; } = [];

    /// <summary>Plant mics hidden in the set (cars: two, front and rear).</summary>
    public int PlantMics { get; init; }

    /// <summary>A stereo pair (M/S or ORTF) for the wild tracks of an exterior.</summary>
    public bool StereoPair { get; init; }

    /// <summary>Notes (why a plant, why a second boom).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Wireless channels needed.</summary>
    public int WirelessCount => this.Wireless.Count;
}

/// <summary>The breakdown of one scene.</summary>
public sealed class SceneBreakdown
{
    /// <summary>Creates it.</summary>
    public SceneBreakdown(Scene scene, List<SoundItem> items, MicPlan mics, bool isCarScene)
    {
        this.Scene = scene;
        this.Items = items;
        this.Mics = mics;
        this.IsCarScene = isCarScene;
    }

    /// <summary>The scene.</summary>
    public Scene Scene { get; }

    /// <summary>Every item found, including low-confidence ones (see <see cref="SoundBreakdown.MinimumConfidence"/>).</summary>
    public List<SoundItem> Items { get; }

    /// <summary>The microphone plan.</summary>
    public MicPlan Mics { get; }

    /// <summary>The scene is in or around a vehicle.</summary>
    public bool IsCarScene { get; }

    /// <summary>A complexity score: speakers on screen plus hard effects and Foley to cue; drives the crew size.</summary>
    public int Complexity => this.Mics.WirelessCount * 2 + this.Mics.PlantMics + this.Items.Count(i => i.Category is SoundCategory.HardEffect or SoundCategory.Playback);
}

/// <summary>The sound breakdown of a screenplay.</summary>
public sealed class SoundBreakdown
{
    /// <summary>Creates it.</summary>
    public SoundBreakdown(Screenplay.Screenplay script, ScriptLanguage language, List<SceneBreakdown> scenes, double minimumConfidence)
    {
        this.Script = script;
        this.Language = language;
        this.Scenes = scenes;
        this.MinimumConfidence = minimumConfidence;
    }

    /// <summary>The screenplay.</summary>
    public Screenplay.Screenplay Script { get; }

    /// <summary>The language used (lexicon and documents).</summary>
    public ScriptLanguage Language { get; }

    /// <summary>Per scene.</summary>
    public List<SceneBreakdown> Scenes { get; }

    /// <summary>Items below this confidence are "to review" and left out of the lists.</summary>
    public double MinimumConfidence { get; }

    /// <summary>The listed items of a scene: confident enough and not rejected by the user.</summary>
    public IEnumerable<SoundItem> Listed(SceneBreakdown scene) =>
        scene.Items.Where(i => !i.Rejected && (i.Confidence >= this.MinimumConfidence || i.EditedByUser));

    /// <summary>Every listed item.</summary>
    public IEnumerable<SoundItem> AllListed => this.Scenes.SelectMany(this.Listed);

    /// <summary>Items below the threshold, for review.</summary>
    public IEnumerable<SoundItem> ToReview => this.Scenes.SelectMany(s => s.Items.Where(i => !i.Rejected && !i.EditedByUser && i.Confidence < this.MinimumConfidence));

    /// <summary>The most wireless channels any scene needs.</summary>
    public int MaxWireless => this.Scenes.Count == 0 ? 0 : this.Scenes.Max(s => s.Mics.WirelessCount);
}
