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
        Assert.Contains("project v1", output, StringComparison.Ordinal);

        (code, output, _) = Run("status", "--json", "--project", path + ".perche");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var settings = doc.RootElement.GetProperty("settings");
        Assert.Equal("24000/1001", settings.GetProperty("frameRate").GetString());
        Assert.Equal(48000, settings.GetProperty("sampleRateHz").GetInt32());
        Assert.Equal("Sqlite", doc.RootElement.GetProperty("provider").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("schemaVersions").GetProperty("project").GetInt32());
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
}
