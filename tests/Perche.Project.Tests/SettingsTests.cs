using System.Diagnostics;
using Perche.Core.Time;
using Perche.Project.Tests.Support;

namespace Perche.Project.Tests;

/// <summary>The project-level tables: settings, crew, delivery profiles; and the demo built on them.</summary>
public sealed class SettingsTests
{
    [SkippableTheory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public void Settings_crew_and_delivery_profiles_round_trip(StoreProvider provider)
    {
        using var t = TestStores.Create(provider);
        using var store = t.Open();
        var settings = new ProjectSettings
        {
            Title = "Le Phare",
            FrameRate = FrameRate.Fps23976,
            TimecodeRate = FrameRate.Fps2997Df,
            SampleRateHz = 48000,
            BitDepth = 24,
            Languages = { "fr", "en", "pt-BR" },
        };
        store.Write(settings.Save);

        // Saving again replaces (one row, languages re-ordered), and keeps the creation time.
        var created = settings.CreatedAt;
        settings.Languages.Remove("fr");
        settings.Company = "Films du Large";
        store.Write(settings.Save);
        var loaded = store.Read(ProjectSettings.Load)!;
        Assert.Equal((FrameRate.Fps23976, FrameRate.Fps2997Df), (loaded.FrameRate, loaded.TimecodeRate));
        Assert.Equal(["en", "pt-BR"], loaded.Languages);
        Assert.Equal("Films du Large", loaded.Company);
        Assert.Equal(created, loaded.CreatedAt);
        Assert.Equal(1L, store.Read(tx => tx.Scalar<long>("SELECT COUNT(*) FROM project_settings")));

        var ids = store.Write(tx => (
            new CrewMember { Name = "Marie Keller", Role = "production sound mixer", Email = "marie@example.org" }.Add(tx),
            new CrewMember { Name = "Yann Le Goff", Role = "boom operator" }.Add(tx)));
        Assert.Equal(ids.Item1 + 1, ids.Item2);
        var crew = store.Read(CrewMember.LoadAll);
        Assert.Equal(["Marie Keller", "Yann Le Goff"], crew.Select(c => c.Name));
        Assert.Equal("marie@example.org", crew[0].Email);

        var first = store.Write(DeliveryProfile.EbuR128.Save);
        var again = store.Write(new DeliveryProfile { Name = "EBU R128 broadcast", Medium = "broadcast", IntegratedLufs = -23, IntegratedToleranceLu = 1.0, MaxTruePeakDbtp = -1 }.Save);
        Assert.Equal(first, again);
        var profile = Assert.Single(store.Read(DeliveryProfile.LoadAll));
        Assert.Equal((-23.0, 1.0, -1.0), (profile.IntegratedLufs, profile.IntegratedToleranceLu, profile.MaxTruePeakDbtp));
        Assert.Null(profile.MaxLoudnessRangeLu);
        Assert.Null(profile.SampleRateHz);

        var lines = ProjectStatus.Read(store).Modules.Single(m => m.Name == "project").Lines;
        Assert.Equal(2L, lines.Single(l => l.Label == "crew members").Count);
        Assert.Equal(1L, lines.Single(l => l.Label == "delivery profiles").Count);
    }

    [Fact]
    public void Invalid_settings_are_refused_before_anything_is_written()
    {
        using var t = TestStores.Create(StoreProvider.Sqlite);
        using var store = t.Open();
        var bad = new ProjectSettings { Title = "X", SampleRateHz = 1000, Languages = { "fr" } };
        Assert.Contains("sample rate 1000 Hz", bad.Validate(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => store.Write(bad.Save));
        Assert.Null(store.Read(ProjectSettings.Load));
        Assert.Contains("'français' is not a language code", new ProjectSettings { Title = "X", Languages = { "français" } }.Validate(), StringComparison.Ordinal);
    }

    [Fact]
    public void Status_counts_the_tables_of_a_module_this_program_does_not_know()
    {
        using var t = TestStores.Create(StoreProvider.Sqlite);
        using (var store = t.Open(TestModules.V2))
        {
            store.Write(tx => tx.Execute("INSERT INTO demo_day (label) VALUES ('D1'), ('D2')"));
        }

        using var without = t.Open();
        var demo = ProjectStatus.Read(without).Modules.Single(m => m.Name == "demo");
        Assert.False(demo.Known);
        Assert.Equal(2, demo.SchemaVersion);
        Assert.Equal(2L, demo.Lines.Single(l => l.Label == "demo_day").Count);
        Assert.Equal(0L, demo.Lines.Single(l => l.Label == "demo_take").Count);
    }

    [Fact]
    public async Task The_demo_creates_its_project_once_and_shows_its_status()
    {
        var cwd = Path.Combine(Path.GetTempPath(), "perche-demo-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(cwd);
        try
        {
            var samples = Path.Combine(Repository.Root(), "samples", "le-phare");
            for (var run = 0; run < 2; run++)
            {
                var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = cwd };
                psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "perche.dll"));
                psi.ArgumentList.Add("demo");
                psi.ArgumentList.Add(samples);
                using var p = Process.Start(psi)!;
                var stderr = p.StandardError.ReadToEndAsync();
                var stdout = await p.StandardOutput.ReadToEndAsync();
                await p.WaitForExitAsync();
                Assert.True(p.ExitCode == 0, await stderr);
                Assert.Contains("perche status of the demo project", stdout, StringComparison.Ordinal);
                Assert.Contains("Le Phare", stdout, StringComparison.Ordinal);
                Assert.Contains("25 fps, timecode 25", stdout, StringComparison.Ordinal);
            }

            // The second run reopened the project: the crew was seeded once.
            using var store = ProjectFolder.Load(Path.Combine(cwd, "perche-demo", "LePhare.perche")).OpenStore();
            Assert.Equal(3, store.Read(CrewMember.LoadAll).Count);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(cwd, recursive: true);
        }
    }
}
