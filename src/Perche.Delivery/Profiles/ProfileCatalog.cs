using System.Text.Json;
using Perche.Core;
using Perche.Core.Formats.Ffmpeg;

namespace Perche.Delivery.Profiles;

/// <summary>
/// Loads delivery profiles: the ones shipped with Perche (embedded JSON files, also copied beside the program in
/// <c>profiles/</c>) and the user's own (<c>PERCHE_PROFILES</c>, else <c>$XDG_CONFIG_HOME/perche/profiles</c> or
/// <c>~/.config/perche/profiles</c>); a user file with the id of a shipped one replaces it. A profile can also be
/// named by the path of its file. A file that is not valid JSON, lacks a source for a field, or holds an unknown
/// field raises a <see cref="PercheFormatException"/> naming the file and line.
/// </summary>
public sealed class ProfileCatalog
{
    private readonly Dictionary<string, DeliveryProfile> profiles;

    private ProfileCatalog(Dictionary<string, DeliveryProfile> profiles, string? userFolder)
    {
        this.profiles = profiles;
        this.UserFolder = userFolder;
    }

    /// <summary>The user folder that was searched (null when none exists).</summary>
    public string? UserFolder { get; }

    /// <summary>Every profile, by id.</summary>
    public IReadOnlyList<DeliveryProfile> All => [.. this.profiles.Values.OrderBy(p => p.Medium, StringComparer.Ordinal).ThenBy(p => p.Id, StringComparer.Ordinal)];

    /// <summary>The shipped profiles plus the user folder's.</summary>
    public static ProfileCatalog Load(string? userFolder = null)
    {
        var map = new Dictionary<string, DeliveryProfile>(StringComparer.OrdinalIgnoreCase);
        var assembly = typeof(ProfileCatalog).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Perche.Delivery.Profiles.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var p = Parse(reader.ReadToEnd(), "profiles/" + name["Perche.Delivery.Profiles.".Length..]);
            map[p.Id] = p;
        }

        var folder = userFolder ?? DefaultUserFolder();
        string? used = null;
        if (folder is not null && Directory.Exists(folder))
        {
            used = folder;
            foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                var p = LoadFile(file);
                map[p.Id] = p;
            }
        }

        return new ProfileCatalog(map, used);
    }

    /// <summary>The user folder: PERCHE_PROFILES, else the XDG configuration folder.</summary>
    public static string? DefaultUserFolder()
    {
        var explicitFolder = Environment.GetEnvironmentVariable("PERCHE_PROFILES");
        if (!string.IsNullOrEmpty(explicitFolder))
        {
            return explicitFolder;
        }

        var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(config))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (string.IsNullOrEmpty(home))
            {
                return null;
            }

            config = Path.Combine(home, ".config");
        }

        return Path.Combine(config, "perche", "profiles");
    }

    /// <summary>Reads one profile file.</summary>
    public static DeliveryProfile LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw PercheFormatException.ForInput(path, ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot read: {ex.Message}", ex);
        }

        return Parse(text, path);
    }

    /// <summary>
    /// The profile named <paramref name="idOrPath"/>: an id, or the path of a .json file. An unknown id raises a
    /// <see cref="PercheFormatException"/> that lists the known ones.
    /// </summary>
    public DeliveryProfile Get(string idOrPath)
    {
        ArgumentNullException.ThrowIfNull(idOrPath);
        if (this.profiles.TryGetValue(idOrPath, out var p))
        {
            return p;
        }

        if (idOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || File.Exists(idOrPath))
        {
            return LoadFile(idOrPath);
        }

        throw PercheFormatException.ForInput(idOrPath, $"unknown delivery profile; known profiles: {string.Join(", ", this.profiles.Keys.Order(StringComparer.Ordinal))}");
    }

    /// <summary>Parses and validates a profile's JSON text; <paramref name="inputName"/> names it in errors.</summary>
    public static DeliveryProfile Parse(string json, string inputName)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw PercheFormatException.AtLine(inputName, (ex.LineNumber ?? 0) + 1, $"not valid JSON: {ex.Message}", ex);
        }

        using (doc)
        {
            return new Parser(json, inputName).Read(doc.RootElement);
        }
    }

    private sealed class Parser(string text, string inputName)
    {
        private static readonly HashSet<string> TopLevel = ["id", "name", "medium", "description", "fields", "$schema"];

        private static readonly HashSet<string> FieldNames =
        [
            "method", "bs1770Revision", "targetLevel", "tolerance", "targetIsMaximum", "speechThresholdPercent",
            "fallbackTargetLevel", "fallbackTolerance", "maxTruePeakDbtp", "maxSamplePeakDbfs", "minLoudnessRangeLu",
            "maxLoudnessRangeLu", "maxShortTermLufs", "maxMomentaryLufs", "layouts", "channelOrder", "sampleRatesHz",
            "deliverSampleRateHz", "bitDepths", "deliverBitDepth", "outputs", "deliverPcm", "naming", "stems", "downmixes",
            "channelFiles",
        ];

        public DeliveryProfile Read(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw this.Error(null, "a profile is a JSON object");
            }

            foreach (var p in root.EnumerateObject())
            {
                if (!TopLevel.Contains(p.Name))
                {
                    throw this.Error(p.Name, $"unknown key '{p.Name}' (expected: {string.Join(", ", TopLevel)})");
                }
            }

            var id = this.RequiredString(root, "id");
            if (id.Length == 0 || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            {
                throw this.Error("id", $"id '{id}' must be letters, digits, '-', '_' or '.'");
            }

            if (!root.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Object)
            {
                throw this.Error("fields", "missing object 'fields'");
            }

            foreach (var f in fields.EnumerateObject())
            {
                if (!FieldNames.Contains(f.Name))
                {
                    throw this.Error(f.Name, $"unknown field '{f.Name}'");
                }
            }

            var method = this.Field(fields, "method", v => this.Method(v), required: true)!;
            var profile = new DeliveryProfile
            {
                Id = id,
                Name = this.RequiredString(root, "name"),
                Medium = this.RequiredString(root, "medium"),
                Description = root.TryGetProperty("description", out var d) ? d.GetString() ?? string.Empty : string.Empty,
                Origin = inputName,
                Method = method,
                Bs1770Revision = this.Field(fields, "bs1770Revision", v => this.String(v, "bs1770Revision")),
                TargetLevel = this.Field(fields, "targetLevel", v => this.Number(v, "targetLevel"), required: true)!,
                Tolerance = this.Field(fields, "tolerance", v => this.NonNegative(v, "tolerance")),
                TargetIsMaximum = this.Field(fields, "targetIsMaximum", v => this.Bool(v, "targetIsMaximum")),
                SpeechThresholdPercent = this.Field(fields, "speechThresholdPercent", v => this.NonNegative(v, "speechThresholdPercent")),
                FallbackTargetLevel = this.Field(fields, "fallbackTargetLevel", v => this.Number(v, "fallbackTargetLevel")),
                FallbackTolerance = this.Field(fields, "fallbackTolerance", v => this.NonNegative(v, "fallbackTolerance")),
                MaxTruePeakDbtp = this.Field(fields, "maxTruePeakDbtp", v => this.Number(v, "maxTruePeakDbtp")),
                MaxSamplePeakDbfs = this.Field(fields, "maxSamplePeakDbfs", v => this.Number(v, "maxSamplePeakDbfs")),
                MinLoudnessRangeLu = this.Field(fields, "minLoudnessRangeLu", v => this.NonNegative(v, "minLoudnessRangeLu")),
                MaxLoudnessRangeLu = this.Field(fields, "maxLoudnessRangeLu", v => this.NonNegative(v, "maxLoudnessRangeLu")),
                MaxShortTermLufs = this.Field(fields, "maxShortTermLufs", v => this.Number(v, "maxShortTermLufs")),
                MaxMomentaryLufs = this.Field(fields, "maxMomentaryLufs", v => this.Number(v, "maxMomentaryLufs")),
                Layouts = this.Field(fields, "layouts", v => this.Strings(v, "layouts", LayoutNames.Known)),
                ChannelOrder = this.Field(fields, "channelOrder", v => this.String(v, "channelOrder")),
                SampleRatesHz = this.Field(fields, "sampleRatesHz", v => this.Integers(v, "sampleRatesHz", 8000, 384000)),
                DeliverSampleRateHz = this.Field(fields, "deliverSampleRateHz", v => this.Integer(v, "deliverSampleRateHz", 8000, 384000)),
                BitDepths = this.Field(fields, "bitDepths", v => this.Integers(v, "bitDepths", 16, 32)),
                DeliverBitDepth = this.Field(fields, "deliverBitDepth", v => this.Integer(v, "deliverBitDepth", 16, 32)),
                Outputs = this.Field(fields, "outputs", v => this.Outputs(v)),
                DeliverPcm = this.Field(fields, "deliverPcm", v => this.Bool(v, "deliverPcm")),
                Naming = this.Field(fields, "naming", v => this.String(v, "naming")),
                ChannelFiles = this.Field(fields, "channelFiles", v => this.String(v, "channelFiles")),
                Stems = this.Field(fields, "stems", v => this.Strings(v, "stems", null)),
                Downmixes = this.Field(fields, "downmixes", v => this.Strings(v, "downmixes", ["loro", "ltrt"])),
            };

            if (profile.DeliverBitDepth is { Value: not (16 or 24 or 32) } bd)
            {
                throw this.Error("deliverBitDepth", $"deliverBitDepth {bd.Value} is not 16, 24 or 32");
            }

            if (profile.ChannelFiles is { } cf && !cf.Value.Contains("{channel}", StringComparison.Ordinal))
            {
                throw this.Error("channelFiles", $"channelFiles '{cf.Value}' must contain {{channel}} (one file per channel needs distinct names)");
            }

            if (profile.Tolerance is null && profile.TargetIsMaximum?.Value != true)
            {
                throw this.Error("targetLevel", "a target needs a 'tolerance' unless 'targetIsMaximum' is true");
            }

            if (profile.Method.Value == MeasurementMethod.DialogueGated && (profile.SpeechThresholdPercent is null || profile.FallbackTargetLevel is null))
            {
                throw this.Error("method", "a dialogue-gated profile needs 'speechThresholdPercent' and 'fallbackTargetLevel'");
            }

            return profile;
        }

        private ProfileField<T>? Field<T>(JsonElement fields, string name, Func<JsonElement, T> read, bool required = false)
        {
            if (!fields.TryGetProperty(name, out var f))
            {
                return required ? throw this.Error("fields", $"missing required field '{name}'") : null;
            }

            if (f.ValueKind != JsonValueKind.Object)
            {
                throw this.Error(name, $"field '{name}' must be an object {{ \"value\": ..., \"source\": \"...\", \"confirmed\": true|false }}");
            }

            foreach (var p in f.EnumerateObject())
            {
                if (p.Name is not ("value" or "source" or "confirmed" or "note"))
                {
                    throw this.Error(name, $"field '{name}' has an unknown key '{p.Name}'");
                }
            }

            if (!f.TryGetProperty("value", out var value))
            {
                throw this.Error(name, $"field '{name}' has no 'value'");
            }

            if (!f.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(source.GetString()))
            {
                throw this.Error(name, $"field '{name}' must cite its 'source'");
            }

            if (!f.TryGetProperty("confirmed", out var confirmed) || confirmed.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw this.Error(name, $"field '{name}' must say whether it is 'confirmed' (true or false)");
            }

            return new ProfileField<T>(read(value), source.GetString()!, confirmed.GetBoolean());
        }

        private MeasurementMethod Method(JsonElement v) => this.String(v, "method") switch
        {
            "bs1770" => MeasurementMethod.Bs1770,
            "dialogue-gated" => MeasurementMethod.DialogueGated,
            "leq-m" => MeasurementMethod.LeqM,
            "rms" => MeasurementMethod.Rms,
            var other => throw this.Error("method", $"unknown method '{other}' (bs1770, dialogue-gated, leq-m, rms)"),
        };

        private IReadOnlyList<ProfileOutput> Outputs(JsonElement v)
        {
            if (v.ValueKind != JsonValueKind.Array)
            {
                throw this.Error("outputs", "'outputs' value must be an array of { \"codec\": ..., \"bitrateKbps\": ... }");
            }

            var list = new List<ProfileOutput>();
            foreach (var o in v.EnumerateArray())
            {
                if (o.ValueKind != JsonValueKind.Object || !o.TryGetProperty("codec", out var c) || c.ValueKind != JsonValueKind.String)
                {
                    throw this.Error("outputs", "each output needs a 'codec'");
                }

                var codec = c.GetString()!;
                if (!FfmpegBridge.Codecs.Contains(codec))
                {
                    throw this.Error("outputs", $"unknown codec '{codec}' (known: {string.Join(", ", FfmpegBridge.Codecs)})");
                }

                int? kbps = o.TryGetProperty("bitrateKbps", out var b) ? this.Integer(b, "bitrateKbps", 8, 1536) : null;
                list.Add(new ProfileOutput(codec, kbps));
            }

            return list;
        }

        private string RequiredString(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw this.Error(name, $"missing string '{name}'");

        private string String(JsonElement v, string name) =>
            v.ValueKind == JsonValueKind.String ? v.GetString()! : throw this.Error(name, $"'{name}' value must be a string");

        private double Number(JsonElement v, string name) =>
            v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw this.Error(name, $"'{name}' value must be a number");

        private double NonNegative(JsonElement v, string name)
        {
            var x = this.Number(v, name);
            return x >= 0 ? x : throw this.Error(name, $"'{name}' must not be negative");
        }

        private bool Bool(JsonElement v, string name) =>
            v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw this.Error(name, $"'{name}' value must be true or false");

        private int Integer(JsonElement v, string name, int min, int max)
        {
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var i))
            {
                throw this.Error(name, $"'{name}' value must be an integer");
            }

            return i >= min && i <= max ? i : throw this.Error(name, $"'{name}' {i} is outside {min}..{max}");
        }

        private IReadOnlyList<int> Integers(JsonElement v, string name, int min, int max)
        {
            if (v.ValueKind != JsonValueKind.Array)
            {
                throw this.Error(name, $"'{name}' value must be an array of integers");
            }

            return [.. v.EnumerateArray().Select(e => this.Integer(e, name, min, max))];
        }

        private IReadOnlyList<string> Strings(JsonElement v, string name, IReadOnlyList<string>? allowed)
        {
            if (v.ValueKind != JsonValueKind.Array)
            {
                throw this.Error(name, $"'{name}' value must be an array of strings");
            }

            var list = new List<string>();
            foreach (var e in v.EnumerateArray())
            {
                var s = this.String(e, name);
                if (allowed is not null && !allowed.Contains(s))
                {
                    throw this.Error(name, $"'{name}' has unknown entry '{s}' (known: {string.Join(", ", allowed)})");
                }

                list.Add(s);
            }

            return list;
        }

        // The error names the line of the key's first occurrence, so the user finds it in the file.
        private PercheFormatException Error(string? key, string problem)
        {
            var line = 1L;
            if (key is not null)
            {
                var at = text.IndexOf($"\"{key}\"", StringComparison.Ordinal);
                if (at >= 0)
                {
                    line = 1 + text.AsSpan(0, at).Count('\n');
                }
            }

            return PercheFormatException.AtLine(inputName, line, problem);
        }
    }
}
