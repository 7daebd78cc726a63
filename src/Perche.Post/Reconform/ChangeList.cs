using System.Globalization;
using System.Text;
using Perche.Core.Time;
using Perche.Post.Conform;
using Perche.Post.Timelines;

namespace Perche.Post.Reconform;

/// <summary>What happened to a piece of the cut between two versions; a changed event can carry several flags.</summary>
[Flags]
public enum CutChangeKind
{
    /// <summary>The same source at the same record place.</summary>
    None = 0,

    /// <summary>The event's material sits elsewhere in the record (a ripple, or a shot moved).</summary>
    Moved = 1,

    /// <summary>The first frame changed (the head was shortened or extended).</summary>
    TrimmedHead = 2,

    /// <summary>The last frame changed (the tail was shortened or extended).</summary>
    TrimmedTail = 4,

    /// <summary>The speed change differs.</summary>
    SpeedChanged = 8,

    /// <summary>New material: no event of the old cut shows this source.</summary>
    Inserted = 16,

    /// <summary>The old event's material is gone from the cut.</summary>
    Deleted = 32,

    /// <summary>Other source at the place of an event whose source is gone (an alternate take, a new angle).</summary>
    Replaced = 64,
}

/// <summary>One line of a change list: an old event, a new event, or both, and how they differ.</summary>
public sealed class CutChange
{
    /// <summary>The flags; <see cref="CutChangeKind.None"/> for an unchanged event.</summary>
    public required CutChangeKind Kind { get; init; }

    /// <summary>The event in the old cut (null for inserted material).</summary>
    public PictureEvent? Old { get; init; }

    /// <summary>The event in the new cut (null for deleted material).</summary>
    public PictureEvent? New { get; init; }

    /// <summary>New first source frame minus old (positive: the head was shortened).</summary>
    public RationalTime HeadDelta { get; init; }

    /// <summary>New source end minus old (positive: the tail was extended).</summary>
    public RationalTime TailDelta { get; init; }

    /// <summary>New record in minus old (positive: the event starts later).</summary>
    public RationalTime Shift { get; init; }

    /// <summary>True when nothing changed.</summary>
    public bool IsUnchanged => this.Kind == CutChangeKind.None;

    /// <summary>The flags as words joined by '+': unchanged, moved, trim-head, trim-tail, speed, inserted, deleted, replaced.</summary>
    public string Label => LabelOf(this.Kind);

    /// <summary>The words for a set of flags.</summary>
    public static string LabelOf(CutChangeKind kind)
    {
        if (kind == CutChangeKind.None)
        {
            return "unchanged";
        }

        var words = new List<string>(3);
        if ((kind & CutChangeKind.Inserted) != 0)
        {
            words.Add("inserted");
        }

        if ((kind & CutChangeKind.Deleted) != 0)
        {
            words.Add("deleted");
        }

        if ((kind & CutChangeKind.Replaced) != 0)
        {
            words.Add("replaced");
        }

        if ((kind & CutChangeKind.Moved) != 0)
        {
            words.Add("moved");
        }

        if ((kind & CutChangeKind.TrimmedHead) != 0)
        {
            words.Add("trim-head");
        }

        if ((kind & CutChangeKind.TrimmedTail) != 0)
        {
            words.Add("trim-tail");
        }

        if ((kind & CutChangeKind.SpeedChanged) != 0)
        {
            words.Add("speed");
        }

        return string.Join('+', words);
    }
}

/// <summary>
/// The change list between two cuts. Events are paired by what they show, not by their number: the same source
/// (reel, else clip name, else file) with overlapping source ranges, largest overlap first; what is left pairs by
/// record place (a replaced source), and the rest is inserted or deleted.
/// </summary>
public sealed class ChangeList
{
    private ChangeList(List<CutChange> changes)
    {
        this.Changes = changes;
    }

    /// <summary>Every event of both cuts, in new record order (deleted events at their old record place).</summary>
    public IReadOnlyList<CutChange> Changes { get; }

    /// <summary>Events with nothing changed.</summary>
    public int UnchangedCount => this.Changes.Count(c => c.IsUnchanged);

    /// <summary>Events that changed in any way (including inserted, deleted and replaced).</summary>
    public int ChangedCount => this.Changes.Count - this.UnchangedCount;

    /// <summary>Compares two cuts' picture events (as conform sees them, with the same options).</summary>
    public static ChangeList Compare(Timeline oldCut, Timeline newCut, ConformOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(oldCut);
        ArgumentNullException.ThrowIfNull(newCut);
        return Compare(Conformer.PictureEvents(oldCut, options), Conformer.PictureEvents(newCut, options));
    }

    /// <summary>Compares two lists of picture events.</summary>
    public static ChangeList Compare(IReadOnlyList<PictureEvent> oldEvents, IReadOnlyList<PictureEvent> newEvents)
    {
        ArgumentNullException.ThrowIfNull(oldEvents);
        ArgumentNullException.ThrowIfNull(newEvents);
        var bySource = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < oldEvents.Count; i++)
        {
            var key = SourceKey(oldEvents[i]);
            if (!bySource.TryGetValue(key, out var list))
            {
                bySource[key] = list = [];
            }

            list.Add(i);
        }

        // Every (old, new) pair showing the same source, best first: most shared source, then least moved.
        var pairs = new List<(int Old, int New, RationalTime Overlap, RationalTime ShiftAbs)>();
        for (var j = 0; j < newEvents.Count; j++)
        {
            if (!bySource.TryGetValue(SourceKey(newEvents[j]), out var olds))
            {
                continue;
            }

            foreach (var i in olds)
            {
                if (oldEvents[i].Source.Intersect(newEvents[j].Source) is { IsEmpty: false } overlap)
                {
                    var shift = ShiftOf(oldEvents[i], newEvents[j]);
                    pairs.Add((i, j, overlap.Duration, shift.Value < 0 ? shift.Negate() : shift));
                }
            }
        }

        pairs.Sort((a, b) => a.Overlap != b.Overlap ? b.Overlap.CompareTo(a.Overlap) : a.ShiftAbs != b.ShiftAbs ? a.ShiftAbs.CompareTo(b.ShiftAbs) : a.New != b.New ? a.New.CompareTo(b.New) : a.Old.CompareTo(b.Old));
        var oldTaken = new int[oldEvents.Count];
        var newTaken = new int[newEvents.Count];
        Array.Fill(oldTaken, -1);
        Array.Fill(newTaken, -1);
        foreach (var (o, n, _, _) in pairs)
        {
            if (oldTaken[o] < 0 && newTaken[n] < 0)
            {
                oldTaken[o] = n;
                newTaken[n] = o;
            }
        }

        var changes = new List<CutChange>(Math.Max(oldEvents.Count, newEvents.Count));
        for (var j = 0; j < newEvents.Count; j++)
        {
            if (newTaken[j] >= 0)
            {
                changes.Add(Paired(oldEvents[newTaken[j]], newEvents[j]));
            }
        }

        // What is left: a new source where an old one went is a replacement; record overlap decides, largest first.
        var leftovers = new List<(int Old, int New, RationalTime Overlap)>();
        for (var j = 0; j < newEvents.Count; j++)
        {
            if (newTaken[j] >= 0)
            {
                continue;
            }

            for (var i = 0; i < oldEvents.Count; i++)
            {
                if (oldTaken[i] < 0 && oldEvents[i].Record.Intersect(newEvents[j].Record) is { IsEmpty: false } overlap)
                {
                    leftovers.Add((i, j, overlap.Duration));
                }
            }
        }

        leftovers.Sort((a, b) => a.Overlap != b.Overlap ? b.Overlap.CompareTo(a.Overlap) : a.New != b.New ? a.New.CompareTo(b.New) : a.Old.CompareTo(b.Old));
        foreach (var (o, n, _) in leftovers)
        {
            if (oldTaken[o] < 0 && newTaken[n] < 0)
            {
                oldTaken[o] = n;
                newTaken[n] = o;
                changes.Add(new CutChange { Kind = CutChangeKind.Replaced, Old = oldEvents[o], New = newEvents[n], Shift = TimeMath.Subtract(newEvents[n].Record.Start, oldEvents[o].Record.Start) });
            }
        }

        for (var j = 0; j < newEvents.Count; j++)
        {
            if (newTaken[j] < 0)
            {
                changes.Add(new CutChange { Kind = CutChangeKind.Inserted, New = newEvents[j] });
            }
        }

        for (var i = 0; i < oldEvents.Count; i++)
        {
            if (oldTaken[i] < 0)
            {
                changes.Add(new CutChange { Kind = CutChangeKind.Deleted, Old = oldEvents[i] });
            }
        }

        // New record order; a deleted event sits at its old record place, before what now starts there.
        changes.Sort((a, b) =>
        {
            var ta = a.New?.Record.Start ?? a.Old!.Record.Start;
            var tb = b.New?.Record.Start ?? b.Old!.Record.Start;
            var c = ta.CompareTo(tb);
            return c != 0 ? c : (a.New is null ? 0 : 1).CompareTo(b.New is null ? 0 : 1);
        });
        return new ChangeList(changes);
    }

    /// <summary>The change list as CSV: kind, events, reel, clip, old/new source and record timecodes, deltas in frames.</summary>
    public string ToCsv(FrameRate rate, RationalTime recordStart)
    {
        var sb = new StringBuilder("change,old_event,new_event,reel,clip,old_source_in,old_source_out,new_source_in,new_source_out,old_record_in,old_record_out,new_record_in,new_record_out,head_frames,tail_frames,shift_frames\r\n");
        foreach (var row in this.Rows(rate, recordStart))
        {
            sb.AppendJoin(',', row.Select(Csv));
            sb.Append("\r\n");
        }

        return sb.ToString();
    }

    /// <summary>The change list as a fixed-width text table (for a printout or an e-mail to the picture department).</summary>
    public string ToText(FrameRate rate, RationalTime recordStart)
    {
        string[] header = ["change", "old", "new", "reel", "clip", "old source", "new source", "old record", "new record", "head", "tail", "shift"];
        var rows = new List<string[]> { header };
        foreach (var r in this.Rows(rate, recordStart))
        {
            rows.Add([r[0], r[1], r[2], r[3], r[4], Span(r[5], r[6]), Span(r[7], r[8]), Span(r[9], r[10]), Span(r[11], r[12]), r[13], r[14], r[15]]);
        }

        var widths = new int[header.Length];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                sb.Append(i >= 9 ? row[i].PadLeft(widths[i]) : row[i].PadRight(widths[i]));
                sb.Append(i + 1 < row.Length ? "  " : string.Empty);
            }

            sb.Append(Environment.NewLine);
        }

        sb.Append(string.Create(CultureInfo.InvariantCulture, $"{this.UnchangedCount} unchanged, {this.ChangedCount} changed; head/tail/shift in frames at {rate}{Environment.NewLine}"));
        return sb.ToString();
    }

    private static string Span(string a, string b) => a.Length == 0 ? string.Empty : a + "-" + b;

    /// <summary>Each change as the CSV's cells (the human table and the JSON use the same words).</summary>
    public IEnumerable<string[]> Rows(FrameRate rate, RationalTime recordStart)
    {
        var inv = CultureInfo.InvariantCulture;
        string Tc(RationalTime t) => Timecode.FromRationalTime(t, rate).ToString();
        string Rec(RationalTime t) => Tc(TimeMath.Add(recordStart, t));
        foreach (var c in this.Changes)
        {
            var any = c.New ?? c.Old!;
            yield return
            [
                c.Label,
                c.Old?.EventId ?? string.Empty,
                c.New?.EventId ?? string.Empty,
                any.Clip.Reel,
                any.Clip.Name,
                c.Old is { } o ? Tc(o.Source.Start) : string.Empty,
                c.Old is { } o2 ? Tc(o2.Source.EndExclusive) : string.Empty,
                c.New is { } n ? Tc(n.Source.Start) : string.Empty,
                c.New is { } n2 ? Tc(n2.Source.EndExclusive) : string.Empty,
                c.Old is { } o3 ? Rec(o3.Record.Start) : string.Empty,
                c.Old is { } o4 ? Rec(o4.Record.EndExclusive) : string.Empty,
                c.New is { } n3 ? Rec(n3.Record.Start) : string.Empty,
                c.New is { } n4 ? Rec(n4.Record.EndExclusive) : string.Empty,
                TimeMath.Frames(c.HeadDelta, rate).ToString(inv),
                TimeMath.Frames(c.TailDelta, rate).ToString(inv),
                TimeMath.Frames(c.Shift, rate).ToString(inv),
            ];
        }
    }

    /// <summary>
    /// The change list as a CMX 3600-style EDL the picture and sound departments both read: one event per change at
    /// its new record place with the change in a comment; deleted events as notes with their old place.
    /// </summary>
    public string ToEdl(string title, FrameRate rate, RationalTime recordStart)
    {
        var inv = CultureInfo.InvariantCulture;
        string Tc(RationalTime t) => Timecode.FromRationalTime(t, rate).ToString();
        var sb = new StringBuilder();
        sb.Append("TITLE: ").Append(title).Append(" CHANGES\r\n");
        sb.Append(rate.IsDropFrame ? "FCM: DROP FRAME\r\n" : "FCM: NON-DROP FRAME\r\n");
        var n = 0;
        foreach (var c in this.Changes)
        {
            if (c.IsUnchanged)
            {
                continue;
            }

            if (c.New is null)
            {
                // A deleted event has no record place any more: a note, so the list still reads as an EDL.
                var d = c.Old!;
                sb.Append(string.Create(inv, $"* DELETED: OLD EVENT {d.EventId} {d.Clip.Reel} {d.Clip.Name} {Tc(d.Source.Start)} {Tc(d.Source.EndExclusive)} WAS AT {Tc(TimeMath.Add(recordStart, d.Record.Start))} {Tc(TimeMath.Add(recordStart, d.Record.EndExclusive))}\r\n"));
                continue;
            }

            n++;
            var e = c.New;
            var reel = e.Clip.Reel.Length > 0 ? e.Clip.Reel : "AX";
            sb.Append(string.Create(inv, $"{n:000}  {reel,-8} V     C        {Tc(e.Source.Start)} {Tc(e.Source.EndExclusive)} {Tc(TimeMath.Add(recordStart, e.Record.Start))} {Tc(TimeMath.Add(recordStart, e.Record.EndExclusive))}\r\n"));
            if (e.Clip.Name.Length > 0)
            {
                sb.Append("* FROM CLIP NAME: ").Append(e.Clip.Name).Append("\r\n");
            }

            sb.Append("* CHANGE: ").Append(c.Label.ToUpperInvariant());
            if (c.Old is { } o && c.New is not null)
            {
                sb.Append(string.Create(inv, $" (OLD EVENT {o.EventId}; HEAD {TimeMath.Frames(c.HeadDelta, rate):+0;-0;0} TAIL {TimeMath.Frames(c.TailDelta, rate):+0;-0;0} SHIFT {TimeMath.Frames(c.Shift, rate):+0;-0;0} FRAMES)"));
            }

            sb.Append("\r\n");
        }

        return sb.ToString();
    }

    private static CutChange Paired(PictureEvent o, PictureEvent n)
    {
        var head = TimeMath.Subtract(n.Source.Start, o.Source.Start);
        var tail = TimeMath.Subtract(n.Source.EndExclusive, o.Source.EndExclusive);
        var recordDelta = TimeMath.Subtract(n.Record.Start, o.Record.Start);
        var kind = CutChangeKind.None;

        // Moved: the shared frames sit elsewhere and the event starts elsewhere. A ripple head trim shifts the frames
        // but not the record in, a head trim in place moves the record in but not the frames: both are only trims.
        if (ShiftOf(o, n).Value != 0 && recordDelta.Value != 0)
        {
            kind |= CutChangeKind.Moved;
        }

        if (head.Value != 0)
        {
            kind |= CutChangeKind.TrimmedHead;
        }

        if (tail.Value != 0)
        {
            kind |= CutChangeKind.TrimmedTail;
        }

        if (o.Clip.SpeedScalar != n.Clip.SpeedScalar)
        {
            kind |= CutChangeKind.SpeedChanged;
        }

        return new CutChange { Kind = kind, Old = o, New = n, HeadDelta = head, TailDelta = tail, Shift = recordDelta };
    }

    // Where a source frame lands in the record, new minus old: zero when the shared material did not move.
    private static RationalTime ShiftOf(PictureEvent o, PictureEvent n) =>
        TimeMath.Subtract(TimeMath.Subtract(n.Record.Start, n.Source.Start), TimeMath.Subtract(o.Record.Start, o.Source.Start));

    private static string SourceKey(PictureEvent e)
    {
        var c = e.Clip;
        return c.Reel.Length > 0 && !string.Equals(c.Reel, "AX", StringComparison.OrdinalIgnoreCase) ? "reel:" + c.Reel
            : c.Name.Length > 0 ? "clip:" + c.Name
            : "file:" + c.Media.TargetUrl;
    }

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
