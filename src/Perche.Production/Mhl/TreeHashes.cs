using Perche.Production.Hashing;

namespace Perche.Production.Mhl;

/// <summary>
/// Builds the entries of a generation from file digests: file hashes and directory hashes in the order ASC MHL
/// writes them (children by name; a folder's hash after its content), and the root hash.
/// </summary>
public static class TreeHashes
{
    /// <summary>What a file contributes: its size, date and digests (the first digest per kind is used for folders).</summary>
    public sealed class FileFacts
    {
        /// <summary>Size in bytes.</summary>
        public long SizeBytes { get; init; }

        /// <summary>Last write time.</summary>
        public DateTimeOffset LastModified { get; init; }

        /// <summary>Digest values with actions.</summary>
        public List<MhlHashValue> Hashes { get; } = [];
    }

    /// <summary>
    /// Fills <paramref name="generation"/> with entries for <paramref name="files"/> (relative path → facts) and the
    /// folders of <paramref name="root"/> (empty folders included), computing directory hashes for <paramref name="kinds"/>.
    /// </summary>
    public static void Fill(MhlGeneration generation, string root, IReadOnlyDictionary<string, FileFacts> files, IReadOnlyList<HashKind> kinds, DateTimeOffset hashDate)
    {
        ArgumentNullException.ThrowIfNull(generation);
        ArgumentNullException.ThrowIfNull(files);
        var children = new Dictionary<string, List<(string Name, bool IsDir)>>(StringComparer.Ordinal) { [string.Empty] = [] };
        foreach (var d in FolderWalk.Directories(root))
        {
            children.TryAdd(d, []);
            children[Parent(d)].Add((Name(d), true));
        }

        foreach (var f in files.Keys)
        {
            var parent = Parent(f);
            if (!children.TryGetValue(parent, out var list))
            {
                // A file under a folder the walk did not list (it was removed meanwhile): still hash it.
                list = [];
                children[parent] = list;
            }

            list.Add((Name(f), false));
        }

        var rootEntry = Visit(generation, root, string.Empty, children, files, kinds, hashDate);
        generation.RootHash = rootEntry;
    }

    private static MhlDirectoryEntry Visit(MhlGeneration g, string root, string dir, Dictionary<string, List<(string Name, bool IsDir)>> children,
        IReadOnlyDictionary<string, FileFacts> files, IReadOnlyList<HashKind> kinds, DateTimeOffset hashDate)
    {
        var accumulators = kinds.Select(k => new DirectoryHash(k)).ToArray();
        var list = children.TryGetValue(dir, out var l) ? l : [];
        list.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var (name, isDir) in list)
        {
            var rel = dir.Length == 0 ? name : dir + "/" + name;
            if (isDir)
            {
                var sub = Visit(g, root, rel, children, files, kinds, hashDate);
                g.Entries.Add(sub);
                for (var i = 0; i < kinds.Count; i++)
                {
                    accumulators[i].AddDirectory(name, sub.Content[kinds[i]], sub.Structure[kinds[i]]);
                }
            }
            else
            {
                var facts = files[rel];
                var entry = new MhlFileEntry { Path = rel, SizeBytes = facts.SizeBytes, LastModified = facts.LastModified };
                entry.Hashes.AddRange(facts.Hashes);
                g.Entries.Add(entry);
                for (var i = 0; i < kinds.Count; i++)
                {
                    var digest = facts.Hashes.FirstOrDefault(h => h.Kind == kinds[i])?.Digest
                        ?? throw new InvalidOperationException($"{rel}: no {HashKinds.Name(kinds[i])} digest to build folder hashes");
                    accumulators[i].AddFile(name, digest);
                }
            }
        }

        DateTimeOffset? modified = null;
        var full = dir.Length == 0 ? root : FolderWalk.Combine(root, dir);
        if (Directory.Exists(full))
        {
            modified = new DateTimeOffset(Directory.GetLastWriteTimeUtc(full), TimeSpan.Zero);
        }

        var result = new MhlDirectoryEntry { Path = dir, LastModified = modified, HashDate = hashDate };
        for (var i = 0; i < kinds.Count; i++)
        {
            result.Content[kinds[i]] = accumulators[i].Content;
            result.Structure[kinds[i]] = accumulators[i].Structure;
        }

        return result;
    }

    private static string Parent(string rel)
    {
        var i = rel.LastIndexOf('/');
        return i < 0 ? string.Empty : rel[..i];
    }

    private static string Name(string rel)
    {
        var i = rel.LastIndexOf('/');
        return i < 0 ? rel : rel[(i + 1)..];
    }
}
