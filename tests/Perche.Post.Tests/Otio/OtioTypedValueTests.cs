using Perche.Core;
using Perche.Post.Adapters.Edl;
using Perche.Post.Adapters.Otio;
using Perche.Post.Adapters.Reaper;
using Perche.Core.Time;

namespace Perche.Post.Tests.Otio;

/// <summary>A value of the wrong JSON kind is a format error naming the key and its JSON path.</summary>
public sealed class OtioTypedValueTests
{
    private static string Doc(string clipExtra, string rate = "24", string name = "\"c1\"") => $$$$"""
        {"OTIO_SCHEMA": "Timeline.1", "name": "t", "tracks": {"OTIO_SCHEMA": "Stack.1", "children": [
          {"OTIO_SCHEMA": "Track.1", "kind": "Video", "children": [
            {"OTIO_SCHEMA": "Clip.1", "name": {{{{name}}}}, {{{{clipExtra}}}}
             "source_range": {"OTIO_SCHEMA": "TimeRange.1",
               "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": {{{{rate}}}}, "value": 10},
               "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 48}}}]}]}}
        """;

    [Fact]
    public void Well_typed_values_read()
    {
        var tl = OtioJsonReader.ReadString(Doc("\"enabled\": false,"), "ok.otio");
        var clip = tl.AllTracks().Single().AllClips().Single();
        Assert.False(clip.Enabled);
        Assert.Equal("c1", clip.Name);
        Assert.Equal(10, clip.SourceRange!.Value.Start.Value);
    }

    [Theory]
    [InlineData("\"enabled\": \"yes\",", "24", "\"c1\"", "bad.otio: $.tracks.children[0].children[0].enabled: \"enabled\" must be true or false, found a string")]
    [InlineData("", "\"fast\"", "\"c1\"", "bad.otio: $.tracks.children[0].children[0].source_range.start_time.rate: \"rate\" must be a number, found a string")]
    [InlineData("", "[24]", "\"c1\"", "\"rate\" must be a number, found an array")]
    [InlineData("", "24", "{\"x\": 1}", "$.tracks.children[0].children[0].name: \"name\" must be a string, found an object")]
    [InlineData("\"metadata\": {\"perche\": {\"channel\": 1.5}},", "24", "\"c1\"", "\"channel\" must be an integer, found a number")]
    public void A_wrong_kind_names_the_key_and_its_path(string extra, string rate, string name, string message)
    {
        var doc = Doc(extra, rate, name);
        if (extra.Contains("metadata", StringComparison.Ordinal))
        {
            // perche.channel lives in a media reference's metadata.
            doc = doc.Replace("\"metadata\": {\"perche\": {\"channel\": 1.5}},", "\"media_reference\": {\"OTIO_SCHEMA\": \"ExternalReference.1\", \"target_url\": \"a.wav\", \"metadata\": {\"perche\": {\"channel\": 1.5}}},", StringComparison.Ordinal);
        }

        var ex = Assert.Throws<PercheFormatException>(() => OtioJsonReader.ReadString(doc, "bad.otio"));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
    [Fact]
    public void Metadata_namespaces_of_another_kind_are_foreign_data_not_a_crash()
    {
        // Found by the CI fuzz smoke: metadata.perche as a string made the media reader index into it
        // (System.Text.Json's InvalidOperationException). Metadata is free-form: a namespace of an unexpected kind
        // is ignored when read and replaced only where we write our own.
        var doc = Doc("""
            "metadata": {"perche": "x", "cmx_3600": 5},
            "media_reference": {"OTIO_SCHEMA": "ExternalReference.1", "target_url": "a.wav", "metadata": "x"},
            "markers": [{"OTIO_SCHEMA": "Marker.2", "name": "m", "metadata": {"fcp_xml": "x"},
              "marked_range": {"OTIO_SCHEMA": "TimeRange.1", "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 12},
                "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 0}}}],
            """).Replace("\"Video\"", "\"Audio\"", StringComparison.Ordinal);
        var tl = OtioJsonReader.ReadString(doc, "foreign.otio");
        var clip = tl.AllTracks().Single().AllClips().Single();
        Assert.Equal("a.wav", clip.Media.TargetUrl);
        Assert.Equal(string.Empty, clip.Media.Reel);
        Assert.Null(clip.Media.Channel);
        Assert.Equal("x", clip.Metadata["perche"]!.GetValue<string>());

        var back = OtioJsonReader.ReadString(OtioJsonWriter.WriteString(tl), "back.otio");
        Assert.Equal(10, back.AllTracks().Single().AllClips().Single().SourceRange!.Value.Start.Value);
        Assert.Contains("a.wav", EdlWriter.WriteString(tl, tl.AllTracks().Single(), FrameRate.Fps24), StringComparison.Ordinal);
        Assert.Contains("a.wav", RppWriter.WriteString(tl), StringComparison.Ordinal);
    }
}
