using System.Globalization;
using System.Text.Json.Nodes;
using Perche.Core.Time;
using Perche.Post.Timelines;

namespace Perche.Post.Conform;

/// <summary>How an event found its recording.</summary>
public enum ConformStatus
{
    /// <summary>One recording covers the event and nothing else competes.</summary>
    Matched,

    /// <summary>Several recordings fit; the best by the stated reason was taken.</summary>
    Ambiguous,

    /// <summary>A recording covers only part of the event; that part was conformed.</summary>
    Partial,

    /// <summary>No recording covers the event's source timecode.</summary>
    Unmatched,
}

/// <summary>How to conform.</summary>
public sealed class ConformOptions
{
    /// <summary>Media kept available before and after each cut, bounded by the file (5 s by default).</summary>
    public RationalTime Handles { get; init; } = RationalTime.FromSeconds(5);

    /// <summary>
    /// The timecode rate the picture's source timecodes count in, when it differs from the timeline's (an EDL read at
    /// 24 for a 23.976 shoot): labels are what camera and recorder share, so they are re-read at this rate.
    /// </summary>
    public FrameRate? SourceTimecodeRate { get; init; }

    /// <summary>
    /// Re-conform's hook: for a picture event, the take to keep (the one the session already uses) and the material
    /// ID its clips keep; null (or a null take) conforms the event from the index as usual.
    /// </summary>
    public Func<PictureEvent, EventPin?>? Pin { get; init; }

    /// <summary>Material IDs a fresh event must not take (every ID the session being re-conformed ever used).</summary>
    public IReadOnlyCollection<string> ReservedMaterialIds { get; init; } = [];
}

/// <summary>What re-conform pins on an event: the take the session used, and the ID its clips carry.</summary>
/// <param name="Take">The take to keep, or null to match from the index.</param>
/// <param name="MaterialId">The material ID to keep, or null for a fresh one.</param>
/// <param name="Why">Said in the event's reason when the take is kept.</param>
public sealed record EventPin(RushTake? Take, string? MaterialId, string Why);

/// <summary>A picture event as conform sees it: the clip, its source and record ranges, the transition into it, the slate read from its names.</summary>
/// <param name="Clip">The picture clip.</param>
/// <param name="Source">The source range (camera timecode since midnight, re-read at the source timecode rate).</param>
/// <param name="Record">The record range, in timeline time from the timeline start.</param>
/// <param name="EventId">The EDL event number, else the position in the track.</param>
/// <param name="TransitionBefore">The transition into this event, if any.</param>
/// <param name="Slate">Scene/take read from the clip's names, if any.</param>
/// <param name="Evidence">The names and notes the event carries (clip, file, reel, comments).</param>
public sealed record PictureEvent(Clip Clip, TimeRange Source, TimeRange Record, string EventId, Transition? TransitionBefore, Slate? Slate, IReadOnlyList<string> Evidence);

/// <summary>The outcome for one picture event.</summary>
public sealed class ConformEvent
{
    /// <summary>The event's identifier (EDL event number, else the position in the track).</summary>
    public required string EventId { get; init; }

    /// <summary>The picture clip's name.</summary>
    public required string ClipName { get; init; }

    /// <summary>
    /// The ID of the material this event brings into the session (its clips are <c>MaterialId.k</c>, k the channel's
    /// place in the take); it survives re-conforms for as long as the event's material stays in the cut.
    /// </summary>
    public string MaterialId { get; internal set; } = string.Empty;

    /// <summary>The picture clip's reel.</summary>
    public required string Reel { get; init; }

    /// <summary>The event's source range (camera timecode, time since midnight).</summary>
    public required TimeRange Source { get; init; }

    /// <summary>The event's record range, in timeline time from the timeline start.</summary>
    public required TimeRange Record { get; init; }

    /// <summary>Matched, ambiguous, partial or unmatched.</summary>
    public ConformStatus Status { get; internal set; }

    /// <summary>The recording chosen, or null when unmatched.</summary>
    public RushTake? Take { get; internal set; }

    /// <summary>Every recording that overlaps the source range, best first.</summary>
    public IReadOnlyList<RushTake> Candidates { get; internal set; } = [];

    /// <summary>Why this recording (or none) was chosen, in words.</summary>
    public string Reason { get; internal set; } = string.Empty;

    /// <summary>Media available before the cut, bounded by the file.</summary>
    public RationalTime HandleBefore { get; internal set; }

    /// <summary>Media available after the cut, bounded by the file.</summary>
    public RationalTime HandleAfter { get; internal set; }

    /// <summary>The part of the event's source range the recording covers (1 = all).</summary>
    public double CoverageFraction { get; internal set; }

    /// <summary>The speed change of the picture clip kept on the sound (1 when none).</summary>
    public double SpeedScalar { get; internal set; } = 1;
}

/// <summary>The conformed session and the per-event report.</summary>
public sealed class ConformResult
{
    /// <summary>The sound timeline: one audio track per recorder channel name, clips at the picture's record positions.</summary>
    public required Timeline Session { get; init; }

    /// <summary>Every picture event, in record order.</summary>
    public required IReadOnlyList<ConformEvent> Events { get; init; }

    /// <summary>Events matched to one recording.</summary>
    public int MatchedCount => this.Events.Count(e => e.Status == ConformStatus.Matched);

    /// <summary>Events where several recordings fit.</summary>
    public int AmbiguousCount => this.Events.Count(e => e.Status == ConformStatus.Ambiguous);

    /// <summary>Events only partly covered.</summary>
    public int PartialCount => this.Events.Count(e => e.Status == ConformStatus.Partial);

    /// <summary>Events with no recording.</summary>
    public int UnmatchedCount => this.Events.Count(e => e.Status == ConformStatus.Unmatched);
}

/// <summary>
/// Conform: for every picture event, find the recording(s) whose timecode covers the event's source range, choose
/// among them by roll, scene/take and file name, and lay every channel of the chosen take on its own track at the
/// event's record position, with handles and the picture's speed changes.
/// </summary>
public static class Conformer
{
    /// <summary>Conforms the picture events of <paramref name="edit"/> against <paramref name="rushes"/>.</summary>
    public static ConformResult Run(Timeline edit, RushIndex rushes, ConformOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(edit);
        ArgumentNullException.ThrowIfNull(rushes);
        options ??= new ConformOptions();
        var picture = PictureEvents(edit, options);
        var events = new List<ConformEvent>(picture.Count);
        var pins = new EventPin?[picture.Count];
        var used = new HashSet<string>(options.ReservedMaterialIds, StringComparer.Ordinal);
        for (var i = 0; i < picture.Count; i++)
        {
            pins[i] = options.Pin?.Invoke(picture[i]);
            if (pins[i]?.MaterialId is { } kept)
            {
                used.Add(kept);
            }
        }

        for (var i = 0; i < picture.Count; i++)
        {
            var e = Match(picture[i], rushes, options, pins[i]);

            // Kept IDs first, so a fresh one never takes an ID an unchanged event still carries.
            e.MaterialId = pins[i]?.MaterialId ?? FreshId(pins[i] is null ? "E" + picture[i].EventId : "R" + picture[i].EventId, used);
            events.Add(e);
        }

        var session = BuildSession(edit, picture, events);

        // Re-conform reads the handles back from the session, so the unchanged clips keep their exact extent.
        session.Metadata["perche"] = new JsonObject
        {
            ["handles"] = new JsonObject { ["value"] = options.Handles.Value, ["rateNumerator"] = options.Handles.RateNumerator, ["rateDenominator"] = options.Handles.RateDenominator },
            ["rushes"] = rushes.Folder,
        };
        return new ConformResult { Session = session, Events = events };
    }

    /// <summary>The picture events of a cut, in record order, as conform and re-conform see them.</summary>
    public static List<PictureEvent> PictureEvents(Timeline edit, ConformOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(edit);
        options ??= new ConformOptions();
        // Picture tracks carry the cut; an audio-only edit (a sound EDL) is conformed from its first audio track.
        var tracks = edit.VideoTracks().ToList();
        if (tracks.Count == 0)
        {
            tracks = [.. edit.AudioTracks().Take(1)];
        }

        var list = new List<PictureEvent>();
        foreach (var track in tracks)
        {
            Transition? pendingTransition = null;
            RationalTime cursor = default;
            var index = 0;
            foreach (var child in track.Children)
            {
                if (child is Transition t)
                {
                    pendingTransition = t;
                    continue;
                }

                var item = (Item)child;
                var duration = item.Duration;
                var record = new TimeRange(cursor, duration);
                cursor = TimeMath.Add(cursor, duration);
                index++;
                if (item is not Clip clip || clip.Media.Kind == MediaKind.Generator || clip.SourceRange is null || !clip.Enabled)
                {
                    pendingTransition = null;
                    continue;
                }

                var source = clip.SourceRange.Value;
                if (options.SourceTimecodeRate is { } tcRate && edit.Rate is { } editRate && editRate != tcRate)
                {
                    // Same labels, other rate: frame N at 24 is frame N at 23.976.
                    source = new TimeRange(RationalTime.FromFrames(TimeMath.Frames(source.Start, editRate), tcRate), RationalTime.FromFrames(TimeMath.Frames(source.Duration, editRate), tcRate));
                }

                var id = (clip.Metadata["cmx_3600"] as JsonObject)?["event"] is JsonValue ev && ev.TryGetValue<string>(out var eventId) ? eventId : index.ToString("000", CultureInfo.InvariantCulture);
                var evidence = new List<string> { clip.Name, clip.Media.TargetUrl, clip.Reel };
                if ((clip.Metadata["cmx_3600"] as JsonObject)?["comments"] is JsonArray comments)
                {
                    evidence.AddRange(comments.Select(c => c is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty));
                }

                var slate = SlateParser.Parse(clip.Name) ?? SlateParser.Parse(Path.GetFileNameWithoutExtension(clip.Media.TargetUrl));
                foreach (var e in evidence)
                {
                    slate ??= SlateParser.Parse(e);
                }

                list.Add(new PictureEvent(clip, source, record, id, pendingTransition, slate, [.. evidence.Where(e => e.Length > 0)]));
                pendingTransition = null;
            }
        }

        list.Sort((a, b) => a.Record.Start.CompareTo(b.Record.Start));
        return list;
    }

    private static string FreshId(string stem, HashSet<string> used)
    {
        // Deterministic: the same cut conformed twice gives the same IDs.
        var id = stem;
        for (var n = 2; !used.Add(id); n++)
        {
            id = string.Create(CultureInfo.InvariantCulture, $"{stem}-{n}");
        }

        return id;
    }

    private static ConformEvent Match(PictureEvent p, RushIndex rushes, ConformOptions options, EventPin? pin)
    {
        var speed = p.Clip.SpeedScalar;

        // The source the picture actually plays: a warp at 2× reads twice the record length; a freeze reads one frame.
        var sourceLength = p.Clip.Effects.Count == 0 ? p.Source.Duration : ScaleTime(p.Source.Duration, Math.Abs(speed));
        var sourceRange = new TimeRange(p.Source.Start, sourceLength.Value == 0 ? new RationalTime(1, p.Source.Duration.RateNumerator, p.Source.Duration.RateDenominator) : sourceLength);
        var result = new ConformEvent
        {
            EventId = p.EventId,
            ClipName = p.Clip.Name,
            Reel = p.Clip.Reel,
            Source = sourceRange,
            Record = p.Record,
            SpeedScalar = speed,
        };

        var candidates = rushes.Overlapping(sourceRange.Start, sourceRange.EndExclusive);
        if (pin?.Take is { } pinned && pinned.Range.Overlaps(sourceRange))
        {
            // Re-conform keeps the take the session already plays (chosen by conform or by the editor).
            candidates = [pinned];
        }

        if (candidates.Count == 0)
        {
            result.Status = ConformStatus.Unmatched;
            result.Reason = "no recording covers this source timecode";
            return result;
        }

        var scored = new List<(RushTake Take, double Score, double Coverage, string Why)>();
        foreach (var take in candidates)
        {
            var overlap = take.Range.Intersect(sourceRange);
            var coverage = overlap is { } o ? o.Duration.ToSeconds() / sourceRange.Duration.ToSeconds() : 0;
            var why = new List<string>();
            double score = coverage >= 0.999999 ? 10 : 5 * coverage;
            if (p.Slate is { IsKnown: true } slate)
            {
                var takeSlate = Slate.From(take.Scene, take.Take);
                if (takeSlate == slate)
                {
                    score += 20;
                    why.Add($"scene {take.Scene} take {take.Take} as in the clip name");
                }
                else if (takeSlate.Scene == slate.Scene)
                {
                    score += 5;
                    why.Add($"scene {take.Scene} as in the clip name");
                }
                else
                {
                    score -= 10;
                    why.Add($"the clip name says {slate.Scene}-{slate.Take}, not {take.Scene}-{take.Take}");
                }
            }

            if (take.Tape.Length > 0 && p.Evidence.Any(e => ContainsWord(e, take.Tape)))
            {
                score += 15;
                why.Add($"roll {take.Tape} named by the event");
            }

            if (p.Evidence.Any(e => ContainsWord(e, take.Name)))
            {
                score += 25;
                why.Add($"file {take.Name} named by the event");
            }

            // The shoot's take index: the mixer's word on the take outweighs a tie but not the timecode.
            if (take.Report is { } report)
            {
                if (report.IsNotSync)
                {
                    score -= 30;
                    why.Add(report.WildTrack ? "wild track in the sound report" : "room tone in the sound report");
                }

                if (report.NoGood)
                {
                    score -= 8;
                    why.Add("marked NG in the sound report");
                }

                if (report.FalseStart)
                {
                    score -= 8;
                    why.Add("false start in the sound report");
                }

                if (report.Circled)
                {
                    score += 2;
                    why.Add("circled in the sound report");
                }

                if (report.Note.Length > 0)
                {
                    why.Add($"report note: {report.Note}");
                }
            }

            if (coverage < 0.999999)
            {
                why.Add(string.Create(CultureInfo.InvariantCulture, $"covers {coverage:P0} of the event"));
            }

            scored.Add((take, score, coverage, why.Count == 0 ? "timecode only" : string.Join(", ", why)));
        }

        scored.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : b.Coverage != a.Coverage ? b.Coverage.CompareTo(a.Coverage) : b.Take.Circled.CompareTo(a.Take.Circled));
        var best = scored[0];
        result.Take = best.Take;
        result.Candidates = [.. scored.Select(s => s.Take)];
        result.CoverageFraction = best.Coverage;
        var rivals = scored.Count(s => s.Score >= best.Score - 1e-9 || (s.Score > 0 && best.Score - s.Score < 5));
        if (best.Coverage < 0.999999)
        {
            result.Status = ConformStatus.Partial;
            result.Reason = pin?.Take is not null && ReferenceEquals(best.Take, pin.Take) ? $"{pin.Why}; {best.Why}" : best.Why;
        }
        else if (pin?.Take is not null && ReferenceEquals(best.Take, pin.Take))
        {
            result.Status = ConformStatus.Matched;
            result.Reason = pin.Why;
        }
        else if (scored.Count > 1 && rivals > 1)
        {
            result.Status = ConformStatus.Ambiguous;
            var second = scored[1];
            result.Reason = $"{scored.Count} recordings cover this timecode; chose {best.Take.Name} ({best.Why}{(best.Take.Circled && best.Take.Report is null ? ", circled" : string.Empty)}) over {second.Take.Name} ({second.Why})";
        }
        else
        {
            result.Status = ConformStatus.Matched;
            result.Reason = scored.Count > 1 ? $"{best.Why}; {scored.Count - 1} other recording(s) overlap but do not fit as well" : best.Why;
        }

        var handles = options.Handles;
        var before = RationalTime.Min(handles, TimeMath.Subtract(sourceRange.Start, best.Take.Start));
        var after = RationalTime.Min(handles, TimeMath.Subtract(best.Take.End, sourceRange.EndExclusive));
        result.HandleBefore = before.Value < 0 ? TimeMath.Zero(FrameRate.Fps24) : before;
        result.HandleAfter = after.Value < 0 ? TimeMath.Zero(FrameRate.Fps24) : after;
        return result;
    }

    private static RationalTime ScaleTime(RationalTime duration, double scalar)
    {
        // Speeds are decimal fractions (47.6 / 24): round the source length to the nearest tick of the picture rate.
        var ticks = (long)Math.Round(duration.Value * scalar, MidpointRounding.AwayFromZero);
        return new RationalTime(ticks, duration.RateNumerator, duration.RateDenominator);
    }

    private static bool ContainsWord(string text, string word)
    {
        if (word.Length == 0 || text.Length < word.Length)
        {
            return false;
        }

        var i = text.IndexOf(word, StringComparison.OrdinalIgnoreCase);
        while (i >= 0)
        {
            var beforeOk = i == 0 || !char.IsLetterOrDigit(text[i - 1]);
            var afterOk = i + word.Length == text.Length || !char.IsLetterOrDigit(text[i + word.Length]);
            if (beforeOk && afterOk)
            {
                return true;
            }

            i = text.IndexOf(word, i + 1, StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }

    private static Timeline BuildSession(Timeline edit, List<PictureEvent> picture, List<ConformEvent> events)
    {
        var session = new Timeline(edit.Name.Length > 0 ? edit.Name + " (conformed)" : "conformed")
        {
            GlobalStartTime = edit.GlobalStartTime,
            Rate = edit.Rate,
        };

        // One track per channel name, in recorder-track order of first appearance; overlapping events get another lane.
        var order = new List<(int RecorderTrack, string Name)>();
        foreach (var e in events)
        {
            if (e.Take is null)
            {
                continue;
            }

            foreach (var ch in e.Take.Channels)
            {
                if (!order.Any(o => string.Equals(o.Name, ch.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    order.Add((ch.RecorderTrack, ch.Name));
                }
            }
        }

        order.Sort((a, b) => a.RecorderTrack != b.RecorderTrack ? a.RecorderTrack.CompareTo(b.RecorderTrack) : string.CompareOrdinal(a.Name, b.Name));
        var lanes = new Dictionary<string, List<(Track Track, RationalTime Cursor, ConformEvent? Last)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (_, name) in order)
        {
            lanes[name] = [];
        }

        var laneTracks = new List<(string Name, int Lane, Track Track)>();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Take is not { } take)
            {
                continue;
            }

            var p = picture[i];
            var k = 0;
            foreach (var ch in take.Channels)
            {
                k++;
                var list = lanes[ch.Name];
                var lane = list.FindIndex(l => l.Cursor <= e.Record.Start);
                if (lane < 0)
                {
                    var track = new Track(list.Count == 0 ? ch.Name : $"{ch.Name} ({list.Count + 1})", TrackKind.Audio);
                    list.Add((track, default, null));
                    laneTracks.Add((ch.Name, list.Count - 1, track));
                    lane = list.Count - 1;
                }

                var (laneTrack, cursor, last) = list[lane];
                var start = e.Record.Start;
                var duration = e.Record.Duration;
                var sourceStart = e.Source.Start;

                // A partly covered event keeps only the covered part, at its place in the record.
                if (e.Status == ConformStatus.Partial && e.SpeedScalar == 1)
                {
                    var covered = take.Range.Intersect(e.Source)!.Value;
                    var offset = TimeMath.Subtract(covered.Start, e.Source.Start);
                    start = TimeMath.Add(start, offset);
                    duration = covered.Duration;
                    sourceStart = covered.Start;
                }

                if (start > cursor)
                {
                    laneTrack.Add(new Gap(TimeMath.Subtract(start, cursor)));
                }

                // The picture dissolved into this event from the one just before: crossfade the sound the same way.
                if (p.TransitionBefore is { } pt && last is not null && cursor == start && ReferenceEquals(last, i > 0 ? events[i - 1] : null))
                {
                    laneTrack.Add(new Transition { Name = "crossfade", TransitionType = TransitionTypes.Dissolve, InOffset = pt.InOffset, OutOffset = pt.OutOffset });
                }

                var sampleRate = take.SampleRateHz;
                var clip = new Clip
                {
                    Name = take.Name,
                    SourceRange = new TimeRange(RationalTime.FromSamples(sourceStart.ToSamples(sampleRate, MidpointRounding.AwayFromZero), sampleRate), RationalTime.FromSamples(duration.ToSamples(sampleRate, MidpointRounding.AwayFromZero), sampleRate)),
                    Media = new MediaReference
                    {
                        Kind = MediaKind.External,
                        TargetUrl = ch.FilePath,
                        Reel = take.Tape,
                        ChannelCount = ch.FileChannelCount,
                        Channel = ch.ChannelInFile,
                        AvailableRange = new TimeRange(
                            RationalTime.FromSamples(TimeMath.Subtract(sourceStart, e.HandleBefore).ToSamples(sampleRate, MidpointRounding.AwayFromZero), sampleRate),
                            RationalTime.FromSamples(TimeMath.Add(TimeMath.Add(e.HandleBefore, e.Source.Duration), e.HandleAfter).ToSamples(sampleRate, MidpointRounding.AwayFromZero), sampleRate)),
                    },
                };
                clip.Effects.AddRange(p.Clip.Effects);
                clip.Metadata["perche"] = new JsonObject
                {
                    ["clipId"] = string.Create(CultureInfo.InvariantCulture, $"{e.MaterialId}.{k}"),
                    ["material"] = e.MaterialId,
                    ["event"] = e.EventId,
                    ["pictureClip"] = e.ClipName,
                    ["scene"] = take.Scene,
                    ["take"] = take.Take,
                    ["roll"] = take.Tape,
                    ["recorderTrack"] = ch.RecorderTrack,
                    ["channelName"] = ch.Name,
                    ["status"] = e.Status.ToString(),
                    ["fileStartSamples"] = take.StartSamples,
                    ["fileLengthSamples"] = take.LengthSamples,
                    ["channelInFile"] = ch.ChannelInFile,
                    ["fileChannelCount"] = ch.FileChannelCount,
                    ["tapeDate"] = take.Date,
                    ["circled"] = take.Circled,
                };
                laneTrack.Add(clip);
                list[lane] = (laneTrack, TimeMath.Add(start, duration), e);
            }
        }

        // The picture editor's markers (LOC notes: "wind on lav") become session markers at their record time.
        foreach (var p in picture)
        {
            foreach (var m in p.Clip.Markers)
            {
                var offset = TimeMath.Subtract(m.MarkedRange.Start, p.Clip.TrimmedRange.Start);
                session.Markers.Add(new Marker { Name = m.Name, Color = m.Color, Comment = m.Comment, MarkedRange = new TimeRange(TimeMath.Add(p.Record.Start, offset), m.MarkedRange.Duration) });
            }
        }

        // Tracks in recorder order, lanes of one name together.
        foreach (var (_, name) in order)
        {
            foreach (var lane in lanes[name])
            {
                session.Tracks.Add(lane.Track);
            }
        }

        return session;
    }
}
