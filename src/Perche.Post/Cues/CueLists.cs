using System.Globalization;
using Perche.Core;
using Perche.Core.Time;
using Perche.Preproduction.Breakdown;
using Perche.Preproduction.Screenplay;

namespace Perche.Post.Cues;

/// <summary>Why a line goes to ADR.</summary>
[Flags]
public enum AdrReason
{
    /// <summary>No reason.</summary>
    None = 0,

    /// <summary>Speech too close to the noise floor on every channel that carries the character.</summary>
    Noise = 1,

    /// <summary>Clipped on every channel that carries the character.</summary>
    Clip = 2,

    /// <summary>Far below the level the same microphone has elsewhere in the cut: the actor was off mic.</summary>
    OffMic = 4,

    /// <summary>The breakdown flagged the scene's sync sound as at risk (wind, rain, car at speed).</summary>
    Risk = 8,
}

/// <summary>An ADR cue: who, where, what line, why.</summary>
public sealed class AdrCue
{
    /// <summary>Stable ID: the character's initials and a number (MA001); kept across re-runs and re-conforms.</summary>
    public required string Id { get; init; }

    /// <summary>The character (upper case, as the screenplay writes it).</summary>
    public required string Character { get; init; }

    /// <summary>The session material the cue is on (its clips' IDs start with it).</summary>
    public required string Material { get; init; }

    /// <summary>The picture event.</summary>
    public required string EventId { get; init; }

    /// <summary>Scene and take of the recording.</summary>
    public required string Scene { get; init; }

    /// <summary>The take.</summary>
    public required string Take { get; init; }

    /// <summary>The record range, in timeline time from the timeline start.</summary>
    public required TimeRange Record { get; init; }

    /// <summary>The reasons.</summary>
    public required AdrReason Reasons { get; init; }

    /// <summary>The measurements and breakdown items behind the reasons, in words.</summary>
    public required string Detail { get; init; }

    /// <summary>The line(s) from the screenplay, when a script is known; empty otherwise.</summary>
    public required string Line { get; init; }

    /// <summary>The reason codes: NOISE, CLIP, OFFMIC, RISK joined by '+'.</summary>
    public string ReasonCodes => Codes(this.Reasons);

    /// <summary>The codes of a set of reasons.</summary>
    public static string Codes(AdrReason r)
    {
        var list = new List<string>(4);
        if ((r & AdrReason.Noise) != 0)
        {
            list.Add("NOISE");
        }

        if ((r & AdrReason.Clip) != 0)
        {
            list.Add("CLIP");
        }

        if ((r & AdrReason.OffMic) != 0)
        {
            list.Add("OFFMIC");
        }

        if ((r & AdrReason.Risk) != 0)
        {
            list.Add("RISK");
        }

        return string.Join('+', list);
    }
}

/// <summary>What a Foley cue asks the Foley artist for.</summary>
public enum FoleyKind
{
    /// <summary>A character's footsteps.</summary>
    Footsteps,

    /// <summary>A character's cloth movement.</summary>
    Cloth,

    /// <summary>A prop or body sound the breakdown lists.</summary>
    Props,
}

/// <summary>A Foley cue: a scene's span in the cut and what to perform over it.</summary>
public sealed class FoleyCue
{
    /// <summary>Stable ID (FS/CL/PR + number); kept across re-runs.</summary>
    public required string Id { get; init; }

    /// <summary>The scene.</summary>
    public required string Scene { get; init; }

    /// <summary>Footsteps, cloth or props.</summary>
    public required FoleyKind Kind { get; init; }

    /// <summary>The character (footsteps, cloth), empty for props.</summary>
    public required string Character { get; init; }

    /// <summary>What to perform (the breakdown's label for props).</summary>
    public required string Description { get; init; }

    /// <summary>The footstep surface, when the script says it.</summary>
    public required string Surface { get; init; }

    /// <summary>The span of the scene in the cut (record time from the timeline start).</summary>
    public required TimeRange Record { get; init; }

    /// <summary>The first material of the span (what keeps the ID stable).</summary>
    public required string Material { get; init; }

    /// <summary>The key the ID is kept by across runs.</summary>
    public string StableKey => $"{this.Material}|{this.Kind}|{this.Character}|{this.Description}";
}

/// <summary>How cue lists are built.</summary>
public sealed class CueOptions
{
    /// <summary>Speech less than this above the noise floor is noisy (15 dB).</summary>
    public double NoiseSnrDb { get; init; } = 15;

    /// <summary>A channel this far below its own median speech level in the cut is off mic (10 dB).</summary>
    public double OffMicDropDb { get; init; } = 10;

    /// <summary>Measure the audio (false: breakdown risks only, for a session whose rushes are offline).</summary>
    public bool AnalyzeAudio { get; init; } = true;

    /// <summary>The ADR cues of the last run: a cue on the same material and character keeps its ID.</summary>
    public IReadOnlyList<AdrCue> PreviousAdr { get; init; } = [];

    /// <summary>The Foley cues of the last run: a cue with the same key keeps its ID.</summary>
    public IReadOnlyList<FoleyCue> PreviousFoley { get; init; } = [];
}

/// <summary>The cue lists of a session.</summary>
public sealed class CueLists
{
    /// <summary>ADR cues, in record order.</summary>
    public required IReadOnlyList<AdrCue> Adr { get; init; }

    /// <summary>Foley cues, in record order.</summary>
    public required IReadOnlyList<FoleyCue> Foley { get; init; }

    /// <summary>Per event and channel, what the dialogue QC measured (for the report).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<(SessionChannel Channel, ChannelLevels Levels, AdrReason Flags)>> Measurements { get; init; }

    /// <summary>Channels that could not be measured, with why.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }
}

/// <summary>
/// Builds the ADR and Foley cue lists of a conformed session. ADR: a character gets a cue on an event when every
/// channel that can carry them (their lavalier and the booms) is flagged by the dialogue QC over the conformed
/// samples (noise, clipping, off mic), or when the breakdown put the scene's sync sound at risk; the line comes from
/// the screenplay (the character's lines at the event's place in the take). Foley: for each run of a scene in the
/// cut, footsteps and cloth per character and the breakdown's Foley props.
/// </summary>
public static class CueBuilder
{
    /// <summary>Builds both lists.</summary>
    public static CueLists Build(IReadOnlyList<SessionEvent> events, ScriptDialogue script, IReadOnlyList<BreakdownHint> breakdown, CueOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(breakdown);
        options ??= new CueOptions();
        var warnings = new List<string>();
        var measurements = Measure(events, options, warnings);
        var adr = BuildAdr(events, script, breakdown, measurements, options);
        var foley = BuildFoley(events, script, breakdown, options);
        return new CueLists { Adr = adr, Foley = foley, Measurements = measurements, Warnings = warnings };
    }

    private static Dictionary<string, IReadOnlyList<(SessionChannel Channel, ChannelLevels Levels, AdrReason Flags)>> Measure(IReadOnlyList<SessionEvent> events, CueOptions options, List<string> warnings)
    {
        var result = new Dictionary<string, IReadOnlyList<(SessionChannel, ChannelLevels, AdrReason)>>(StringComparer.Ordinal);
        if (!options.AnalyzeAudio)
        {
            return result;
        }

        var levels = new Dictionary<string, List<(SessionChannel Channel, ChannelLevels Levels)>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            var list = new List<(SessionChannel, ChannelLevels)>();
            foreach (var c in e.Channels)
            {
                try
                {
                    list.Add((c, DialogueQc.Measure(c, e.TakeStartSamples)));
                }
                catch (Exception ex) when (ex is PercheFormatException or IOException or UnauthorizedAccessException)
                {
                    warnings.Add($"{c.File}: {ex.Message} (material {e.Material} not measured)");
                }
            }

            levels[e.Material] = list;
        }

        // Off mic is relative: the same microphone's usual speech level across the cut.
        var medians = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in levels.Values.SelectMany(l => l).Where(l => !l.Levels.IsSilent).GroupBy(l => l.Channel.Name, StringComparer.OrdinalIgnoreCase))
        {
            var sorted = group.Select(g => g.Levels.SpeechDbfs).Order().ToArray();
            if (sorted.Length >= 3)
            {
                medians[group.Key] = sorted[sorted.Length / 2];
            }
        }

        foreach (var (material, list) in levels)
        {
            var flagged = new List<(SessionChannel, ChannelLevels, AdrReason)>(list.Count);
            foreach (var (c, l) in list)
            {
                var flags = AdrReason.None;
                if (l.ClippedRuns > 0)
                {
                    flags |= AdrReason.Clip;
                }

                if (!l.IsSilent && l.SnrDb < options.NoiseSnrDb)
                {
                    flags |= AdrReason.Noise;
                }

                if (l.IsSilent || (medians.TryGetValue(c.Name, out var median) && median - l.SpeechDbfs > options.OffMicDropDb))
                {
                    flags |= AdrReason.OffMic;
                }

                flagged.Add((c, l, flags));
            }

            result[material] = flagged;
        }

        return result;
    }

    private static List<AdrCue> BuildAdr(IReadOnlyList<SessionEvent> events, ScriptDialogue script, IReadOnlyList<BreakdownHint> breakdown, Dictionary<string, IReadOnlyList<(SessionChannel Channel, ChannelLevels Levels, AdrReason Flags)>> measured, CueOptions options)
    {
        var inv = CultureInfo.InvariantCulture;
        var drafts = new List<(SessionEvent Event, string Character, AdrReason Reasons, string Detail, string Line)>();
        foreach (var e in events)
        {
            var lines = script.Lines(e.Scene);
            var lavCharacters = e.Channels.Select(c => LavCharacter(c.Name)).Where(n => n is not null).Select(n => n!).ToList();
            var sceneCharacters = lines.Count > 0 ? [.. lines.Select(l => l.Character).Distinct(StringComparer.Ordinal)] : lavCharacters;

            // The lines at the event's place in the take (with some slack: the actors do not speak at an even pace).
            var (from, to) = e.PlaceInTake;
            var spoken = lines.Where(l => l.PositionInScene >= from - 0.1 && l.PositionInScene <= to + 0.1 && l.Delivery != Delivery.VoiceOver).ToList();
            var characters = lines.Count > 0 ? spoken.Select(l => l.Character).Distinct(StringComparer.Ordinal).ToList() : lavCharacters;
            var channelMeasures = measured.TryGetValue(e.Material, out var m) ? m : [];
            var risks = breakdown.Where(b => b.AdrRisk && CueText.SceneKey(b.Scene) == CueText.SceneKey(e.Scene)).ToList();

            foreach (var character in characters)
            {
                var reasons = AdrReason.None;
                var detail = new List<string>();

                // The channels that can carry this character: their own lavalier, and every boom (a channel named after nobody).
                var carriers = channelMeasures.Where(x => NamesCharacter(x.Channel.Name, character) || !sceneCharacters.Concat(lavCharacters).Any(c => NamesCharacter(x.Channel.Name, c))).ToList();
                if (carriers.Count > 0 && carriers.All(x => x.Flags != AdrReason.None))
                {
                    foreach (var (c, l, f) in carriers)
                    {
                        reasons |= f;
                        detail.Add(string.Create(inv, $"{c.Name}: {AdrCue.Codes(f).ToLowerInvariant()} (speech {l.SpeechDbfs:0.0} dBFS, floor {l.NoiseDbfs:0.0} dBFS{(l.ClippedRuns > 0 ? $", {l.ClippedRuns} clipped run(s) from {l.FirstClipSeconds:0.00} s" : string.Empty)})"));
                    }
                }

                foreach (var r in risks.Where(r => r.Character is null || string.Equals(CueText.Fold(r.Character), CueText.Fold(character), StringComparison.Ordinal)))
                {
                    reasons |= AdrReason.Risk;
                    detail.Add($"breakdown: {r.Label}{(r.Reason.Length > 0 ? " — " + r.Reason : string.Empty)}");
                }

                if (reasons == AdrReason.None)
                {
                    continue;
                }

                var text = string.Join(" / ", spoken.Where(l => l.Character == character).Select(l => l.Text));
                drafts.Add((e, character, reasons, string.Join("; ", detail.Distinct(StringComparer.Ordinal)), text));
            }
        }

        // IDs: a cue on the same material and character keeps its ID; new ones continue each character's numbering.
        var prefixes = Prefixes(drafts.Select(d => d.Character).Concat(options.PreviousAdr.Select(p => p.Character)));
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var next = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in options.PreviousAdr)
        {
            previous.TryAdd(p.Material + "|" + p.Character, p.Id);
            Bump(next, p.Id);
        }

        var cues = new List<AdrCue>(drafts.Count);
        foreach (var d in drafts)
        {
            var prefix = prefixes[d.Character];
            if (!previous.TryGetValue(d.Event.Material + "|" + d.Character, out var id))
            {
                var n = next.GetValueOrDefault(prefix) + 1;
                next[prefix] = n;
                id = string.Create(inv, $"{prefix}{n:000}");
            }

            cues.Add(new AdrCue
            {
                Id = id,
                Character = d.Character,
                Material = d.Event.Material,
                EventId = d.Event.EventId,
                Scene = d.Event.Scene,
                Take = d.Event.Take,
                Record = d.Event.Record,
                Reasons = d.Reasons,
                Detail = d.Detail,
                Line = d.Line,
            });
        }

        return cues;
    }

    private static List<FoleyCue> BuildFoley(IReadOnlyList<SessionEvent> events, ScriptDialogue script, IReadOnlyList<BreakdownHint> breakdown, CueOptions options)
    {
        // The scene's runs in the cut: consecutive events of one scene make one span.
        var runs = new List<(string Scene, TimeRange Record, List<SessionEvent> Events)>();
        foreach (var e in events)
        {
            if (e.Scene.Length == 0)
            {
                continue;
            }

            if (runs.Count > 0 && CueText.SceneKey(runs[^1].Scene) == CueText.SceneKey(e.Scene) && runs[^1].Record.EndExclusive >= e.Record.Start)
            {
                var last = runs[^1];
                last.Events.Add(e);
                runs[^1] = (last.Scene, TimeRange.FromStartEndExclusive(last.Record.Start, RationalTime.Max(last.Record.EndExclusive, e.Record.EndExclusive)), last.Events);
            }
            else
            {
                runs.Add((e.Scene, e.Record, [e]));
            }
        }

        var drafts = new List<FoleyCue>();
        foreach (var (scene, record, runEvents) in runs)
        {
            var key = CueText.SceneKey(scene);
            var items = breakdown.Where(b => CueText.SceneKey(b.Scene) == key).ToList();
            // Who is seen in the scene: the breakdown's on-screen speakers when there is a breakdown (it knows the far
            // side of a phone call and off-screen voices, which get no footsteps), else the script's on-screen speakers, else the lavaliers' names.
            List<string> characters;
            if (items.Any(b => b.Category == SoundCategory.Dialogue))
            {
                characters = [.. items.Where(b => b.IsSeenSpeaker).Select(b => b.Character!).Distinct(StringComparer.Ordinal)];
            }
            else if (script.Lines(scene).Count > 0)
            {
                characters = [.. script.Speakers(scene).Where(c => script.Lines(scene).Any(l => l.Character == c && l.Delivery is Delivery.OnScreen))];
            }
            else
            {
                characters = [.. runEvents.SelectMany(e => e.Channels).Select(c => LavCharacter(c.Name)).Where(n => n is not null).Select(n => n!).Distinct(StringComparer.Ordinal)];
            }

            var steps = items.FirstOrDefault(b => b.Category == SoundCategory.Foley && b.Key == "footsteps");
            var material = runEvents[0].Material;
            foreach (var c in characters)
            {
                drafts.Add(new FoleyCue { Id = string.Empty, Scene = scene, Kind = FoleyKind.Footsteps, Character = c, Description = steps?.Label ?? "footsteps", Surface = steps?.Surface ?? string.Empty, Record = record, Material = material });
                drafts.Add(new FoleyCue { Id = string.Empty, Scene = scene, Kind = FoleyKind.Cloth, Character = c, Description = "cloth", Surface = string.Empty, Record = record, Material = material });
            }

            foreach (var b in items.Where(b => b.Category == SoundCategory.Foley && b.Key is not "footsteps" and not "cloth"))
            {
                drafts.Add(new FoleyCue { Id = string.Empty, Scene = scene, Kind = FoleyKind.Props, Character = string.Empty, Description = b.Label, Surface = string.Empty, Record = record, Material = material });
            }
        }

        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var next = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in options.PreviousFoley)
        {
            previous.TryAdd(p.StableKey, p.Id);
            Bump(next, p.Id);
        }

        var cues = new List<FoleyCue>(drafts.Count);
        foreach (var d in drafts)
        {
            if (!previous.TryGetValue(d.StableKey, out var id))
            {
                var prefix = d.Kind switch { FoleyKind.Footsteps => "FS", FoleyKind.Cloth => "CL", _ => "PR" };
                var n = next.GetValueOrDefault(prefix) + 1;
                next[prefix] = n;
                id = string.Create(CultureInfo.InvariantCulture, $"{prefix}{n:000}");
            }

            cues.Add(new FoleyCue { Id = id, Scene = d.Scene, Kind = d.Kind, Character = d.Character, Description = d.Description, Surface = d.Surface, Record = d.Record, Material = d.Material });
        }

        return cues;
    }

    /// <summary>The character a channel is named after ("Lav Marie", "HF PAUL" → MARIE, PAUL), or null for a boom.</summary>
    public static string? LavCharacter(string channelName)
    {
        var folded = CueText.Fold(channelName).Trim();
        foreach (var prefix in new[] { "LAV ", "LAV.", "LAV-", "HF ", "HF-", "RADIO ", "WL ", "MIC " })
        {
            if (folded.StartsWith(prefix, StringComparison.Ordinal) && folded.Length > prefix.Length)
            {
                return folded[prefix.Length..].Trim();
            }
        }

        return null;
    }

    private static bool NamesCharacter(string channelName, string character)
    {
        var words = CueText.Fold(channelName).Split([' ', '-', '_', '.', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        var name = CueText.Fold(character);
        return words.Contains(name, StringComparer.Ordinal) || CueText.Fold(channelName).EndsWith(" " + name, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Prefixes(IEnumerable<string> characters)
    {
        // Two letters each; characters sharing them (MARIE, MARC) take more until they differ.
        var distinct = characters.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in distinct)
        {
            var letters = 2;
            var prefix = CueText.Initials(c, letters);
            while (distinct.Any(o => o != c && CueText.Initials(o, letters) == prefix) && letters < 6)
            {
                letters++;
                prefix = CueText.Initials(c, letters);
            }

            result[c] = prefix;
        }

        return result;
    }

    private static void Bump(Dictionary<string, int> next, string id)
    {
        var i = id.Length;
        while (i > 0 && char.IsAsciiDigit(id[i - 1]))
        {
            i--;
        }

        if (i < id.Length && int.TryParse(id[i..], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            next[id[..i]] = Math.Max(next.GetValueOrDefault(id[..i]), n);
        }
    }
}
