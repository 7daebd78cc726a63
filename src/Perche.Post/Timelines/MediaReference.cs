using Perche.Core.Time;

namespace Perche.Post.Timelines;

/// <summary>What kind of media a clip points at.</summary>
public enum MediaKind
{
    /// <summary>The editing system did not say where the media is (an EDL reel only).</summary>
    Missing,

    /// <summary>A file or URL.</summary>
    External,

    /// <summary>Media synthesised by the editing system: black, bars, a title, a slug.</summary>
    Generator,

    /// <summary>Essence stored inside the edit file itself (AAF embedded essence).</summary>
    Embedded,
}

/// <summary>Where a clip's media lives (after OTIO's ExternalReference / MissingReference / GeneratorReference).</summary>
public sealed class MediaReference
{
    /// <summary>Missing, external, generator or embedded.</summary>
    public MediaKind Kind { get; set; }

    /// <summary>The file path or URL (external), or the essence's name (embedded).</summary>
    public string TargetUrl { get; set; } = string.Empty;

    /// <summary>The generator's kind (black, SMPTEBars, Slug...), for generators.</summary>
    public string GeneratorKind { get; set; } = string.Empty;

    /// <summary>The media's extent in its own time (start timecode and length), when known.</summary>
    public TimeRange? AvailableRange { get; set; }

    /// <summary>The tape or reel name the media came from (camera reel, sound roll).</summary>
    public string Reel { get; set; } = string.Empty;

    /// <summary>The number of audio channels of the essence, when known.</summary>
    public int? ChannelCount { get; set; }

    /// <summary>The channel of the essence the clip plays (1-based), when it plays one of several.</summary>
    public int? Channel { get; set; }

    /// <summary>A reference with nothing known but perhaps a reel.</summary>
    public static MediaReference Missing(string reel = "") => new() { Kind = MediaKind.Missing, Reel = reel };

    /// <summary>A reference to a file.</summary>
    public static MediaReference External(string targetUrl, TimeRange? availableRange = null) => new() { Kind = MediaKind.External, TargetUrl = targetUrl, AvailableRange = availableRange };

    /// <summary>A generated picture or sound.</summary>
    public static MediaReference Generator(string kind) => new() { Kind = MediaKind.Generator, GeneratorKind = kind };
}
