using Perche.Core.Time;

namespace Perche.Post.Timelines;

/// <summary>One line of a timeline listing: an item or transition with its source and record ranges.</summary>
public sealed record TimelineRow(
    string Track,
    TrackKind TrackKind,
    int Index,
    string Kind,
    string Name,
    string Reel,
    string SourceFile,
    TimeRange? SourceRange,
    TimeRange RecordRange,
    double Speed,
    bool Enabled,
    IReadOnlyList<Marker> Markers,
    Item? Item);

/// <summary>Flattens a timeline into rows for listings (CLI table, JSON, web page): the same facts for every front-end.</summary>
public static class TimelineListing
{
    /// <summary>The rows of every track in order; record ranges are in timeline time from <see cref="Timeline.GlobalStartTime"/>.</summary>
    public static List<TimelineRow> Rows(Timeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var rows = new List<TimelineRow>();
        var start = timeline.GlobalStartTime ?? default;
        foreach (var track in timeline.AllTracks())
        {
            var index = 0;
            RationalTime cursor = default;
            foreach (var child in track.Children)
            {
                index++;
                if (child is Transition t)
                {
                    var at = TimeMath.Add(start, cursor);
                    var range = new TimeRange(TimeMath.Subtract(at, t.InOffset), t.Duration);
                    rows.Add(new TimelineRow(track.Name, track.Kind, index, t.TransitionType, t.Name, string.Empty, string.Empty, null, range, 1, true, [], null));
                    continue;
                }

                var item = (Item)child;
                var duration = item.Duration;
                var record = new TimeRange(TimeMath.Add(start, cursor), duration);
                cursor = TimeMath.Add(cursor, duration);
                var (kind, reel, file) = item switch
                {
                    Clip c => (c.Media.Kind == MediaKind.Generator ? "Generator" : "Clip", c.Reel, c.Media.TargetUrl),
                    Gap => ("Gap", string.Empty, string.Empty),
                    Stack => ("Stack", string.Empty, string.Empty),
                    _ => ("Track", string.Empty, string.Empty),
                };
                rows.Add(new TimelineRow(track.Name, track.Kind, index, kind, item.Name, reel, file, item is Gap ? null : item.TrimmedRange, record, item.SpeedScalar, item.Enabled, item.Markers, item));
            }
        }

        return rows;
    }

    /// <summary>A time as a timecode label at <paramref name="rate"/> (time since midnight), or seconds when no rate is known.</summary>
    public static string Label(RationalTime time, FrameRate? rate)
    {
        if (rate is { } r)
        {
            return Timecode.FromRationalTime(time, r).ToString();
        }

        return time.ToSeconds().ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";
    }
}
