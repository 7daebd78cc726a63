using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Perche.Core;
using Perche.Core.Time;
using Perche.Post.Timelines;

namespace Perche.Post.Adapters.Otio;

/// <summary>
/// Reads OpenTimelineIO JSON (.otio): Timeline.1, SerializableCollection.1 (its first timeline), Stack, Track (alias
/// Sequence), Clip.1/.2, Gap (alias Filler), Transition, Marker.1–3, LinearTimeWarp, FreezeFrame, and the media
/// references. OTIO writes non-standard JSON: <c>Inf</c>, <c>-Infinity</c> and <c>NaN</c> literals, and integers
/// beyond 64 bits, which are read and kept (big integers verbatim in the metadata).
/// </summary>
public static class OtioJsonReader
{
    /// <summary>Reads an .otio file.</summary>
    /// <exception cref="PercheFormatException">Missing file, malformed JSON, or not an OTIO timeline.</exception>
    public static Timeline ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw PercheFormatException.ForInput(path, $"cannot read the OTIO file: {ex.Message}", ex);
        }

        return ReadString(text, path);
    }

    /// <summary>Reads OTIO JSON text; <paramref name="inputName"/> names it in errors.</summary>
    /// <exception cref="PercheFormatException">Malformed JSON, or not an OTIO timeline.</exception>
    public static Timeline ReadString(string text, string inputName)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(ReplaceNonFiniteLiterals(text), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 512, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            throw PercheFormatException.AtLine(inputName, (ex.LineNumber ?? 0) + 1, $"not valid JSON: {ex.Message}", ex);
        }

        try
        {
            return Read(root, inputName);
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentException)
        {
            // Values of the right kind that the time model refuses (a range that overflows, a rate it cannot hold).
            // Values of the wrong JSON kind never get here: the typed accessors name the key and its path.
            throw PercheFormatException.ForInput(inputName, $"not a valid OTIO document: {ex.Message}", ex);
        }
    }

    private static Timeline Read(JsonNode? root, string inputName)
    {
        var reader = new Reader(inputName);
        if (root is not JsonObject obj)
        {
            throw PercheFormatException.ForInput(inputName, "not an OTIO document: the top level is not an object");
        }

        var schema = Schema(obj, inputName);
        if (schema == "SerializableCollection")
        {
            foreach (var child in obj["children"] as JsonArray ?? [])
            {
                if (child is JsonObject c && Schema(c, inputName) == "Timeline")
                {
                    return reader.ReadTimeline(c);
                }
            }

            throw PercheFormatException.ForInput(inputName, "the SerializableCollection holds no Timeline");
        }

        if (schema != "Timeline")
        {
            throw PercheFormatException.ForInput(inputName, $"expected an OTIO Timeline, found OTIO_SCHEMA \"{obj["OTIO_SCHEMA"]}\"");
        }

        return reader.ReadTimeline(obj);
    }

    /// <summary>
    /// OTIO's writer emits Inf, -Inf, Infinity, -Infinity and NaN as bare words. Outside strings, infinities become
    /// ±1e999 (a JSON number that reads back as infinity) and NaN becomes the string "NaN".
    /// </summary>
    internal static string ReplaceNonFiniteLiterals(string text)
    {
        if (!text.Contains("Inf", StringComparison.Ordinal) && !text.Contains("NaN", StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                sb.Append(c);
                if (c == '\\' && i + 1 < text.Length)
                {
                    sb.Append(text[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                sb.Append(c);
                continue;
            }

            if (Word(text, i, "-Infinity") || Word(text, i, "-Inf"))
            {
                sb.Append("-1e999");
                i += Word(text, i, "-Infinity") ? 8 : 3;
                continue;
            }

            if (Word(text, i, "Infinity") || Word(text, i, "Inf"))
            {
                sb.Append("1e999");
                i += Word(text, i, "Infinity") ? 7 : 2;
                continue;
            }

            if (Word(text, i, "NaN"))
            {
                sb.Append("\"NaN\"");
                i += 2;
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static bool Word(string text, int i, string word)
        => string.CompareOrdinal(text, i, word, 0, word.Length) == 0 && (i + word.Length == text.Length || !char.IsLetter(text[i + word.Length]));

    /// <summary>A string at <paramref name="key"/>, null when absent or JSON null; any other kind is a format error naming the key's path.</summary>
    internal static string? OptString(JsonObject o, string key, string inputName) => Typed<string>(o, key, inputName, "a string");

    /// <summary>A bool at <paramref name="key"/>, null when absent or JSON null; any other kind is a format error.</summary>
    internal static bool? OptBool(JsonObject o, string key, string inputName) => Typed<bool>(o, key, inputName, "true or false") is { } b ? b : null;

    /// <summary>An integer at <paramref name="key"/>, null when absent or JSON null; another kind or a fraction is a format error.</summary>
    internal static int? OptInt(JsonObject o, string key, string inputName)
    {
        var node = o[key];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.TryGetValue<int>(out var i))
        {
            return i;
        }

        throw WrongKind(node, key, inputName, "an integer");
    }

    private static T? Typed<T>(JsonObject o, string key, string inputName, string expected)
    {
        var node = o[key];
        if (node is null)
        {
            return default;
        }

        if (node is JsonValue v && v.TryGetValue<T>(out var value))
        {
            return value;
        }

        throw WrongKind(node, key, inputName, expected);
    }

    private static PercheFormatException WrongKind(JsonNode node, string key, string inputName, string expected)
    {
        var kind = node.GetValueKind() switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a bool",
            _ => node.GetValueKind().ToString(),
        };
        return PercheFormatException.ForInput(inputName, $"{node.GetPath()}: \"{key}\" must be {expected}, found {kind}");
    }

    private static string Schema(JsonObject o, string inputName)
    {
        var s = OptString(o, "OTIO_SCHEMA", inputName) ?? string.Empty;
        var dot = s.LastIndexOf('.');
        return dot > 0 ? s[..dot] : s;
    }

    private sealed class Reader(string inputName)
    {
        public Timeline ReadTimeline(JsonObject o)
        {
            var timeline = new Timeline(Str(o, "name"));
            timeline.Metadata = Meta(o);
            if (o["global_start_time"] is JsonObject g)
            {
                timeline.GlobalStartTime = this.Time(g);
            }

            if (timeline.Metadata["perche"] is JsonObject ours && OptString(ours, "rate", inputName) is { } rateText
                && FrameRate.TryParse(rateText, OptBool(ours, "dropFrame", inputName) == true ? "DF" : null, out var exact))
            {
                timeline.Rate = exact;
            }

            if (o["tracks"] is not JsonObject tracks)
            {
                throw PercheFormatException.ForInput(inputName, $"timeline \"{timeline.Name}\" has no tracks stack");
            }

            var stack = this.ReadComposable(tracks, 0) as Stack ?? throw PercheFormatException.ForInput(inputName, "the timeline's tracks are not a Stack");
            foreach (var child in stack.DetachAll())
            {
                timeline.Tracks.Add(child);
            }

            timeline.Tracks.Metadata = stack.Metadata;
            timeline.Markers.AddRange(stack.Markers);
            if (timeline.Rate is null)
            {
                timeline.Rate = GuessRate(timeline);
            }

            return timeline;
        }

        private List<Composable> ReadChildren(JsonObject o, int depth)
        {
            var list = new List<Composable>();
            foreach (var child in o["children"] as JsonArray ?? [])
            {
                if (child is JsonObject c && this.ReadComposable(c, depth + 1) is { } composable)
                {
                    list.Add(composable);
                }
            }

            return list;
        }

        private Composable? ReadComposable(JsonObject o, int depth)
        {
            if (depth > 200)
            {
                throw PercheFormatException.ForInput(inputName, "compositions nested more than 200 deep");
            }

            var schema = Schema(o, inputName);
            Composable result;
            switch (schema)
            {
                case "Transition":
                    result = new Transition
                    {
                        TransitionType = Str(o, "transition_type") is { Length: > 0 } tt ? tt : TransitionTypes.Custom,
                        InOffset = o["in_offset"] is JsonObject io ? this.Time(io) : default,
                        OutOffset = o["out_offset"] is JsonObject oo ? this.Time(oo) : default,
                    };
                    break;
                case "Clip":
                    var clip = new Clip();
                    JsonObject? media = o["media_reference"] as JsonObject;
                    if (media is null && o["media_references"] is JsonObject refs)
                    {
                        var key = OptString(o, "active_media_reference_key", inputName) ?? "DEFAULT_MEDIA";
                        media = refs[key] as JsonObject ?? refs.Select(kv => kv.Value).OfType<JsonObject>().FirstOrDefault();
                    }

                    clip.Media = media is null ? MediaReference.Missing() : this.Media(media);
                    result = clip;
                    break;
                case "Gap" or "Filler":
                    result = new Gap(default);
                    break;
                case "Track" or "Sequence":
                    var kind = Str(o, "kind");
                    result = new Track(Str(o, "name"), string.Equals(kind, "Audio", StringComparison.OrdinalIgnoreCase) ? TrackKind.Audio : TrackKind.Video);
                    break;
                case "Stack":
                    result = new Stack();
                    break;
                default:
                    // An unknown item keeps its place when it says how long it is.
                    if (o["source_range"] is JsonObject)
                    {
                        result = new Gap(default);
                        result.Metadata["otio_unknown_schema"] = o["OTIO_SCHEMA"]?.DeepClone();
                        break;
                    }

                    return null;
            }

            result.Name = Str(o, "name");
            if (result is Transition)
            {
                result.Metadata = Meta(o);
                return result;
            }

            var item = (Item)result;
            foreach (var (k, v) in Meta(o))
            {
                item.Metadata[k] = v?.DeepClone();
            }

            item.SourceRange = o["source_range"] is JsonObject sr ? this.Range(sr) : item is Gap ? new TimeRange(default, default) : null;
            item.Enabled = OptBool(o, "enabled", inputName) ?? true;
            foreach (var m in o["markers"] as JsonArray ?? [])
            {
                if (m is JsonObject mo)
                {
                    item.Markers.Add(this.Marker(mo));
                }
            }

            foreach (var e in o["effects"] as JsonArray ?? [])
            {
                if (e is not JsonObject eo)
                {
                    continue;
                }

                var es = Schema(eo, inputName);
                if (es == "LinearTimeWarp")
                {
                    item.Effects.Add(new TimeEffect(TimeEffectKind.LinearTimeWarp, Num(eo, "time_scalar") ?? 1, Str(eo, "name")));
                }
                else if (es == "FreezeFrame")
                {
                    item.Effects.Add(new TimeEffect(TimeEffectKind.FreezeFrame, 0, Str(eo, "name")));
                }
                else
                {
                    var list = item.Metadata["otio_effects"] as JsonArray ?? [];
                    list.Add(eo.DeepClone());
                    item.Metadata["otio_effects"] = list;
                }
            }

            if (item is Composition comp)
            {
                foreach (var child in this.ReadChildren(o, depth))
                {
                    comp.Add(child);
                }
            }

            return item;
        }

        private MediaReference Media(JsonObject o)
        {
            var schema = Schema(o, inputName);
            var media = new MediaReference
            {
                AvailableRange = o["available_range"] is JsonObject ar ? this.Range(ar) : null,
            };
            switch (schema)
            {
                case "ExternalReference":
                    media.Kind = MediaKind.External;
                    media.TargetUrl = Str(o, "target_url");
                    break;
                case "ImageSequenceReference":
                    media.Kind = MediaKind.External;
                    media.TargetUrl = Str(o, "target_url_base").TrimEnd('/') + "/" + Str(o, "name_prefix") + "#" + Str(o, "name_suffix");
                    break;
                case "GeneratorReference":
                    media.Kind = MediaKind.Generator;
                    media.GeneratorKind = Str(o, "generator_kind");
                    break;
                default:
                    media.Kind = MediaKind.Missing;
                    break;
            }

            var perche = (o["metadata"] as JsonObject)?["perche"] as JsonObject;
            var cmx = (o["metadata"] as JsonObject)?["cmx_3600"] as JsonObject;
            media.Reel = (perche is null ? null : OptString(perche, "reel", inputName)) ?? (cmx is null ? null : OptString(cmx, "reel", inputName)) ?? string.Empty;
            media.ChannelCount = perche is null ? null : OptInt(perche, "channelCount", inputName);
            media.Channel = perche is null ? null : OptInt(perche, "channel", inputName);
            if (perche is not null && OptBool(perche, "embedded", inputName) == true)
            {
                media.Kind = MediaKind.Embedded;
            }

            return media;
        }

        private Marker Marker(JsonObject o)
        {
            var color = o["color"] switch
            {
                JsonValue v when v.TryGetValue<string>(out var s) => MarkerColor.Normalize(s) ?? s.ToUpperInvariant(),
                JsonObject rgba => NearestColor(Num(rgba, "r") ?? 0, Num(rgba, "g") ?? 0, Num(rgba, "b") ?? 0),
                _ => "RED",
            };
            return new Marker
            {
                Name = Str(o, "name"),
                Color = color,
                Comment = Str(o, "comment") is { Length: > 0 } c ? c : ((o["metadata"] as JsonObject)?["fcp_xml"] is JsonObject fcp ? OptString(fcp, "comment", inputName) : null) ?? string.Empty,
                MarkedRange = o["marked_range"] is JsonObject mr ? this.Range(mr) : default,
            };
        }

        private TimeRange Range(JsonObject o)
        {
            var start = o["start_time"] is JsonObject s ? this.Time(s) : default;
            var duration = o["duration"] is JsonObject d ? this.Time(d) : default;
            return new TimeRange(start, duration);
        }

        private RationalTime Time(JsonObject o)
        {
            var rate = Num(o, "rate") ?? 1;
            var value = Num(o, "value") ?? 0;
            if (!double.IsFinite(rate) || rate <= 0 || !double.IsFinite(value) || Math.Abs(value) > 9e15)
            {
                throw PercheFormatException.ForInput(inputName, string.Create(CultureInfo.InvariantCulture, $"a RationalTime needs a positive rate and a finite value; found value {value} at rate {rate}"));
            }

            var (num, den) = RateFraction(rate);

            // OTIO values are doubles; a fractional tick is kept exact by a finer tick (×1000).
            if (value != Math.Floor(value))
            {
                var scaled = value * 1000;
                if (scaled == Math.Floor(scaled) && num <= int.MaxValue / 1000)
                {
                    return new RationalTime((long)scaled, num * 1000, den);
                }

                return new RationalTime((long)Math.Round(scaled), num * 1000, den);
            }

            return new RationalTime((long)value, num, den);
        }

        private static (int Num, int Den) RateFraction(double rate)
        {
            if (rate == Math.Floor(rate) && rate <= int.MaxValue)
            {
                return ((int)rate, 1);
            }

            // NTSC rates are written as 23.976023976..., 29.97002997...: recognise N×1000/1001.
            var ntsc = rate * 1001 / 1000;
            if (Math.Abs(ntsc - Math.Round(ntsc)) < 1e-6)
            {
                return ((int)Math.Round(ntsc) * 1000, 1001);
            }

            if (Math.Abs((rate * 1000) - Math.Round(rate * 1000)) < 1e-6)
            {
                return ((int)Math.Round(rate * 1000), 1000);
            }

            return ((int)Math.Round(rate * 1_000_000), 1_000_000);
        }

        private static FrameRate? GuessRate(Timeline timeline)
        {
            // The first clip's rate, when it is a frame rate (OTIO has no timeline rate).
            foreach (var clip in timeline.Tracks.AllClips())
            {
                if (clip.SourceRange is { } r && FrameRate.TryCreate(r.Duration.RateNumerator, r.Duration.RateDenominator, false, out var rate) && rate.TimecodeBase <= 120)
                {
                    return rate;
                }
            }

            return null;
        }

        private static string NearestColor(double r, double g, double b)
        {
            (string Name, double R, double G, double B)[] palette =
            [
                ("RED", 1, 0, 0), ("PINK", 1, 0.7, 0.7), ("ORANGE", 1, 0.5, 0), ("YELLOW", 1, 1, 0), ("GREEN", 0, 1, 0), ("CYAN", 0, 1, 1),
                ("BLUE", 0, 0, 1), ("PURPLE", 0.5, 0, 0.5), ("MAGENTA", 1, 0, 1), ("BLACK", 0, 0, 0), ("WHITE", 1, 1, 1),
            ];
            var best = "RED";
            var bestDistance = double.MaxValue;
            foreach (var (name, pr, pg, pb) in palette)
            {
                var d = ((pr - r) * (pr - r)) + ((pg - g) * (pg - g)) + ((pb - b) * (pb - b));
                if (d < bestDistance)
                {
                    bestDistance = d;
                    best = name;
                }
            }

            return best;
        }

        // Names and URLs: absent or null reads as empty; another kind is a format error naming the key's path.
        private string Str(JsonObject o, string key) => OptString(o, key, inputName) ?? string.Empty;

        private double? Num(JsonObject o, string key)
        {
            var node = o[key];
            if (node is null)
            {
                return null;
            }

            if (node is JsonValue v && node.GetValueKind() == JsonValueKind.Number)
            {
                if (v.TryGetValue<double>(out var d))
                {
                    return d;
                }

                // 1e999 (an infinity, as OTIO's Inf is read) fails GetValue<double>; its raw text still parses.
                return double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d) ? d : null;
            }

            // NaN is read as the string "NaN" (JSON has no such number).
            if (node is JsonValue nan && nan.TryGetValue<string>(out var text) && text == "NaN")
            {
                return double.NaN;
            }

            throw WrongKind(node, key, inputName, "a number");
        }

        private static JsonObject Meta(JsonObject o) => o["metadata"] is JsonObject m ? m.DeepClone().AsObject() : [];
    }
}
