using Perche.Project.Tests.Support;

namespace Perche.Project.Tests;

/// <summary>The store's contract, run identically on SQLite and on PostgreSQL.</summary>
public sealed class StoreTests
{
    [SkippableTheory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public void Opening_applies_every_migration_once_and_records_the_versions(StoreProvider provider)
    {
        using var t = TestStores.Create(provider);
        using (var store = t.Open(TestModules.V2))
        {
            Assert.Equal(new Dictionary<string, int> { ["project"] = 2, ["demo"] = 2 }, store.SchemaVersions());
            Assert.True(store.Read(tx => tx.TableExists("demo_take")));
        }

        // Reopening applies nothing twice (a second CREATE TABLE would fail) and leaves the revision alone.
        long revision;
        using (var store = t.Open(TestModules.V2))
        {
            revision = store.Revision;
            Assert.Equal(4L, store.Read(tx => tx.Scalar<long>("SELECT COUNT(*) FROM perche_migration")));
        }

        using (var store = t.Open(TestModules.V2))
        {
            Assert.Equal(revision, store.Revision);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public void A_migration_added_later_is_applied_on_the_next_open_and_keeps_the_data(StoreProvider provider)
    {
        using var t = TestStores.Create(provider);
        using (var store = t.Open(TestModules.V1))
        {
            store.Write(tx => tx.Execute("INSERT INTO demo_day (label) VALUES ('D1')"));
            Assert.False(store.Read(tx => tx.TableExists("demo_take")));
        }

        using (var store = t.Open(TestModules.V3))
        {
            Assert.Equal(3, store.SchemaVersions()["demo"]);
            Assert.Equal("D1", store.Read(tx => tx.Scalar<string>("SELECT label FROM demo_day")));
            Assert.Equal(0L, store.Read(tx => tx.Scalar<long>("SELECT value FROM demo_counter WHERE name = 'hits'")));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public void Values_round_trip_with_their_types_and_new_ids_come_back_from_returning(StoreProvider provider)
    {
        using var t = TestStores.Create(provider);
        using var store = t.Open(TestModules.V2);
        var hash = new byte[] { 0, 1, 2, 254, 255 };
        var (dayId, takeIds) = store.Write(tx =>
        {
            var day = tx.Scalar<long>("INSERT INTO demo_day (label) VALUES (@label) RETURNING id", new { label = "Day 1 — Phare" });
            using var insert = tx.Prepare("INSERT INTO demo_take (day_id, scene, take_number, circled, duration_seconds, checksum) VALUES (@day, @scene, @take, @circled, @duration, @hash) RETURNING id");
            var ids = new List<long>();
            for (var i = 1; i <= 3; i++)
            {
                ids.Add(insert.Scalar<long>(new { day, scene = "12A", take = i, circled = i == 2, duration = i * 1.25, hash = i == 3 ? hash : null }));
            }

            return (day, ids);
        });

        Assert.True(dayId > 0);
        Assert.Equal([takeIds[0], takeIds[0] + 1, takeIds[0] + 2], takeIds);
        var rows = store.Read(tx => tx.Query(
            "SELECT t.take_number, t.circled, t.duration_seconds, t.checksum, d.label FROM demo_take t JOIN demo_day d ON d.id = t.day_id ORDER BY t.take_number",
            r => (Take: r.GetInt64("take_number"), Circled: r.GetBoolean("circled"), Seconds: r.GetDouble("duration_seconds"), Hash: r.GetBytesOrNull("checksum"), Day: r.GetString("label"))));
        Assert.Equal(3, rows.Count);
        Assert.Equal((2L, true, 2.5), (rows[1].Take, rows[1].Circled, rows[1].Seconds));
        Assert.False(rows[0].Circled);
        Assert.Null(rows[0].Hash);
        Assert.Equal(hash, rows[2].Hash);
        Assert.Equal("Day 1 — Phare", rows[2].Day);
    }

    [SkippableTheory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public void A_write_that_throws_leaves_nothing_and_does_not_bump_the_revision(StoreProvider provider)
    {
        using var t = TestStores.Create(provider);
        using var store = t.Open(TestModules.V2);
        var before = store.Revision;
        var ex = Assert.Throws<InvalidOperationException>(() => store.Write(tx =>
        {
            tx.Execute("INSERT INTO demo_day (label) VALUES ('D1')");
            throw new InvalidOperationException("the user cancelled");
        }));
        Assert.Equal("the user cancelled", ex.Message);
        Assert.Equal(0L, store.Read(tx => tx.Scalar<long>("SELECT COUNT(*) FROM demo_day")));
        Assert.Equal(before, store.Revision);

        store.Write(tx => tx.Execute("INSERT INTO demo_day (label) VALUES ('D1')"));
        Assert.Equal(before + 1, store.Revision);
    }

    [SkippableTheory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public void Foreign_keys_are_enforced(StoreProvider provider)
    {
        using var t = TestStores.Create(provider);
        using var store = t.Open(TestModules.V2);
        Assert.ThrowsAny<System.Data.Common.DbException>(() => store.Write(tx =>
            tx.Execute("INSERT INTO demo_take (day_id, scene, take_number) VALUES (999, '1', 1)")));
        Assert.Equal(0L, store.Read(tx => tx.Scalar<long>("SELECT COUNT(*) FROM demo_take")));
    }

    [SkippableTheory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public void A_read_cannot_write(StoreProvider provider)
    {
        using var t = TestStores.Create(provider);
        using var store = t.Open(TestModules.V1);
        Assert.ThrowsAny<Exception>(() => store.Read(tx => tx.Execute("INSERT INTO demo_day (label) VALUES ('D1')")));
        Assert.Equal(0L, store.Read(tx => tx.Scalar<long>("SELECT COUNT(*) FROM demo_day")));

        // The pooled connection the read used writes normally afterwards.
        store.Write(tx => tx.Execute("INSERT INTO demo_day (label) VALUES ('D1')"));
        Assert.Equal(1L, store.Read(tx => tx.Scalar<long>("SELECT COUNT(*) FROM demo_day")));
    }

    [SkippableTheory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public void A_project_with_a_newer_module_schema_is_refused_and_left_untouched(StoreProvider provider)
    {
        using var t = TestStores.Create(provider);
        using (t.Open(TestModules.V3))
        {
        }

        var ex = Assert.Throws<ProjectStoreException>(() => t.Open(TestModules.V2));
        Assert.Equal(StoreErrorKind.NewerSchema, ex.Kind);
        Assert.Contains("'demo' tables are at schema version 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("knows up to version 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("will not downgrade", ex.Message, StringComparison.Ordinal);

        using var store = t.Open(TestModules.V3);
        Assert.Equal(3, store.SchemaVersions()["demo"]);
    }

    [SkippableTheory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public void A_project_with_a_newer_store_format_is_refused(StoreProvider provider)
    {
        using var t = TestStores.Create(provider);
        t.Raw($"UPDATE perche_store SET format = {ProjectStore.StoreFormat + 1}");
        var ex = Assert.Throws<ProjectStoreException>(() => t.Open());
        Assert.Equal(StoreErrorKind.NewerSchema, ex.Kind);
        Assert.Contains($"store format {ProjectStore.StoreFormat + 1}", ex.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public void A_failing_migration_names_the_module_and_version_and_applies_nothing_of_it(StoreProvider provider)
    {
        using var t = TestStores.Create(provider);
        var broken = new StoreModule("demo", TestModules.Days, new StoreMigration(2, "broken", "CREATE TABLE demo_ok (x TEXT); CREATE TABLE demo_bad (x TEXT REFERENCES nowhere_at_all (id) NOT_A_KEYWORD);"));
        var ex = Assert.Throws<ProjectStoreException>(() => t.Open(broken));
        Assert.Equal(StoreErrorKind.Migration, ex.Kind);
        Assert.Contains("migration demo v2 (broken) failed", ex.Message, StringComparison.Ordinal);

        // The whole open is one transaction: not even v1 or the first table of v2 was kept.
        using var store = t.Open();
        Assert.False(store.Read(tx => tx.TableExists("demo_ok")));
        Assert.False(store.SchemaVersions().ContainsKey("demo"));
    }

    [Fact]
    public void Module_versions_out_of_order_are_refused_before_anything_is_opened()
    {
        var bad = new StoreModule("demo", TestModules.Takes);
        var ex = Assert.Throws<ProjectStoreException>(() => ProjectStore.Open(StoreLocation.ForSqlite("/nonexistent/x.db"), bad));
        Assert.Contains("migration #1 has version 2", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ProjectStoreException>(() => ProjectStore.Open(StoreLocation.ForSqlite("/nonexistent/x.db"), new StoreModule("Shoot")));
        Assert.Throws<ProjectStoreException>(() => ProjectStore.Open(StoreLocation.ForSqlite("/nonexistent/x.db"), new StoreModule("perche_x")));
    }

    [SkippableTheory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public void A_write_inside_a_write_fails_at_once_instead_of_waiting_for_itself(StoreProvider provider)
    {
        using var t = TestStores.Create(provider);
        using var store = t.Open(TestModules.V1);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var ex = Assert.Throws<InvalidOperationException>(() => store.Write(_ => store.Write(tx => tx.Execute("INSERT INTO demo_day (label) VALUES ('inner')"))));
        Assert.Contains("Write was called inside another Write", ex.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));

        // The store is usable afterwards: the failed inner write left nothing and released nothing it did not hold.
        Assert.Equal(0L, store.Read(tx => tx.Scalar<long>("SELECT COUNT(*) FROM demo_day")));
        store.Write(tx => tx.Execute("INSERT INTO demo_day (label) VALUES ('after')"));
        Assert.Equal(1L, store.Read(tx => tx.Scalar<long>("SELECT COUNT(*) FROM demo_day")));
    }

    [Theory]
    [InlineData("postgres://u@h/db", "LePhare", "postgres://u@h/db?schema=lephare")]
    [InlineData("postgres://u@h/db?sslmode=disable", "Le Phare 2", "postgres://u@h/db?sslmode=disable&schema=le_phare_2")]
    [InlineData("postgres://u@h/db?schema=mine", "LePhare", "postgres://u@h/db?schema=mine")]
    [InlineData("Host=h;Database=db", "Été 85", "Host=h;Database=db;Search Path=ete_85")]
    [InlineData("/films/x/project.db", "LePhare", "/films/x/project.db")]
    [InlineData("postgres://u@h/db", "2046", "postgres://u@h/db?schema=p_2046")]
    public void A_postgres_project_without_a_schema_gets_one_named_after_it(string text, string project, string expected)
    {
        Assert.Equal(expected, StoreLocation.WithDefaultSchema(text, project));
    }
}
