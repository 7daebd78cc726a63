using System.Globalization;
using System.Text;
using Perche.Production.Hashing;
using Perche.Production.Mhl;

namespace Perche.Production.Offload;

/// <summary>
/// The resume journal of one destination (<c>ascmhl/.perche-offload</c>): one line per file verified and renamed,
/// appended and flushed right after the rename. A rerun trusts a line only when the source file still has the
/// recorded size and modification time and the copy still has the recorded size.
/// </summary>
internal sealed class OffloadJournal : IDisposable
{
    public const string FileName = ".perche-offload";

    private readonly string path;
    private FileStream? writer;

    public OffloadJournal(string destinationRoot)
    {
        this.path = Path.Combine(destinationRoot, FolderWalk.HistoryFolder, FileName);
        if (File.Exists(this.path))
        {
            foreach (var line in File.ReadAllLines(this.path))
            {
                // A line cut by a crash lacks its tab-separated fields and is ignored.
                var parts = line.Split('\t');
                if (parts.Length != 4 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                    || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
                {
                    continue;
                }

                var digests = new Dictionary<HashKind, string>();
                foreach (var kv in parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = kv.IndexOf('=', StringComparison.Ordinal);
                    if (eq > 0 && HashKinds.TryParse(kv[..eq], out var kind))
                    {
                        digests[kind] = kv[(eq + 1)..];
                    }
                }

                this.Entries[parts[3]] = new Entry(size, ticks, digests);
            }
        }
    }

    public sealed record Entry(long SizeBytes, long SourceWriteTicks, Dictionary<HashKind, string> Digests);

    public Dictionary<string, Entry> Entries { get; } = new(StringComparer.Ordinal);

    public void Append(string relativePath, long sizeBytes, long sourceWriteTicks, IReadOnlyDictionary<HashKind, string> digests)
    {
        if (this.writer is null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(this.path)!);
            this.writer = new FileStream(this.path, FileMode.Append, FileAccess.Write, FileShare.Read);
        }

        var sb = new StringBuilder();
        sb.Append(sizeBytes.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(sourceWriteTicks.ToString(CultureInfo.InvariantCulture)).Append('\t');
        sb.AppendJoin(',', digests.Select(d => HashKinds.Name(d.Key) + "=" + d.Value));
        sb.Append('\t').Append(relativePath).Append('\n');
        this.writer.Write(Encoding.UTF8.GetBytes(sb.ToString()));
        this.writer.Flush(flushToDisk: true);
        this.Entries[relativePath] = new Entry(sizeBytes, sourceWriteTicks, new Dictionary<HashKind, string>(digests));
    }

    /// <summary>Removes the journal once the destination's generation is written.</summary>
    public void Complete()
    {
        this.writer?.Dispose();
        this.writer = null;
        File.Delete(this.path);
    }

    public void Dispose() => this.writer?.Dispose();
}
