using System.Text.Json;

namespace Perche.Cli.Tests;

public sealed class PreproductionVerbTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), $"perche-cli-pre-{Guid.NewGuid():N}");

    public PreproductionVerbTests() => Directory.CreateDirectory(this.dir);

    public void Dispose() => Directory.Delete(this.dir, recursive: true);

    private static string Script => CliRunner.Demo("script", "LePhare.fountain");

    private static string NightShift => Path.Combine(CliRunner.RepositoryRoot, "samples", "screenplays", "NightShift.fountain");

    [Fact]
    public void Script_shows_the_scenes_characters_and_language_it_read()
    {
        var (code, output, err) = CliRunner.Run("script", Script);
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, err);
        Assert.Contains("French", output, StringComparison.Ordinal);
        Assert.Contains("MARIE (5), PAUL (2), GARDE-CÔTES (1)", output, StringComparison.Ordinal);
        Assert.Contains("SÉQ. 2 - EXT. GALERIE DU PHARE - NUIT - VENT", output, StringComparison.Ordinal);

        var (jcode, json, _) = CliRunner.Run("script", "--json", NightShift);
        Assert.Equal(0, jcode);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("en", doc.RootElement.GetProperty("language").GetString());
        Assert.Equal(6, doc.RootElement.GetProperty("scenes").GetArrayLength());
        Assert.Equal("NORA", doc.RootElement.GetProperty("characters")[0].GetProperty("name").GetString());
        // Hand count: "Coffee. Black." (2), "Hold on." (3), "Most of them." (6); NORA speaks most with SAM (2).
        Assert.Equal(3, doc.RootElement.GetProperty("characters")[0].GetProperty("dialogueBlocks").GetInt32());
    }

    [Fact]
    public void Breakdown_prints_each_scene_with_acquisition_and_mic_plan()
    {
        var (code, output, _) = CliRunner.Run("breakdown", Script);
        Assert.Equal(0, code);
        Assert.Contains("corne de brume", output, StringComparison.Ordinal);
        Assert.Contains("Micros : perche 1; HF : MARIE, PAUL; couple stéréo (sons seuls)", output, StringComparison.Ordinal);
        Assert.Contains("Post-synchro / studio", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Breakdown_json_and_documents()
    {
        var (code, output, err) = CliRunner.Run("breakdown", "--json", "--out", this.dir, "--format", "html,csv,json,pdf", NightShift);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(6, doc.RootElement.GetProperty("sceneCount").GetInt32());
        var scene3 = doc.RootElement.GetProperty("scenes")[2];
        Assert.Equal(2, scene3.GetProperty("mics").GetProperty("plantMics").GetInt32());
        var siren = scene3.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("key").GetString() == "siren");
        Assert.Equal("library", siren.GetProperty("acquisition").GetString());
        Assert.Equal("SIREN", siren.GetProperty("evidence")[0].GetProperty("text").GetString());
        Assert.Equal(4, Directory.GetFiles(this.dir, "NightShift.breakdown.*").Length);
        Assert.Contains("wrote ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_json_gives_days_channels_and_total_from_a_rates_file()
    {
        var rates = Path.Combine(this.dir, "rates.ini");
        File.WriteAllText(rates, "[crew]\nboom-operator = 500\n");
        var (code, output, _) = CliRunner.Run("plan", "--json", "--days", "3", "--fps", "23.976", "--rates", rates, Script);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(3, root.GetProperty("shootingDays").GetInt32());
        Assert.Equal(3, root.GetProperty("wirelessChannels").GetInt32());
        Assert.Equal(1500, root.GetProperty("crew").EnumerateArray().Single(l => l.GetProperty("key").GetString() == "boom-operator").GetProperty("amount").GetDouble());
        Assert.Equal("23.976", root.GetProperty("workflow").GetProperty("timecodeRate").GetString());
    }

    [Fact]
    public void Bad_input_exits_2_with_a_message_naming_the_file_and_line()
    {
        var fdx = Path.Combine(this.dir, "bad.fdx");
        File.WriteAllText(fdx, "<?xml version=\"1.0\"?>\n<FinalDraft>\n<Content>\n<Paragraph Type=\"Action\"><Text>x</Paragraph>\n");
        var (code, _, err) = CliRunner.Run("breakdown", fdx);
        Assert.Equal(2, code);
        Assert.Contains("bad.fdx: line 4:", err, StringComparison.Ordinal);

        Assert.Equal(2, CliRunner.Run("script", Path.Combine(this.dir, "missing.fountain")).ExitCode);
        var rates = Path.Combine(this.dir, "bad.ini");
        File.WriteAllText(rates, "[gear]\nrecorder = lots\n");
        var (rcode, _, rerr) = CliRunner.Run("plan", "--rates", rates, Script);
        Assert.Equal(2, rcode);
        Assert.Contains("bad.ini: line 2:", rerr, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.Run("breakdown", "--out", this.dir, "--format", "docx", Script).ExitCode);
        Assert.Equal(2, CliRunner.Run("breakdown", "--lang", "de", Script).ExitCode);
        Assert.Equal(2, CliRunner.Run("plan", "--fps", "fast", Script).ExitCode);
    }

    [Fact]
    public void Edits_in_a_project_survive_a_new_breakdown_run()
    {
        Assert.Equal(0, CliRunner.Run("init", Path.Combine(this.dir, "LePhare")).ExitCode);
        var project = Path.Combine(this.dir, "LePhare.perche");
        Assert.Equal(0, CliRunner.Run("breakdown", "--project", project, Script).ExitCode);
        var (code, output, err) = CliRunner.Run("breakdown-edit", "--project", project, "--scene", "1", "--key", "plane", "--acquisition", "wildTrackOnSet", "--note", "a real plane: record it", Script);
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, err);
        Assert.Contains("scene 1 plane: hardEffect, wildTrackOnSet", output, StringComparison.Ordinal);

        var (rcode, json, _) = CliRunner.Run("breakdown", "--json", "--project", project, Script);
        Assert.Equal(0, rcode);
        using var doc = JsonDocument.Parse(json);
        var plane = doc.RootElement.GetProperty("scenes")[0].GetProperty("items").EnumerateArray().Single(i => i.GetProperty("key").GetString() == "plane");
        Assert.Equal("wildTrackOnSet", plane.GetProperty("acquisition").GetString());
        Assert.True(plane.GetProperty("editedByUser").GetBoolean());
        Assert.Equal("a real plane: record it", plane.GetProperty("reason").GetString());
        Assert.Equal(2, CliRunner.Run("breakdown-edit", "--project", project, "--scene", "1", "--key", "plane", "--acquisition", "teleport", Script).ExitCode);
    }

    [Fact]
    public void Demo_shows_the_breakdown_and_the_plan_of_Le_Phare()
    {
        var (code, output, _) = CliRunner.Run("demo");
        Assert.True(code is 0 or 1, $"demo exit {code}");
        Assert.Contains("Pre-production: sound breakdown", output, StringComparison.Ordinal);
        Assert.Contains("Fiche workflow", output, StringComparison.Ordinal);
        Assert.Contains("Chef opérateur du son", output, StringComparison.Ordinal);
    }
}
