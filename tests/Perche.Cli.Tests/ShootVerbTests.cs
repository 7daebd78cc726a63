using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Perche.Cli.Tests;

public sealed class ShootVerbTests : IDisposable
{
    private readonly string temp = Path.Combine(Path.GetTempPath(), "perche-cli-shoot-" + Guid.NewGuid().ToString("N")[..10]);

    public ShootVerbTests() => Directory.CreateDirectory(this.temp);

    public void Dispose()
    {
        try
        {
            Directory.Delete(this.temp, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string CopyRushes()
    {
        var card = Path.Combine(this.temp, "SR001");
        Directory.CreateDirectory(card);
        foreach (var f in Directory.GetFiles(CliRunner.Demo("rushes", "SR001")))
        {
            File.Copy(f, Path.Combine(card, Path.GetFileName(f)));
        }

        return card;
    }

    [Fact]
    public void Report_json_lists_the_demo_takes_and_writes_the_four_formats()
    {
        var outDir = Path.Combine(this.temp, "out");
        var (code, stdout, stderr) = CliRunner.Run("report", CliRunner.Demo("rushes"), "--json", "--out", outDir, "--lang", "fr", "--mixer", "Jeanne Son");
        Assert.True(code == 0, stderr);
        var root = JsonNode.Parse(stdout)!;
        Assert.Equal("Le Phare", root["header"]!["production"]!.GetValue<string>());
        Assert.Equal("Jeanne Son", root["header"]!["soundMixer"]!.GetValue<string>());
        var takes = root["takes"]!.AsArray();
        Assert.Equal(3, takes.Count);
        Assert.Equal("10:00:00:00", takes[0]!["startTimecode"]!.GetValue<string>());
        Assert.Equal("Boom", takes[0]!["tracks"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(4, root["written"]!.AsArray().Count);
        foreach (var ext in new[] { "pdf", "csv", "html", "ale" })
        {
            Assert.True(new FileInfo(Path.Combine(outDir, $"Le_Phare_SR001.{ext}")).Length > 100, ext);
        }

        Assert.Empty(Directory.GetFiles(outDir, "*.tmp-*"));
    }

    [Fact]
    public void Report_of_a_missing_folder_exits_2_and_a_bad_format_too()
    {
        var (code, _, err) = CliRunner.Run("report", Path.Combine(this.temp, "nope"));
        Assert.Equal(2, code);
        Assert.Contains("folder not found", err, StringComparison.Ordinal);
        var (code2, _, err2) = CliRunner.Run("report", CliRunner.Demo("rushes"), "--out", this.temp, "--format", "pdf,docx");
        Assert.Equal(2, code2);
        Assert.Contains("docx", err2, StringComparison.Ordinal);
    }

    [Fact]
    public void Edit_circles_a_take_writes_it_back_and_the_report_shows_it()
    {
        var card = CopyRushes();
        var before = File.ReadAllBytes(Path.Combine(card, "S01T02.WAV"));
        var (code, stdout, stderr) = CliRunner.Run("report", "edit", card, "1/2", "--circle", "--note", "la bonne", "--write-back", "--json");
        Assert.True(code == 0, stderr);
        var written = JsonNode.Parse(stdout)!["takes"]![0]!["writtenBack"]![0]!;
        Assert.Equal(written["audioXxh64Before"]!.GetValue<string>(), written["audioXxh64After"]!.GetValue<string>());
        var (_, report, _) = CliRunner.Run("report", card, "--json");
        var take = JsonNode.Parse(report)!["takes"]!.AsArray().Single(t => t!["take"]!.GetValue<string>() == "2")!;
        Assert.True(take["circled"]!.GetValue<bool>());
        Assert.Equal("la bonne", take["note"]!.GetValue<string>());
        Assert.NotEqual(before.Length, new FileInfo(Path.Combine(card, "S01T02.WAV")).Length);

        var (bad, _, err) = CliRunner.Run("report", "edit", card, "7/7", "--circle");
        Assert.Equal(2, bad);
        Assert.Contains("no take matches '7/7'", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Offload_then_verify_then_a_flipped_byte_fails_verify_with_the_file_named()
    {
        var card = CopyRushes();
        var a = Path.Combine(this.temp, "driveA");
        var b = Path.Combine(this.temp, "driveB");
        var (code, stdout, stderr) = CliRunner.Run("offload", card, "--to", a, "--to", b, "--hash", "xxh64,md5", "--json");
        Assert.True(code == 0, stderr);
        var root = JsonNode.Parse(stdout)!;
        Assert.True(root["passed"]!.GetValue<bool>());
        Assert.Equal(2, root["destinations"]!.AsArray().Count(d => d!["verified"]!.GetValue<bool>()));
        Assert.Equal(0, CliRunner.Run("verify", Path.Combine(b, "SR001")).ExitCode);

        var victim = Path.Combine(b, "SR001", "S02T01.WAV");
        var bytes = File.ReadAllBytes(victim);
        bytes[^10] ^= 0x80;
        File.WriteAllBytes(victim, bytes);
        var (vcode, vout, verr) = CliRunner.Run("verify", Path.Combine(b, "SR001"), "--json");
        Assert.Equal(1, vcode);
        var failed = JsonNode.Parse(vout)!["files"]!.AsArray().Single(f => f!["verdict"]!.GetValue<string>() == "failed")!;
        Assert.Equal("S02T01.WAV", failed["path"]!.GetValue<string>());
        Assert.Contains("S02T01.WAV", verr, StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run("verify", Path.Combine(a, "SR001")).ExitCode);
    }

    [Fact]
    public void Offload_refuses_the_same_destination_twice_a_destination_inside_the_source_and_an_unknown_hash()
    {
        var card = CopyRushes();
        var a = Path.Combine(this.temp, "A");
        Assert.Equal(2, CliRunner.Run("offload", card, "--to", a, "--to", a).ExitCode);
        var (code, _, err) = CliRunner.Run("offload", card, "--to", Path.Combine(card, "backup"));
        Assert.Equal(2, code);
        Assert.Contains("inside the source", err, StringComparison.Ordinal);
        var (hcode, _, herr) = CliRunner.Run("offload", card, "--to", a, "--hash", "crc32");
        Assert.Equal(2, hcode);
        Assert.Contains("crc32", herr, StringComparison.Ordinal);
        var (vcode, _, verr) = CliRunner.Run("verify", card);
        Assert.Equal(2, vcode);
        Assert.Contains("no ASC MHL history", verr, StringComparison.Ordinal);
    }

    [Fact]
    public void Qc_json_measures_every_channel_of_the_demo_takes()
    {
        var (code, stdout, stderr) = CliRunner.Run("qc", CliRunner.Demo("rushes"), "--json", "--sample-rate", "48000", "--bits", "24");
        Assert.True(code == 0, stderr + stdout);
        var takes = JsonNode.Parse(stdout)!["takes"]!.AsArray();
        Assert.Equal(3, takes.Count);
        var ch = takes[0]!["channels"]!.AsArray();
        Assert.Equal(2, ch.Count);
        Assert.InRange(ch[0]!["peakDbfs"]!.GetValue<double>(), -20, -1);
        Assert.Equal(0, ch[0]!["clippedRuns"]!.GetValue<int>());
        var (code2, _, _) = CliRunner.Run("qc", CliRunner.Demo("rushes"), "--sample-rate", "96000");
        Assert.Equal(1, code2);
    }

    [Fact]
    public void An_offload_killed_mid_copy_resumes_and_ends_fully_verified_with_no_corrupt_final_file()
    {
        var card = Path.Combine(this.temp, "CARD");
        Directory.CreateDirectory(card);
        var rng = new Random(11);
        for (var i = 0; i < 4; i++)
        {
            var data = new byte[(16 << 20) + i];
            rng.NextBytes(data);
            File.WriteAllBytes(Path.Combine(card, $"T{i}.WAV"), data);
        }

        var a = Path.Combine(this.temp, "A");
        var b = Path.Combine(this.temp, "B");
        var dll = Path.Combine(AppContext.BaseDirectory, "perche.dll");
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { dll, "offload", card, "--to", a, "--to", b })
        {
            psi.ArgumentList.Add(arg);
        }

        using (var child = Process.Start(psi)!)
        {
            // Kill once the first file is verified on both drives (in both resume journals) while later ones are in
            // flight: the kill lands in the middle of a copy or of a verification.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            bool Journaled(string dest)
            {
                try
                {
                    var j = Path.Combine(dest, "CARD", "ascmhl", ".perche-offload");
                    return File.Exists(j) && File.ReadAllText(j).Contains("T0.WAV", StringComparison.Ordinal);
                }
                catch (IOException)
                {
                    return false;
                }
            }

            while (!(Journaled(a) && Journaled(b)) && !child.HasExited && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(1);
            }

            Assert.False(child.HasExited, "the offload finished before it could be killed");
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }

        // After the kill: whatever carries a final name is a complete, correct copy.
        foreach (var dest in new[] { a, b })
        {
            foreach (var f in Directory.GetFiles(Path.Combine(dest, "CARD"), "*.WAV"))
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(card, Path.GetFileName(f))), File.ReadAllBytes(f));
            }

            Assert.Empty(Directory.Exists(Path.Combine(dest, "CARD", "ascmhl")) ? Directory.GetFiles(Path.Combine(dest, "CARD", "ascmhl"), "*.mhl") : []);
        }

        var (code, stdout, stderr) = CliRunner.Run("offload", card, "--to", a, "--to", b, "--json");
        Assert.True(code == 0, stderr);
        var root = JsonNode.Parse(stdout)!;
        var statuses = root["files"]!.AsArray().SelectMany(f => f!["status"]!.AsArray().Select(s => s!.GetValue<string>())).ToList();
        Assert.Contains("resumed", statuses);
        Assert.DoesNotContain("failed", statuses);
        foreach (var dest in new[] { a, b })
        {
            Assert.Empty(Directory.GetFiles(dest, "*.perche-part", SearchOption.AllDirectories));
            for (var i = 0; i < 4; i++)
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(card, $"T{i}.WAV")), File.ReadAllBytes(Path.Combine(dest, "CARD", $"T{i}.WAV")));
            }

            Assert.Equal(0, CliRunner.Run("verify", Path.Combine(dest, "CARD")).ExitCode);
        }
    }
}

public sealed class ShootProjectTests : IDisposable
{
    private readonly string temp = Path.Combine(Path.GetTempPath(), "perche-cli-shootproj-" + Guid.NewGuid().ToString("N")[..10]);

    public ShootProjectTests() => Directory.CreateDirectory(this.temp);

    public void Dispose()
    {
        try
        {
            Directory.Delete(this.temp, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void Inside_a_project_edits_and_offloads_are_stored_and_qc_uses_its_workflow()
    {
        var card = Path.Combine(this.temp, "SR001");
        Directory.CreateDirectory(card);
        foreach (var f in Directory.GetFiles(CliRunner.Demo("rushes", "SR001")))
        {
            File.Copy(f, Path.Combine(card, Path.GetFileName(f)));
        }

        var project = Path.Combine(this.temp, "LePhare");
        var (init, _, initErr) = CliRunner.Run("init", project, "--sample-rate", "96000", "--title", "Le Phare (projet)");
        Assert.True(init == 0, initErr);
        var projectDir = project + ".perche";

        Assert.Equal(0, CliRunner.Run("report", "edit", card, "2/1", "--circle", "--note", "vent", "--project", projectDir).ExitCode);
        Assert.False(File.Exists(Path.Combine(card, "perche-report-edits.json")));
        var (code, stdout, _) = CliRunner.Run("report", card, "--json", "--project", projectDir);
        Assert.Equal(0, code);
        var root = JsonNode.Parse(stdout)!;
        Assert.Equal("Le Phare (projet)", root["header"]!["production"]!.GetValue<string>());
        var take = root["takes"]!.AsArray().Single(t => t!["scene"]!.GetValue<string>() == "2")!;
        Assert.True(take["circled"]!.GetValue<bool>());
        Assert.Equal("vent", take["note"]!.GetValue<string>());

        // The project's 96 kHz workflow makes every 48 kHz take a QC finding.
        var (qc, qcOut, _) = CliRunner.Run("qc", card, "--json", "--project", projectDir);
        Assert.Equal(1, qc);
        Assert.Contains("sample rate 48000 Hz, workflow 96000 Hz", qcOut, StringComparison.Ordinal);

        var (off, _, offErr) = CliRunner.Run("offload", card, "--to", Path.Combine(this.temp, "A"), "--to", Path.Combine(this.temp, "B"), "--project", projectDir);
        Assert.True(off == 0, offErr);
        var (st, status, _) = CliRunner.Run("status", "--project", projectDir);
        Assert.Equal(0, st);
        Assert.Contains("offloads", status, StringComparison.Ordinal);
        Assert.Contains("1 fully verified", status, StringComparison.Ordinal);
        Assert.Contains("1 circled", status, StringComparison.Ordinal);
    }
}
