using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Perche.Core;
using Perche.Core.Time;
using Perche.Post.Timelines;

namespace Perche.Post.Adapters.Fcp7Xml;

/// <summary>
/// Reads Final Cut Pro 7 XML interchange (xmeml v1–v5, as Premiere, Resolve, Avid and Hiero write it): the first
/// sequence, its video and audio tracks (Premiere's exploded stereo pairs folded to one), clip items with their file's
/// timecode, transitions with their alignment, generators, nested sequences, markers, enabled flags.
/// </summary>
public static class Fcp7XmlReader
{
    /// <summary>Reads an xmeml file.</summary>
    /// <exception cref="PercheFormatException">Missing file, malformed XML, or no sequence.</exception>
    public static Timeline ReadFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Read(stream, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw PercheFormatException.ForInput(path, $"cannot read the XML file: {ex.Message}", ex);
        }
    }

    /// <summary>Reads xmeml from a stream.</summary>
    public static Timeline Read(Stream stream, string inputName)
    {
        var doc = LoadXml(stream, inputName);
        var root = doc.Root!;
        if (root.Name.LocalName != "xmeml")
        {
            throw PercheFormatException.ForInput(inputName, $"not FCP 7 XML: the root element is <{root.Name.LocalName}>, expected <xmeml>");
        }

        var sequence = root.Descendants("sequence").FirstOrDefault(s => !s.Ancestors("clipitem").Any())
            ?? throw PercheFormatException.ForInput(inputName, "the XML holds no <sequence>");
        var reader = new Reader(inputName, root);
        return reader.ReadSequence(sequence);
    }

    /// <summary>Loads XML safely: no DTD processing, no external entities, line numbers kept for errors.</summary>
    internal static XDocument LoadXml(Stream stream, string inputName)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreWhitespace = false };
        try
        {
            stream = Perche.Core.Formats.XmlShape.Check(stream, settings, inputName);
            using var xr = XmlReader.Create(stream, settings);
            return XDocument.Load(xr, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw PercheFormatException.AtLine(inputName, ex.LineNumber, $"malformed XML: {ex.Message}", ex);
        }
    }

    private sealed class Reader(string inputName, XElement root)
    {
        private readonly Dictionary<string, XElement> files = BuildFileTable(root);

        public Timeline ReadSequence(XElement sequence)
        {
            var rate = this.Rate(sequence.Element("rate"), sequence);
            var timeline = new Timeline(Text(sequence, "name")) { Rate = rate };
            if (sequence.Element("timecode") is { } tc && Number(tc, "frame") is { } frame)
            {
                var tcRate = this.Rate(tc.Element("rate"), tc);
                if (string.Equals(Text(tc, "displayformat"), "DF", StringComparison.OrdinalIgnoreCase) && tcRate.TimecodeBase is 30 or 60)
                {
                    tcRate = new FrameRate(tcRate.TimecodeBase * 1000, 1001, isDropFrame: true);
                    timeline.Rate = tcRate;
                }

                timeline.GlobalStartTime = RationalTime.FromFrames((long)frame, tcRate);
            }

            foreach (var track in this.ReadTracks(sequence, rate))
            {
                timeline.Tracks.Add(track);
            }

            foreach (var m in sequence.Elements("marker"))
            {
                timeline.Markers.Add(this.Marker(m, rate, 0));
            }

            var meta = new JsonObject();
            if (sequence.Element("labels")?.Element("label2")?.Value is { } label2)
            {
                meta["labels"] = new JsonObject { ["label2"] = label2 };
            }

            foreach (var attr in sequence.Attributes())
            {
                meta["@" + attr.Name.LocalName] = attr.Value;
            }

            timeline.Metadata["fcp_xml"] = meta;
            return timeline;
        }

        private List<Track> ReadTracks(XElement sequence, FrameRate rate)
        {
            var tracks = new List<Track>();
            var media = sequence.Element("media");
            foreach (var (kindName, kind) in new[] { ("video", TrackKind.Video), ("audio", TrackKind.Audio) })
            {
                foreach (var t in media?.Element(kindName)?.Elements("track") ?? [])
                {
                    // Premiere writes each stereo track twice ("exploded"); the second half repeats the first.
                    if (int.TryParse((string?)t.Attribute("currentExplodedTrackIndex"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var exploded) && exploded > 0)
                    {
                        continue;
                    }

                    tracks.Add(this.ReadTrack(t, kind, rate));
                }
            }

            return tracks;
        }

        private Track ReadTrack(XElement t, TrackKind kind, FrameRate rate)
        {
            // Premiere keeps the track's name in an attribute; FCP and Hiero in <name>.
            var name = Text(t, "name") is { Length: > 0 } n ? n : (string?)t.Attribute("MZ.TrackName") ?? string.Empty;
            var track = new Track(name, kind) { Enabled = !IsFalse(t, "enabled") };
            var elements = t.Elements().Where(e => e.Name.LocalName is "clipitem" or "transitionitem" or "generatoritem").ToList();
            long cursor = 0;
            for (var i = 0; i < elements.Count; i++)
            {
                var e = elements[i];
                if (e.Name.LocalName == "transitionitem")
                {
                    var (cut, inOffset, outOffset) = this.TransitionCut(e);
                    if (cut - inOffset > cursor)
                    {
                        track.Add(new Gap(RationalTime.FromFrames(cut - inOffset - cursor, rate)));
                        cursor = cut - inOffset;
                    }

                    var effect = e.Element("effect");
                    var transition = new Transition
                    {
                        Name = Text(effect, "name"),
                        TransitionType = Text(effect, "effectid").Contains("Dissolve", StringComparison.OrdinalIgnoreCase) || Text(effect, "name").Contains("Dissolve", StringComparison.OrdinalIgnoreCase) ? TransitionTypes.Dissolve : TransitionTypes.Custom,
                        InOffset = RationalTime.FromFrames(inOffset, rate),
                        OutOffset = RationalTime.FromFrames(outOffset, rate),
                    };
                    transition.Metadata["fcp_xml"] = new JsonObject { ["alignment"] = Text(e, "alignment"), ["effectid"] = Text(effect, "effectid") };
                    track.Add(transition);
                    continue;
                }

                var start = Frames(e, "start", -1);
                var end = Frames(e, "end", -1);
                var sourceIn = Frames(e, "in", 0);
                var sourceOut = Frames(e, "out", 0);
                var length = sourceOut - sourceIn;
                var prev = i > 0 && elements[i - 1].Name.LocalName == "transitionitem" ? elements[i - 1] : null;
                var next = i + 1 < elements.Count && elements[i + 1].Name.LocalName == "transitionitem" ? elements[i + 1] : null;

                // -1 means "at the transition": the edit point is the transition's cut, by its alignment.
                var recordStart = start >= 0 ? start : prev is not null ? this.TransitionCut(prev).Cut : end - length;
                var recordEnd = end >= 0 ? end : next is not null ? this.TransitionCut(next).Cut : recordStart + length;
                var originalStart = start >= 0 ? start : end >= 0 ? end - length : prev is not null ? Frames(prev, "start", recordStart) : recordStart;
                sourceIn += recordStart - originalStart;
                var duration = Math.Max(0, recordEnd - recordStart);
                if (recordStart > cursor)
                {
                    track.Add(new Gap(RationalTime.FromFrames(recordStart - cursor, rate)));
                }

                var item = this.ReadItem(e, rate, sourceIn, duration, length);
                track.Add(item);
                cursor = Math.Max(cursor, recordStart) + duration;
            }

            return track;
        }

        private Item ReadItem(XElement e, FrameRate rate, long sourceIn, long duration, long sourceLength)
        {
            var name = Text(e, "name");
            var clipRate = e.Element("rate") is { } r ? this.Rate(r, e) : rate;
            if (e.Element("sequence") is { } nested)
            {
                var stack = new Stack(name) { Enabled = !IsFalse(e, "enabled") };
                foreach (var track in this.ReadTracks(nested, this.Rate(nested.Element("rate"), nested)))
                {
                    stack.Add(track);
                }

                stack.SourceRange = new TimeRange(RationalTime.FromFrames(sourceIn, clipRate), RationalTime.FromFrames(duration, rate));
                return stack;
            }

            var clip = new Clip { Name = name, Enabled = !IsFalse(e, "enabled") };
            long mediaStart = 0;
            if (e.Name.LocalName == "generatoritem")
            {
                var effect = e.Element("effect");
                clip.Media = MediaReference.Generator(Text(effect, "effectid") is { Length: > 0 } id ? id : Text(effect, "name"));
            }
            else if (this.File(e.Element("file")) is { } sourceFile && Text(sourceFile, "mediaSource") is { Length: > 0 } source)
            {
                // Premiere's slugs, bars, titles: a <file> with a <mediaSource> instead of a path.
                clip.Media = MediaReference.Generator(source);
            }
            else if (this.File(e.Element("file")) is { } file)
            {
                var fileRate = file.Element("rate") is { } fr ? this.Rate(fr, file) : clipRate;
                var tc = file.Element("timecode");
                mediaStart = tc is not null && Number(tc, "frame") is { } f ? (long)f : 0;
                var url = Text(file, "pathurl");
                var fileDuration = Number(file, "duration");
                clip.Media = url.Length > 0 ? MediaReference.External(PathFromUrl(url)) : MediaReference.Missing();
                clip.Media.Reel = Text(tc, "reel") is { Length: > 0 } reelName ? reelName : tc?.Element("reel")?.Element("name")?.Value ?? string.Empty;
                if (fileDuration is { } d)
                {
                    clip.Media.AvailableRange = new TimeRange(RationalTime.FromFrames(mediaStart, fileRate), RationalTime.FromFrames((long)d, fileRate));
                }

                var channels = file.Element("media")?.Element("audio")?.Element("channelcount")?.Value;
                if (int.TryParse(channels, NumberStyles.Integer, CultureInfo.InvariantCulture, out var cc))
                {
                    clip.Media.ChannelCount = cc;
                }
            }
            else
            {
                clip.Media = MediaReference.Missing();
            }

            // in/out count at the clip's rate; start/end (the duration on the track) at the sequence's.
            clip.SourceRange = new TimeRange(RationalTime.FromFrames(mediaStart + sourceIn, clipRate), RationalTime.FromFrames(duration, rate));
            if (RationalTime.FromFrames(sourceLength, clipRate) != RationalTime.FromFrames(duration, rate) && duration > 0 && e.Element("sequence") is null && !HasTransitionNeighbour(e))
            {
                clip.Effects.Add(sourceLength == 0
                    ? new TimeEffect(TimeEffectKind.FreezeFrame, 0, "FreezeFrame")
                    : new TimeEffect(TimeEffectKind.LinearTimeWarp, RationalTime.FromFrames(sourceLength, clipRate).ToSeconds() / RationalTime.FromFrames(duration, rate).ToSeconds(), "LinearTimeWarp"));
            }

            foreach (var m in e.Elements("marker"))
            {
                clip.Markers.Add(this.Marker(m, clipRate, mediaStart));
            }

            var meta = new JsonObject();
            if (e.Attribute("id") is { } idAttr)
            {
                meta["id"] = idAttr.Value;
            }

            var logging = e.Element("logginginfo");
            if (logging is not null)
            {
                meta["scene"] = Text(logging, "scene");
                meta["shottake"] = Text(logging, "shottake");
            }

            clip.Metadata["fcp_xml"] = meta;
            return clip;
        }

        private static bool HasTransitionNeighbour(XElement e)
            => e.ElementsBeforeSelf().LastOrDefault()?.Name.LocalName == "transitionitem" || e.ElementsAfterSelf().FirstOrDefault()?.Name.LocalName == "transitionitem";

        private (long Cut, long InOffset, long OutOffset) TransitionCut(XElement t)
        {
            var start = Frames(t, "start", 0);
            var end = Frames(t, "end", start);
            var length = end - start;
            var alignment = Text(t, "alignment").ToLowerInvariant();
            var before = alignment switch
            {
                "start" or "start-black" => 0,
                "end" or "end-black" => length,
                _ => length / 2,
            };
            return (start + before, before, length - before);
        }

        private Marker Marker(XElement m, FrameRate rate, long mediaStart)
        {
            var markIn = Frames(m, "in", 0);
            var markOut = Frames(m, "out", -1);
            return new Marker
            {
                Name = Text(m, "name"),
                Comment = Text(m, "comment"),
                Color = "RED",
                MarkedRange = new TimeRange(RationalTime.FromFrames(mediaStart + markIn, rate), RationalTime.FromFrames(markOut > markIn ? markOut - markIn : 0, rate)),
            };
        }

        private XElement? File(XElement? reference)
        {
            if (reference is null)
            {
                return null;
            }

            // Later uses of a file are empty elements pointing at the first, full definition by id.
            if (!reference.HasElements && reference.Attribute("id") is { } id && this.files.TryGetValue(id.Value, out var full))
            {
                return full;
            }

            return reference;
        }

        private FrameRate Rate(XElement? rate, XElement context)
        {
            if (rate is null)
            {
                return FrameRate.Fps24;
            }

            var timebase = Number(rate, "timebase");
            if (timebase is not { } tb || tb < 1 || tb > 1000)
            {
                var line = ((IXmlLineInfo)context).LineNumber;
                throw PercheFormatException.AtLine(inputName, line, $"<rate> needs a <timebase> between 1 and 1000, found \"{Text(rate, "timebase")}\"");
            }

            var ntsc = string.Equals(Text(rate, "ntsc"), "TRUE", StringComparison.OrdinalIgnoreCase);
            var n = (int)Math.Round(tb);
            return ntsc ? new FrameRate(n * 1000, 1001) : new FrameRate(n, 1);
        }

        private long Frames(XElement e, string name, long fallback)
        {
            var text = e.Element(name)?.Value;
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v) || Math.Abs(v) > 1e12)
            {
                throw PercheFormatException.AtLine(inputName, ((IXmlLineInfo)e.Element(name)!).LineNumber, $"<{name}> must be a frame count, found \"{text}\"");
            }

            return (long)Math.Round(v);
        }

        private static Dictionary<string, XElement> BuildFileTable(XElement root)
        {
            var table = new Dictionary<string, XElement>(StringComparer.Ordinal);
            foreach (var f in root.Descendants("file"))
            {
                if (f.HasElements && f.Attribute("id") is { } id)
                {
                    table.TryAdd(id.Value, f);
                }
            }

            return table;
        }
    }

    private static double? Number(XElement? e, string name)
        => double.TryParse(e?.Element(name)?.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static string Text(XElement? e, string name) => e?.Element(name)?.Value.Trim() ?? string.Empty;

    private static bool IsFalse(XElement e, string name) => string.Equals(e.Element(name)?.Value.Trim(), "FALSE", StringComparison.OrdinalIgnoreCase);

    internal static string PathFromUrl(string url)
    {
        // file://localhost/Volumes/Media/a%20b.mov → /Volumes/Media/a b.mov; other URLs stay as given.
        if (url.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            var rest = url[7..];
            if (rest.StartsWith("localhost", StringComparison.OrdinalIgnoreCase))
            {
                rest = rest[9..];
            }

            var decoded = Uri.UnescapeDataString(rest);

            // file:///C:/media → C:/media
            return decoded.Length > 2 && decoded[0] == '/' && decoded[2] == ':' ? decoded[1..] : decoded;
        }

        return url;
    }
}
