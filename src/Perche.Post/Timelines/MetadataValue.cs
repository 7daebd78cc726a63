using System.Text.Json.Nodes;

namespace Perche.Post.Timelines;

/// <summary>
/// Reads values out of timeline metadata. For an OTIO input that metadata is whatever the file held, so a key of
/// another JSON kind than expected (a string where an object was, a number where a string was) reads as absent
/// instead of escaping as System.Text.Json's InvalidOperationException.
/// </summary>
public static class MetadataValue
{
    /// <summary>The object under <paramref name="key"/> of <paramref name="node"/>, if both are objects.</summary>
    public static JsonObject? Object(JsonNode? node, string key) => (node as JsonObject)?[key] as JsonObject;

    /// <summary>The string under <paramref name="key"/>, or null when absent or not a string.</summary>
    public static string? String(JsonNode? node, string key) =>
        (node as JsonObject)?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The integer under <paramref name="key"/>, or null when absent or not an integer.</summary>
    public static long? Int64(JsonNode? node, string key) =>
        (node as JsonObject)?[key] is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;
}
