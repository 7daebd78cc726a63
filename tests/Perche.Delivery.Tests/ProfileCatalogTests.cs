using Perche.Core;
using Perche.Delivery.Profiles;
using Perche.Delivery.Tests.Support;

namespace Perche.Delivery.Tests;

public sealed class ProfileCatalogTests
{
    private const string Minimal = """
        {
          "id": "my-house",
          "name": "House spec",
          "medium": "broadcast",
          "fields": {
            "method": { "value": "bs1770", "source": "house spec 1.2", "confirmed": true },
            "targetLevel": { "value": -23.0, "source": "house spec 1.2", "confirmed": true },
            "tolerance": { "value": 0.5, "source": "house spec 1.2", "confirmed": true }
          }
        }
        """;

    public static TheoryData<string> ShippedIds() =>
    [
        "ebu-r128", "ebu-r128-s1", "atsc-a85", "arib-tr-b32", "op-59", "fr-cst-rt-040", "bbc-dpp", "netflix-nearfield", "netflix-theatrical",
        "amazon-originals", "spotify", "apple-music", "youtube", "apple-podcasts", "aes-td1008-speech", "aes-td1008-music",
        "sony-aswg-console", "sony-aswg-portable", "acx-audiobook", "cinema-trailer-tasa", "cinema-ad-sawa",
    ];

    [Theory]
    [MemberData(nameof(ShippedIds))]
    public void Every_shipped_profile_loads_validates_and_cites_a_source_for_each_field(string id)
    {
        var p = ProfileCatalog.Load(userFolder: "/nonexistent").Get(id);
        Assert.Equal(id, p.Id);
        Assert.False(string.IsNullOrWhiteSpace(p.Name));
        Assert.False(string.IsNullOrWhiteSpace(p.Source(p.TargetLevel)));
        Assert.True(p.Tolerance is not null || p.TargetIsMaximum?.Value == true);
        Assert.NotNull(p.Layouts);
        Assert.NotNull(p.Naming);
    }

    [Fact]
    public void The_catalog_holds_all_21_profiles_and_the_key_figures_match_the_research()
    {
        var c = ProfileCatalog.Load(userFolder: "/nonexistent");
        Assert.Equal(21, c.All.Count);
        var r128 = c.Get("ebu-r128");
        Assert.Equal(-23.0, r128.TargetLevel.Value);
        Assert.Equal(-1.0, r128.MaxTruePeakDbtp!.Value);
        Assert.True(r128.TargetLevel.Confirmed);
        var nf = c.Get("netflix-nearfield");
        Assert.Equal(MeasurementMethod.DialogueGated, nf.Method.Value);
        Assert.Equal(-27.0, nf.TargetLevel.Value);
        Assert.Equal(-2.0, nf.MaxTruePeakDbtp!.Value);
        Assert.Equal(-24.0, nf.FallbackTargetLevel!.Value);
        Assert.Equal(15.0, nf.SpeechThresholdPercent!.Value);
        var tasa = c.Get("cinema-trailer-tasa");
        Assert.Equal(MeasurementMethod.LeqM, tasa.Method.Value);
        Assert.Equal(85.0, tasa.TargetLevel.Value);
        Assert.True(tasa.TargetIsMaximum!.Value);
        Assert.Equal(82.0, c.Get("cinema-ad-sawa").TargetLevel.Value);
        Assert.Equal(-24.0, c.Get("atsc-a85").TargetLevel.Value);
        Assert.Equal(-2.0, c.Get("atsc-a85").MaxTruePeakDbtp!.Value);
        Assert.Equal(-18.0, c.Get("ebu-r128-s1").MaxShortTermLufs!.Value);
        Assert.Equal(44100, c.Get("acx-audiobook").DeliverSampleRateHz!.Value);
        Assert.False(c.Get("op-59").Tolerance!.Confirmed);
    }

    [Fact]
    public void A_user_profile_is_added_and_one_with_a_shipped_id_replaces_it()
    {
        using var dir = new Signals.TempFolder();
        File.WriteAllText(dir.File("house.json"), Minimal);
        File.WriteAllText(dir.File("r128.json"), Minimal.Replace("my-house", "ebu-r128", StringComparison.Ordinal).Replace("-23.0", "-22.0", StringComparison.Ordinal));
        var c = ProfileCatalog.Load(dir.Path);
        Assert.Equal(22, c.All.Count);
        Assert.Equal(0.5, c.Get("my-house").Tolerance!.Value);
        Assert.Equal(-22.0, c.Get("ebu-r128").TargetLevel.Value);
        Assert.Equal(dir.Path, c.UserFolder);
    }

    [Fact]
    public void A_profile_can_be_named_by_its_file_path()
    {
        using var dir = new Signals.TempFolder();
        var path = dir.File("house.json");
        File.WriteAllText(path, Minimal);
        Assert.Equal("my-house", ProfileCatalog.Load("/nonexistent").Get(path).Id);
    }

    [Fact]
    public void An_unknown_profile_lists_the_known_ones()
    {
        var ex = Assert.Throws<PercheFormatException>(() => ProfileCatalog.Load("/nonexistent").Get("ebu-r129"));
        Assert.Contains("unknown delivery profile", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ebu-r128", ex.Message, StringComparison.Ordinal);
        Assert.Contains("netflix-nearfield", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_names_the_file_and_line()
    {
        var broken = Minimal.Replace("\"medium\": \"broadcast\",", "\"medium\": \"broadcast\"", StringComparison.Ordinal);
        var ex = Assert.Throws<PercheFormatException>(() => ProfileCatalog.Parse(broken, "house.json"));
        Assert.Equal(InputPositionKind.Line, ex.PositionKind);
        Assert.Equal(5, ex.Position);
        Assert.StartsWith("house.json: line 5:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_without_source_is_rejected_at_its_line()
    {
        var bad = Minimal.Replace("\"tolerance\": { \"value\": 0.5, \"source\": \"house spec 1.2\",", "\"tolerance\": { \"value\": 0.5,", StringComparison.Ordinal);
        var ex = Assert.Throws<PercheFormatException>(() => ProfileCatalog.Parse(bad, "house.json"));
        Assert.Equal(8, ex.Position);
        Assert.Contains("must cite its 'source'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_without_confirmation_flag_is_rejected()
    {
        var bad = Minimal.Replace("\"tolerance\": { \"value\": 0.5, \"source\": \"house spec 1.2\", \"confirmed\": true }", "\"tolerance\": { \"value\": 0.5, \"source\": \"house spec 1.2\" }", StringComparison.Ordinal);
        var ex = Assert.Throws<PercheFormatException>(() => ProfileCatalog.Parse(bad, "house.json"));
        Assert.Contains("confirmed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_fields_codecs_layouts_and_methods_are_rejected_with_their_line()
    {
        var typo = Minimal.Replace("\"targetLevel\"", "\"targetLevle\"", StringComparison.Ordinal);
        var ex = Assert.Throws<PercheFormatException>(() => ProfileCatalog.Parse(typo, "house.json"));
        Assert.Contains("unknown field 'targetLevle'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(7, ex.Position);

        var codec = Minimal.Replace("\"tolerance\"", "\"outputs\": { \"value\": [ { \"codec\": \"wma\" } ], \"source\": \"x\", \"confirmed\": false },\n    \"tolerance\"", StringComparison.Ordinal);
        Assert.Contains("unknown codec 'wma'", Assert.Throws<PercheFormatException>(() => ProfileCatalog.Parse(codec, "h.json")).Message, StringComparison.Ordinal);

        var layout = Minimal.Replace("\"tolerance\"", "\"layouts\": { \"value\": [ \"quad\" ], \"source\": \"x\", \"confirmed\": false },\n    \"tolerance\"", StringComparison.Ordinal);
        Assert.Contains("unknown entry 'quad'", Assert.Throws<PercheFormatException>(() => ProfileCatalog.Parse(layout, "h.json")).Message, StringComparison.Ordinal);

        var method = Minimal.Replace("\"bs1770\"", "\"vu\"", StringComparison.Ordinal);
        Assert.Contains("unknown method 'vu'", Assert.Throws<PercheFormatException>(() => ProfileCatalog.Parse(method, "h.json")).Message, StringComparison.Ordinal);

        var noTolerance = Minimal.Replace(",\n    \"tolerance\": { \"value\": 0.5, \"source\": \"house spec 1.2\", \"confirmed\": true }", string.Empty, StringComparison.Ordinal);
        Assert.Contains("needs a 'tolerance'", Assert.Throws<PercheFormatException>(() => ProfileCatalog.Parse(noTolerance, "h.json")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_profile_file_is_reported()
    {
        var ex = Assert.Throws<PercheFormatException>(() => ProfileCatalog.LoadFile("/nonexistent/house.json"));
        Assert.Contains("file not found", ex.Message, StringComparison.Ordinal);
    }
}

internal static class ProfileTestExtensions
{
    public static string Source<T>(this DeliveryProfile _, ProfileField<T> field) => field.Source;
}
