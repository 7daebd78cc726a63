using Perche.Project;

namespace Perche.Production.Store;

/// <summary>
/// The shoot's tables in the project store: the mixer's report edits per take, and every offload with its
/// destinations and files (digests and verification per destination).
/// </summary>
public sealed class ShootModule : IStoreModule
{
    /// <inheritdoc/>
    public string Name => "shoot";

    /// <inheritdoc/>
    public IReadOnlyList<StoreMigration> Migrations { get; } =
    [
        new StoreMigration(1, "report edits, offloads with destinations and files", """
            CREATE TABLE shoot_take_edit (
              id {id},
              take_key TEXT NOT NULL UNIQUE,
              circled BOOLEAN,
              wild_track BOOLEAN,
              room_tone BOOLEAN,
              false_start BOOLEAN,
              no_good BOOLEAN,
              note TEXT,
              edited_at TEXT NOT NULL);
            CREATE TABLE shoot_offload (
              id {id},
              source TEXT NOT NULL,
              finished_at TEXT NOT NULL,
              hash_formats TEXT NOT NULL,
              bytes_read BIGINT NOT NULL,
              bytes_written BIGINT NOT NULL,
              elapsed_seconds DOUBLE PRECISION NOT NULL,
              passed BOOLEAN NOT NULL);
            CREATE TABLE shoot_offload_destination (
              id {id},
              offload_id BIGINT NOT NULL REFERENCES shoot_offload (id) ON DELETE CASCADE,
              position BIGINT NOT NULL,
              root TEXT NOT NULL,
              verified BOOLEAN NOT NULL,
              generation TEXT,
              error TEXT,
              UNIQUE (offload_id, position));
            CREATE TABLE shoot_offload_file (
              id {id},
              offload_id BIGINT NOT NULL REFERENCES shoot_offload (id) ON DELETE CASCADE,
              path TEXT NOT NULL,
              size_bytes BIGINT NOT NULL,
              digests TEXT NOT NULL,
              status TEXT NOT NULL,
              problems TEXT NOT NULL DEFAULT '',
              UNIQUE (offload_id, path));
            CREATE INDEX shoot_offload_file_path ON shoot_offload_file (path);
            """),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<StatusLine> Summarise(StoreTransaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        return
        [
            new("takes edited in sound reports", tx.Scalar<long>("SELECT COUNT(*) FROM shoot_take_edit"),
                $"{tx.Scalar<long>("SELECT COUNT(*) FROM shoot_take_edit WHERE circled")} circled"),
            new("offloads", tx.Scalar<long>("SELECT COUNT(*) FROM shoot_offload"),
                $"{tx.Scalar<long>("SELECT COUNT(*) FROM shoot_offload WHERE passed")} fully verified"),
            new("files offloaded", tx.Scalar<long>("SELECT COUNT(*) FROM shoot_offload_file")),
        ];
    }
}
