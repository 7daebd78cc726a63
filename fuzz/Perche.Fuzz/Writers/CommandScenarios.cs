using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Perche.Core;
using Perche.Core.Formats.Wav;
using Perche.Post.Adapters.Edl;
using Perche.Post.Adapters.Otio;
using Perche.Production.Edits;
using Perche.Production.Mhl;

namespace Perche.Fuzz.Writers;

/// <summary>
/// Runs the real `perche` command line inside the kill-test child: the verb's own code, options and file handling,
/// exactly as a user runs it (perche.dll is referenced, its entry point invoked).
/// </summary>
internal static class PercheCli
{
    public static void Run(string workDir, params string[] args)
    {
        // Relative paths and the project lookup start from the work folder, never from wherever the tests run.
        Environment.CurrentDirectory = workDir;
        var entry = Assembly.Load("perche").EntryPoint ?? throw new InvalidOperationException("perche.dll has no entry point");
        var code = (int)entry.Invoke(null, [args])!;
        if (code != 0)
        {
            throw new InvalidOperationException($"perche {string.Join(' ', args)} exited with {code}");
        }
    }

    /// <summary>samples/le-phare in the repository (the demo production: rushes, picture EDL, mixes).</summary>
    public static string Samples { get; } = FindSamples();

    public static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from))
        {
            File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        }

        foreach (var d in Directory.GetDirectories(from))
        {
            CopyFolder(d, Path.Combine(to, Path.GetFileName(d)));
        }
    }

    /// <summary>Deterministic pseudo-random bytes (the kill window of an offload grows with the data).</summary>
    public static void WriteNoise(string path, int bytes, int seed)
    {
        var data = new byte[bytes];
        new Random(seed).NextBytes(data);
        File.WriteAllBytes(path, data);
    }

    private static string FindSamples()
    {
        // From the build output (tests, fuzz/out/bin), else from the current folder (a copy of the harness run
        // from the repository).
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Perche.slnx")))
                {
                    return Path.Combine(dir.FullName, "samples", "le-phare");
                }
            }
        }

        throw new InvalidOperationException("repository root (Perche.slnx) not found from the program or the current folder");
    }
}

/// <summary>A scenario that compares each surviving output with the same output of one uninterrupted reference run.</summary>
internal abstract class ReferenceScenario : WriteScenario
{
    private readonly Lock gate = new();
    private Dictionary<string, byte[]>? reference;

    /// <summary>The output's bytes with the work folder's path replaced, so runs in different folders compare.</summary>
    protected static byte[] Normalised(string workDir, string file)
    {
        var bytes = File.ReadAllBytes(file);
        var full = Path.GetFullPath(workDir);
        var text = Encoding.UTF8.GetString(bytes);
        return text.Contains(full, StringComparison.Ordinal) ? Encoding.UTF8.GetBytes(text.Replace(full, "<work>", StringComparison.Ordinal)) : bytes;
    }

    /// <summary>The reference output of the same name (relative to the work folder).</summary>
    protected byte[] Reference(string workDir, string output)
    {
        lock (this.gate)
        {
            if (this.reference is null)
            {
                var dir = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"perche-kill-reference-{this.Name}-{Environment.ProcessId}");
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }

                this.Prepare(dir);
                KillHarness.RunOnce(this, dir);
                this.reference = this.Outputs(dir).ToDictionary(o => Path.GetRelativePath(dir, o), o => Normalised(dir, o), StringComparer.Ordinal);
                Directory.Delete(dir, recursive: true);
            }

            return this.reference[Path.GetRelativePath(workDir, output)];
        }
    }

    protected void SameAsReference(string workDir, string output)
    {
        var expected = this.Reference(workDir, output);
        var actual = Normalised(workDir, output);
        if (!actual.AsSpan().SequenceEqual(expected))
        {
            throw new KillTestFailure($"{output} exists under its final name but differs from the complete output ({actual.Length} bytes, {expected.Length} expected)");
        }
    }
}

/// <summary>`perche offload CARD --to D1 --to D2`: the demo card plus 12 MB of takes, to two destinations.</summary>
internal sealed class OffloadScenario : WriteScenario
{
    public override int QuickIterations => 2;

    public override string Name => "offload";

    public override string Description => "perche offload: a 15 MB card (5 files, one sub-folder) to two destinations, ASC MHL in each";

    private static string Card(string workDir) => Path.Combine(workDir, "SR001");

    private static string[] Destinations(string workDir) => [Path.Combine(workDir, "d1", "SR001"), Path.Combine(workDir, "d2", "SR001")];

    public override void Prepare(string workDir)
    {
        Directory.CreateDirectory(workDir);
        PercheCli.CopyFolder(Path.Combine(PercheCli.Samples, "rushes", "SR001"), Card(workDir));
        Directory.CreateDirectory(Path.Combine(Card(workDir), "EXTRA"));
        PercheCli.WriteNoise(Path.Combine(Card(workDir), "EXTRA", "S03T01.WAV"), 8 << 20, 1);
        PercheCli.WriteNoise(Path.Combine(Card(workDir), "EXTRA", "S03T02.WAV"), 4 << 20, 2);
    }

    public override IReadOnlyList<string> Sources(string workDir) =>
        [.. Directory.GetFiles(Card(workDir), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    public override IReadOnlyList<string> Outputs(string workDir)
    {
        var outputs = new List<string>();
        foreach (var dest in Destinations(workDir))
        {
            foreach (var source in this.Sources(workDir))
            {
                outputs.Add(Path.Combine(dest, Path.GetRelativePath(Card(workDir), source)));
            }

            outputs.Add(Path.Combine(dest, "ascmhl", "ascmhl_chain.xml"));
        }

        return outputs;
    }

    public override void Run(string workDir) => PercheCli.Run(workDir, "offload", Card(workDir), "--to", Path.Combine(workDir, "d1"), "--to", Path.Combine(workDir, "d2"));

    public override void VerifyComplete(string workDir, string output)
    {
        if (Path.GetFileName(output) == "ascmhl_chain.xml")
        {
            // A chain under its final name: the history loads and every file it lists verifies on the copy.
            var root = Path.GetDirectoryName(Path.GetDirectoryName(output))!;
            try
            {
                MhlHistory.Load(root);
                var check = MhlVerifier.Verify(root, seal: false);
                if (!check.Passed || check.Count(FileVerdict.Verified) != this.Sources(workDir).Count)
                {
                    throw new KillTestFailure($"{root}: the MHL history does not verify the copy ({check.Count(FileVerdict.Verified)} of {this.Sources(workDir).Count} verified)");
                }
            }
            catch (PercheFormatException ex)
            {
                throw new KillTestFailure($"{output}: the MHL history does not read: {ex.Message}");
            }

            return;
        }

        var dest = Destinations(workDir).First(d => output.StartsWith(d + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        var source = Path.Combine(Card(workDir), Path.GetRelativePath(dest, output));
        if (Hash(source) != Hash(output))
        {
            throw new KillTestFailure($"{output} exists under its final name but is not the source ({new FileInfo(output).Length} of {new FileInfo(source).Length} bytes)");
        }
    }
}

/// <summary>`perche deliver MIX --profile ebu-r128 --out OUT`: the demo stereo mix to a BWF master and its QC reports.</summary>
internal sealed class DeliverScenario : ReferenceScenario
{
    private const string Stem = "mix_ebu-r128_20_48k_24b";

    public override int QuickIterations => 2;

    public override string Name => "deliver";

    public override string Description => "perche deliver: the 4 s demo stereo mix to EBU R128 (BWF master, QC JSON, HTML, PDF)";

    public override void Prepare(string workDir)
    {
        Directory.CreateDirectory(workDir);
        File.Copy(Path.Combine(PercheCli.Samples, "mix", "LePhare_R1_20.wav"), Path.Combine(workDir, "mix.wav"));
    }

    public override IReadOnlyList<string> Sources(string workDir) => [Path.Combine(workDir, "mix.wav")];

    public override IReadOnlyList<string> Outputs(string workDir) =>
        [.. new[] { ".wav", ".qc.json", ".qc.html", ".qc.pdf" }.Select(e => Path.Combine(workDir, "out", Stem + e))];

    public override void Run(string workDir) => PercheCli.Run(workDir, "deliver", Path.Combine(workDir, "mix.wav"), "--profile", "ebu-r128", "--out", Path.Combine(workDir, "out"));

    public override void VerifyComplete(string workDir, string output)
    {
        // The reports carry the time of the run, so they are checked for completeness; the audio must be identical.
        var bytes = File.ReadAllBytes(output);
        switch (Path.GetExtension(output))
        {
            case ".wav":
                try
                {
                    var info = WavReader.ReadInfo(output);
                    var expected = Path.Combine(workDir, "reference.wav");
                    File.WriteAllBytes(expected, this.Reference(workDir, output));
                    var same = MetadataWriteBack.AudioHash(output, info) == MetadataWriteBack.AudioHash(expected, WavReader.ReadInfo(expected));
                    File.Delete(expected);
                    if (!same || info.Bext is null || info.Bext.LoudnessValue == BroadcastExtension.LoudnessUnset)
                    {
                        throw new KillTestFailure($"{output}: the master's audio or its bext loudness differs from a complete delivery");
                    }
                }
                catch (PercheFormatException ex)
                {
                    throw new KillTestFailure($"{output} exists under its final name but does not read: {ex.Message}");
                }

                break;
            case ".json":
                try
                {
                    using var doc = JsonDocument.Parse(bytes);
                }
                catch (JsonException ex)
                {
                    throw new KillTestFailure($"{output} exists under its final name but is not complete JSON: {ex.Message}");
                }

                break;
            case ".html":
                if (!Encoding.UTF8.GetString(bytes).TrimEnd().EndsWith("</html>", StringComparison.OrdinalIgnoreCase))
                {
                    throw new KillTestFailure($"{output} exists under its final name but does not end with </html> ({bytes.Length} bytes)");
                }

                break;
            default:
                if (!bytes.AsSpan().StartsWith("%PDF-"u8) || bytes.AsSpan(Math.Max(0, bytes.Length - 32)).IndexOf("%%EOF"u8) < 0)
                {
                    throw new KillTestFailure($"{output} exists under its final name but is not a complete PDF ({bytes.Length} bytes)");
                }

                break;
        }
    }
}

/// <summary>`perche report edit CARD 1/1 --circle --note ... --write-back`: the edit into the take's iXML and bext, in place.</summary>
internal sealed class ReportWriteBackScenario : WriteScenario
{
    private const string Note = "kill test: circled after the wind dropped";

    public override int QuickIterations => 2;

    public override string Name => "report-write-back";

    public override string Description => "perche report edit --write-back: circle a take and set its note in the file's iXML/bext, in place";

    private static string Card(string workDir) => Path.Combine(workDir, "SR001");

    private static string Take(string workDir) => Path.Combine(Card(workDir), "S01T01.WAV");

    private static string Original(string workDir) => Path.Combine(workDir, "original-S01T01.WAV");

    public override void Prepare(string workDir)
    {
        Directory.CreateDirectory(workDir);
        PercheCli.CopyFolder(Path.Combine(PercheCli.Samples, "rushes", "SR001"), Card(workDir));
        File.Copy(Take(workDir), Original(workDir));
    }

    // The other takes of the card are read (the report is built) and must stay as they were.
    public override IReadOnlyList<string> Sources(string workDir) => [Path.Combine(Card(workDir), "S01T02.WAV"), Path.Combine(Card(workDir), "S02T01.WAV"), Original(workDir)];

    public override IReadOnlyList<string> Outputs(string workDir) => [Take(workDir), Path.Combine(Card(workDir), "perche-report-edits.json")];

    public override void Run(string workDir) => PercheCli.Run(workDir, "report", "edit", Card(workDir), "1/1", "--circle", "--note", Note, "--write-back");

    public override void CheckAfterKill(string workDir)
    {
        // The take is the untouched original or the complete edit; the edit store, when present, is complete.
        var take = Take(workDir);
        if (!File.Exists(take))
        {
            throw new KillTestFailure($"{take} vanished: an in-place edit must leave the original or the edit");
        }

        if (Hash(take) != Hash(Original(workDir)))
        {
            this.VerifyComplete(workDir, take);
        }

        var edits = this.Outputs(workDir)[1];
        if (File.Exists(edits))
        {
            this.VerifyComplete(workDir, edits);
        }
    }

    public override void VerifyComplete(string workDir, string output)
    {
        try
        {
            if (output.EndsWith(".json", StringComparison.Ordinal))
            {
                var saved = new JsonEditStore(output).Load();
                if (saved.Count != 1 || saved[0].Circled != true || saved[0].Note != Note)
                {
                    throw new KillTestFailure($"{output}: the saved edit is incomplete");
                }

                return;
            }

            var info = WavReader.ReadInfo(output);
            var original = WavReader.ReadInfo(Original(workDir));
            if (info.Ixml?.Circled != true || info.Ixml.Note != Note
                || MetadataWriteBack.AudioHash(output, info) != MetadataWriteBack.AudioHash(Original(workDir), original))
            {
                throw new KillTestFailure($"{output}: neither the original nor the complete edit (circled {info.Ixml?.Circled}, note '{info.Ixml?.Note}')");
            }
        }
        catch (PercheFormatException ex)
        {
            throw new KillTestFailure($"{output} exists under its final name but does not read: {ex.Message}");
        }
    }
}

/// <summary>`perche conform CUT.edl --rushes CARD --out OUT`: OTIO, REAPER, one EDL and one review WAV per track, CSV.</summary>
internal sealed class ConformScenario : ReferenceScenario
{
    private static readonly string[] Files =
    [
        "cut.otio", "cut.rpp", "cut.conform.csv",
        "cut.01_Boom.edl", "cut.02_Lav_Marie.edl", "cut.03_Lav_Paul.edl",
        "cut.01_Boom.review.wav", "cut.02_Lav_Marie.review.wav", "cut.03_Lav_Paul.review.wav",
    ];

    public override int QuickIterations => 2;

    public override string Name => "conform";

    public override string Description => "perche conform: the demo picture EDL against the demo rushes (OTIO, .rpp, 3 EDLs, 3 review WAVs, CSV)";

    public override void Prepare(string workDir)
    {
        Directory.CreateDirectory(workDir);
        PercheCli.CopyFolder(Path.Combine(PercheCli.Samples, "rushes", "SR001"), Path.Combine(workDir, "SR001"));
        File.Copy(Path.Combine(PercheCli.Samples, "edit", "LePhare_R1_picture.edl"), Path.Combine(workDir, "cut.edl"));
    }

    public override IReadOnlyList<string> Sources(string workDir) =>
        [Path.Combine(workDir, "cut.edl"), .. Directory.GetFiles(Path.Combine(workDir, "SR001")).Order(StringComparer.Ordinal)];

    public override IReadOnlyList<string> Outputs(string workDir) => [.. Files.Select(f => Path.Combine(workDir, "out", f))];

    public override void Run(string workDir) => PercheCli.Run(workDir, "conform", Path.Combine(workDir, "cut.edl"), "--rushes", Path.Combine(workDir, "SR001"), "--out", Path.Combine(workDir, "out"));

    public override void VerifyComplete(string workDir, string output)
    {
        // Conform output is deterministic: a survivor must be the complete file, byte for byte (paths aside), and read.
        this.SameAsReference(workDir, output);
        try
        {
            switch (Path.GetExtension(output))
            {
                case ".otio":
                    OtioJsonReader.ReadFile(output);
                    break;
                case ".edl":
                    EdlReader.ReadFile(output);
                    break;
                case ".wav":
                    TestAudio.ReadAll(output);
                    break;
            }
        }
        catch (PercheFormatException ex)
        {
            throw new KillTestFailure($"{output} does not read: {ex.Message}");
        }
    }
}

/// <summary>
/// Project store writes: `perche project settings`, `crew add`, `profiles add`, `backup`, `export` and `import`
/// on a SQLite project. The store is transactional; the backup, the dump and the imported project are written
/// aside and renamed. The import runs only when its project is absent, as a user would rerun it.
/// </summary>
internal sealed class ProjectStoreScenario : WriteScenario
{
    private const string Title = "Le Phare (kill test)";

    public override int QuickIterations => 2;

    public override string Name => "project-store";

    public override string Description => "perche project settings/crew/profiles/backup/export/import on a SQLite project";

    private static string Project(string workDir) => Path.Combine(workDir, "film.perche");

    private static string Copy(string workDir) => Path.Combine(workDir, "copy.perche");

    private static string Dump(string workDir) => Path.Combine(workDir, "dump.json");

    private static string Backups(string workDir) => Path.Combine(workDir, "backups");

    public override void Prepare(string workDir)
    {
        Directory.CreateDirectory(workDir);
        KillHarness.RunOnce(new ProjectInitScenario(), workDir);
    }

    public override IReadOnlyList<string> Sources(string workDir) => [];

    public override IReadOnlyList<string> Outputs(string workDir) => [Path.Combine(Project(workDir), "project.db"), Dump(workDir), Path.Combine(Copy(workDir), "project.db")];

    public override void Run(string workDir)
    {
        var project = new[] { "--project", Project(workDir) };
        PercheCli.Run(workDir, ["project", "settings", "--title", Title, "--company", "Perche Kill Tests", .. project]);
        PercheCli.Run(workDir, ["project", "crew", "add", "Marie Durand", "--role", "mixer", .. project]);
        PercheCli.Run(workDir, ["project", "profiles", "add", "--preset", "ebu-r128", .. project]);
        PercheCli.Run(workDir, ["project", "backup", "--to", Backups(workDir), .. project]);
        PercheCli.Run(workDir, ["project", "export", Dump(workDir), .. project]);
        if (!Directory.Exists(Copy(workDir)))
        {
            PercheCli.Run(workDir, "project", "import", Dump(workDir), Path.Combine(workDir, "copy"));
        }
    }

    public override void CheckAfterKill(string workDir)
    {
        base.CheckAfterKill(workDir);

        // The project itself is always there and sound (its settings from before or after the change).
        CheckStore(Path.Combine(Project(workDir), "project.db"), requireTitle: false);
        foreach (var backup in Directory.Exists(Backups(workDir)) ? Directory.GetFiles(Backups(workDir)) : [])
        {
            if (!Path.GetFileName(backup).StartsWith('.'))
            {
                CheckStore(backup, requireTitle: true);
            }
        }

        if (Directory.Exists(Copy(workDir)) && !File.Exists(Path.Combine(Copy(workDir), "project.db")))
        {
            throw new KillTestFailure($"{Copy(workDir)} exists under its final name without its store: the import was left half-way");
        }
    }

    public override void VerifyComplete(string workDir, string output)
    {
        if (output == Dump(workDir))
        {
            try
            {
                ProjectExportCheck(output);
            }
            catch (Exception ex) when (ex is JsonException or PercheFormatException or Perche.Project.ProjectStoreException)
            {
                throw new KillTestFailure($"{output} exists under its final name but is not a complete dump: {ex.Message}");
            }

            return;
        }

        // The project's store may still hold the old title after a kill; the imported copy must hold the new one.
        CheckStore(output, requireTitle: output != Path.Combine(Project(workDir), "project.db") || File.Exists(Dump(workDir)));
    }

    private static void ProjectExportCheck(string path)
    {
        Perche.Project.ProjectExport.ReadHeader(path);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        if (!doc.RootElement.GetProperty("tables").EnumerateArray().Any())
        {
            throw new KillTestFailure($"{path}: a dump without tables");
        }
    }

    private static void CheckStore(string path, bool requireTitle)
    {
        try
        {
            var cs = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
            using var connection = new SqliteConnection(cs);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            var integrity = Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (integrity != "ok")
            {
                throw new KillTestFailure($"{path}: integrity check says {integrity}");
            }

            command.CommandText = "SELECT title FROM project_settings";
            var title = Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (title is null || (requireTitle && title != Title))
            {
                throw new KillTestFailure($"{path}: the settings say '{title}', expected '{Title}'");
            }
        }
        catch (SqliteException ex)
        {
            throw new KillTestFailure($"{path} exists under its final name but is not a sound store: {ex.Message}");
        }
    }
}

/// <summary>`perche init film` (used by <see cref="ProjectStoreScenario.Prepare"/>; not killed itself).</summary>
internal sealed class ProjectInitScenario : WriteScenario
{
    public override string Name => "project-init";

    public override string Description => "perche init (the project store scenario's starting point)";

    public override void Prepare(string workDir) => Directory.CreateDirectory(workDir);

    public override IReadOnlyList<string> Sources(string workDir) => [];

    public override IReadOnlyList<string> Outputs(string workDir) => [Path.Combine(workDir, "film.perche", "project.db")];

    public override void Run(string workDir) => PercheCli.Run(workDir, "init", Path.Combine(workDir, "film"), "--fps", "25");

    public override void VerifyComplete(string workDir, string output)
    {
        if (!File.Exists(output))
        {
            throw new KillTestFailure($"{output} missing");
        }
    }
}
