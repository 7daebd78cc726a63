using System.Text.Json;

namespace Perche.Cli.Tests;

public sealed class PostVerbTests : IDisposable
{
    private readonly string temp = Path.Combine(Path.GetTempPath(), "perche-cli-post-" + Guid.NewGuid().ToString("N"));

    public PostVerbTests() => Directory.CreateDirectory(this.temp);

    public void Dispose() => Directory.Delete(this.temp, recursive: true);

    private static string DemoEdl => CliRunner.Demo("edit", "LePhare_R1_picture.edl");

    [Fact]
    public void Timeline_lists_the_demo_cut_with_its_dissolve_and_marker()
    {
        var (code, output, err) = CliRunner.Run("timeline", DemoEdl);
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, err);
        Assert.Contains("LE PHARE R1 PICTURE LOCK v3", output, StringComparison.Ordinal);
        Assert.Contains("00:00:06:18 (168 frames)", output, StringComparison.Ordinal);
        Assert.Contains("SMPTE_Dissolve", output, StringComparison.Ordinal);
        Assert.Contains("10:30:01:10", output, StringComparison.Ordinal);
        Assert.Contains("WIND ON LAV", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Timeline_json_gives_record_and_source_timecodes()
    {
        var (code, output, _) = CliRunner.Run("timeline", "--json", "--rate", "25", DemoEdl);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var items = doc.RootElement.GetProperty("tracks")[0].GetProperty("items");
        Assert.Equal(5, items.GetArrayLength());
        Assert.Equal("A001C003", items[0].GetProperty("name").GetString());
        Assert.Equal("10:00:00:12", items[0].GetProperty("sourceIn").GetProperty("timecode").GetString());
        Assert.Equal("01:00:01:13", items[0].GetProperty("recordOut").GetProperty("timecode").GetString());
        Assert.Equal("SMPTE_Dissolve", items[2].GetProperty("kind").GetString());
        Assert.Equal("YELLOW", items[1].GetProperty("markers")[0].GetProperty("color").GetString());
        Assert.Empty(doc.RootElement.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public void Timeline_of_a_bad_edl_exits_2_with_file_and_line()
    {
        var bad = Path.Combine(this.temp, "bad.edl");
        File.WriteAllText(bad, "TITLE: x\n001  R1 V C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:2x\n");
        var (code, _, err) = CliRunner.Run("timeline", "--rate", "25", bad);
        Assert.Equal(2, code);
        Assert.Contains("bad.edl: line 2:", err, StringComparison.Ordinal);

        var (tolerantCode, output, _) = CliRunner.Run("timeline", "--rate", "25", "--tolerant", bad);
        Assert.Equal(0, tolerantCode);
        Assert.Contains("line skipped", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Timeline_of_a_missing_file_or_a_bad_rate_exits_2()
    {
        Assert.Equal(2, CliRunner.Run("timeline", Path.Combine(this.temp, "none.edl")).ExitCode);
        Assert.Equal(2, CliRunner.Run("timeline", "--rate", "26.5x", DemoEdl).ExitCode);
    }

    [Fact]
    public void Conform_matches_every_demo_event_and_writes_the_session()
    {
        var (code, output, err) = CliRunner.Run("conform", DemoEdl, "--rushes", CliRunner.Demo("rushes"), "--out", this.temp, "--json");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(4, root.GetProperty("matched").GetInt32());
        Assert.Equal(0, root.GetProperty("unmatched").GetInt32());
        Assert.Equal(["Boom", "Lav Marie", "Lav Paul"], root.GetProperty("tracks").EnumerateArray().Select(t => t.GetString()));
        var events = root.GetProperty("events");
        Assert.Equal(["S01T01.WAV", "S01T02.WAV", "S02T01.WAV", "S01T01.WAV"], events.EnumerateArray().Select(e => Path.GetFileName(e.GetProperty("files")[0].GetString())));

        // S01T02 starts at 10:01:14:13; the cut at 10:01:15:00 leaves 12 frames (0.48 s) of handle before.
        Assert.Equal(0.48, events[1].GetProperty("handleBeforeSeconds").GetDouble(), 6);
        Assert.Equal(9, root.GetProperty("written").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(this.temp, "LePhare_R1_picture.01_Boom.review.wav")));
        Assert.True(File.Exists(Path.Combine(this.temp, "LePhare_R1_picture.rpp")));
        Assert.True(File.Exists(Path.Combine(this.temp, "LePhare_R1_picture.02_Lav_Marie.edl")));
    }

    [Fact]
    public void Conform_exits_1_when_an_event_has_no_recording()
    {
        var edl = Path.Combine(this.temp, "cut.edl");
        File.WriteAllText(edl, "001  A001 V C 10:00:00:12 10:00:02:00 01:00:00:00 01:00:01:13\n002  A009 V C 14:00:00:00 14:00:01:00 01:00:01:13 01:00:02:13\n");
        var (code, output, _) = CliRunner.Run("conform", edl, "--rushes", CliRunner.Demo("rushes"), "--out", Path.Combine(this.temp, "o"));
        Assert.Equal(1, code);
        Assert.Contains("unmatched 1", output, StringComparison.Ordinal);
        Assert.Contains("no recording covers", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--rushes", "/nonexistent/rushes", "--handles", "5s", "does not exist")]
    [InlineData("--rushes", "RUSHES", "--handles", "five", "--handles")]
    public void Conform_bad_usage_exits_2(string o1, string v1, string o2, string v2, string message)
    {
        var (code, _, err) = CliRunner.Run("conform", DemoEdl, o1, v1 == "RUSHES" ? CliRunner.Demo("rushes") : v1, o2, v2, "--out", this.temp);
        Assert.Equal(2, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }
}

public sealed class PostProjectTests : IDisposable
{
    private readonly string temp = Path.Combine(Path.GetTempPath(), "perche-cli-postproj-" + Guid.NewGuid().ToString("N"));

    public PostProjectTests() => Directory.CreateDirectory(this.temp);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(this.temp, recursive: true);
    }

    [Fact]
    public void In_a_project_the_cut_and_the_conform_are_stored_and_status_says_so()
    {
        var projectPath = Path.Combine(this.temp, "LePhare");
        Assert.Equal(0, CliRunner.Run("init", projectPath).ExitCode);
        var project = projectPath + ".perche";

        var (code, output, err) = CliRunner.Run("conform", CliRunner.Demo("edit", "LePhare_R1_picture.edl"), "--rushes", CliRunner.Demo("rushes"), "--project", project, "--json");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, err);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(1, doc.RootElement.GetProperty("projectCutId").GetInt64());
        Assert.Equal(1, doc.RootElement.GetProperty("projectConformId").GetInt64());

        // Without --out, the session goes to the project's renders folder.
        Assert.True(File.Exists(Path.Combine(project, "renders", "conform", "LePhare_R1_picture", "LePhare_R1_picture.rpp")));

        var (timelineCode, timelineOut, _) = CliRunner.Run("timeline", CliRunner.Demo("edit", "LePhare_R1_picture.edl"), "--project", project);
        Assert.Equal(0, timelineCode);
        Assert.Contains("as cut 2", timelineOut, StringComparison.Ordinal);

        var (statusCode, status, _) = CliRunner.Run("status", "--project", project);
        Assert.Equal(0, statusCode);
        Assert.Contains("picture cuts imported", status, StringComparison.Ordinal);
        Assert.Contains("last: 4 matched", status, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconform_of_the_demo_to_the_next_cut_lists_the_changes_and_keeps_ids()
    {
        var conformOut = Path.Combine(this.temp, "conform");
        Assert.Equal(0, CliRunner.Run("conform", CliRunner.Demo("edit", "LePhare_R1_picture.edl"), "--rushes", CliRunner.Demo("rushes"), "--out", conformOut).ExitCode);
        var session = Path.Combine(conformOut, "LePhare_R1_picture.otio");
        var next = CliRunner.Demo("post", "LePhare_R1_picture_v4.edl");
        var outFolder = Path.Combine(this.temp, "reconform");

        // The session knows its rushes folder: --rushes is not needed.
        var (code, output, err) = CliRunner.Run("reconform", CliRunner.Demo("edit", "LePhare_R1_picture.edl"), next, "--session", session, "--out", outFolder, "--change-edl", "--json");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        var changes = root.GetProperty("changes").EnumerateArray().Select(c => (c.GetProperty("change").GetString(), c.GetProperty("oldEvent").GetString(), c.GetProperty("newEvent").GetString(), c.GetProperty("tailFrames").GetInt64(), c.GetProperty("shiftFrames").GetInt64())).ToList();
        Assert.Equal([("trim-tail", "001", "001", -13L, 0L), ("moved", "002", "002", 0L, -13L), ("moved", "003", "003", 0L, -13L), ("replaced", "004", "004", 0L, -13L)], changes);
        Assert.Equal(6, root.GetProperty("keptClips").GetInt32());
        Assert.Equal(["E001", "E002", "E003", "R004"], root.GetProperty("clips").EnumerateArray().Select(c => c.GetProperty("material").GetString()));
        Assert.True(File.Exists(Path.Combine(outFolder, "LePhare_R1_picture_v4.changes.csv")));
        Assert.Contains("* CHANGE: REPLACED", File.ReadAllText(Path.Combine(outFolder, "LePhare_R1_picture_v4.changes.edl")), StringComparison.Ordinal);

        // Human table by default.
        var (humanCode, human, _) = CliRunner.Run("reconform", CliRunner.Demo("edit", "LePhare_R1_picture.edl"), next, "--session", session, "--out", outFolder);
        Assert.Equal(0, humanCode);
        Assert.Contains("trim-tail", human, StringComparison.Ordinal);
        Assert.Contains("6 session clips kept", human, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconform_without_a_session_or_with_a_bad_one_exits_2()
    {
        var next = CliRunner.Demo("post", "LePhare_R1_picture_v4.edl");
        Assert.Equal(2, CliRunner.Run("reconform", CliRunner.Demo("edit", "LePhare_R1_picture.edl"), next, "--project", Path.Combine(this.temp, "none")).ExitCode);
        var bad = Path.Combine(this.temp, "bad.otio");
        File.WriteAllText(bad, "{\"OTIO_SCHEMA\": \"Timeline.1\", \"tracks\": 3");
        var (code, _, err) = CliRunner.Run("reconform", CliRunner.Demo("edit", "LePhare_R1_picture.edl"), next, "--session", bad, "--rushes", CliRunner.Demo("rushes"));
        Assert.Equal(2, code);
        Assert.Contains("bad.otio", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Cues_of_the_demo_session_with_its_script()
    {
        var demoEdl = CliRunner.Demo("edit", "LePhare_R1_picture.edl");
        var conformOut = Path.Combine(this.temp, "conform");
        Assert.Equal(0, CliRunner.Run("conform", demoEdl, "--rushes", CliRunner.Demo("rushes"), "--out", conformOut).ExitCode);
        var session = Path.Combine(conformOut, "LePhare_R1_picture.otio");
        var script = CliRunner.Demo("script", "LePhare.fountain");
        var cuesOut = Path.Combine(this.temp, "cues");

        var (code, output, err) = CliRunner.Run("cues", "adr", "--session", session, "--script", script, "--out", cuesOut, "--json");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, err);
        using (var doc = JsonDocument.Parse(output))
        {
            // Scene 2 is windy in the breakdown: Paul's line on the gallery, at 01:00:03:18, goes to ADR as a risk.
            var cue = Assert.Single(doc.RootElement.GetProperty("cues").EnumerateArray());
            Assert.Equal("PA001", cue.GetProperty("cue").GetString());
            Assert.Equal("PAUL", cue.GetProperty("character").GetString());
            Assert.Equal("01:00:03:18", cue.GetProperty("tcIn").GetString());
            Assert.Equal("01:00:05:08", cue.GetProperty("tcOut").GetString());
            Assert.Equal("RISK", cue.GetProperty("reason").GetString());
            Assert.Equal("Marie ! Le bateau est amarré, mais il ne tiendra pas jusqu'au matin !", cue.GetProperty("line").GetString());
        }

        Assert.True(File.Exists(Path.Combine(cuesOut, "LePhare_R1_picture.adr.csv")));
        Assert.StartsWith("%PDF-", File.ReadAllText(Path.Combine(cuesOut, "LePhare_R1_picture.adr.pdf"))[..5], StringComparison.Ordinal);

        var (foleyCode, foley, _) = CliRunner.Run("cues", "foley", "--session", session, "--script", script, "--out", cuesOut);
        Assert.Equal(0, foleyCode);
        Assert.Contains("FS001", foley, StringComparison.Ordinal);
        Assert.Contains("PAUL", foley, StringComparison.Ordinal);
        Assert.DoesNotContain("GARDE", foley, StringComparison.Ordinal);

        // Marie is seen at the radio in scene 1 (the on-screen side of the call), Paul on the gallery in scene 2;
        // the coastguard's voice and Marie off screen get no footsteps. The v3 cut comes back to scene 1 after scene 2:
        // three scene runs, footsteps and cloth for one character in each.
        Assert.Contains("6 Foley cue(s)", foley, StringComparison.Ordinal);
    }

    [Fact]
    public void Cues_without_a_session_or_with_one_conform_did_not_make_exit_2()
    {
        Assert.Equal(2, CliRunner.Run("cues", "adr", "--project", Path.Combine(this.temp, "none")).ExitCode);
        var (code, _, err) = CliRunner.Run("cues", "foley", "--session", CliRunner.Demo("edit", "LePhare_R1_picture.edl"));
        Assert.Equal(2, code);
        Assert.Contains("no conformed clip", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Conform_in_a_project_weighs_the_mixers_report_edits()
    {
        var projectPath = Path.Combine(this.temp, "Shoot");
        Assert.Equal(0, CliRunner.Run("init", projectPath).ExitCode);
        var project = projectPath + ".perche";
        var rushes = CliRunner.Demo("rushes");
        Assert.Equal(0, CliRunner.Run("report", "edit", rushes, "1/2", "--no-good", "true", "--note", "boat engine", "--project", project).ExitCode);

        var (code, output, err) = CliRunner.Run("conform", CliRunner.Demo("edit", "LePhare_R1_picture.edl"), "--rushes", rushes, "--project", project, "--json");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, err);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(1, doc.RootElement.GetProperty("shootTakeIndex").GetProperty("edits").GetInt32());
        var second = doc.RootElement.GetProperty("events")[1];
        Assert.Equal("S01T02.WAV", Path.GetFileName(second.GetProperty("files")[0].GetString()));
        Assert.Equal("matched", second.GetProperty("status").GetString());
        Assert.Equal("marked NG in the sound report, circled in the sound report, report note: boat engine", second.GetProperty("reason").GetString());
    }
}
