using System.Diagnostics;
using System.Text.Json;
using Perche.Project.Tests.Support;
using Xunit.Abstractions;

namespace Perche.Project.Tests;

/// <summary>Export, import and backup: complete, engine-neutral, all-or-nothing.</summary>
public sealed class ExportTests(ITestOutputHelper output) : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "perche-export-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(this.root))
        {
            Directory.Delete(this.root, recursive: true);
        }
    }

    [SkippableTheory]
    [InlineData(StoreProvider.Sqlite, StoreProvider.PostgreSql)]
    [InlineData(StoreProvider.PostgreSql, StoreProvider.Sqlite)]
    public void A_project_exported_from_one_engine_imports_into_the_other_with_every_value_intact(StoreProvider from, StoreProvider to)
    {
        using var source = TestStores.Create(from);
        using var target = TestStores.Create(to);
        Directory.CreateDirectory(this.root);
        var project = ProjectFolder.Create(this.root, "Source", ProjectFolderTests.Settings(), from == StoreProvider.Sqlite ? null : source.Text, TestModules.V3);
        using (var store = project.OpenStore(TestModules.V3))
        {
            Fill(store);
        }

        var dump = Path.Combine(this.root, "source.json");
        long exported;
        using (var store = project.OpenStore(TestModules.V3))
        {
            exported = ProjectExport.ExportToFile(store, dump, project.Name);
        }

        var (copy, imported) = ProjectFolder.CreateFromExport(this.root, "Copy", dump, to == StoreProvider.Sqlite ? null : target.Text, TestModules.V3);
        Assert.Equal(exported, imported);
        var again = Path.Combine(this.root, "copy.json");
        using (var store = copy.OpenStore(TestModules.V3))
        {
            ProjectExport.ExportToFile(store, again, copy.Name);
            var takes = store.Read(tx => tx.Query("SELECT * FROM demo_take ORDER BY id", r => (Circled: r.GetBoolean("circled"), Seconds: r.GetDoubleOrNull("duration_seconds"), Hash: r.GetBytesOrNull("checksum"))));
            Assert.Equal([true, false, false], takes.Select(t => t.Circled));
            Assert.Equal(0.1 + 0.2, takes[0].Seconds);
            Assert.Null(takes[1].Seconds);
            Assert.Equal(new byte[] { 0, 0xFF, 0x10 }, takes[0].Hash);
            Assert.Equal("Le Phare", store.Read(ProjectSettings.Load)!.Title);

            // New rows continue after the imported ids (PostgreSQL's identity sequences are moved on).
            var next = store.Write(tx => tx.Scalar<long>("INSERT INTO demo_day (label) VALUES ('after import') RETURNING id"));
            Assert.True(next > store.Read(tx => tx.Scalar<long>("SELECT MAX(id) FROM demo_day WHERE label <> 'after import'")));
        }

        using var a = JsonDocument.Parse(File.ReadAllText(dump));
        using var b = JsonDocument.Parse(File.ReadAllText(again));
        Assert.Equal(a.RootElement.GetProperty("tables").GetRawText(), b.RootElement.GetProperty("tables").GetRawText());
        Assert.Equal(a.RootElement.GetProperty("schema").GetRawText(), b.RootElement.GetProperty("schema").GetRawText());
        Assert.Equal(from.ToString(), a.RootElement.GetProperty("provider").GetString());
    }

    [Fact]
    public void The_dump_is_readable_json_with_typed_columns_and_rows_keyed_by_column()
    {
        Directory.CreateDirectory(this.root);
        var project = ProjectFolder.Create(this.root, "P", ProjectFolderTests.Settings(), null, TestModules.V3);
        using var store = project.OpenStore(TestModules.V3);
        Fill(store);
        using var stream = new MemoryStream();
        ProjectExport.Export(store, stream, "P");
        using var doc = JsonDocument.Parse(stream.ToArray());
        var rootElement = doc.RootElement;
        Assert.Equal("perche-project-export", rootElement.GetProperty("format").GetString());
        Assert.Equal(1, rootElement.GetProperty("formatVersion").GetInt32());
        Assert.Equal(3, rootElement.GetProperty("schema").GetProperty("demo").GetInt32());
        var take = rootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "demo_take");
        var types = take.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("type").GetString());
        Assert.Equal("integer", types["take_number"]);
        Assert.Equal("boolean", types["circled"]);
        Assert.Equal("real", types["duration_seconds"]);
        Assert.Equal("blob", types["checksum"]);
        var first = take.GetProperty("rows")[0];
        Assert.True(first.GetProperty("circled").GetBoolean());
        Assert.Equal("AP8Q", first.GetProperty("checksum").GetString());
        Assert.Equal("12A — intérieur phare", first.GetProperty("scene").GetString());
        var settings = rootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "project_settings");
        Assert.Equal("30000/1001 DF", settings.GetProperty("rows")[0].GetProperty("frame_rate").GetString());
        Assert.DoesNotContain(rootElement.GetProperty("tables").EnumerateArray(), t => t.GetProperty("name").GetString()!.StartsWith("perche_", StringComparison.Ordinal));
        Assert.Equal(rootElement.GetProperty("rowCount").GetInt64(), rootElement.GetProperty("tables").EnumerateArray().Sum(t => t.GetProperty("rows").GetArrayLength()));
    }

    [Fact]
    public void A_dump_from_an_older_module_version_imports_then_migrates()
    {
        Directory.CreateDirectory(this.root);
        var old = ProjectFolder.Create(this.root, "Old", ProjectFolderTests.Settings(), null, TestModules.V2);
        var dump = Path.Combine(this.root, "old.json");
        using (var store = old.OpenStore(TestModules.V2))
        {
            store.Write(tx => tx.Execute("INSERT INTO demo_day (label) VALUES ('D1')"));
            ProjectExport.ExportToFile(store, dump, "Old");
        }

        var (copy, rows) = ProjectFolder.CreateFromExport(this.root, "New", dump, null, TestModules.V3);
        Assert.True(rows >= 1);
        using var current = copy.OpenStore(TestModules.V3);
        Assert.Equal(3, current.SchemaVersions()["demo"]);
        Assert.Equal("D1", current.Read(tx => tx.Scalar<string>("SELECT label FROM demo_day")));
        Assert.Equal(0L, current.Read(tx => tx.Scalar<long>("SELECT value FROM demo_counter")));
    }

    [Fact]
    public void A_dump_at_project_version_1_with_its_placeholder_delivery_tables_imports_and_loses_them()
    {
        // Version 1 of the project module had project_delivery(_check), dropped by version 2 (deliveries are the
        // delivery module's): a dump written then must still import, its settings intact.
        Directory.CreateDirectory(this.root);
        var dump = Path.Combine(this.root, "v1.json");
        using (var v1 = ProjectStore.Open(StoreLocation.ForSqlite(Path.Combine(this.root, "v1.db")), new StoreOptions { MigrateUpTo = new Dictionary<string, int> { ["project"] = 1 } }))
        {
            Assert.Equal(1, v1.SchemaVersions()["project"]);
            v1.Write(tx =>
            {
                ProjectFolderTests.Settings().Save(tx);
                tx.Execute("INSERT INTO project_delivery (name, file_path, created_at, verdict) VALUES ('R1', 'deliveries/R1.wav', '2026-11-30T09:00:00Z', 'pass')");
            });
            ProjectExport.ExportToFile(v1, dump, "Old");
        }

        var (copy, rows) = ProjectFolder.CreateFromExport(this.root, "New", dump, null);
        Assert.True(rows >= 2);
        using var current = copy.OpenStore();
        Assert.Equal(2, current.SchemaVersions()["project"]);
        Assert.Equal(ProjectFolderTests.Settings().Title, current.Read(tx => tx.Scalar<string>("SELECT title FROM project_settings")));
        Assert.Equal(0L, current.Read(tx => tx.Scalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'project_delivery%' AND name <> 'project_delivery_profile'")));
    }

    [Fact]
    public void Bad_dumps_are_refused_with_the_reason_and_leave_no_project()
    {
        Directory.CreateDirectory(this.root);
        var project = ProjectFolder.Create(this.root, "P", ProjectFolderTests.Settings(), null, TestModules.V3);
        var dump = Path.Combine(this.root, "p.json");
        using (var store = project.OpenStore(TestModules.V3))
        {
            ProjectExport.ExportToFile(store, dump, "P");
        }

        // A module this program does not know.
        var ex = Assert.Throws<ProjectStoreException>(() => ProjectFolder.CreateFromExport(this.root, "X", dump, null));
        Assert.Equal(StoreErrorKind.BadImport, ex.Kind);
        Assert.Contains("'demo' tables (version 3), which this Perche does not know", ex.Message, StringComparison.Ordinal);

        // A newer version of a known module.
        ex = Assert.Throws<ProjectStoreException>(() => ProjectFolder.CreateFromExport(this.root, "X", dump, null, TestModules.V2));
        Assert.Equal(StoreErrorKind.NewerSchema, ex.Kind);

        // Truncated JSON: the line is named.
        var text = File.ReadAllText(dump);
        var truncated = Path.Combine(this.root, "truncated.json");
        File.WriteAllText(truncated, text[..(text.Length / 2)]);
        ex = Assert.Throws<ProjectStoreException>(() => ProjectFolder.CreateFromExport(this.root, "X", truncated, null, TestModules.V3));
        Assert.Equal(StoreErrorKind.BadImport, ex.Kind);
        Assert.Contains("truncated.json: line ", ex.Message, StringComparison.Ordinal);

        // A value of the wrong type fails the whole import.
        var wrong = Path.Combine(this.root, "wrong.json");
        File.WriteAllText(wrong, text.Replace("\"bit_depth\": 32", "\"bit_depth\": \"thirty-two\"", StringComparison.Ordinal));
        ex = Assert.Throws<ProjectStoreException>(() => ProjectFolder.CreateFromExport(this.root, "X", wrong, null, TestModules.V3));
        Assert.Contains("table project_settings, row 1, column bit_depth: expected integer", ex.Message, StringComparison.Ordinal);

        var notADump = Path.Combine(this.root, "other.json");
        File.WriteAllText(notADump, "{\"hello\": 1}");
        ex = Assert.Throws<ProjectStoreException>(() => ProjectFolder.CreateFromExport(this.root, "X", notADump, null, TestModules.V3));
        Assert.Contains("not a Perche project export", ex.Message, StringComparison.Ordinal);

        Assert.False(Directory.Exists(Path.Combine(this.root, "X.perche")));
        Assert.DoesNotContain(Directory.GetDirectories(this.root), d => Path.GetFileName(d).StartsWith('.'));
    }

    [SkippableTheory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public void A_backup_is_a_checked_copy_of_the_current_revision(StoreProvider provider)
    {
        using var t = TestStores.Create(provider);
        Directory.CreateDirectory(this.root);
        var project = ProjectFolder.Create(this.root, "P", ProjectFolderTests.Settings(), provider == StoreProvider.Sqlite ? null : t.Text, TestModules.V3);
        using var store = project.OpenStore(TestModules.V3);
        Fill(store);
        var revision = store.Revision;
        var backup = ProjectBackup.Create(project, store);
        Assert.Equal(revision, backup.Revision);
        Assert.StartsWith(project.BackupsFolder, backup.Path, StringComparison.Ordinal);
        Assert.EndsWith($"-r{revision}" + (provider == StoreProvider.Sqlite ? ".db" : ".json"), backup.Path, StringComparison.Ordinal);
        Assert.Equal([Path.GetFileName(backup.Path)], Directory.GetFiles(project.BackupsFolder).Select(Path.GetFileName));

        if (provider == StoreProvider.Sqlite)
        {
            // The copy is a project store in its own right.
            using var copy = ProjectStore.Open(StoreLocation.ForSqlite(backup.Path), new StoreOptions { ReadOnly = true }, TestModules.V3);
            Assert.Equal(3L, copy.Read(tx => tx.Scalar<long>("SELECT COUNT(*) FROM demo_take")));
            Assert.Equal(revision, copy.Revision);
        }
        else
        {
            var (copy, _) = ProjectFolder.CreateFromExport(this.root, "Restored", backup.Path, null, TestModules.V3);
            using var restored = copy.OpenStore(TestModules.V3);
            Assert.Equal(3L, restored.Read(tx => tx.Scalar<long>("SELECT COUNT(*) FROM demo_take")));
        }
    }

    // SQLite only: each run is a whole `perche` process (seconds on a loaded machine), the all-or-nothing import is
    // the same code on both engines, and the worker kill test covers PostgreSQL's transactions.
    [Fact]
    public void Killing_perche_project_import_leaves_no_project_or_a_complete_one()
    {
        const StoreProvider provider = StoreProvider.Sqlite;
        Directory.CreateDirectory(this.root);
        // The modules the real `perche` registers, so what it imports and re-exports has the same tables.
        var modules = Perche.Cli.Project.CliProject.Modules;
        var source = ProjectFolder.Create(this.root, "Big", ProjectFolderTests.Settings(), null, modules);
        using (var store = source.OpenStore(modules))
        {
            store.Write(tx =>
            {
                // Rows in a phase module's tables with foreign-key chains (run → file → criterion), as
                // `perche deliver` writes them: the import must bring them back in dependency order.
                tx.Execute("INSERT INTO project_delivery_profile (name, medium, integrated_lufs, max_true_peak_dbtp) VALUES ('EBU R128', 'broadcast', -23, -1)");
                using var criterion = tx.Prepare("INSERT INTO delivery_criterion (file_id, position, criterion, measured, measured_text, requirement, unit, verdict, source, confirmed) VALUES (@file, @position, @name, @value, '', '-23 ±0.5', 'LUFS', @verdict, 'EBU R 128', TRUE)");
                for (var d = 0; d < 4; d++)
                {
                    var run = tx.Scalar<long>("INSERT INTO delivery_run (verb, profile_id, profile_name, source_path, verdict, errors, tool, run_at) VALUES ('deliver', 'ebu-r128', 'EBU R128', @path, 'pass', '', 'test', '2026-11-30T09:00:00Z') RETURNING id", new { path = $"mix/R{d}.wav" });
                    var file = tx.Scalar<long>("INSERT INTO delivery_file (run_id, role, position, kind, path, size_bytes, sample_rate_hz, channels, duration_seconds, level_unit, limited, verdict, reports) VALUES (@run, 'output', 0, 'bwf', @path, 1000, 48000, 2, 60, 'LUFS', FALSE, 'pass', '') RETURNING id", new { run, path = $"deliveries/R{d}.wav" });
                    for (var i = 0; i < 1000; i++)
                    {
                        criterion.Execute(new { file, position = i, name = "short-term " + i, value = -23 + (i % 7) * 0.1, verdict = i % 5 != 0 ? "pass" : "fail" });
                    }
                }
            });
        }

        var dump = Path.Combine(this.root, "big.json");
        using (var store = source.OpenStore(modules))
        {
            ProjectExport.ExportToFile(store, dump, "Big");
        }

        var expected = Tables(dump);
        var random = new Random(42);
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("PERCHE_KILL_ITERATIONS"), out var n) ? Math.Max(2, n / 2) : 3;
        int complete = 0, absent = 0, inconsistent = 0;

        // One undisturbed import first, to learn how long one takes on this machine.
        var reference = Stopwatch.StartNew();
        Assert.Equal(expected, ImportWithCli(provider, dump, "Reference", killAfter: null));
        var duration = reference.Elapsed;
        for (var i = 0; i < iterations; i++)
        {
            // Kill anywhere from the start to a little after the typical end.
            var killAfter = TimeSpan.FromMilliseconds(random.Next(0, (int)(duration.TotalMilliseconds * 1.2)));
            var result = ImportWithCli(provider, dump, "Copy" + i, killAfter);
            if (result is null)
            {
                absent++;
            }
            else if (result == expected)
            {
                complete++;
            }
            else
            {
                inconsistent++;
            }
        }

        output.WriteLine($"{provider}: {iterations} imports of {new FileInfo(dump).Length / 1024} KiB (about {duration.TotalSeconds:F1} s each) killed at random: {absent} left no project, {complete} complete, {inconsistent} inconsistent");
        Assert.Equal(0, inconsistent);

        // Running the import again after a kill succeeds and sweeps away the killed run's hidden staging folder.
        Assert.Equal(expected, ImportWithCli(provider, dump, "Copy0", killAfter: null, replace: true));
        Assert.DoesNotContain(Directory.GetDirectories(this.root), d => Path.GetFileName(d).StartsWith(".Copy0", StringComparison.Ordinal));
    }

    /// <summary>Runs `perche project import` in a real process, killed after a while or not; returns the resulting tables, or null when no project exists.</summary>
    private string? ImportWithCli(StoreProvider provider, string dump, string name, TimeSpan? killAfter, bool replace = false)
    {
        var folder = Path.Combine(this.root, name + ".perche");
        if (replace && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        using var t = TestStores.Create(provider);
        using (var cli = StartCli(["project", "import", dump, Path.Combine(this.root, name), .. provider == StoreProvider.Sqlite ? Array.Empty<string>() : ["--store", t.Text]]))
        {
            var stderr = cli.StandardError.ReadToEndAsync();
            if (killAfter is { } wait)
            {
                if (!cli.WaitForExit(wait))
                {
                    cli.Kill(entireProcessTree: true);
                }
            }

            Assert.True(cli.WaitForExit(TimeSpan.FromMinutes(3)), "the import hung");
            if (killAfter is null)
            {
                Assert.True(cli.ExitCode == 0, $"the import failed: {stderr.Result}");
            }
        }

        if (!Directory.Exists(folder))
        {
            return null;
        }

        var again = Path.Combine(this.root, name + ".json");
        using (var store = ProjectFolder.Load(folder).OpenStore(Perche.Cli.Project.CliProject.Modules))
        {
            ProjectExport.ExportToFile(store, again, name);
        }

        return Tables(again);
    }

    internal static Process StartCli(string[] args)
    {
        // perche.dll is copied beside the tests (the test project references the CLI).
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "perche.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi)!;
    }

    // The project's own tables only: the real `perche` also creates every phase module's (empty) tables, which a
    // dump made with the project module alone does not hold.
    private static string Tables(string dump)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(dump));
        var own = doc.RootElement.GetProperty("tables").EnumerateArray()
            .Where(t => t.GetProperty("name").GetString()!.StartsWith("project_", StringComparison.Ordinal))
            .Select(t => t.GetRawText());
        return "[" + string.Join(",", own) + "]";
    }

    private static void Fill(ProjectStore store) => store.Write(tx =>
    {
        var day = tx.Scalar<long>("INSERT INTO demo_day (label, writer) VALUES ('Jour 1', 'ana') RETURNING id");
        tx.Execute("INSERT INTO demo_take (day_id, scene, take_number, circled, duration_seconds, checksum) VALUES (@day, '12A — intérieur phare', 1, TRUE, @seconds, @hash)", new { day, seconds = 0.1 + 0.2, hash = new byte[] { 0, 0xFF, 0x10 } });
        tx.Execute("INSERT INTO demo_take (day_id, scene, take_number, circled, duration_seconds) VALUES (@day, '12A', 2, FALSE, NULL)", new { day });
        tx.Execute("INSERT INTO demo_take (day_id, scene, take_number, duration_seconds) VALUES (@day, 'B\"quote', 3, 1e300)", new { day });
        tx.Execute("INSERT INTO project_crew (name, role) VALUES ('Ana Lopes', 'boom operator')");
        tx.Execute("UPDATE demo_counter SET value = 7");
    });
}
