using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Perche.Core;
using Perche.Core.Time;
using Perche.Post.Timelines;

namespace Perche.Post.Adapters.Edl;

/// <summary>How to read an EDL.</summary>
public sealed class EdlReadOptions
{
    /// <summary>The frame rate of the timecodes; null infers it (the largest frame field, FCM) and says so in the warnings.</summary>
    public FrameRate? Rate { get; init; }

    /// <summary>
    /// Tolerant mode: an unparseable line is skipped and reported in <see cref="Timeline.Warnings"/>, a source/record
    /// length mismatch keeps the source length, overlapping events are laid end to end. Strict mode (the default)
    /// throws <see cref="PercheFormatException"/> at the first such line.
    /// </summary>
    public bool Tolerant { get; init; }
}

/// <summary>
/// Reads CMX 3600 edit decision lists (and the Avid, Premiere, Resolve, Nucoda variants) into a <see cref="Timeline"/>:
/// one video track and one track per audio channel, gaps where the record timecode jumps, dissolves and wipes as
/// transitions, M2 speed changes and freeze frames as time effects, LOC comments as markers.
/// </summary>
public static class EdlReader
{
    /// <summary>Reads an EDL file (UTF-8, else ISO-8859-1).</summary>
    /// <exception cref="PercheFormatException">The file is missing, unreadable, or (strict mode) has a bad line.</exception>
    public static Timeline ReadFile(string path, EdlReadOptions? options = null)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw PercheFormatException.ForInput(path, $"cannot read the EDL: {ex.Message}", ex);
        }

        return ReadString(DecodeText(bytes), path, options);
    }

    /// <summary>
    /// Decodes EDL bytes: UTF-8 when they are valid UTF-8 (with or without a BOM), else ISO-8859-1, which is what
    /// older Avid and Lightworks systems write for accented clip names.
    /// </summary>
    public static string DecodeText(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    /// <summary>Reads EDL text; <paramref name="inputName"/> names it in errors.</summary>
    /// <exception cref="PercheFormatException">Strict mode: a bad line; any mode: no event at all is not an error.</exception>
    public static Timeline ReadString(string text, string inputName, EdlReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new EdlReadOptions();
        var lines = SplitLines(text);
        var timeline = new Timeline();
        var rate = options.Rate ?? InferRate(lines, timeline.Warnings);
        var parser = new Parser(inputName, options.Tolerant, rate, timeline);
        parser.Parse(lines);
        parser.Build();
        return timeline;
    }

    private static List<string> SplitLines(string text)
    {
        // CR, LF and CRLF all end a line (classic Mac, Unix, Windows exports).
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\r' or '\n')
            {
                lines.Add(text[start..i]);
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    private static FrameRate InferRate(List<string> lines, List<string> warnings)
    {
        // Without a declared rate: drop-frame FCM or separators mean 29.97 DF. Otherwise try 24, 25 and 30 and keep
        // the first under which every event's source and record lengths agree (a 25 fps EDL read at 24 gives
        // lengths that differ by a frame here and there), among the rates its largest frame field allows.
        var drop = false;
        var maxFrame = 0;
        var events = new List<long[]>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith("FCM:", StringComparison.OrdinalIgnoreCase))
            {
                drop |= line.Contains("DROP FRAME", StringComparison.OrdinalIgnoreCase) && !line.Contains("NON", StringComparison.OrdinalIgnoreCase);
                continue;
            }

            var labels = new List<long>(4);
            foreach (var token in line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (token.Length == 11 && token[2] == ':' && token[5] == ':' && AllDigits(token, 0, 2) && AllDigits(token, 3, 2) && AllDigits(token, 6, 2) && AllDigits(token, 9, 2))
                {
                    var f = ((token[9] - '0') * 10) + (token[10] - '0');
                    maxFrame = Math.Max(maxFrame, f);
                    if (token[8] is ';' or '.' or ',')
                    {
                        drop = true;
                    }

                    // Hours, minutes, seconds, frames packed; the rate is applied per candidate below.
                    labels.Add((((((token[0] - '0') * 10) + (token[1] - '0')) * 3600L) + ((((token[3] - '0') * 10) + (token[4] - '0')) * 60L) + (((token[6] - '0') * 10) + (token[7] - '0'))) * 1000 + f);
                }
            }

            if (labels.Count == 4 && char.IsAsciiDigit(line[0]))
            {
                events.Add([.. labels]);
            }
        }

        FrameRate rate;
        if (drop)
        {
            rate = FrameRate.Fps2997Df;
        }
        else
        {
            // Fewest disagreements wins (speed-changed events disagree under every rate); ties go to the lower rate.
            rate = maxFrame < 24 ? FrameRate.Fps24 : maxFrame < 25 ? FrameRate.Fps25 : FrameRate.Fps30;
            var fewest = int.MaxValue;
            foreach (var candidate in new[] { FrameRate.Fps24, FrameRate.Fps25, FrameRate.Fps30 })
            {
                if (candidate.TimecodeBase <= maxFrame)
                {
                    continue;
                }

                var mismatches = 0;
                foreach (var e in events)
                {
                    long Frames(long packed) => (packed / 1000 * candidate.TimecodeBase) + (packed % 1000);
                    if (Frames(e[1]) - Frames(e[0]) != Frames(e[3]) - Frames(e[2]))
                    {
                        mismatches++;
                    }
                }

                if (mismatches < fewest)
                {
                    fewest = mismatches;
                    rate = candidate;
                }
            }
        }

        warnings.Add($"no frame rate given: read at {rate} (inferred from the timecodes; pass the rate to be sure)");
        return rate;
    }

    private static bool AllDigits(string s, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class Parser(string inputName, bool tolerant, FrameRate baseRate, Timeline timeline)
    {
        private readonly List<EdlEvent> events = [];
        private FrameRate rate = baseRate;
        private bool sawDropFcm;

        public void Parse(List<string> lines)
        {
            EdlEvent? current = null;
            for (var index = 0; index < lines.Count; index++)
            {
                var lineNumber = index + 1;
                var line = lines[index].Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                try
                {
                    current = this.ParseLine(line, lineNumber, current);
                }
                catch (PercheFormatException ex) when (tolerant)
                {
                    timeline.Warnings.Add(ex.Message + " (line skipped)");

                    // The notes under a skipped event must not land on the event before it.
                    if (char.IsAsciiDigit(line[0]))
                    {
                        current = null;
                    }
                }
            }
        }

        public void Build()
        {
            var rateJson = new JsonObject { ["rate"] = this.rate.ToString(), ["dropFrame"] = this.rate.IsDropFrame };
            timeline.Metadata["cmx_3600"] = rateJson;
            timeline.Rate = this.rate;

            // Tracks: V first, then A1..An, each with its events in file order.
            var video = new List<EdlEvent>();
            var audio = new SortedDictionary<int, List<EdlEvent>>();
            foreach (var e in this.events)
            {
                if (e.Video)
                {
                    video.Add(e);
                }

                foreach (var channel in e.AudioChannels)
                {
                    if (!audio.TryGetValue(channel, out var list))
                    {
                        audio[channel] = list = [];
                    }

                    list.Add(e);
                }
            }

            long? start = null;
            foreach (var e in this.events)
            {
                start = start is null ? e.RecordIn : Math.Min(start.Value, e.RecordIn);
            }

            var startFrames = start ?? 0;
            if (start is not null)
            {
                timeline.GlobalStartTime = RationalTime.FromFrames(startFrames, this.rate);
            }

            if (video.Count > 0)
            {
                timeline.Tracks.Add(this.BuildTrack("V", TrackKind.Video, video, startFrames));
            }

            foreach (var (channel, list) in audio)
            {
                timeline.Tracks.Add(this.BuildTrack("A" + channel.ToString(CultureInfo.InvariantCulture), TrackKind.Audio, list, startFrames));
            }
        }

        private EdlEvent? ParseLine(string line, int lineNumber, EdlEvent? current)
        {
            if (line.StartsWith("TITLE:", StringComparison.OrdinalIgnoreCase))
            {
                timeline.Name = line[6..].Trim();
                return current;
            }

            if (line.StartsWith("FCM:", StringComparison.OrdinalIgnoreCase))
            {
                var drop = !line.Contains("NON", StringComparison.OrdinalIgnoreCase) && line.Contains("DROP", StringComparison.OrdinalIgnoreCase);
                this.ApplyFcm(drop, lineNumber);
                return current;
            }

            if (line[0] == '*' || StartsWithNote(line))
            {
                this.ParseNote(line.TrimStart('*').Trim(), lineNumber, current);
                return current;
            }

            var tokens = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (tokens[0].Equals("M2", StringComparison.OrdinalIgnoreCase))
            {
                this.ParseM2(tokens, lineNumber, current);
                return current;
            }

            if (tokens[0].Equals("AUD", StringComparison.OrdinalIgnoreCase))
            {
                // "AUD 3", "AUD 4", "AUD 3 4": audio channels 3 and 4 of the event above (CMX 3600 has only A, A2, AA in the channel field).
                if (current is null)
                {
                    throw this.Error(lineNumber, "an AUD line before any event");
                }

                for (var i = 1; i < tokens.Length; i++)
                {
                    if (!int.TryParse(tokens[i], NumberStyles.None, CultureInfo.InvariantCulture, out var ch) || ch is < 1 or > 99)
                    {
                        throw this.Error(lineNumber, $"AUD expects channel numbers, found \"{tokens[i]}\"");
                    }

                    current.AudioChannels.Add(ch);
                }

                return current;
            }

            if (IsAllDigits(tokens[0]))
            {
                var e = this.ParseEvent(tokens, lineNumber);
                this.events.Add(e);
                return e;
            }

            if (line.StartsWith("EFFECTS NAME IS", StringComparison.OrdinalIgnoreCase) || line.StartsWith("SPLIT:", StringComparison.OrdinalIgnoreCase)
                || line.StartsWith("SWM", StringComparison.OrdinalIgnoreCase) || line.StartsWith(">>>", StringComparison.Ordinal))
            {
                current?.Comments.Add(line);
                return current;
            }

            throw this.Error(lineNumber, $"not an EDL line: \"{Shorten(line)}\" (expected an event, a '*' note, M2, AUD, TITLE or FCM)");
        }

        private void ApplyFcm(bool drop, int lineNumber)
        {
            if (drop && !this.rate.IsDropFrame)
            {
                if (this.rate.IsNtsc && this.rate.TimecodeBase is 30 or 60 || this.rate.TimecodeBase is 30 or 60 && this.rate.Denominator == 1)
                {
                    this.rate = new FrameRate(this.rate.TimecodeBase * 1000, 1001, isDropFrame: true);
                    this.sawDropFcm = true;
                }
                else
                {
                    throw this.Error(lineNumber, $"FCM: DROP FRAME but the rate is {this.rate}: drop-frame exists only at 29.97 and 59.94");
                }
            }
            else if (!drop && this.rate.IsDropFrame && this.sawDropFcm)
            {
                this.rate = new FrameRate(this.rate.Numerator, this.rate.Denominator, isDropFrame: false);
            }
        }

        private static bool StartsWithNote(string line)
            => line.StartsWith("FROM CLIP NAME", StringComparison.OrdinalIgnoreCase) || line.StartsWith("TO CLIP NAME", StringComparison.OrdinalIgnoreCase)
            || line.StartsWith("SOURCE FILE", StringComparison.OrdinalIgnoreCase) || line.StartsWith("LOC:", StringComparison.OrdinalIgnoreCase);

        private EdlEvent ParseEvent(string[] tokens, int lineNumber)
        {
            // NNN REEL CHANNELS TYPE [DURATION] SRC-IN SRC-OUT REC-IN REC-OUT; event numbers of 3, 4 or 6 digits (or any).
            if (tokens.Length < 8)
            {
                throw this.Error(lineNumber, $"an event line needs number, reel, channels, edit type and four timecodes; found {tokens.Length} fields");
            }

            var e = new EdlEvent { Number = tokens[0], Reel = tokens[1], Line = lineNumber };
            this.ParseChannels(tokens[2], e, lineNumber);
            var type = tokens[3].ToUpperInvariant();
            var next = 4;
            switch (type[0])
            {
                case 'C' when type.Length == 1:
                    break;
                case 'D' when type.Length == 1:
                case 'W':
                case 'K':
                    e.EditType = type[0];
                    e.WipeCode = type;
                    if (type == "K" && tokens.Length > 9 && tokens[4] is "B" or "O")
                    {
                        e.WipeCode = type + " " + tokens[4];
                        next = 5;
                    }

                    break;
                default:
                    throw this.Error(lineNumber, $"unknown edit type \"{tokens[3]}\" (expected C, D, Wnnn or K)");
            }

            var remaining = tokens.Length - next;
            if (remaining == 5)
            {
                if (e.EditType == 'C')
                {
                    throw this.Error(lineNumber, $"a cut has no transition length, found \"{tokens[next]}\"");
                }

                if (!long.TryParse(tokens[next], NumberStyles.None, CultureInfo.InvariantCulture, out var frames))
                {
                    throw this.Error(lineNumber, $"the transition length \"{tokens[next]}\" is not a frame count");
                }

                e.TransitionFrames = frames;
                next++;
            }
            else if (remaining != 4)
            {
                throw this.Error(lineNumber, $"expected four timecodes (source in/out, record in/out), found {remaining} fields after the edit type");
            }

            e.SourceIn = this.ParseTime(tokens[next], lineNumber);
            e.SourceOut = this.ParseTime(tokens[next + 1], lineNumber);
            e.RecordIn = this.ParseTime(tokens[next + 2], lineNumber);
            e.RecordOut = this.ParseTime(tokens[next + 3], lineNumber);
            if (e.RecordOut < e.RecordIn)
            {
                throw this.Error(lineNumber, $"record out {tokens[next + 3]} is before record in {tokens[next + 2]}");
            }

            if (e.SourceOut < e.SourceIn)
            {
                throw this.Error(lineNumber, $"source out {tokens[next + 1]} is before source in {tokens[next]}");
            }

            if (e.EditType != 'C' && e.TransitionFrames == 0)
            {
                e.TransitionFrames = e.RecordDuration;
            }

            return e;
        }

        private void ParseChannels(string field, EdlEvent e, int lineNumber)
        {
            foreach (var raw in field.ToUpperInvariant().Split('/'))
            {
                switch (raw)
                {
                    case "V":
                        e.Video = true;
                        break;
                    case "A":
                        e.AudioChannels.Add(1);
                        break;
                    case "AA":
                        e.AudioChannels.Add(1);
                        e.AudioChannels.Add(2);
                        break;
                    case "B":
                        e.Video = true;
                        e.AudioChannels.Add(1);
                        break;
                    case "NONE":
                        break;
                    default:
                        if (raw.Length > 1 && raw[0] == 'A' && int.TryParse(raw.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var ch) && ch is >= 1 and <= 99)
                        {
                            e.AudioChannels.Add(ch);
                            break;
                        }

                        throw this.Error(lineNumber, $"unknown channel field \"{field}\" (expected V, A, A2, AA, B, A3..., or a combination like AA/V)");
                }
            }
        }

        // Ten billion frames: more than four years at 60 fps.
        private const long MaxFrameNumber = 10_000_000_000;

        private long ParseTime(string token, int lineNumber)
        {
            // Frame-number EDLs write plain frame counts instead of timecodes.
            if (IsAllDigits(token))
            {
                // Bounded so that later sample and rational arithmetic cannot overflow (a fuzzed 30-digit count did).
                if (!long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var frames) || frames > MaxFrameNumber)
                {
                    throw this.Error(lineNumber, $"frame number {token} is out of range (at most {MaxFrameNumber})");
                }

                return frames;
            }

            var r = this.rate;
            if (token.Length >= 11 && token[8] is ';' or '.' or ',' && !r.IsDropFrame)
            {
                if (r.TimecodeBase is 30 or 60)
                {
                    r = new FrameRate(r.TimecodeBase * 1000, 1001, isDropFrame: true);
                }
            }

            if (!Timecode.TryParse(token, r, out var tc))
            {
                // Say why: Timecode.Parse's message names the field out of range (frames ≥ the rate, a dropped label).
                try
                {
                    Timecode.Parse(token, r);
                }
                catch (PercheFormatException ex)
                {
                    throw this.Error(lineNumber, $"{ex.Problem} (at {r})");
                }

                throw this.Error(lineNumber, $"\"{token}\" is not a timecode at {r}");
            }

            return tc.TotalFrames;
        }

        private void ParseM2(string[] tokens, int lineNumber, EdlEvent? current)
        {
            // M2 REEL SPEED-FPS SOURCE-IN: the source plays at SPEED frames per second (0 = freeze, negative = reverse).
            if (current is null)
            {
                throw this.Error(lineNumber, "an M2 line before any event");
            }

            if (tokens.Length < 4 || !double.TryParse(tokens[^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var speed))
            {
                throw this.Error(lineNumber, "M2 expects: M2 REEL SPEED SOURCE-IN, e.g. \"M2 A001 048.0 01:00:00:00\"");
            }

            this.ParseTime(tokens[^1], lineNumber);
            current.SpeedFps = speed;
        }

        private void ParseNote(string note, int lineNumber, EdlEvent? current)
        {
            if (current is null)
            {
                return;
            }

            if (TryValue(note, "FROM CLIP NAME", out var value))
            {
                current.ClipName = value;
            }
            else if (TryValue(note, "TO CLIP NAME", out value))
            {
                current.ToClipName = value;
            }
            else if (TryValue(note, "SOURCE FILE", out value) || TryValue(note, "FROM FILE", out value) || TryValue(note, "FROM CLIP", out value))
            {
                current.SourceFile = value;
            }
            else if (TryValue(note, "LOC", out value))
            {
                this.ParseLoc(value, lineNumber, current);
            }
            else if (TryValue(note, "ASC_SOP", out value))
            {
                var groups = value.Split(['(', ')'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var numbers = new List<double[]>();
                foreach (var g in groups)
                {
                    var parts = g.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    var values = new double[parts.Length];
                    for (var i = 0; i < parts.Length; i++)
                    {
                        if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                        {
                            throw this.Error(lineNumber, $"ASC_SOP expects three groups of three numbers, found \"{Shorten(value)}\"");
                        }
                    }

                    numbers.Add(values);
                }

                if (numbers.Count != 3 || numbers[0].Length != 3 || numbers[1].Length != 3 || numbers[2].Length != 3)
                {
                    throw this.Error(lineNumber, $"ASC_SOP expects (slope) (offset) (power), three numbers each; found \"{Shorten(value)}\"");
                }

                current.CdlSlope = numbers[0];
                current.CdlOffset = numbers[1];
                current.CdlPower = numbers[2];
            }
            else if (TryValue(note, "ASC_SAT", out value))
            {
                current.CdlSaturation = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var sat)
                    ? sat : throw this.Error(lineNumber, $"ASC_SAT expects a number, found \"{value}\"");
            }
            else if (note.Contains("FREEZE FRAME", StringComparison.OrdinalIgnoreCase))
            {
                current.FreezeFrame = true;
            }
            else
            {
                current.Comments.Add(note);
            }
        }

        private void ParseLoc(string value, int lineNumber, EdlEvent current)
        {
            // "* LOC: 01:00:01:14 RED     ANIM FIX NEEDED": a record timecode, an optional colour, the text.
            var parts = value.Split([' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
            {
                throw this.Error(lineNumber, "LOC without a timecode");
            }

            var frame = this.ParseTime(parts[0], lineNumber);
            var color = "RED";
            var name = string.Empty;
            if (parts.Length > 1)
            {
                if (MarkerColor.Normalize(parts[1]) is { } c)
                {
                    color = c;
                    name = parts.Length > 2 ? parts[2].Trim() : string.Empty;
                }
                else
                {
                    name = string.Join(' ', parts[1..]).Trim();
                }
            }

            current.Locators.Add((frame, color, name, lineNumber));
        }

        private static bool TryValue(string note, string key, out string value)
        {
            if (note.StartsWith(key, StringComparison.OrdinalIgnoreCase))
            {
                var rest = note.AsSpan(key.Length).TrimStart();
                if (rest.Length > 0 && rest[0] == ':')
                {
                    value = rest[1..].Trim().ToString();
                    return true;
                }

                if (key is "ASC_SOP" or "ASC_SAT" && rest.Length > 0)
                {
                    value = rest.Trim().ToString();
                    return true;
                }
            }

            value = string.Empty;
            return false;
        }

        private Track BuildTrack(string name, TrackKind kind, List<EdlEvent> list, long startFrames)
        {
            var track = new Track(name, kind);
            var cursor = startFrames;
            for (var i = 0; i < list.Count; i++)
            {
                var e = list[i];
                var isTransition = e.EditType != 'C';
                var next = i + 1 < list.Count ? list[i + 1] : null;

                // A dissolve is written as two lines with one number: a zero-length cut to the outgoing source, then
                // the D/W line with the incoming one. The zero-length cut only says where the outgoing clip was.
                if (!isTransition && e.RecordDuration == 0 && next is not null && next.EditType != 'C')
                {
                    if (next.Number != e.Number)
                    {
                        this.Report(next.Line, $"transition and event id mismatch: the {Describe(next)} event {next.Number} follows the cut of event {e.Number} (a dissolve repeats its event number)");
                    }

                    continue;
                }

                if (isTransition && (i == 0 || list[i - 1].EditType != 'C' || list[i - 1].Number != e.Number || list[i - 1].RecordDuration != 0))
                {
                    this.Report(e.Line, $"the {Describe(e)} event {e.Number} has no zero-length cut with the same number before it (the outgoing source)");
                }

                if (e.RecordIn > cursor)
                {
                    track.Add(new Gap(RationalTime.FromFrames(e.RecordIn - cursor, this.rate)));
                    cursor = e.RecordIn;
                }
                else if (e.RecordIn < cursor && !isTransition)
                {
                    this.Report(e.Line, $"event {e.Number} starts at record frame {e.RecordIn - startFrames} but track {name} is already filled to {cursor - startFrames}: events overlap");
                }

                var duration = e.RecordDuration;
                var speedChanged = e.SpeedFps is not null || e.FreezeFrame;
                if (!speedChanged && e.SourceDuration != e.RecordDuration)
                {
                    this.Report(e.Line, $"event {e.Number}: the source lasts {e.SourceDuration} frames but the record {e.RecordDuration} (a timecode typo, or a speed change without an M2 line); at {this.rate}");
                    duration = e.SourceDuration;
                }

                if (isTransition)
                {
                    var from = list[i - 1 >= 0 ? i - 1 : 0];
                    var fromName = e.ClipName.Length > 0 ? e.ClipName : ClipNameOf(from);
                    var toName = e.ToClipName.Length > 0 ? e.ToClipName : ClipNameOf(e);
                    var type = e.EditType == 'W' ? TransitionTypes.Wipe : e.EditType == 'D' ? TransitionTypes.Dissolve : TransitionTypes.Custom;
                    var transition = new Transition
                    {
                        Name = $"{type} from {fromName} to {toName}",
                        TransitionType = type,
                        InOffset = TimeMath.Zero(this.rate),
                        OutOffset = RationalTime.FromFrames(e.TransitionFrames, this.rate),
                    };
                    transition.Metadata["cmx_3600"] = new JsonObject { ["transition"] = e.WipeCode, ["event"] = e.Number };
                    track.Add(transition);
                }

                track.Add(this.MakeClip(e, duration, isTransition));
                cursor += duration;
            }

            return track;
        }

        private Clip MakeClip(EdlEvent e, long durationFrames, bool incomingOfTransition)
        {
            var name = incomingOfTransition && e.ToClipName.Length > 0 ? e.ToClipName : ClipNameOf(e);
            if (e.FreezeFrame && name.EndsWith(" FF", StringComparison.Ordinal))
            {
                name = name[..^3];
            }

            var clip = new Clip
            {
                Name = name,
                SourceRange = new TimeRange(RationalTime.FromFrames(e.SourceIn, this.rate), RationalTime.FromFrames(durationFrames, this.rate)),
            };
            var reel = e.Reel.ToUpperInvariant();
            clip.Media = reel is "BL" or "BLACK" ? MediaReference.Generator("black")
                : reel == "BARS" ? MediaReference.Generator("SMPTEBars")
                : e.SourceFile.Length > 0 ? new MediaReference { Kind = MediaKind.External, TargetUrl = e.SourceFile, Reel = e.Reel }
                : MediaReference.Missing(e.Reel);
            if (clip.Media.Kind == MediaKind.Generator)
            {
                clip.Media.Reel = e.Reel;
            }

            if (e.FreezeFrame || e.SpeedFps == 0)
            {
                clip.Effects.Add(new TimeEffect(TimeEffectKind.FreezeFrame, 0, "FreezeFrame"));
            }
            else if (e.SpeedFps is { } fps)
            {
                clip.Effects.Add(new TimeEffect(TimeEffectKind.LinearTimeWarp, fps / ((double)this.rate.Numerator / this.rate.Denominator), "LinearTimeWarp"));
            }

            foreach (var (recordFrame, color, markerName, _) in e.Locators)
            {
                // LOC gives a record timecode; OTIO keeps markers in the clip's source time.
                clip.Markers.Add(new Marker
                {
                    Name = markerName,
                    Color = color,
                    MarkedRange = new TimeRange(RationalTime.FromFrames(e.SourceIn + (recordFrame - e.RecordIn), this.rate), TimeMath.Zero(this.rate)),
                });
            }

            var meta = new JsonObject
            {
                ["event"] = e.Number,
                ["reel"] = e.Reel,
                ["line"] = e.Line,
            };
            if (e.Comments.Count > 0)
            {
                meta["comments"] = new JsonArray([.. e.Comments.Select(c => (JsonNode?)c)]);
            }

            if (e.CdlSlope is not null)
            {
                meta["cdl"] = new JsonObject
                {
                    ["asc_sop"] = new JsonObject
                    {
                        ["slope"] = new JsonArray([.. e.CdlSlope.Select(v => (JsonNode?)v)]),
                        ["offset"] = new JsonArray([.. e.CdlOffset!.Select(v => (JsonNode?)v)]),
                        ["power"] = new JsonArray([.. e.CdlPower!.Select(v => (JsonNode?)v)]),
                    },
                    ["asc_sat"] = e.CdlSaturation,
                };
            }
            else if (e.CdlSaturation is { } sat)
            {
                meta["cdl"] = new JsonObject { ["asc_sat"] = sat };
            }

            if (e.SpeedFps is { } speed)
            {
                meta["speedFps"] = speed;
            }

            clip.Metadata["cmx_3600"] = meta;
            return clip;
        }

        private static string ClipNameOf(EdlEvent e) => e.ClipName.Length > 0 ? e.ClipName : e.Reel;

        private static string Describe(EdlEvent e) => e.EditType switch { 'D' => "dissolve", 'W' => "wipe", _ => "key" };

        private void Report(int line, string problem)
        {
            if (!tolerant)
            {
                throw this.Error(line, problem);
            }

            timeline.Warnings.Add($"{inputName}: line {line}: {problem}");
        }

        private PercheFormatException Error(int line, string problem) => PercheFormatException.AtLine(inputName, line, problem);

        private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
    }

    private static bool IsAllDigits(string s)
    {
        if (s.Length == 0)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
