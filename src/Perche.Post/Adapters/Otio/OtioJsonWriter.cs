using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Perche.Core.Time;
using Perche.Post.Timelines;

namespace Perche.Post.Adapters.Otio;

/// <summary>
/// Writes a timeline as OpenTimelineIO JSON (Timeline.1, Stack.1, Track.1, Clip.2, Gap.1, Transition.1, Marker.2,
/// LinearTimeWarp.1, FreezeFrame.1, ExternalReference.1, MissingReference.1, GeneratorReference.1), which OTIO's
/// own tools and every OTIO adapter read.
/// </summary>
public static class OtioJsonWriter
{
    /// <summary>The timeline as OTIO JSON text.</summary>
    public static string WriteString(Timeline timeline)
    {
        using var buffer = new MemoryStream();
        Write(timeline, buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the timeline to a file atomically (temporary file, flush, rename).</summary>
    public static void WriteFile(Timeline timeline, string path) => SafeFile.Write(path, s => Write(timeline, s));

    /// <summary>Writes the timeline to a stream.</summary>
    public static void Write(Timeline timeline, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("OTIO_SCHEMA", "Timeline.1");
        WriteMetadata(w, timeline.Metadata, timeline.Rate);
        w.WriteString("name", timeline.Name);
        w.WritePropertyName("global_start_time");
        if (timeline.GlobalStartTime is { } g)
        {
            WriteTime(w, g);
        }
        else
        {
            w.WriteNullValue();
        }

        w.WritePropertyName("tracks");
        WriteComposable(w, timeline.Tracks, timeline.Markers);
        w.WriteEndObject();
        w.Flush();
    }

    private static void WriteMetadata(Utf8JsonWriter w, JsonObject metadata, FrameRate? rate = null)
    {
        w.WritePropertyName("metadata");
        var copy = metadata.DeepClone().AsObject();
        if (rate is { } r)
        {
            // OTIO stores rates as doubles; keep the exact rational and drop-frame flag for our own reader.
            // A "perche" key of another kind (read from someone else's file) is replaced: the namespace is ours.
            if (copy["perche"] is not JsonObject perche)
            {
                perche = new JsonObject();
                copy["perche"] = perche;
            }

            perche["rate"] = r.ToRationalString();
            perche["dropFrame"] = r.IsDropFrame;
        }

        copy.WriteTo(w);
    }

    private static void WriteComposable(Utf8JsonWriter w, Composable c, List<Marker>? extraMarkers = null)
    {
        w.WriteStartObject();
        switch (c)
        {
            case Transition t:
                w.WriteString("OTIO_SCHEMA", "Transition.1");
                WriteMetadata(w, t.Metadata);
                w.WriteString("name", t.Name);
                w.WritePropertyName("in_offset");
                WriteTime(w, t.InOffset);
                w.WritePropertyName("out_offset");
                WriteTime(w, t.OutOffset);
                w.WriteString("transition_type", t.TransitionType);
                w.WriteEndObject();
                return;
            case Clip:
                w.WriteString("OTIO_SCHEMA", "Clip.2");
                break;
            case Gap:
                w.WriteString("OTIO_SCHEMA", "Gap.1");
                break;
            case Track:
                w.WriteString("OTIO_SCHEMA", "Track.1");
                break;
            case Stack:
                w.WriteString("OTIO_SCHEMA", "Stack.1");
                break;
        }

        var item = (Item)c;
        WriteMetadata(w, item.Metadata);
        w.WriteString("name", item.Name);
        w.WritePropertyName("source_range");
        if (item is Composition && item.SourceRange is null)
        {
            w.WriteNullValue();
        }
        else if (item.SourceRange is { } sr)
        {
            WriteRange(w, sr);
        }
        else
        {
            w.WriteNullValue();
        }

        w.WritePropertyName("effects");
        w.WriteStartArray();
        foreach (var e in item.Effects)
        {
            w.WriteStartObject();
            w.WriteString("OTIO_SCHEMA", e.Kind == TimeEffectKind.FreezeFrame ? "FreezeFrame.1" : "LinearTimeWarp.1");
            w.WritePropertyName("metadata");
            w.WriteStartObject();
            w.WriteEndObject();
            w.WriteString("name", e.Name);
            w.WriteString("effect_name", e.Kind == TimeEffectKind.FreezeFrame ? "FreezeFrame" : "LinearTimeWarp");
            w.WriteNumber("time_scalar", e.TimeScalar);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WritePropertyName("markers");
        w.WriteStartArray();
        foreach (var m in extraMarkers is null ? item.Markers : [.. item.Markers, .. extraMarkers])
        {
            w.WriteStartObject();
            w.WriteString("OTIO_SCHEMA", "Marker.2");
            w.WritePropertyName("metadata");
            w.WriteStartObject();
            w.WriteEndObject();
            w.WriteString("name", m.Name);
            w.WriteString("color", m.Color);
            w.WriteString("comment", m.Comment);
            w.WritePropertyName("marked_range");
            WriteRange(w, m.MarkedRange);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteBoolean("enabled", item.Enabled);
        switch (item)
        {
            case Clip clip:
                w.WriteString("active_media_reference_key", "DEFAULT_MEDIA");
                w.WritePropertyName("media_references");
                w.WriteStartObject();
                w.WritePropertyName("DEFAULT_MEDIA");
                WriteMedia(w, clip.Media);
                w.WriteEndObject();
                break;
            case Composition comp:
                if (comp is Track track)
                {
                    w.WriteString("kind", track.Kind == TrackKind.Video ? "Video" : "Audio");
                }

                w.WritePropertyName("children");
                w.WriteStartArray();
                foreach (var child in comp.Children)
                {
                    WriteComposable(w, child);
                }

                w.WriteEndArray();
                break;
        }

        w.WriteEndObject();
    }

    private static void WriteMedia(Utf8JsonWriter w, MediaReference media)
    {
        w.WriteStartObject();
        w.WriteString("OTIO_SCHEMA", media.Kind switch
        {
            MediaKind.External or MediaKind.Embedded => "ExternalReference.1",
            MediaKind.Generator => "GeneratorReference.1",
            _ => "MissingReference.1",
        });
        w.WritePropertyName("metadata");
        var meta = new JsonObject();
        if (media.Reel.Length > 0)
        {
            meta["reel"] = media.Reel;
        }

        if (media.ChannelCount is { } cc)
        {
            meta["channelCount"] = cc;
        }

        if (media.Channel is { } ch)
        {
            meta["channel"] = ch;
        }

        if (media.Kind == MediaKind.Embedded)
        {
            meta["embedded"] = true;
        }

        new JsonObject { ["perche"] = meta }.WriteTo(w);
        w.WriteString("name", media.Kind == MediaKind.External ? Path.GetFileName(media.TargetUrl) : string.Empty);
        w.WritePropertyName("available_range");
        if (media.AvailableRange is { } ar)
        {
            WriteRange(w, ar);
        }
        else
        {
            w.WriteNullValue();
        }

        if (media.Kind is MediaKind.External or MediaKind.Embedded)
        {
            w.WriteString("target_url", media.TargetUrl);
        }
        else if (media.Kind == MediaKind.Generator)
        {
            w.WriteString("generator_kind", media.GeneratorKind);
            w.WritePropertyName("parameters");
            w.WriteStartObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteRange(Utf8JsonWriter w, TimeRange range)
    {
        w.WriteStartObject();
        w.WriteString("OTIO_SCHEMA", "TimeRange.1");
        w.WritePropertyName("duration");
        WriteTime(w, range.Duration);
        w.WritePropertyName("start_time");
        WriteTime(w, range.Start);
        w.WriteEndObject();
    }

    internal static void WriteTime(Utf8JsonWriter w, RationalTime t)
    {
        w.WriteStartObject();
        w.WriteString("OTIO_SCHEMA", "RationalTime.1");
        w.WriteNumber("rate", (double)t.RateNumerator / t.RateDenominator);
        w.WriteNumber("value", (double)t.Value);
        w.WriteEndObject();
    }
}
