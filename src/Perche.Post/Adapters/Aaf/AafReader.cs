using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Perche.Core;
using Perche.Core.Time;
using Perche.Post.Adapters.Aaf.Cfb;
using Perche.Post.Timelines;

namespace Perche.Post.Adapters.Aaf;

/// <summary>
/// Reads an AAF file (Avid Media Composer, Pro Tools, Premiere, Resolve) into a timeline: the top-level composition
/// mob's timeline slots become tracks (picture, sound), sequences of source clips, fillers and transitions become
/// clips, gaps and transitions; each source clip is followed through its master mob and file source mob to the
/// essence (locator URL, channel count) and the tape or file timecode, so source ranges are in source timecode;
/// operation groups keep their first input (their operation named in the metadata); event slots give markers;
/// mob user comments become clip metadata.
/// </summary>
public static class AafReader
{
    // Class codes: the third field of the class AUID (06.0e.2b.34.02.06.01.01.0d.01.01.01.01.01.XX.00).
    private const ushort EssenceGroupClass = 0x0500;
    private const ushort CommentMarkerClass = 0x0800;
    private const ushort FillerClass = 0x0900;
    private const ushort OperationGroupClass = 0x0A00;
    private const ushort NestedScopeClass = 0x0B00;
    private const ushort ScopeReferenceClass = 0x0D00;
    private const ushort SelectorClass = 0x0E00;
    private const ushort SequenceClass = 0x0F00;
    private const ushort SourceClipClass = 0x1100;
    private const ushort TimecodeClass = 0x1400;
    private const ushort TransitionClass = 0x1700;
    private const ushort CompositionMobClass = 0x3500;
    private const ushort MasterMobClass = 0x3600;
    private const ushort SourceMobClass = 0x3700;
    private const ushort EventMobSlotClass = 0x3900;
    private const ushort TimelineMobSlotClass = 0x3B00;
    private const ushort DescriptiveMarkerClass = 0x4100;

    // Lengths and positions are Int64 edit units on disk, so a damaged file can hold anything. 2^40 units is 66 days
    // at 192 kHz: beyond that nothing is real, and refusing it where it is read keeps the time arithmetic downstream
    // (TimeRange, sums across rates) from failing with another exception.
    private const long MaxEditUnits = 1L << 40;

    /// <summary>Reads an AAF file.</summary>
    /// <exception cref="PercheFormatException">Not a compound file, a broken sector chain, or not an AAF composition.</exception>
    public static Timeline ReadFile(string path)
    {
        var cfb = CompoundFile.Open(path);
        return new Builder(new AafFile(cfb, path)).Build();
    }

    private sealed class Builder(AafFile file)
    {
        private readonly Dictionary<string, AafObject> mobs = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> definitionNames = new(StringComparer.Ordinal);
        private int depth;

        public Timeline Build()
        {
            if (CompoundFile.Child(file.Cfb.Root, "MetaDictionary-1") is { } metaEntry)
            {
                // Extension classes name their parent: ClassDefinition Identification 0x0005, ParentClass 0x0008.
                var meta = file.Load(metaEntry, "MetaDictionary-1");
                foreach (var pid in meta.Pids)
                {
                    foreach (var def in meta.StrongList(pid))
                    {
                        if (def.Raw(0x0005) is { Length: 16 } classId && def.WeakKey(0x0008) is { Length: 16 } parent)
                        {
                            file.ClassParents[new Guid(classId)] = new Guid(parent);
                        }
                    }
                }
            }

            var headerEntry = CompoundFile.Child(file.Cfb.Root, "Header-2") ?? throw file.Error("not an AAF file: the compound file has no Header-2 storage");
            var header = file.Load(headerEntry, "Header-2");
            var content = header.Strong(0x3B03) ?? throw file.Error("the AAF header has no content storage");
            foreach (var mob in content.StrongList(0x1901))
            {
                if (mob.Raw(0x4401) is { Length: 32 } id)
                {
                    this.mobs[Convert.ToHexString(id)] = mob;
                }
            }

            if (header.Strong(0x3B04) is { } dictionary)
            {
                this.CollectDefinitions(dictionary);
            }

            var compositions = this.mobs.Values.Where(m => m.ClassCode == CompositionMobClass).ToList();
            if (compositions.Count == 0)
            {
                // A master clip exported alone (no sequence): read the master mob as the composition.
                compositions = [.. this.mobs.Values.Where(m => m.ClassCode == MasterMobClass)];
            }

            if (compositions.Count == 0)
            {
                throw file.Error("the AAF holds no composition (no CompositionMob or MasterMob)");
            }

            // The top level: a composition no other composition uses (Avid marks it Usage_TopLevel; not every writer does).
            var referenced = new HashSet<string>(StringComparer.Ordinal);
            foreach (var comp in compositions)
            {
                foreach (var slot in comp.StrongList(0x4403))
                {
                    this.CollectReferences(slot.Strong(0x4803), referenced, 0);
                }
            }

            var top = compositions.Where(c => !referenced.Contains(Convert.ToHexString(c.Raw(0x4401)!))).ToList();
            var chosen = (top.Count > 0 ? top : compositions).OrderByDescending(this.CompositionLength).ThenBy(c => c.String(0x4402), StringComparer.Ordinal).First();
            var timeline = this.BuildComposition(chosen);
            timeline.Metadata["aaf"] = new JsonObject { ["topLevelCompositions"] = top.Count };
            return timeline;
        }

        private void CollectDefinitions(AafObject dictionary)
        {
            // Every definition (data, operation, parameter...) has an Identification AUID and a Name.
            foreach (var pid in dictionary.Pids)
            {
                foreach (var def in dictionary.StrongList(pid))
                {
                    if (def.Raw(0x1B01) is { Length: 16 } auid && def.String(0x1B02) is { } name)
                    {
                        this.definitionNames[Convert.ToHexString(auid)] = name;
                    }
                }
            }
        }

        private string DefinitionName(AafObject o, ushort pid)
            => o.WeakKey(pid) is { Length: 16 } key && this.definitionNames.TryGetValue(Convert.ToHexString(key), out var name) ? name : string.Empty;

        private void CollectReferences(AafObject? segment, HashSet<string> into, int level)
        {
            if (segment is null || level > 64)
            {
                return;
            }

            if (segment.ClassCode == SourceClipClass && segment.Raw(0x1101) is { Length: 32 } id)
            {
                into.Add(Convert.ToHexString(id));
            }

            foreach (var child in segment.StrongList(0x1001).Concat(segment.StrongList(0x0B02)))
            {
                this.CollectReferences(child, into, level + 1);
            }
        }

        private long CompositionLength(AafObject comp)
            => comp.StrongList(0x4403).Select(s => s.Strong(0x4803)?.Int64(0x0202) ?? 0).DefaultIfEmpty(0).Max();

        private Timeline BuildComposition(AafObject comp)
        {
            var timeline = new Timeline(comp.String(0x4402) ?? string.Empty);
            int video = 0, audio = 0;
            foreach (var slot in comp.StrongList(0x4403).OrderBy(s => s.Int32(0x4801) ?? 0))
            {
                var segment = slot.Strong(0x4803);
                if (segment is null)
                {
                    continue;
                }

                var rate = slot.Rational(0x4B01) ?? slot.Rational(0x4901) ?? (25, 1);
                if (rate.Num <= 0 || rate.Den <= 0)
                {
                    throw file.Error($"{slot.Path}: edit rate {rate.Num}/{rate.Den} is not a rate");
                }

                var kind = this.DefinitionName(segment, 0x0201);
                if (slot.ClassCode == EventMobSlotClass)
                {
                    this.AddMarkers(timeline, segment, rate);
                    continue;
                }

                if (kind.Contains("Timecode", StringComparison.OrdinalIgnoreCase))
                {
                    if (FindTimecode(segment) is { } tc && tc.Fps > 0)
                    {
                        var tcRate = tc.Fps == 30 && tc.Drop ? FrameRate.Fps2997Df : tc.Fps == 60 && tc.Drop ? FrameRate.Fps5994Df
                            : rate.Den == 1001 ? new FrameRate(rate.Num, rate.Den) : new FrameRate(tc.Fps, 1);
                        timeline.GlobalStartTime ??= RationalTime.FromFrames(tc.Start, tcRate);
                        if (tc.Drop)
                        {
                            timeline.Rate = tcRate;
                        }
                    }

                    continue;
                }

                TrackKind trackKind;
                if (kind.Contains("Picture", StringComparison.OrdinalIgnoreCase))
                {
                    trackKind = TrackKind.Video;
                    video++;
                }
                else if (kind.Contains("Sound", StringComparison.OrdinalIgnoreCase))
                {
                    trackKind = TrackKind.Audio;
                    audio++;
                }
                else
                {
                    continue;
                }

                var name = slot.String(0x4802) is { Length: > 0 } slotName ? slotName : trackKind == TrackKind.Video ? $"V{video}" : $"A{audio}";
                var track = new Track(name, trackKind);
                track.Metadata["aaf"] = new JsonObject { ["slotId"] = slot.Int32(0x4801), ["physicalTrackNumber"] = slot.Int32(0x4804) };
                timeline.Rate ??= FrameRate.TryCreate(rate.Num, rate.Den, false, out var fr) ? fr : null;
                foreach (var item in this.Segment(segment, rate))
                {
                    track.Add(item);
                }

                TrimTransitions(track);

                // A slot holding only filler (an unused audio track) is not a track of the cut.
                if (track.Items().Any(i => i is Clip))
                {
                    timeline.Tracks.Add(track);
                }
            }

            if (comp.StrongList(0x4406) is { Count: > 0 } comments)
            {
                timeline.Metadata["UserComments"] = Comments(comments);
            }

            return timeline;
        }

        private List<Composable> Segment(AafObject segment, (int Num, int Den) rate)
        {
            if (++this.depth > 128)
            {
                throw file.Error($"{segment.Path}: segments nested more than 128 deep");
            }

            try
            {
                var length = this.Length(segment, 0x0202);
                switch (segment.ClassCode)
                {
                    case SequenceClass:
                        var list = new List<Composable>();
                        foreach (var component in segment.StrongList(0x1001))
                        {
                            list.AddRange(this.Segment(component, rate));
                        }

                        return list;
                    case SourceClipClass:
                        return [this.SourceClip(segment, rate, length)];
                    case FillerClass:
                        return [new Gap(Time(length, rate)) { Name = "Filler" }];
                    case TransitionClass:
                        var cut = this.Position(segment, 0x1802);
                        if (cut < 0 || cut > length)
                        {
                            throw file.Error($"{segment.Path}: transition cut point {cut} lies outside its length {length}");
                        }

                        var op = segment.Strong(0x1801);
                        var opName = op is null ? string.Empty : this.DefinitionName(op, 0x0B01);
                        var transition = new Transition
                        {
                            Name = opName.Length > 0 ? opName : "Transition",
                            TransitionType = TransitionTypes.Dissolve,
                            InOffset = Time(cut, rate),
                            OutOffset = Time(length - cut, rate),
                        };
                        this.ReadTransitionCurve(op, transition);
                        return [transition];
                    case OperationGroupClass:
                        var inputs = segment.StrongList(0x0B02);
                        var operation = this.DefinitionName(segment, 0x0B01);
                        if (inputs.Count == 0)
                        {
                            return [new Gap(Time(length, rate)) { Name = operation }];
                        }

                        var inner = this.Segment(inputs[0], rate);
                        if (inner.Count == 1 && inner[0] is Item single)
                        {
                            // The operation group's length is what the track sees (a speed change alters it).
                            if (single.SourceRange is { } sr && length > 0)
                            {
                                if (single.Duration != Time(length, rate) && single.Duration.Value > 0)
                                {
                                    single.Effects.Add(new TimeEffect(TimeEffectKind.LinearTimeWarp, single.Duration.ToSeconds() / Time(length, rate).ToSeconds(), operation));
                                }

                                single.SourceRange = new TimeRange(sr.Start, Time(length, rate));
                            }

                            var ops = single.Metadata["aaf_operations"] as JsonArray ?? [];
                            ops.Add(operation);
                            single.Metadata["aaf_operations"] = ops;
                            this.ReadParameters(segment, single);
                        }

                        return inner;
                    case EssenceGroupClass:
                        return segment.StrongList(0x0501) is { Count: > 0 } choices ? this.Segment(choices[0], rate) : [new Gap(Time(length, rate))];
                    case SelectorClass:
                        // Avid mutes a clip by selecting a filler or a scope reference and keeping the clip as an alternate.
                        var selected = segment.Strong(0x0F01);
                        if (selected is { ClassCode: FillerClass or ScopeReferenceClass } && segment.StrongList(0x0F02).FirstOrDefault(a => a.ClassCode != FillerClass) is { } alternate)
                        {
                            var muted = this.Segment(alternate, rate);
                            foreach (var item in muted.OfType<Item>())
                            {
                                item.Enabled = false;
                            }

                            return muted;
                        }

                        return selected is not null ? this.Segment(selected, rate) : [new Gap(Time(length, rate))];
                    case NestedScopeClass:
                        return segment.StrongList(0x0C01) is { Count: > 0 } scoped ? this.Segment(scoped[^1], rate) : [new Gap(Time(length, rate))];
                    default:
                        return [new Gap(Time(length, rate)) { Name = string.Empty }];
                }
            }
            finally
            {
                this.depth--;
            }
        }

        private Clip SourceClip(AafObject sc, (int Num, int Den) rate, long length)
        {
            var start = this.Position(sc, 0x1201);
            var clip = new Clip { Media = MediaReference.Missing() };
            var offset = start;
            string? name = null;
            long? timecodeStart = null;
            var mobKey = sc.Raw(0x1101) is { Length: 32 } id ? Convert.ToHexString(id) : null;
            var slotId = sc.Int32(0x1102);
            var first = true;

            // Follow the chain: composition → master mob → file source mob → tape/import source mob.
            for (var hop = 0; hop < 16 && mobKey is not null && this.mobs.TryGetValue(mobKey, out var mob); hop++)
            {
                name ??= mob.String(0x4402);
                if (first && mob.StrongList(0x4406) is { Count: > 0 } comments)
                {
                    clip.Metadata["UserComments"] = Comments(comments);
                }

                if (first && mob.Raw(0x4408) is { Length: 16 } usage)
                {
                    clip.Metadata["UsageCode"] = this.definitionNames.GetValueOrDefault(Convert.ToHexString(usage)) ?? UsageName(usage);
                }

                first = false;
                if (mob.ClassCode == SourceMobClass && mob.Strong(0x4701) is { } descriptor)
                {
                    this.Describe(clip, descriptor, mob);
                }

                var slots = mob.StrongList(0x4403);
                if (FindTimecodeSlot(slots) is { } tc && tc.Fps > 0)
                {
                    if (tc.Start is < 0 or > MaxEditUnits)
                    {
                        throw file.Error($"{mob.Path}: timecode start {tc.Start} is not a frame count");
                    }

                    // The timecode slot counts at its own fps; convert to this clip's edit rate.
                    timecodeStart = (long)Math.Round(tc.Start * (double)rate.Num / rate.Den / tc.Fps);
                }

                var slot = slots.FirstOrDefault(s => s.Int32(0x4801) == slotId);
                var next = slot?.Strong(0x4803);
                while (next is not null && next.ClassCode is SequenceClass)
                {
                    next = next.StrongList(0x1001).FirstOrDefault(c => c.ClassCode == SourceClipClass);
                }

                if (next is null || next.ClassCode != SourceClipClass || next.Raw(0x1101) is not { Length: 32 } nextId || nextId.All(b => b == 0))
                {
                    break;
                }

                // Offsets add up along the chain, each at its slot's rate.
                var slotRate = slot!.Rational(0x4B01) ?? rate;
                offset += (long)Math.Round(this.Position(next, 0x1201) * (double)rate.Num * slotRate.Den / ((double)rate.Den * slotRate.Num));
                mobKey = Convert.ToHexString(nextId);
                slotId = next.Int32(0x1102);
            }

            clip.Name = name ?? string.Empty;
            var sourceStart = offset + (timecodeStart ?? 0);
            clip.SourceRange = new TimeRange(Time(sourceStart, rate), Time(length, rate));
            clip.Metadata["aaf"] = new JsonObject
            {
                ["startTime"] = start,
                ["fadeInLength"] = sc.Int64(0x1202),
                ["fadeOutLength"] = sc.Int64(0x1204),
            };
            return clip;
        }

        private void Describe(Clip clip, AafObject descriptor, AafObject mob)
        {
            foreach (var locator in descriptor.StrongList(0x2F01))
            {
                if (locator.String(0x4001) is { Length: > 0 } url && clip.Media.Kind == MediaKind.Missing)
                {
                    clip.Media = MediaReference.External(Fcp7Xml.Fcp7XmlReader.PathFromUrl(url));
                }
            }

            if (descriptor.Int32(0x3D07) is { } channels)
            {
                clip.Media.ChannelCount = channels;
            }

            // A tape descriptor (0x2E00): the source mob's name is the reel.
            if (descriptor.ClassCode == 0x2E00 && mob.String(0x4402) is { } reel)
            {
                clip.Media.Reel = reel;
            }
        }

        private void AddMarkers(Timeline timeline, AafObject segment, (int Num, int Den) rate)
        {
            var events = segment.ClassCode == SequenceClass ? segment.StrongList(0x1001) : [segment];
            foreach (var e in events.Where(e => e.ClassCode is CommentMarkerClass or DescriptiveMarkerClass))
            {
                var position = this.Position(e, 0x0601);
                var color = "RED";
                if (e.StrongList(0x0205) is { Count: > 0 } attributes && Comments(attributes)["_ATN_CRM_COLOR"]?.GetValue<string>() is { } c)
                {
                    color = MarkerColor.Normalize(c) ?? c.ToUpperInvariant();
                }

                timeline.Markers.Add(new Marker
                {
                    Name = e.String(0x0602) ?? string.Empty,
                    Color = color,
                    MarkedRange = new TimeRange(TimeMath.Subtract(Time(position, rate), default), Time(this.Length(e, 0x0202), rate)),
                });
            }
        }

        private static (long Start, int Fps, bool Drop)? FindTimecodeSlot(List<AafObject> slots)
        {
            foreach (var slot in slots)
            {
                if (slot.Strong(0x4803) is { } seg && FindTimecode(seg) is { } tc)
                {
                    return tc;
                }
            }

            return null;
        }

        private static (long Start, int Fps, bool Drop)? FindTimecode(AafObject segment)
        {
            if (segment.ClassCode == TimecodeClass)
            {
                return (segment.Int64(0x1501) ?? 0, segment.UInt16(0x1502) ?? 0, segment.Bool(0x1503) ?? false);
            }

            if (segment.ClassCode == SequenceClass)
            {
                foreach (var c in segment.StrongList(0x1001))
                {
                    if (c.ClassCode == TimecodeClass)
                    {
                        return FindTimecode(c);
                    }
                }
            }

            return null;
        }

        // Kept apart from Segment so the readers' own fixes and these parameters merge without touching each other.
        private static readonly Guid AmplitudeParameter = new("e4962321-2267-11d3-8a4c-0050040ef7d2");
        private static readonly Guid PanParameter = new("e4962322-2267-11d3-8a4c-0050040ef7d2");
        private static readonly Guid SpeedRatioParameter = new("72559a80-24d7-11d3-8a50-0050040ef7d2");

        /// <summary>
        /// The operation group's parameters onto the item: a constant amplitude as <c>aaf_gain_db</c>, an amplitude
        /// envelope as <c>aaf_gain_points</c> (time as a fraction of the item, linear amplitude), a constant pan as
        /// <c>aaf_pan</c>, a speed ratio as <c>aaf_speed_ratio</c>.
        /// </summary>
        private void ReadParameters(AafObject group, Item item)
        {
            foreach (var parameter in group.StrongList(0x0B03))
            {
                if (parameter.Raw(0x4C01) is not { Length: 16 } definition)
                {
                    continue;
                }

                var id = new Guid(definition);
                var name = this.definitionNames.TryGetValue(Convert.ToHexString(definition), out var n) ? n : string.Empty;
                var isAmplitude = id == AmplitudeParameter || name.Contains("Amplitude", StringComparison.OrdinalIgnoreCase);
                var isPan = id == PanParameter || name.Equals("Pan", StringComparison.OrdinalIgnoreCase);
                var isSpeed = id == SpeedRatioParameter || name.Contains("Speed", StringComparison.OrdinalIgnoreCase);
                if (parameter.Raw(0x4D01) is { } constant)
                {
                    if (RationalValue(constant) is not { } value)
                    {
                        continue;
                    }

                    if (isAmplitude)
                    {
                        AddGainDb(item, value);
                    }
                    else if (isPan)
                    {
                        item.Metadata["aaf_pan"] = value;
                    }
                    else if (isSpeed)
                    {
                        item.Metadata["aaf_speed_ratio"] = value;
                    }
                }
                else if (isAmplitude)
                {
                    var points = new JsonArray();
                    foreach (var point in parameter.StrongList(0x4E02))
                    {
                        if (point.Rational(0x1A03) is { } t && t.Den != 0 && point.Raw(0x1A02) is { } raw && RationalValue(raw) is { } v)
                        {
                            points.Add(new JsonObject { ["time"] = (double)t.Num / t.Den, ["amplitude"] = v });
                        }
                    }

                    // A flat envelope (Premiere writes a fader move of one value at both ends) is a gain.
                    var values = points.Select(p => p!["amplitude"]!.GetValue<double>()).Distinct().ToList();
                    if (values.Count == 1)
                    {
                        AddGainDb(item, values[0]);
                    }
                    else if (values.Count > 1)
                    {
                        item.Metadata["aaf_gain_points"] = points;
                    }
                }
            }
        }

        /// <summary>
        /// The fade curve of a transition, from its level parameter's interpolation: <c>aaf_interpolation</c> keeps
        /// the definition's name, <c>perche.curve</c> says linear, log or power (equal power) for the renderers.
        /// </summary>
        private void ReadTransitionCurve(AafObject? operationGroup, Transition transition)
        {
            if (operationGroup is null)
            {
                return;
            }

            foreach (var parameter in operationGroup.StrongList(0x0B03))
            {
                var name = this.DefinitionName(parameter, 0x4E01);
                if (name.Length == 0)
                {
                    continue;
                }

                transition.Metadata["aaf_interpolation"] = name;
                var curve = name.Contains("Lin", StringComparison.OrdinalIgnoreCase) ? "linear"
                    : name.Contains("Log", StringComparison.OrdinalIgnoreCase) ? "log"
                    : name.Contains("Pow", StringComparison.OrdinalIgnoreCase) ? "power"
                    : name;
                transition.Metadata["perche"] = new JsonObject { ["curve"] = curve };
                return;
            }
        }

        private static void AddGainDb(Item item, double amplitude)
        {
            // Nested gain groups (Resolve writes the clip gain inside a unity group) multiply: their dB add up.
            var before = item.Metadata["aaf_gain_db"] switch
            {
                JsonValue v when v.TryGetValue<double>(out var d) => d,
                JsonValue => double.NegativeInfinity,
                _ => 0,
            };
            var total = amplitude <= 0 ? double.NegativeInfinity : before + (20 * Math.Log10(amplitude));
            item.Metadata["aaf_gain_db"] = double.IsFinite(total) ? Math.Round(total, 6) : double.NegativeInfinity.ToString(CultureInfo.InvariantCulture);
        }

        private static double? RationalValue(byte[] raw)
        {
            // An indirect value holding a Rational (numerator and denominator, 32 bits each, in the stated byte order).
            if (raw.Length != 25)
            {
                return null;
            }

            var big = raw[0] == 0x42;
            var num = big ? BinaryPrimitives.ReadInt32BigEndian(raw.AsSpan(17)) : BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan(17));
            var den = big ? BinaryPrimitives.ReadInt32BigEndian(raw.AsSpan(21)) : BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan(21));
            return den == 0 ? null : (double)num / den;
        }

        private static JsonObject Comments(List<AafObject> taggedValues)
        {
            var o = new JsonObject();
            foreach (var tv in taggedValues)
            {
                if (tv.String(0x5001) is { } name)
                {
                    o[name] = IndirectValue(tv.Raw(0x5003));
                }
            }

            return o;
        }

        private static JsonNode? IndirectValue(byte[]? raw)
        {
            // An indirect value: byte order (1), the type's AUID (16), then the value; strings are UTF-16.
            if (raw is null || raw.Length < 17)
            {
                return null;
            }

            var data = raw.AsSpan(17);
            var type = new Guid(raw.AsSpan(1, 16)).ToString();
            if (type.StartsWith("01100200", StringComparison.Ordinal) || (data.Length % 2 == 0 && data.Length >= 2 && data[^1] == 0 && data[^2] == 0))
            {
                var s = Encoding.Unicode.GetString(data);
                var nul = s.IndexOf('\0', StringComparison.Ordinal);
                return nul >= 0 ? s[..nul] : s;
            }

            return data.Length switch
            {
                4 => BinaryPrimitives.ReadInt32LittleEndian(data),
                8 => BinaryPrimitives.ReadInt64LittleEndian(data),
                _ => Convert.ToHexString(data),
            };
        }

        private static string UsageName(byte[] usage)
        {
            // The SMPTE usage codes Avid writes (AAF 1.1 Usage_*).
            var d3 = usage[6] | (usage[7] << 8);
            return d3 switch
            {
                0x0100 => "Usage_SubClip",
                0x0200 => "Usage_AdjustedClip",
                0x0300 => "Usage_TopLevel",
                0x0400 => "Usage_LowerLevel",
                0x0500 => "Usage_Template",
                _ => Convert.ToHexString(usage),
            };
        }

        private static void TrimTransitions(Track track)
        {
            // AAF items overlap across a transition; OTIO's items meet at the cut. Trim the outgoing item by the
            // part after the cut and the incoming one by the part before it.
            var children = track.Children;
            for (var i = 0; i < children.Count; i++)
            {
                if (children[i] is not Transition t)
                {
                    continue;
                }

                if (i > 0 && children[i - 1] is Item before && before.SourceRange is { } b && b.Duration >= t.OutOffset)
                {
                    before.SourceRange = new TimeRange(b.Start, TimeMath.Subtract(b.Duration, t.OutOffset));
                }

                if (i + 1 < children.Count && children[i + 1] is Item after && after.SourceRange is { } a && a.Duration >= t.InOffset)
                {
                    after.SourceRange = new TimeRange(TimeMath.Add(a.Start, t.InOffset), TimeMath.Subtract(a.Duration, t.InOffset));
                }
            }
        }

        private long Length(AafObject o, ushort pid)
        {
            var value = o.Int64(pid) ?? 0;
            return value is >= 0 and <= MaxEditUnits ? value : throw file.Error($"{o.Path}: length {value} (property 0x{pid:X4}) is not a length in edit units");
        }

        private long Position(AafObject o, ushort pid)
        {
            var value = o.Int64(pid) ?? 0;
            return value is >= -MaxEditUnits and <= MaxEditUnits ? value : throw file.Error($"{o.Path}: position {value} (property 0x{pid:X4}) is out of range");
        }

        private static RationalTime Time(long value, (int Num, int Den) rate) => new(value, rate.Num, rate.Den);
    }
}
