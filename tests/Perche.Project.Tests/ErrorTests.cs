using System.Diagnostics;
using Perche.Project.Tests.Support;

namespace Perche.Project.Tests;

/// <summary>The errors a user meets: locked, read-only, unreachable server, a file that is not a project.</summary>
public sealed class ErrorTests
{
    [SkippableTheory]
    [MemberData(nameof(TestStores.Providers), MemberType = typeof(TestStores))]
    public void A_writer_waits_for_the_lock_then_fails_clearly_and_readers_are_never_blocked(StoreProvider provider)
    {
        using var t = TestStores.Create(provider);
        using var holder = t.Open(TestModules.V1);
        using var other = ProjectStore.Open(t.Location, new StoreOptions { LockTimeout = TimeSpan.FromSeconds(0.5) }, TestModules.V1);
        using var locked = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holding = Task.Run(() => holder.Write(tx =>
        {
            tx.Execute("INSERT INTO demo_day (label) VALUES ('held')");
            locked.Set();
            release.Wait(TimeSpan.FromSeconds(30));
        }));
        Assert.True(locked.Wait(TimeSpan.FromSeconds(30)));

        // A reader sees the last committed state at once (WAL / MVCC), without the held row.
        var readWatch = Stopwatch.StartNew();
        Assert.Equal(0L, other.Read(tx => tx.Scalar<long>("SELECT COUNT(*) FROM demo_day")));
        Assert.True(readWatch.Elapsed < TimeSpan.FromSeconds(15), $"a read waited {readWatch.Elapsed}");

        var watch = Stopwatch.StartNew();
        var ex = Assert.Throws<ProjectStoreException>(() => other.Write(tx => tx.Execute("INSERT INTO demo_day (label) VALUES ('late')")));
        watch.Stop();
        release.Set();
        holding.Wait();
        Assert.Equal(StoreErrorKind.Locked, ex.Kind);
        Assert.Contains("locked by another", ex.Message, StringComparison.Ordinal);
        Assert.Contains(provider == StoreProvider.Sqlite ? t.Location.SqlitePath : t.Location.Host, ex.Message, StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.4, 30);

        // Once released, the same store writes normally.
        other.Write(tx => tx.Execute("INSERT INTO demo_day (label) VALUES ('after')"));
        Assert.Equal(2L, other.Read(tx => tx.Scalar<long>("SELECT COUNT(*) FROM demo_day")));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_write_protected_database_opens_for_reading_and_refuses_writes_even_for_root()
    {
        using var t = TestStores.Create(StoreProvider.Sqlite);
        using (var store = t.Open(TestModules.V1))
        {
            store.Write(tx => tx.Execute("INSERT INTO demo_day (label) VALUES ('D1')"));
        }

        var path = t.Location.SqlitePath;
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        try
        {
            using var store = t.Open(TestModules.V1);
            Assert.True(store.IsReadOnly);
            Assert.Equal("D1", store.Read(tx => tx.Scalar<string>("SELECT label FROM demo_day")));
            var ex = Assert.Throws<ProjectStoreException>(() => store.Write(tx => tx.Execute("INSERT INTO demo_day (label) VALUES ('D2')")));
            Assert.Equal(StoreErrorKind.ReadOnly, ex.Kind);
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            Assert.Contains("read-only", ex.Message, StringComparison.Ordinal);

            // A newer module cannot be applied to a read-only project: say so rather than half-open it.
            ex = Assert.Throws<ProjectStoreException>(() => t.Open(TestModules.V2));
            Assert.Equal(StoreErrorKind.ReadOnly, ex.Kind);
            Assert.Contains("needs its schema updated", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void A_file_that_is_not_a_database_or_not_a_project_is_refused_with_its_path()
    {
        using var t = TestStores.Create(StoreProvider.Sqlite);
        var path = t.Location.SqlitePath;
        File.WriteAllText(path, "this is a text file, not SQLite, and it is long enough to have a header............");
        var ex = Assert.Throws<ProjectStoreException>(() => t.Open());
        Assert.Equal(StoreErrorKind.Corrupt, ex.Kind);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Equal("this is a text file", File.ReadAllText(path)[..19]);

        File.Delete(path);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE songs (title TEXT)";
            command.ExecuteNonQuery();
        }

        ex = Assert.Throws<ProjectStoreException>(() => t.Open());
        Assert.Equal(StoreErrorKind.Corrupt, ex.Kind);
        Assert.Contains("not a Perche project", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_postgres_connection_fails_at_once_naming_the_host()
    {
        var watch = Stopwatch.StartNew();
        var ex = Assert.Throws<ProjectStoreException>(() => ProjectStore.Open(StoreLocation.Parse("postgres://perche:perche@127.0.0.1:1/perche_test")));
        Assert.Equal(StoreErrorKind.Unreachable, ex.Kind);
        Assert.Contains("cannot reach the PostgreSQL server at 127.0.0.1:1", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("perche:perche", ex.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_silent_postgres_server_times_out_instead_of_hanging()
    {
        // 10.255.255.1 is a non-routable address: packets vanish (or the network says unreachable at once).
        var watch = Stopwatch.StartNew();
        var ex = Assert.Throws<ProjectStoreException>(() => ProjectStore.Open(StoreLocation.Parse("postgres://perche@10.255.255.1:5432/perche_test?timeout=1")));
        Assert.Equal(StoreErrorKind.Unreachable, ex.Kind);
        Assert.Contains("10.255.255.1:5432", ex.Message, StringComparison.Ordinal);
        Assert.Contains("connect timeout 1 s", ex.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
    }

    [SkippableFact]
    public void A_wrong_password_or_a_missing_database_is_explained()
    {
        TestStores.RequireProvider(StoreProvider.PostgreSql);
        var good = StoreLocation.Parse(TestStores.PostgresUrl);
        var ex = Assert.Throws<ProjectStoreException>(() => ProjectStore.Open(StoreLocation.Parse($"postgres://{good.Postgres!.Username}:definitely-wrong@{good.Host}:{good.Port}/{good.Database}")));
        Assert.Equal(StoreErrorKind.Unreachable, ex.Kind);
        Assert.Contains("refused the login", ex.Message, StringComparison.Ordinal);

        ex = Assert.Throws<ProjectStoreException>(() => ProjectStore.Open(StoreLocation.Parse(TestStores.PostgresUrl.Replace("/" + good.Database, "/no_such_database_here", StringComparison.Ordinal))));
        Assert.Equal(StoreErrorKind.Unreachable, ex.Kind);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Contains("createdb no_such_database_here", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://u:p@db.example:6543/film?schema=lephare", "db.example", 6543, "film", "lephare", "postgres://u@db.example:6543/film?schema=lephare")]
    [InlineData("postgresql://db.example/film", "db.example", 5432, "film", "public", "postgres://db.example:5432/film")]
    [InlineData("Host=h;Port=5433;Database=d;Username=u;Password=p;Search Path=s1", "h", 5433, "d", "s1", "postgres://u@h:5433/d?schema=s1")]
    public void Locations_parse_urls_and_connection_strings_and_never_print_the_password(string text, string host, int port, string database, string schema, string shown)
    {
        var location = StoreLocation.Parse(text);
        Assert.Equal(StoreProvider.PostgreSql, location.Provider);
        Assert.Equal((host, port, database, schema), (location.Host, location.Port, location.Database, location.Schema));
        Assert.Equal(shown, location.ToString());
    }

    [Theory]
    [InlineData("postgres://u:p@host/", "names no database")]
    [InlineData("postgres://u@host/db?schema=bad-name", "schema name 'bad-name'")]
    [InlineData("postgres://u@host/db?sslmode=sometimes", "sslmode=sometimes")]
    public void Malformed_locations_are_refused_with_the_reason(string text, string expected)
    {
        var ex = Assert.Throws<ProjectStoreException>(() => StoreLocation.Parse(text));
        Assert.Equal(StoreErrorKind.BadLocation, ex.Kind);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("u:p", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_on_a_network_share_is_recognised_by_its_mount()
    {
        const string mounts = """
            /dev/sda1 / ext4 rw,relatime 0 0
            server:/films /mnt/films nfs4 rw,relatime 0 0
            //nas/Son\040Direct /mnt/Son\040Direct cifs rw 0 0
            /dev/sdb1 /mnt/films/local ext4 rw 0 0
            """;
        Assert.Equal("nfs4", NetworkFileSystem.TypeOf("/mnt/films/LePhare.perche/project.db", mounts));
        Assert.Equal("cifs", NetworkFileSystem.TypeOf("/mnt/Son Direct/x.perche/project.db", mounts));
        Assert.Null(NetworkFileSystem.TypeOf("/mnt/films/local/LePhare.perche/project.db", mounts));
        Assert.Null(NetworkFileSystem.TypeOf("/mnt/filmsX/project.db", mounts));
        Assert.Null(NetworkFileSystem.TypeOf("/home/marie/project.db", mounts));
    }
}
