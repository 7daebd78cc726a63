using System.Text.Json;

namespace Perche.Cli.Tests;

public sealed class DeliveryVerbTests
{
    private static string TempFolder() => Path.Combine(Path.GetTempPath(), "perche-cli-delivery-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void Profiles_lists_every_shipped_profile()
    {
        var (code, stdout, _) = CliRunner.Run("profiles", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var ids = doc.RootElement.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.True(ids.Count >= 21);
        Assert.Contains("ebu-r128", ids);
        Assert.Contains("cinema-trailer-tasa", ids);
        var (humanCode, human, _) = CliRunner.Run("profiles");
        Assert.Equal(0, humanCode);
        Assert.Contains("netflix-nearfield", human, StringComparison.Ordinal);
    }

    [Fact]
    public void Profiles_shows_each_field_of_one_profile_with_its_source()
    {
        var (code, stdout, _) = CliRunner.Run("profiles", "netflix-nearfield", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var target = doc.RootElement.GetProperty("fields").GetProperty("targetLevel");
        Assert.Equal("-27", target.GetProperty("value").GetString());
        Assert.True(target.GetProperty("confirmed").GetBoolean());
        Assert.Contains("Netflix", target.GetProperty("source").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_reports_the_demo_mix_out_of_r128_and_exits_1()
    {
        var (code, stdout, _) = CliRunner.Run("check", CliRunner.Demo("mix", "LePhare_R1_20.wav"), "--profile", "ebu-r128", "--json");
        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("fail", doc.RootElement.GetProperty("verdict").GetString());
        var level = doc.RootElement.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "level");
        Assert.Equal("fail", level.GetProperty("verdict").GetString());
        Assert.Equal("-23.0 +- 0.2", level.GetProperty("requirement").GetString());
        var (humanCode, human, _) = CliRunner.Run("check", CliRunner.Demo("mix", "LePhare_R1_20.wav"), "-p", "ebu-r128");
        Assert.Equal(1, humanCode);
        Assert.Contains("FAIL", human, StringComparison.Ordinal);
        Assert.Contains("truePeak", human, StringComparison.Ordinal);
    }

    [Fact]
    public void Deliver_writes_the_master_and_reports_and_exits_0()
    {
        var output = TempFolder();
        try
        {
            var (code, stdout, stderr) = CliRunner.Run("deliver", CliRunner.Demo("mix", "LePhare_R1_20.wav"), "--profile", "ebu-r128", "--out", output, "--no-encode", "--json");
            Assert.True(code == 0, stderr);
            using var doc = JsonDocument.Parse(stdout);
            var master = doc.RootElement.GetProperty("outputs")[0];
            Assert.Equal("master", master.GetProperty("kind").GetString());
            Assert.Equal(-23.0, master.GetProperty("measurement").GetProperty("integratedLufs").GetDouble(), 0.1);
            Assert.True(File.Exists(master.GetProperty("path").GetString()));
            Assert.True(File.Exists(Path.Combine(output, "LePhare_R1_20_ebu-r128_20_48k_24b.qc.html")));
            Assert.True(File.Exists(Path.Combine(output, "LePhare_R1_20_ebu-r128_20_48k_24b.qc.pdf")));
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [Fact]
    public void An_unknown_profile_exits_2_and_lists_the_profiles()
    {
        var (code, _, stderr) = CliRunner.Run("check", CliRunner.Demo("mix", "LePhare_R1_20.wav"), "--profile", "ebu-r12");
        Assert.Equal(2, code);
        Assert.Contains("unknown delivery profile", stderr, StringComparison.Ordinal);
        Assert.Contains("ebu-r128", stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_full_output_disk_exits_2_with_a_clear_message_and_leaves_no_file()
    {
        using var disk = Perche.Delivery.Tests.Support.TmpfsMount.Create(512); // a real ENOSPC: the master needs over 1 MB
        var (code, _, stderr) = CliRunner.Run("deliver", CliRunner.Demo("mix", "LePhare_R1_20.wav"), "--profile", "ebu-r128", "--out", disk.Path, "--no-encode");
        Assert.Equal(2, code);
        Assert.Contains("the disk is full (no space left on device)", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(disk.Path));
    }

    [Fact]
    public void A_missing_source_or_a_layout_mismatch_exits_2()
    {
        var (code, _, stderr) = CliRunner.Run("deliver", "/nonexistent/mix.wav", "--profile", "ebu-r128", "--out", TempFolder());
        Assert.Equal(2, code);
        Assert.Contains("file not found", stderr, StringComparison.Ordinal);
        var (layoutCode, _, layoutErr) = CliRunner.Run("deliver", CliRunner.Demo("mix", "LePhare_R1_51.wav"), "--profile", "spotify", "--out", TempFolder());
        Assert.Equal(2, layoutCode);
        Assert.Contains("layout mismatch", layoutErr, StringComparison.Ordinal);
        var (langCode, _, langErr) = CliRunner.Run("deliver", CliRunner.Demo("mix", "LePhare_R1_20.wav"), "--profile", "ebu-r128", "--out", TempFolder(), "--lang", "de");
        Assert.Equal(2, langCode);
        Assert.Contains("en or fr", langErr, StringComparison.Ordinal);
    }
}

public sealed class DeliveryProjectTests : IDisposable
{
    private readonly string temp = Path.Combine(Path.GetTempPath(), "perche-cli-deliveryproj-" + Guid.NewGuid().ToString("N"));

    public DeliveryProjectTests() => Directory.CreateDirectory(this.temp);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(this.temp, recursive: true);
    }

    [Fact]
    public void In_a_project_deliver_and_check_are_recorded_and_status_says_so()
    {
        var projectPath = Path.Combine(this.temp, "LePhare");
        Assert.Equal(0, CliRunner.Run("init", projectPath).ExitCode);
        var project = projectPath + ".perche";
        var output = Path.Combine(this.temp, "out");

        var (code, stdout, stderr) = CliRunner.Run("deliver", CliRunner.Demo("mix", "LePhare_R1_20.wav"), "--profile", "ebu-r128", "--out", output, "--no-encode", "--no-reports", "--project", project, "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(1, doc.RootElement.GetProperty("projectRunId").GetInt64());
        var master = doc.RootElement.GetProperty("outputs")[0].GetProperty("path").GetString()!;

        var (checkCode, checkOut, _) = CliRunner.Run("check", master, "--profile", "ebu-r128", "--project", project);
        Assert.Equal(0, checkCode);
        Assert.Contains("stored in project LePhare: check run 2", checkOut, StringComparison.Ordinal);

        var (statusCode, status, _) = CliRunner.Run("status", "--project", project);
        Assert.Equal(0, statusCode);
        Assert.Contains("delivery runs", status, StringComparison.Ordinal);
        Assert.Contains("1 file, 0 failing; profiles ebu-r128", status, StringComparison.Ordinal);
        Assert.Contains("compliance checks", status, StringComparison.Ordinal);

        // Without a project nothing is recorded and the JSON says so.
        var (plainCode, plainOut, _) = CliRunner.Run("check", master, "--profile", "ebu-r128", "--json");
        Assert.Equal(0, plainCode);
        using var plain = JsonDocument.Parse(plainOut);
        Assert.Equal(JsonValueKind.Null, plain.RootElement.GetProperty("projectRunId").ValueKind);
    }
}
