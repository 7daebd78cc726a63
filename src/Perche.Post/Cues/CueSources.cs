using System.Globalization;
using System.Text;
using Perche.Preproduction.Breakdown;
using Perche.Preproduction.Screenplay;

namespace Perche.Post.Cues;

/// <summary>One spoken line of the screenplay: scene, character, delivery, text, and its place in the scene's dialogue (0..1).</summary>
public sealed record ScriptLine(string Scene, string Character, Delivery Delivery, string Text, double PositionInScene);

/// <summary>The screenplay's dialogue by scene, as the cue lists need it.</summary>
public sealed class ScriptDialogue
{
    private readonly Dictionary<string, List<ScriptLine>> byScene;

    private ScriptDialogue(Dictionary<string, List<ScriptLine>> byScene)
    {
        this.byScene = byScene;
    }

    /// <summary>No script: cue lists without line text.</summary>
    public static ScriptDialogue None { get; } = new([]);

    /// <summary>The lines of a scene in script order (empty when unknown).</summary>
    public IReadOnlyList<ScriptLine> Lines(string scene) => this.byScene.TryGetValue(CueText.SceneKey(scene), out var l) ? l : [];

    /// <summary>The characters who speak in a scene, in order of first line.</summary>
    public List<string> Speakers(string scene) => [.. this.Lines(scene).Select(l => l.Character).Distinct(StringComparer.Ordinal)];

    /// <summary>Reads the dialogue of a parsed screenplay (Fountain, FDX or plain text, read by pre-production).</summary>
    public static ScriptDialogue From(Screenplay script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var map = new Dictionary<string, List<ScriptLine>>(StringComparer.Ordinal);
        foreach (var scene in script.HeadedScenes)
        {
            // Each line's place is the middle of its text within the scene's spoken words: a take plays the scene in
            // order, so an event cut from the middle of the take plays the lines from the middle of the scene.
            var raw = new List<(string Character, Delivery Delivery, string Text)>();
            CharacterCue? cue = null;
            foreach (var e in scene.Elements)
            {
                if (e.Kind == ElementKind.Character)
                {
                    // The reader keeps the parsed cue (extensions such as (OFF), (V.O.)) beside the bare name.
                    cue = e.Cue ?? CharacterCue.Parse(e.Text);
                }
                else if (e.Kind == ElementKind.Dialogue && cue is not null && e.Text.Trim().Length > 0)
                {
                    raw.Add((cue.Name, cue.Delivery, e.Text.Trim()));
                }
                else if (e.Kind is not ElementKind.Parenthetical and not ElementKind.Dialogue)
                {
                    cue = null;
                }
            }

            var total = raw.Sum(r => r.Text.Length);
            var list = new List<ScriptLine>(raw.Count);
            var done = 0;
            foreach (var (character, delivery, text) in raw)
            {
                list.Add(new ScriptLine(scene.Number, character, delivery, text, total == 0 ? 0 : (done + (text.Length / 2.0)) / total));
                done += text.Length;
            }

            map[CueText.SceneKey(scene.Number)] = list;
        }

        return new ScriptDialogue(map);
    }
}

/// <summary>What the breakdown says about a scene that the cue lists use.</summary>
/// <param name="Scene">The scene number.</param>
/// <param name="Key">The item key ("dialogue:PAUL", "footsteps", "paper").</param>
/// <param name="Category">The sound category.</param>
/// <param name="Label">The label in the script's language.</param>
/// <param name="AdrRisk">The sync sound is at risk (wind, rain, car): plan ADR.</param>
/// <param name="Character">For dialogue items, the character.</param>
/// <param name="Surface">For footsteps, the surface when the script says it.</param>
/// <param name="Reason">Why the breakdown chose its acquisition (the risk's cause).</param>
/// <param name="OnScreen">For dialogue: the speaker is in the frame (the on-screen side of a phone call too); null: judged from the key.</param>
public sealed record BreakdownHint(string Scene, string Key, SoundCategory Category, string Label, bool AdrRisk, string? Character, string? Surface, string Reason, bool? OnScreen = null)
{
    /// <summary>True for dialogue whose speaker is seen: the breakdown's word, else a plain <c>dialogue:</c> item.</summary>
    public bool IsSeenSpeaker => this.Category == SoundCategory.Dialogue && this.Character is not null && (this.OnScreen ?? this.Key.StartsWith("dialogue:", StringComparison.Ordinal));

    /// <summary>The items of a breakdown that are listed (not rejected by the user).</summary>
    public static List<BreakdownHint> From(SoundBreakdown breakdown)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        var list = new List<BreakdownHint>();
        foreach (var scene in breakdown.Scenes)
        {
            foreach (var i in scene.Items)
            {
                if (!i.Rejected)
                {
                    list.Add(new BreakdownHint(i.SceneNumber, i.Key, i.Category, i.Label, i.AdrRisk, i.Character, i.Surface, i.Reason, i.Category == SoundCategory.Dialogue ? i.IsOnScreen : null));
                }
            }
        }

        return list;
    }
}

/// <summary>Small text helpers shared by the cue builders.</summary>
public static class CueText
{
    /// <summary>A scene number as a comparison key: trimmed, upper case, leading zeros dropped ("01a" → "1A").</summary>
    public static string SceneKey(string scene)
    {
        var s = scene.Trim().ToUpperInvariant();
        var i = 0;
        while (i < s.Length - 1 && s[i] == '0')
        {
            i++;
        }

        return s[i..];
    }

    /// <summary>Upper case without accents (GARDE-CÔTES → GARDE-COTES), for comparing names.</summary>
    public static string Fold(string text)
    {
        var d = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(d.Length);
        foreach (var c in d)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(char.ToUpperInvariant(c));
            }
        }

        return sb.ToString();
    }

    /// <summary>The letters a cue ID starts with: two letters of a one-word name, the initials of several (GC for GARDE-CÔTES).</summary>
    public static string Initials(string character, int letters = 2)
    {
        var words = Fold(character).Split([' ', '-', '\'', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string([.. w.Where(char.IsAsciiLetterOrDigit)])).Where(w => w.Length > 0).ToArray();
        if (words.Length == 0)
        {
            return "X";
        }

        if (words.Length == 1)
        {
            return words[0][..Math.Min(letters, words[0].Length)];
        }

        var initials = new string([.. words.Select(w => w[0])]);
        return letters <= 2 ? initials : initials + words[^1][1..Math.Min(words[^1].Length, letters - 1)];
    }
}

/// <summary>Where the cue lists find the script and the breakdown of a project.</summary>
public static class ProjectCueSources
{
    /// <summary>
    /// The screenplay and breakdown of the project's last script: the script is read again from where pre-production
    /// read it and broken down with the user's stored edits applied, so the ADR risks, characters and surfaces are
    /// the ones the sound engineer approved. Null when the project has no script.
    /// </summary>
    public static (ScriptDialogue Script, List<BreakdownHint> Breakdown, string Path)? Load(Perche.Project.ProjectStore store, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(warnings);
        var scripts = store.Read(tx => tx.Query("SELECT name, path FROM preproduction_script ORDER BY id DESC", r => (Name: r.GetString("name"), Path: r.GetString("path"))));
        if (scripts.Count == 0)
        {
            return null;
        }

        var (name, path) = scripts[0];
        if (!File.Exists(path))
        {
            // The file moved: the stored items still give the categories and characters, without risks or lines.
            warnings.Add($"{path}: the project's script is no longer there; cue lists use the stored breakdown without line text or ADR risks");
            var items = Perche.Preproduction.Store.BreakdownStore.LoadItems(store, name)
                .Where(i => !i.Rejected)
                .Select(i => new BreakdownHint(i.Scene, i.Key, i.Category, i.Label, false, i.Key.Contains(':', StringComparison.Ordinal) ? i.Key[(i.Key.IndexOf(':', StringComparison.Ordinal) + 1)..] : null, null, string.Empty))
                .ToList();
            return (ScriptDialogue.None, items, path);
        }

        var script = Perche.Preproduction.Formats.ScreenplayReader.Read(path);
        var breakdown = BreakdownEngine.Run(script);
        Perche.Preproduction.Store.BreakdownStore.ApplyEdits(breakdown, Perche.Preproduction.Store.BreakdownStore.LoadEdits(store, name));
        return (ScriptDialogue.From(script), BreakdownHint.From(breakdown), path);
    }
}
