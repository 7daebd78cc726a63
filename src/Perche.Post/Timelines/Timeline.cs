using System.Text.Json.Nodes;
using Perche.Core.Time;

namespace Perche.Post.Timelines;

/// <summary>
/// A cut, as one model whatever format it came from (after OpenTimelineIO): a stack of video and audio tracks,
/// a record start (<see cref="GlobalStartTime"/>), timeline markers, and what the reader noticed on the way.
/// </summary>
public sealed class Timeline
{
    /// <summary>Creates an empty timeline.</summary>
    public Timeline(string name = "")
    {
        this.Name = name;
        this.Tracks = new Stack("tracks");
    }

    /// <summary>The sequence name (EDL TITLE, sequence name, composition mob name).</summary>
    public string Name { get; set; }

    /// <summary>The record timecode of the first frame, when the format gives one (01:00:00:00 typically).</summary>
    public RationalTime? GlobalStartTime { get; set; }

    /// <summary>The edit rate, when the format declares one.</summary>
    public FrameRate? Rate { get; set; }

    /// <summary>The tracks, top to bottom as the format lists them.</summary>
    public Stack Tracks { get; }

    /// <summary>Markers on the timeline itself, in timeline time.</summary>
    public List<Marker> Markers { get; } = [];

    /// <summary>What the source format said that the model has no field for.</summary>
    public JsonObject Metadata { get; set; } = [];

    /// <summary>Problems the reader skipped in tolerant mode, or facts worth knowing (inferred rate), with their place.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>The tracks that are tracks (a stack may also nest stacks).</summary>
    public IEnumerable<Track> AllTracks()
    {
        foreach (var item in this.Tracks.Items())
        {
            if (item is Track track)
            {
                yield return track;
            }
        }
    }

    /// <summary>The video tracks.</summary>
    public IEnumerable<Track> VideoTracks() => this.AllTracks().Where(t => t.Kind == TrackKind.Video);

    /// <summary>The audio tracks.</summary>
    public IEnumerable<Track> AudioTracks() => this.AllTracks().Where(t => t.Kind == TrackKind.Audio);

    /// <summary>The length of the longest track.</summary>
    public RationalTime Duration => this.Tracks.Duration;
}
