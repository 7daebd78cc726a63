using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Perche.Core;
using Perche.Core.Time;
using Perche.Post.Adapters.Fcp7Xml;
using Perche.Post.Timelines;

namespace Perche.Post.Adapters.FcpxXml;

/// <summary>
/// Reads Final Cut Pro X XML (FCPXML 1.8 and later; a library, an event or a project): the first project's sequence.
/// The primary storyline becomes the first video track; connected clips and storylines become one track per lane
/// (positive lanes video, negative lanes audio), placed at their parent's position plus their offset in the parent's
/// local time. Compound clips (ref-clip) become nested stacks of their media's sequence. Times are FCPXML's exact
/// rational seconds ("1001/30000s").
/// </summary>
public static class FcpxXmlReader
{
    private static readonly string[] ClipElements = ["asset-clip", "clip", "ref-clip", "sync-clip", "mc-clip", "title", "video", "audio"];

    /// <summary>Reads an .fcpxml file or an .fcpxmld bundle (its Info.fcpxml).</summary>
    /// <exception cref="PercheFormatException">Missing file, malformed XML, or not FCPXML.</exception>
    public static Timeline ReadFile(string path)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, "Info.fcpxml") : path;
        try
        {
            using var stream = File.OpenRead(file);
            return Read(stream, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw PercheFormatException.ForInput(path, $"cannot read the FCPXML file: {ex.Message}", ex);
        }
    }

    /// <summary>Reads FCPXML from a stream.</summary>
    public static Timeline Read(Stream stream, string inputName)
    {
        var doc = Fcp7XmlReader.LoadXml(stream, inputName);
        var root = doc.Root!;
        if (root.Name.LocalName != "fcpxml")
        {
            throw PercheFormatException.ForInput(inputName, $"not FCPXML: the root element is <{root.Name.LocalName}>, expected <fcpxml>");
        }

        return new Reader(inputName, root).Read();
    }

    private sealed class Reader(string inputName, XElement root)
    {
        private readonly Dictionary<string, XElement> resources = root.Element("resources")?.Elements().Where(e => e.Attribute("id") is not null).DistinctBy(e => (string)e.Attribute("id")!, StringComparer.Ordinal).ToDictionary(e => (string)e.Attribute("id")!, StringComparer.Ordinal) ?? [];
        private int depth;

        public Timeline Read()
        {
            var project = root.Descendants("project").FirstOrDefault();
            var sequence = project?.Element("sequence");
            var timeline = new Timeline(project is null ? "clips" : (string?)project.Attribute("name") ?? string.Empty);
            timeline.Metadata["fcpx_xml"] = new JsonObject { ["version"] = (string?)root.Attribute("version") };
            if (sequence is not null)
            {
                var rate = this.FormatRate((string?)sequence.Attribute("format"));
                timeline.Rate = rate;
                var tcStart = this.Time(sequence, "tcStart") ?? default;
                if (tcStart.Value != 0 || sequence.Attribute("tcStart") is not null)
                {
                    timeline.GlobalStartTime = rate is { } r ? tcStart.RescaledTo(r, MidpointRounding.AwayFromZero) : tcStart;
                }

                foreach (var track in this.SequenceTracks(sequence))
                {
                    timeline.Tracks.Add(track);
                }

                return timeline;
            }

            // No project (an export of event clips): the clips one after another on one track.
            var holder = root.Element("event") ?? root.Element("library")?.Element("event") ?? root;
            var trackOnly = new Track("V1", TrackKind.Video);
            foreach (var e in holder.Elements().Where(e => ClipElements.Contains(e.Name.LocalName)))
            {
                trackOnly.Add(this.MakeItem(e));
            }

            if (trackOnly.Children.Count == 0)
            {
                throw PercheFormatException.ForInput(inputName, "the FCPXML holds no project and no clips");
            }

            timeline.Tracks.Add(trackOnly);
            return timeline;
        }

        private List<Track> SequenceTracks(XElement sequence)
        {
            if (++this.depth > 64)
            {
                throw PercheFormatException.AtLine(inputName, Line(sequence), "compound clips nested more than 64 deep (or referring to themselves)");
            }

            var spine = sequence.Element("spine") ?? throw PercheFormatException.AtLine(inputName, Line(sequence), "a <sequence> without a <spine>");
            var lanes = new SortedDictionary<int, List<(RationalTime Position, Composable Item, RationalTime Duration)>>();
            var origin = this.Time(sequence, "tcStart") ?? default;
            this.PlaceSpine(spine, TimeMath.Subtract(default, origin), lane: 0, lanes);
            var tracks = new List<Track>();

            // Lane 0 and the positive lanes are picture (V1, V2...), the negative lanes sound (A1 for lane −1...).
            foreach (var (lane, items) in lanes.Where(l => l.Key >= 0))
            {
                tracks.Add(Assemble($"V{lane + 1}", TrackKind.Video, items));
            }

            foreach (var (lane, items) in lanes.Where(l => l.Key < 0).Reverse())
            {
                tracks.Add(Assemble($"A{-lane}", TrackKind.Audio, items));
            }

            this.depth--;
            return tracks;
        }

        private void PlaceSpine(XElement spine, RationalTime basePosition, int lane, SortedDictionary<int, List<(RationalTime, Composable, RationalTime)>> lanes)
        {
            // Spine children are in the spine's time: their offset plus the spine's base gives the timeline position.
            foreach (var e in spine.Elements())
            {
                var name = e.Name.LocalName;
                var offset = this.Time(e, "offset") ?? default;
                var position = TimeMath.Add(basePosition, offset);
                var duration = this.Time(e, "duration") ?? default;
                if (name == "transition")
                {
                    var half = new RationalTime(duration.Value, duration.RateNumerator * 2, duration.RateDenominator);
                    Add(lanes, lane, position, new Transition
                    {
                        Name = (string?)e.Attribute("name") ?? string.Empty,
                        TransitionType = ((string?)e.Attribute("name") ?? string.Empty).Contains("Dissolve", StringComparison.OrdinalIgnoreCase) ? TransitionTypes.Dissolve : TransitionTypes.Custom,
                        InOffset = half,
                        OutOffset = half,
                    }, default);
                    continue;
                }

                if (name != "gap" && ClipElements.Contains(name))
                {
                    Add(lanes, lane, position, this.MakeItem(e), duration);
                }
                else if (name != "gap")
                {
                    continue;
                }

                this.PlaceConnected(e, position, lanes);
            }
        }

        private void PlaceConnected(XElement parent, RationalTime parentPosition, SortedDictionary<int, List<(RationalTime, Composable, RationalTime)>> lanes)
        {
            // Connected items are in the parent's local time, which starts at the parent's 'start'.
            var parentStart = this.Time(parent, "start") ?? default;
            foreach (var c in parent.Elements())
            {
                if (c.Attribute("lane") is not { } laneAttr || !int.TryParse(laneAttr.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var lane))
                {
                    continue;
                }

                var position = TimeMath.Add(parentPosition, TimeMath.Subtract(this.Time(c, "offset") ?? default, parentStart));
                if (c.Name.LocalName == "spine")
                {
                    this.PlaceSpine(c, position, lane, lanes);
                }
                else if (ClipElements.Contains(c.Name.LocalName))
                {
                    Add(lanes, lane, position, this.MakeItem(c), this.Time(c, "duration") ?? default);
                }
            }
        }

        private static void Add(SortedDictionary<int, List<(RationalTime, Composable, RationalTime)>> lanes, int lane, RationalTime position, Composable item, RationalTime duration)
        {
            if (!lanes.TryGetValue(lane, out var list))
            {
                lanes[lane] = list = [];
            }

            list.Add((position, item, duration));
        }

        private static Track Assemble(string name, TrackKind kind, List<(RationalTime Position, Composable Item, RationalTime Duration)> items)
        {
            var track = new Track(name, kind);
            RationalTime cursor = default;
            foreach (var (position, item, duration) in items.OrderBy(i => i.Position).ThenBy(i => i.Item is Transition ? 0 : 1))
            {
                if (item is Transition t)
                {
                    track.Add(t);
                    continue;
                }

                if (position > cursor)
                {
                    track.Add(new Gap(TimeMath.Subtract(position, cursor)));
                }

                track.Add(item);
                cursor = RationalTime.Max(cursor, TimeMath.Add(position, duration));
            }

            return track;
        }

        private Item MakeItem(XElement e)
        {
            var name = (string?)e.Attribute("name") ?? string.Empty;
            var start = this.Time(e, "start") ?? default;
            var duration = this.Time(e, "duration") ?? default;
            var range = new TimeRange(start, duration);
            if (e.Name.LocalName == "ref-clip" && (string?)e.Attribute("ref") is { } mediaId && this.resources.TryGetValue(mediaId, out var media) && media.Element("sequence") is { } inner)
            {
                // A compound clip: its own sequence, nested.
                var stack = new Stack(name) { SourceRange = range };
                foreach (var track in this.SequenceTracks(inner))
                {
                    stack.Add(track);
                }

                this.Markers(e, stack);
                return stack;
            }

            var clip = new Clip { Name = name, SourceRange = range, Enabled = (string?)e.Attribute("enabled") != "0" };
            var assetId = (string?)e.Attribute("ref") ?? e.Descendants().Where(d => d.Name.LocalName is "video" or "audio").Select(d => (string?)d.Attribute("ref")).FirstOrDefault(r => r is not null);
            if (assetId is not null && this.resources.TryGetValue(assetId, out var asset) && asset.Name.LocalName == "asset")
            {
                var src = (string?)asset.Attribute("src") ?? (string?)asset.Element("media-rep")?.Attribute("src") ?? string.Empty;
                clip.Media = src.Length > 0 ? MediaReference.External(Fcp7XmlReader.PathFromUrl(src)) : MediaReference.Missing();
                var assetStart = this.Time(asset, "start") ?? default;
                if (this.Time(asset, "duration") is { } assetDuration)
                {
                    clip.Media.AvailableRange = new TimeRange(assetStart, assetDuration);
                }

                if (int.TryParse((string?)asset.Attribute("audioChannels"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var channels))
                {
                    clip.Media.ChannelCount = channels;
                }
            }
            else if (e.Name.LocalName == "title")
            {
                clip.Media = MediaReference.Generator("title");
            }

            this.Markers(e, clip);
            return clip;
        }

        private void Markers(XElement e, Item item)
        {
            foreach (var m in e.Elements().Where(m => m.Name.LocalName is "marker" or "chapter-marker"))
            {
                item.Markers.Add(new Marker
                {
                    Name = (string?)m.Attribute("value") ?? string.Empty,
                    Comment = (string?)m.Attribute("note") ?? string.Empty,
                    Color = (string?)m.Attribute("completed") is not null ? "GREEN" : "RED",
                    MarkedRange = new TimeRange(this.Time(m, "start") ?? default, this.Time(m, "duration") ?? default),
                });
            }
        }

        private FrameRate? FormatRate(string? formatId)
        {
            if (formatId is null || !this.resources.TryGetValue(formatId, out var format) || this.Time(format, "frameDuration") is not { } frame || frame.Value <= 0)
            {
                return null;
            }

            // frameDuration 1001/30000s → 30000/1001 fps; 100/2500s → 25 fps.
            long num = frame.RateNumerator, den = frame.Value * (long)frame.RateDenominator;
            var g = Gcd(num, den);
            num /= g;
            den /= g;
            return num <= int.MaxValue && den <= int.MaxValue && FrameRate.TryCreate((int)num, (int)den, false, out var rate) ? rate : null;
        }

        private static long Gcd(long a, long b)
        {
            while (b != 0)
            {
                (a, b) = (b, a % b);
            }

            return Math.Abs(a);
        }

        private RationalTime? Time(XElement e, string attribute)
        {
            if (e.Attribute(attribute) is not { } a)
            {
                return null;
            }

            // "0s", "10s", "1001/30000s", "3600.5s".
            var text = a.Value.Trim();
            if (text.Length < 2 || text[^1] != 's')
            {
                throw PercheFormatException.AtLine(inputName, Line(e), $"{attribute}=\"{a.Value}\" is not an FCPXML time (expected \"N/Ds\" or \"Ns\")");
            }

            var body = text[..^1];
            var slash = body.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && long.TryParse(body[..slash], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                && int.TryParse(body[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d > 0)
            {
                return new RationalTime(n, d);
            }

            if (long.TryParse(body, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
            {
                return new RationalTime(whole, 1);
            }

            if (decimal.TryParse(body, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var dec) && Math.Abs(dec) < 1e9m)
            {
                return new RationalTime((long)(dec * 1000), 1000);
            }

            throw PercheFormatException.AtLine(inputName, Line(e), $"{attribute}=\"{a.Value}\" is not an FCPXML time (expected \"N/Ds\" or \"Ns\")");
        }

        private static int Line(XElement e) => ((IXmlLineInfo)e).LineNumber;
    }
}
