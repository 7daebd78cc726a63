using System.Globalization;
using Perche.Core;
using Perche.Production.Hashing;

namespace Perche.Production.Mhl;

/// <summary>
/// The ASC MHL history of a folder: its <c>ascmhl/</c> generations checked against the chain file, plus the
/// histories of sub-folders that carry their own <c>ascmhl/</c> (nested histories, as when reels are gathered
/// under one folder). Answers "what hash was recorded for this file?" and appends new generations safely.
/// </summary>
public sealed class MhlHistory
{
    private readonly Dictionary<string, RecordedFile> known = new(StringComparer.Ordinal);

    private MhlHistory(string root) => this.Root = root;

    /// <summary>A file as last recorded: its size and one digest per format (latest non-failed value).</summary>
    public sealed class RecordedFile
    {
        /// <summary>Size in bytes when last hashed.</summary>
        public long SizeBytes { get; set; }

        /// <summary>Digest per format.</summary>
        public Dictionary<HashKind, string> Digests { get; } = [];

        /// <summary>The generation that recorded it last.</summary>
        public int Generation { get; set; }
    }

    /// <summary>The folder the history describes.</summary>
    public string Root { get; }

    /// <summary>This folder's own generations, oldest first.</summary>
    public List<MhlGeneration> Generations { get; } = [];

    /// <summary>Histories of sub-folders, keyed by their relative path.</summary>
    public Dictionary<string, MhlHistory> Children { get; } = new(StringComparer.Ordinal);

    /// <summary>Every file any generation (own or nested) recorded, by path relative to <see cref="Root"/>.</summary>
    public IReadOnlyDictionary<string, RecordedFile> KnownFiles => this.known;

    /// <summary>True when the folder or a sub-folder has at least one generation.</summary>
    public bool Exists => this.Generations.Count > 0 || this.Children.Count > 0;

    /// <summary>The folder's history folder.</summary>
    public string HistoryFolder => Path.Combine(this.Root, FolderWalk.HistoryFolder);

    /// <summary>
    /// Loads the history of <paramref name="root"/> (empty when it has none). Every generation is checked against
    /// the chain file's C4; a missing or modified generation raises <see cref="PercheFormatException"/>.
    /// </summary>
    public static MhlHistory Load(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var history = new MhlHistory(Path.GetFullPath(root));
        history.LoadOwn();
        foreach (var dir in FolderWalk.Directories(history.Root))
        {
            if (Directory.Exists(Path.Combine(FolderWalk.Combine(history.Root, dir), FolderWalk.HistoryFolder)))
            {
                var child = new MhlHistory(Path.GetFullPath(FolderWalk.Combine(history.Root, dir)));
                child.LoadOwn();
                foreach (var g in child.Generations)
                {
                    child.Absorb(g, string.Empty);
                }

                history.Children[dir] = child;
            }
        }

        // Nested histories first, then the folder's own generations, so the outer (later) record wins.
        foreach (var (prefix, child) in history.Children.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            foreach (var (path, rec) in child.known)
            {
                history.known[prefix + "/" + path] = rec;
            }
        }

        foreach (var g in history.Generations)
        {
            history.Absorb(g, string.Empty);
        }

        return history;
    }

    /// <summary>The generation file name: "0001_A002R2EC_2020-01-16_091500Z.mhl".</summary>
    public static string GenerationFileName(int sequenceNumber, string folderName, DateTimeOffset date) =>
        string.Create(CultureInfo.InvariantCulture, $"{sequenceNumber:0000}_{folderName}_{date.UtcDateTime:yyyy-MM-dd_HHmmss}Z.mhl");

    /// <summary>
    /// Writes <paramref name="generation"/> as the next generation and rewrites the chain file; both are written
    /// to temporary files and renamed, the generation first, so a crash leaves either the old or the new chain.
    /// </summary>
    public string Append(MhlGeneration generation)
    {
        ArgumentNullException.ThrowIfNull(generation);
        Directory.CreateDirectory(this.HistoryFolder);
        var seq = this.Generations.Count == 0 ? 1 : this.Generations[^1].SequenceNumber + 1;
        generation.SequenceNumber = seq;
        generation.FileName = GenerationFileName(seq, new DirectoryInfo(this.Root).Name, generation.CreationDate);
        var bytes = MhlXml.Write(generation);
        var path = Path.Combine(this.HistoryFolder, generation.FileName);
        AtomicFile.Write(path, bytes);
        var links = new List<MhlChain.Link>();
        foreach (var g in this.Generations)
        {
            links.Add(new MhlChain.Link(g.SequenceNumber, g.FileName, MhlChain.C4Of(File.ReadAllBytes(Path.Combine(this.HistoryFolder, g.FileName)))));
        }

        links.Add(new MhlChain.Link(seq, generation.FileName, MhlChain.C4Of(bytes)));
        AtomicFile.Write(Path.Combine(this.HistoryFolder, MhlChain.FileName), MhlChain.Write(links));
        this.Generations.Add(generation);
        this.Absorb(generation, string.Empty);
        return path;
    }

    private void LoadOwn()
    {
        var folder = this.HistoryFolder;
        if (!Directory.Exists(folder))
        {
            return;
        }

        var chainPath = Path.Combine(folder, MhlChain.FileName);
        if (!File.Exists(chainPath))
        {
            // Append writes the generation, then the chain: a kill between the two leaves generation 0001 without a
            // chain, which is no history yet (nothing was committed) and the rerun writes 0001 again (found by the
            // offload kill test: the rerun refused the folder). Any later generation without a chain means a lost chain.
            if (Directory.EnumerateFiles(folder, "*.mhl").Any(f => !Path.GetFileName(f).StartsWith("0001_", StringComparison.Ordinal)))
            {
                throw PercheFormatException.ForInput(chainPath, "the ascmhl folder holds generations but no chain file");
            }

            return;
        }

        foreach (var link in MhlChain.Read(File.ReadAllBytes(chainPath), chainPath).OrderBy(l => l.SequenceNumber))
        {
            var genPath = Path.Combine(folder, link.Path);
            if (!File.Exists(genPath))
            {
                throw PercheFormatException.ForInput(genPath, $"generation {link.SequenceNumber} named in the chain file is missing");
            }

            var bytes = File.ReadAllBytes(genPath);
            MhlChain.Check(link, bytes, genPath);
            var g = MhlXml.Read(bytes, genPath);
            g.SequenceNumber = link.SequenceNumber;
            g.FileName = link.Path;
            this.Generations.Add(g);
        }
    }

    private void Absorb(MhlGeneration g, string prefix)
    {
        foreach (var f in g.Files)
        {
            var path = prefix + f.Path;
            if (f.PreviousPath is { Length: > 0 } prev && this.known.Remove(prefix + prev, out var moved))
            {
                this.known[path] = moved;
            }

            if (!this.known.TryGetValue(path, out var rec))
            {
                rec = new RecordedFile();
                this.known[path] = rec;
            }

            rec.SizeBytes = f.SizeBytes;
            rec.Generation = g.SequenceNumber;
            foreach (var h in f.Hashes)
            {
                // A failed value documents damage; the reference stays the last good one.
                if (h.Action != MhlAction.Failed)
                {
                    rec.Digests[h.Kind] = h.Digest;
                }
            }
        }
    }
}
