namespace Perche.Project.Tests.Support;

/// <summary>A small phase-like module the store tests register: days and takes, the take referencing its day.</summary>
public static class TestModules
{
    public static readonly StoreMigration Days = new(1, "days", """
        CREATE TABLE demo_day (
          id {id},
          label TEXT NOT NULL UNIQUE,
          writer TEXT NOT NULL DEFAULT '');
        """);

    public static readonly StoreMigration Takes = new(2, "takes", """
        CREATE TABLE demo_take (
          id {id},
          day_id BIGINT NOT NULL REFERENCES demo_day (id),
          scene TEXT NOT NULL,
          take_number BIGINT NOT NULL,
          circled BOOLEAN NOT NULL DEFAULT FALSE,
          duration_seconds DOUBLE PRECISION,
          checksum {blob});
        """);

    public static readonly StoreMigration Counter = new(3, "a counter", """
        CREATE TABLE demo_counter (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
        INSERT INTO demo_counter (name, value) VALUES ('hits', 0);
        """);

    public static StoreModule V1 => new("demo", Days);

    public static StoreModule V2 => new("demo", Days, Takes);

    public static StoreModule V3 => new("demo", Days, Takes, Counter);
}
