using System.Text.Json.Nodes;
using Perche.Core.Time;
using Perche.Post.Timelines;

namespace Perche.Post.Cues;

/// <summary>One channel of a conformed event: the file and channel it plays, and which samples.</summary>
public sealed record SessionChannel(string Name, string File, int ChannelInFile, int FileChannelCount, long SourceStartSamples, long LengthSamples);

/// <summary>
/// A conformed event read back from a session (a conform's or re-conform's OTIO): the material ID, the picture
/// event, the take's scene/take/roll, its record range and every channel.
/// </summary>
public sealed record SessionEvent(
    string Material,
    string EventId,
    string Scene,
    string Take,
    string Roll,
    string TakeName,
    TimeRange Record,
    int SampleRateHz,
    long TakeStartSamples,
    long TakeLengthSamples,
    IReadOnlyList<SessionChannel> Channels)
{
    /// <summary>Where the event's first and last samples sit within the take (0..1), to place the script's lines.</summary>
    public (double From, double To) PlaceInTake
    {
        get
        {
            if (this.TakeLengthSamples <= 0 || this.Channels.Count == 0)
            {
                return (0, 1);
            }

            var c = this.Channels[0];
            var from = (double)(c.SourceStartSamples - this.TakeStartSamples) / this.TakeLengthSamples;
            var to = (double)(c.SourceStartSamples + c.LengthSamples - this.TakeStartSamples) / this.TakeLengthSamples;
            return (Math.Clamp(from, 0, 1), Math.Clamp(to, 0, 1));
        }
    }

    /// <summary>The conformed events of a session, in record order (clips conform did not place are ignored).</summary>
    public static List<SessionEvent> From(Timeline session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var order = new List<string>();
        var byMaterial = new Dictionary<string, (JsonObject Meta, TimeRange Record, List<SessionChannel> Channels, int Rate)>(StringComparer.Ordinal);
        foreach (var track in session.AudioTracks())
        {
            foreach (var (item, range) in track.ItemsWithRanges())
            {
                if (item is not Clip clip || clip.Metadata["perche"] is not JsonObject meta || clip.SourceRange is not { } source)
                {
                    continue;
                }

                var material = Str(meta, "material") ?? ("E" + (Str(meta, "event") ?? string.Empty));
                var rate = source.Start.RateNumerator / Math.Max(1, source.Start.RateDenominator);
                var channel = new SessionChannel(
                    Str(meta, "channelName") ?? track.Name,
                    clip.Media.TargetUrl,
                    clip.Media.Channel ?? 1,
                    clip.Media.ChannelCount ?? 1,
                    source.Start.ToSamples(rate, MidpointRounding.AwayFromZero),
                    source.Duration.ToSamples(rate, MidpointRounding.AwayFromZero));
                if (byMaterial.TryGetValue(material, out var entry))
                {
                    entry.Channels.Add(channel);
                    var start = RationalTime.Min(entry.Record.Start, range.Start);
                    var end = RationalTime.Max(entry.Record.EndExclusive, range.EndExclusive);
                    byMaterial[material] = (entry.Meta, TimeRange.FromStartEndExclusive(start, end), entry.Channels, entry.Rate);
                }
                else
                {
                    order.Add(material);
                    byMaterial[material] = (meta, range, [channel], rate);
                }
            }
        }

        var list = new List<SessionEvent>(order.Count);
        foreach (var material in order)
        {
            var (meta, record, channels, rate) = byMaterial[material];
            var takeStart = Long(meta, "fileStartSamples") ?? channels[0].SourceStartSamples;
            list.Add(new SessionEvent(
                material,
                Str(meta, "event") ?? string.Empty,
                Str(meta, "scene") ?? string.Empty,
                Str(meta, "take") ?? string.Empty,
                Str(meta, "roll") ?? string.Empty,
                Path.GetFileNameWithoutExtension(channels[0].File),
                record,
                rate,
                takeStart,
                Long(meta, "fileLengthSamples") ?? 0,
                channels));
        }

        list.Sort((a, b) => a.Record.Start.CompareTo(b.Record.Start));
        return list;
    }

    // A session is user input: a value of the wrong kind reads as absent, not as an exception.
    private static string? Str(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static long? Long(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;
}
