using System.Globalization;
using Perche.Project;
using Perche.Project.Tests.Support;

namespace Perche.Project.Worker;

/// <summary>
/// The store tests' second process. Verbs:
/// <list type="bullet">
/// <item><c>write LOCATION WRITER COUNT</c>: COUNT write transactions, each adding one day labelled
/// WRITER-i and incrementing a shared counter by reading it and writing it back (a lost update would show
/// as a counter below the number of days).</item>
/// <item><c>import LOCATION ROWS</c>: imports batch after batch, each one transaction of a day and ROWS
/// takes plus the counter; prints "ready" after the first batch and runs until killed.</item>
/// </list>
/// Exit code 0 on success, 3 on a store error (message on stderr).
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            var location = StoreLocation.Parse(args[1]);
            using var store = ProjectStore.Open(location, new StoreOptions { LockTimeout = TimeSpan.FromSeconds(60) }, TestModules.V3);
            switch (args[0])
            {
                case "write":
                    Write(store, args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
                    break;
                case "import":
                    Import(store, int.Parse(args[2], CultureInfo.InvariantCulture));
                    break;
                default:
                    Console.Error.WriteLine($"unknown verb {args[0]}");
                    return 2;
            }

            return 0;
        }
        catch (ProjectStoreException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 3;
        }
    }

    private static void Write(ProjectStore store, string writer, int count)
    {
        for (var i = 0; i < count; i++)
        {
            store.Write(tx =>
            {
                tx.Execute("INSERT INTO demo_day (label, writer) VALUES (@label, @writer)", new { label = $"{writer}-{i}", writer });

                // Deliberately read-modify-write in application code: only a store that serialises writers keeps it exact.
                var hits = tx.Scalar<long>("SELECT value FROM demo_counter WHERE name = 'hits'");
                tx.Execute("UPDATE demo_counter SET value = @value WHERE name = 'hits'", new { value = hits + 1 });
            });
        }

        Console.Out.WriteLine("done");
    }

    private static void Import(ProjectStore store, int rows)
    {
        var checksum = new byte[32];
        for (var batch = 0; ; batch++)
        {
            store.Write(tx =>
            {
                var label = $"batch-{Environment.ProcessId}-{batch}";
                var day = tx.Scalar<long>("INSERT INTO demo_day (label, writer) VALUES (@label, 'import') RETURNING id", new { label });
                using var insert = tx.Prepare("INSERT INTO demo_take (day_id, scene, take_number, circled, duration_seconds, checksum) VALUES (@day, @scene, @take, @circled, @duration, @checksum)");
                for (var i = 0; i < rows; i++)
                {
                    checksum[0] = (byte)i;
                    insert.Execute(new { day, scene = "S" + (i % 50).ToString(CultureInfo.InvariantCulture), take = i, circled = i % 3 == 0, duration = i * 0.5, checksum });
                }

                tx.Execute("UPDATE demo_counter SET value = value + 1 WHERE name = 'hits'");
            });
            if (batch == 0)
            {
                Console.Out.WriteLine("ready");
                Console.Out.Flush();
            }
        }
    }
}
