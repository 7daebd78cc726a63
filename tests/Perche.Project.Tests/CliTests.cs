using System.Text.Json;
using Perche.Cli;

namespace Perche.Project.Tests;

/// <summary>`perche init` and `perche status` run in-process.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "perche-cli-tests", Guid.NewGuid().ToString("N"));

    public CliTests()
    {
        Directory.CreateDirectory(this.root);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(this.root, recursive: true);
    }

    internal static (int ExitCode, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = PercheCommand.Run(args, stdout, stderr, interactive: false);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Init_then_status_shows_the_settings_and_the_store()
    {
        var path = Path.Combine(this.root, "LePhare");
        var (code, output, err) = Run("init", path, "--fps", "23.976", "--sample-rate", "48000", "--lang", "fr,en", "--company", "Films du Large", "--title", "Le Phare");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, err);
        Assert.Contains("Created project " + path + ".perche", output, StringComparison.Ordinal);

        (code, output, err) = Run("status", "--project", path + ".perche");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, err);
        Assert.Contains("Le Phare", output, StringComparison.Ordinal);
        Assert.Contains("23.976 fps, timecode 23.976", output, StringComparison.Ordinal);
        Assert.Contains("48000 Hz, 24-bit", output, StringComparison.Ordinal);
        Assert.Contains("fr, en", output, StringComparison.Ordinal);
        Assert.Contains("project v2", output, StringComparison.Ordinal);

        (code, output, _) = Run("status", "--json", "--project", path + ".perche");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var settings = doc.RootElement.GetProperty("settings");
        Assert.Equal("24000/1001", settings.GetProperty("frameRate").GetString());
        Assert.Equal(48000, settings.GetProperty("sampleRateHz").GetInt32());
        Assert.Equal("Sqlite", doc.RootElement.GetProperty("provider").GetString());
        Assert.Equal(2, doc.RootElement.GetProperty("schemaVersions").GetProperty("project").GetInt32());
    }

    [Fact]
    public void Bad_input_exits_2_with_a_message()
    {
        var (code, _, err) = Run("init", Path.Combine(this.root, "X"), "--fps", "26.5");
        Assert.Equal(2, code);
        Assert.Contains("frame rate", err, StringComparison.Ordinal);

        (code, _, err) = Run("status", "--project", this.root);
        Assert.Equal(2, code);
        Assert.Contains("not a Perche project", err, StringComparison.Ordinal);

        Assert.Equal(0, Run("init", Path.Combine(this.root, "X")).ExitCode);
        (code, _, err) = Run("init", Path.Combine(this.root, "X"));
        Assert.Equal(2, code);
        Assert.Contains("already exists", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Project_backup_export_and_import_round_trip_through_the_cli()
    {
        var path = Path.Combine(this.root, "LePhare");
        Assert.Equal(0, Run("init", path, "--fps", "25", "--lang", "fr").ExitCode);
        var project = path + ".perche";

        var (code, output, err) = Run("project", "backup", "--json", "--project", project);
        Assert.True(code == 0, err);
        using (var doc = JsonDocument.Parse(output))
        {
            Assert.True(File.Exists(doc.RootElement.GetProperty("backup").GetString()));
            Assert.StartsWith(Path.Combine(project, "backups"), doc.RootElement.GetProperty("backup").GetString(), StringComparison.Ordinal);
        }

        // The dump on stdout is the JSON document itself.
        (code, output, err) = Run("project", "export", "--json", "--project", project);
        Assert.True(code == 0, err);
        using (var doc = JsonDocument.Parse(output))
        {
            Assert.Equal("perche-project-export", doc.RootElement.GetProperty("format").GetString());
            var settings = doc.RootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "project_settings");
            Assert.Equal("LePhare", settings.GetProperty("rows")[0].GetProperty("title").GetString());
        }

        var dump = Path.Combine(this.root, "dump.json");
        Assert.Equal(0, Run("project", "export", dump, "--project", project).ExitCode);
        (code, output, err) = Run("project", "import", dump, Path.Combine(this.root, "Copy"));
        Assert.True(code == 0, err);
        Assert.Contains("Imported", output, StringComparison.Ordinal);
        (code, output, _) = Run("status", "--json", "--project", Path.Combine(this.root, "Copy.perche"));
        Assert.Equal(0, code);
        using (var doc = JsonDocument.Parse(output))
        {
            Assert.Equal("LePhare", doc.RootElement.GetProperty("settings").GetProperty("title").GetString());
            Assert.Equal("fr", doc.RootElement.GetProperty("settings").GetProperty("languages")[0].GetString());
        }

        (code, _, err) = Run("project", "import", Path.Combine(this.root, "missing.json"), Path.Combine(this.root, "Other"));
        Assert.Equal(2, code);
        Assert.Contains("missing.json", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Project_settings_crew_and_profiles_are_shown_and_changed_through_the_cli()
    {
        var path = Path.Combine(this.root, "LePhare");
        Assert.Equal(0, Run("init", path, "--fps", "24", "--lang", "fr").ExitCode);
        var project = path + ".perche";

        var (code, output, err) = Run("project", "settings", "--project", project, "--fps", "25", "--timecode-rate", "25", "--lang", "fr,en", "--company", "Films du Large", "--json");
        Assert.True(code == 0, err);
        using (var doc = JsonDocument.Parse(output))
        {
            Assert.Equal("25/1", doc.RootElement.GetProperty("frameRate").GetString());
            Assert.Equal(2, doc.RootElement.GetProperty("languages").GetArrayLength());
            Assert.Equal("Films du Large", doc.RootElement.GetProperty("company").GetString());
        }

        (code, _, err) = Run("project", "settings", "--project", project, "--bit-depth", "20");
        Assert.Equal(2, code);
        Assert.Contains("bit depth 20 is not 16, 24 or 32", err, StringComparison.Ordinal);

        (code, output, err) = Run("project", "crew", "add", "Marie Keller", "--role", "production sound mixer", "--project", project);
        Assert.True(code == 0, err);
        Assert.Contains("Marie Keller", output, StringComparison.Ordinal);

        (code, output, err) = Run("project", "profiles", "add", "--preset", "ebu-r128", "--project", project, "--json");
        Assert.True(code == 0, err);
        using (var doc = JsonDocument.Parse(output))
        {
            Assert.Equal(-23.0, doc.RootElement[0].GetProperty("integratedLufs").GetDouble());
            Assert.Equal(-1.0, doc.RootElement[0].GetProperty("maxTruePeakDbtp").GetDouble());
        }

        (code, output, _) = Run("status", "--project", project);
        Assert.Equal(0, code);
        Assert.Contains("25 fps, timecode 25", output, StringComparison.Ordinal);
        Assert.Contains("crew members", output, StringComparison.Ordinal);
    }
}
