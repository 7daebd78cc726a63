using System.Globalization;
using System.Text.Json.Nodes;
using Perche.Core.Time;
using Perche.Post.Conform;
using Perche.Post.Timelines;

namespace Perche.Post.Reconform;

/// <summary>How to re-conform.</summary>
public sealed class ReconformOptions
{
    /// <summary>The handles, when the session does not say which it was conformed with (5 s by default).</summary>
    public RationalTime? Handles { get; init; }

    /// <summary>The picture's source timecode rate, as for <see cref="ConformOptions.SourceTimecodeRate"/>.</summary>
    public FrameRate? SourceTimecodeRate { get; init; }
}

/// <summary>A re-conform: the change list, the updated session (with its per-event report) and what to know.</summary>
public sealed class ReconformResult
{
    /// <summary>The changes between the two cuts.</summary>
    public required ChangeList Changes { get; init; }

    /// <summary>The updated session and its per-event report, as a conform of the new cut.</summary>
    public required ConformResult Conform { get; init; }

    /// <summary>Session clips whose material went on with the same ID.</summary>
    public required int KeptClipCount { get; init; }

    /// <summary>Session clips dropped with deleted or replaced material.</summary>
    public required int DroppedClipCount { get; init; }

    /// <summary>Things the user should check (clips the conform did not place, takes no longer in the rushes).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }
}

/// <summary>
/// Re-conform: the change list between the cut a session was conformed from and a new cut, applied to the session.
/// Material the new cut still shows keeps the take the session plays (chosen by conform or by the editor since) and
/// its clip IDs, laid at its new place with its new trims; new material is conformed against the same rushes index.
/// </summary>
public static class Reconformer
{
    /// <summary>Re-conforms <paramref name="session"/> (conformed from <paramref name="oldCut"/>) to <paramref name="newCut"/>.</summary>
    public static ReconformResult Run(Timeline oldCut, Timeline newCut, Timeline session, RushIndex rushes, ReconformOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(oldCut);
        ArgumentNullException.ThrowIfNull(newCut);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(rushes);
        options ??= new ReconformOptions();
        var pictureOptions = new ConformOptions { SourceTimecodeRate = options.SourceTimecodeRate };
        var changes = ChangeList.Compare(oldCut, newCut, pictureOptions);
        var warnings = new List<string>();

        // The session's conformed material, by the old event it came from.
        var materials = new Dictionary<string, SessionMaterial>(StringComparer.Ordinal);
        var reserved = new HashSet<string>(StringComparer.Ordinal);
        var foreign = 0;
        foreach (var track in session.AudioTracks())
        {
            foreach (var clip in track.AllClips())
            {
                if (clip.Metadata["perche"] is not JsonObject meta || MetadataValue.String(meta, "event") is not { } eventId)
                {
                    foreign++;
                    continue;
                }

                var material = MetadataValue.String(meta, "material") ?? "E" + eventId;
                reserved.Add(material);
                if (!materials.TryGetValue(eventId, out var m))
                {
                    materials[eventId] = m = new SessionMaterial(material);
                }

                m.Clips.Add(clip);
            }
        }

        if (foreign > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{foreign} session clip(s) were not placed by conform (no perche event metadata): they are not carried into the updated session"));
        }

        var pins = new Dictionary<string, EventPin>(StringComparer.Ordinal);
        var kept = 0;
        var dropped = 0;
        foreach (var c in changes.Changes)
        {
            var oldMaterial = c.Old is { } o && materials.TryGetValue(o.EventId, out var m) ? m : null;
            if (c.New is null || (c.Kind & CutChangeKind.Replaced) != 0)
            {
                dropped += oldMaterial?.Clips.Count ?? 0;
                if (c.New is not null)
                {
                    pins[PinKey(c.New)] = new EventPin(null, null, string.Empty);
                }

                continue;
            }

            if (c.Old is null || oldMaterial is null)
            {
                // Inserted, or an old event the session has no sound for: conform it fresh, with a fresh ID.
                pins[PinKey(c.New)] = new EventPin(null, null, string.Empty);
                continue;
            }

            var take = TakeOf(oldMaterial, rushes, warnings);
            kept += oldMaterial.Clips.Count;
            var why = c.IsUnchanged
                ? $"unchanged since event {c.Old.EventId}: kept {take?.Name}"
                : $"{c.Label} from event {c.Old.EventId}: kept {take?.Name}";
            pins[PinKey(c.New)] = new EventPin(take, oldMaterial.Id, why);
        }

        var handles = HandlesOf(session) ?? options.Handles ?? RationalTime.FromSeconds(5);
        var conform = Conformer.Run(newCut, rushes, new ConformOptions
        {
            Handles = handles,
            SourceTimecodeRate = options.SourceTimecodeRate,
            Pin = p => pins.TryGetValue(PinKey(p), out var pin) ? pin : null,
            ReservedMaterialIds = reserved,
        });
        return new ReconformResult { Changes = changes, Conform = conform, KeptClipCount = kept, DroppedClipCount = dropped, Warnings = warnings };
    }

    /// <summary>The handles a session was conformed with, from its metadata, or null.</summary>
    public static RationalTime? HandlesOf(Timeline session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if ((session.Metadata["perche"] as JsonObject)?["handles"] is JsonObject h
            && h["value"] is JsonValue v && v.TryGetValue<long>(out var value)
            && h["rateNumerator"] is JsonValue n && n.TryGetValue<int>(out var num) && num > 0
            && h["rateDenominator"] is JsonValue d && d.TryGetValue<int>(out var den) && den > 0
            && value >= 0)
        {
            return new RationalTime(value, num, den);
        }

        return null;
    }

    /// <summary>The rushes folder a session was conformed against, from its metadata, or null.</summary>
    public static string? RushesOf(Timeline session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return (session.Metadata["perche"] as JsonObject)?["rushes"] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
    }

    // Conform reads the new cut's events again: an event is known by its number and record place.
    private static string PinKey(PictureEvent p) => p.EventId + "@" + p.Record.ToString();

    private sealed class SessionMaterial(string id)
    {
        public string Id { get; } = id;

        public List<Clip> Clips { get; } = [];
    }

    private static RushTake? TakeOf(SessionMaterial material, RushIndex rushes, List<string> warnings)
    {
        // The index knows the take whole (every channel, its length); the session only the channels it plays.
        foreach (var clip in material.Clips)
        {
            if (clip.Media.TargetUrl.Length > 0 && rushes.TakeOfFile(clip.Media.TargetUrl) is { } take)
            {
                return take;
            }
        }

        var first = material.Clips[0];
        var meta = first.Metadata["perche"]!;
        var sampleRate = first.SourceRange?.Start.RateNumerator ?? 48000;
        if (meta["fileStartSamples"] is not JsonValue startNode || !startNode.TryGetValue<long>(out var start) || first.Media.AvailableRange is not { } available)
        {
            warnings.Add($"{first.Media.TargetUrl}: not in the rushes index and the session does not say where the file starts; material {material.Id} is conformed again");
            return null;
        }

        // Rebuilt from what the session says (the files are no longer where the index looked).
        var length = meta["fileLengthSamples"] is JsonValue l && l.TryGetValue<long>(out var len) ? len
            : available.EndExclusive.ToSamples(sampleRate) - start;
        var channels = new List<RushChannel>();
        foreach (var c in material.Clips)
        {
            var m = c.Metadata["perche"]!;
            channels.Add(new RushChannel(
                c.Media.TargetUrl,
                c.Media.Channel ?? 1,
                c.Media.ChannelCount ?? 1,
                m["recorderTrack"] is JsonValue rt && rt.TryGetValue<int>(out var r) ? r : channels.Count + 1,
                MetadataValue.String(m, "channelName") ?? $"Ch {channels.Count + 1}"));
        }

        warnings.Add($"{first.Media.TargetUrl}: not in the rushes index; material {material.Id} kept from what the session says about it");
        return new RushTake
        {
            Key = "session:" + material.Id,
            Files = [.. channels.Select(c => c.FilePath).Distinct()],
            Channels = channels,
            SampleRateHz = sampleRate,
            StartSamples = start,
            LengthSamples = length,
            Tape = MetadataValue.String(meta, "roll") ?? string.Empty,
            Scene = MetadataValue.String(meta, "scene") ?? string.Empty,
            Take = MetadataValue.String(meta, "take") ?? string.Empty,
        };
    }
}
