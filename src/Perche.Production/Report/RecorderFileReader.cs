using System.Globalization;
using System.Text.RegularExpressions;
using Perche.Core.Formats.Wav;

namespace Perche.Production.Report;

/// <summary>
/// Reads the slate of a recorder file across recorder dialects: iXML first (the richest and most standard),
/// then the bext description's key-value lines (`sSCENE=` Sound Devices, `gSCENE=` Gallery, `zSCENE=` Zaxcom,
/// `dSCENE=` after Pro Tools, bare `SCENE=` Zoom), then the file name.
/// </summary>
public static partial class RecorderFileReader
{
    /// <summary>Reads one file's headers (no audio).</summary>
    public static RecorderFile Read(string path, string relativePath)
    {
        var info = WavReader.ReadInfo(path);
        return FromInfo(info, path, relativePath);
    }

    /// <summary>Builds the slate from an already read <see cref="WavInfo"/>.</summary>
    public static RecorderFile FromInfo(WavInfo info, string path, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(info);
        var f = new RecorderFile
        {
            Path = path,
            RelativePath = relativePath,
            SampleRateHz = info.Format.SampleRateHz,
            BitsPerSample = info.Format.ValidBitsPerSample,
            IsFloat = info.Format.IsFloat,
            ChannelCount = info.Format.ChannelCount,
            FrameCount = info.FrameCount,
        };
        var bext = info.Bext;
        var x = info.Ixml;
        var desc = bext?.DescriptionValues() ?? new Dictionary<string, string>();
        f.Recorder = bext?.Originator.Trim() ?? string.Empty;
        f.Dialect = DetectDialect(info);
        f.RecordedOn = bext?.ParsedOriginationDate;
        f.RecordedAt = bext?.ParsedOriginationTime;
        if (bext is { } b && b.OriginationDate.Length > 0 && f.RecordedOn is null)
        {
            f.Warnings.Add($"bext origination date '{b.OriginationDate}' is not a date");
        }

        string Pick(string ixmlValue, params string[] keys)
        {
            if (ixmlValue.Length > 0)
            {
                return ixmlValue;
            }

            foreach (var k in keys)
            {
                if (desc.TryGetValue(k, out var v) && v.Length > 0)
                {
                    return v;
                }
            }

            return string.Empty;
        }

        f.Project = Pick(x?.Project ?? string.Empty, "PROJECT");
        f.Scene = Pick(x?.Scene ?? string.Empty, "SCENE");
        f.Take = Pick(x?.Take ?? string.Empty, "TAKE");
        f.Tape = Pick(x?.Tape ?? string.Empty, "TAPE", "REEL", "ROLL");
        f.Note = Pick(x?.Note ?? string.Empty, "NOTE");
        f.Circled = x?.Circled ?? IsTrue(desc, "CIRCLED");
        var takeType = x?.Get("TAKE_TYPE") ?? string.Empty;
        f.WildTrack = (x?.WildTrack ?? false) || IsTrue(desc, "WILDTRACK") || IsTrue(desc, "WILD_TRACK") || takeType.Contains("WILD_TRACK", StringComparison.OrdinalIgnoreCase);
        f.FalseStart = (x?.FalseStart ?? false) || IsTrue(desc, "FALSESTART") || takeType.Contains("FALSE_START", StringComparison.OrdinalIgnoreCase);
        f.NoGood = (x?.NoGood ?? false) || takeType.Contains("NO_GOOD", StringComparison.OrdinalIgnoreCase);
        f.RoomTone = RoomTonePattern().IsMatch(f.Note) || RoomTonePattern().IsMatch(f.Scene);
        f.FamilyUid = x?.FamilyUid ?? string.Empty;
        f.FileUid = x?.FileUid ?? string.Empty;
        f.FrameRate = WavTimecode.FrameRateOf(info);
        f.TimeReferenceSamples = WavTimecode.SamplesSinceMidnight(info);
        f.Start = WavTimecode.StartOf(info);
        if (f.Start is null && f.TimeReferenceSamples is not null)
        {
            f.Warnings.Add("no timecode rate declared: start timecode unknown");
        }

        ReadTracks(f, x, desc);
        if (f.Scene.Length == 0 && f.Take.Length == 0)
        {
            // Last resort: many recorders name files SCENE-TAKE or SCENE_TAKE.
            var m = FileNameSlate().Match(System.IO.Path.GetFileNameWithoutExtension(path));
            if (m.Success)
            {
                f.Scene = m.Groups["scene"].Value;
                f.Take = m.Groups["take"].Value;
                f.Warnings.Add("scene and take taken from the file name (no iXML or bext slate)");
            }
        }

        return f;
    }

    /// <summary>Which recorder family wrote the file.</summary>
    public static RecorderDialect DetectDialect(WavInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var originator = info.Bext?.Originator ?? string.Empty;
        var description = info.Bext?.Description ?? string.Empty;
        var history = info.Bext?.CodingHistory ?? string.Empty;
        bool Has(string s) => originator.Contains(s, StringComparison.OrdinalIgnoreCase) || history.Contains("T=" + s, StringComparison.OrdinalIgnoreCase);
        var proToolsChunks = info.Chunks.Any(c => c.Id.ToString() is "minf" or "regn" or "elm1");
        if (proToolsChunks || description.StartsWith("dSCENE=", StringComparison.Ordinal) || description.Contains("\ndSCENE=", StringComparison.Ordinal) || Has("Pro Tools"))
        {
            return RecorderDialect.ProTools;
        }

        if (Has("Sound Dev") || description.Contains("sSPEED=", StringComparison.Ordinal))
        {
            return RecorderDialect.SoundDevices;
        }

        if (Has("Metacorder") || Has("Gallery") || description.StartsWith("gSCENE=", StringComparison.Ordinal))
        {
            return RecorderDialect.GalleryMetacorder;
        }

        if (Has("ZOOM"))
        {
            return RecorderDialect.Zoom;
        }

        if (Has("ZAXCOM") || Has("Deva") || Has("Nomad") || Has("Maxx") || Has("Fusion") || description.StartsWith("zSCENE=", StringComparison.Ordinal))
        {
            return RecorderDialect.Zaxcom;
        }

        if (Has("Cantar") || Has("Aaton"))
        {
            return RecorderDialect.AatonCantar;
        }

        if (Has("Sonosax") || Has("SX-R4"))
        {
            return RecorderDialect.Sonosax;
        }

        if (Has("TASCAM"))
        {
            return RecorderDialect.Tascam;
        }

        if (Has("Nuendo") || Has("Cubase") || (info.Ixml?.VendorBlocks.Any(v => v.Key == "STEINBERG") ?? false))
        {
            return RecorderDialect.Nuendo;
        }

        return RecorderDialect.Unknown;
    }

    private static void ReadTracks(RecorderFile f, IxmlMetadata? x, IReadOnlyDictionary<string, string> desc)
    {
        var ixmlTracks = x?.Tracks ?? [];
        if (ixmlTracks.Count > 0)
        {
            for (var i = 0; i < ixmlTracks.Count; i++)
            {
                var t = ixmlTracks[i];
                f.Tracks.Add(new TrackInfo
                {
                    InterleaveIndex = t.InterleaveIndex ?? i + 1,
                    ChannelIndex = t.ChannelIndex ?? t.InterleaveIndex ?? i + 1,
                    Name = t.Name,
                    FileName = f.FileName,
                });
            }

            return;
        }

        // bext keys: TRK1.. (Sound Devices, Zaxcom, Gallery) or TR1.. (Zoom). A mono file of a family names its
        // channel in its file name suffix (_1, _2...), so its TRKn is that channel's name.
        var suffix = MonoSuffix().Match(System.IO.Path.GetFileNameWithoutExtension(f.Path));
        var firstChannel = f.ChannelCount == 1 && suffix.Success && int.TryParse(suffix.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
        for (var c = 0; c < f.ChannelCount; c++)
        {
            var ch = firstChannel + c;
            var name = desc.TryGetValue("TRK" + ch.ToString(CultureInfo.InvariantCulture), out var v1) ? v1
                : desc.TryGetValue("TR" + ch.ToString(CultureInfo.InvariantCulture), out var v2) ? v2 : string.Empty;
            f.Tracks.Add(new TrackInfo { InterleaveIndex = c + 1, ChannelIndex = ch, Name = name, FileName = f.FileName });
        }
    }

    private static bool IsTrue(IReadOnlyDictionary<string, string> desc, string key) =>
        desc.TryGetValue(key, out var v) && (v.Equals("TRUE", StringComparison.OrdinalIgnoreCase) || v == "1" || v.Equals("YES", StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"\b(room ?tone|ambiance plateau|ambiance|presence|RT)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RoomTonePattern();

    [GeneratedRegex(@"_(?<n>\d{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex MonoSuffix();

    [GeneratedRegex(@"^(?:S(?:c(?:ene)?)?)?(?<scene>[0-9]+[A-Z]?)[-_ ]?T(?:ake)?(?<take>[0-9]+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FileNameSlate();
}
