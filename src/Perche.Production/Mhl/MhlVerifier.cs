using System.Buffers;
using Perche.Production.Hashing;

namespace Perche.Production.Mhl;

/// <summary>What a verification found for one file.</summary>
public enum FileVerdict
{
    /// <summary>Re-hashed and equal to the recorded hash.</summary>
    Verified,

    /// <summary>Re-hashed and different (or the size changed).</summary>
    Failed,

    /// <summary>Recorded in the history but absent on disk.</summary>
    Missing,

    /// <summary>On disk but never recorded (hashed as original when sealing).</summary>
    New,

    /// <summary>Could not be read.</summary>
    Unreadable,
}

/// <summary>One file's verification.</summary>
public sealed class FileVerification
{
    /// <summary>Relative path.</summary>
    public required string Path { get; init; }

    /// <summary>The verdict.</summary>
    public FileVerdict Verdict { get; set; }

    /// <summary>The format compared.</summary>
    public HashKind? Kind { get; set; }

    /// <summary>The recorded digest.</summary>
    public string? ExpectedDigest { get; set; }

    /// <summary>The digest now.</summary>
    public string? ActualDigest { get; set; }

    /// <summary>Size on disk now.</summary>
    public long SizeBytes { get; set; }

    /// <summary>Why it failed, in words.</summary>
    public string? Problem { get; set; }
}

/// <summary>The outcome of verifying a folder against its history.</summary>
public sealed class FolderVerification
{
    /// <summary>The folder.</summary>
    public required string Root { get; init; }

    /// <summary>Per-file results, in path order.</summary>
    public List<FileVerification> Files { get; } = [];

    /// <summary>True when the folder had a history to verify against.</summary>
    public bool HadHistory { get; set; }

    /// <summary>The new generation written when sealing, or null.</summary>
    public string? GenerationPath { get; set; }

    /// <summary>Bytes read.</summary>
    public long BytesHashed { get; set; }

    /// <summary>Wall time.</summary>
    public double ElapsedSeconds { get; set; }

    /// <summary>True when no file failed, went missing or was unreadable.</summary>
    public bool Passed => this.Files.TrueForAll(f => f.Verdict is FileVerdict.Verified or FileVerdict.New);

    /// <summary>Count of files with a verdict.</summary>
    public int Count(FileVerdict verdict) => this.Files.Count(f => f.Verdict == verdict);
}

/// <summary>
/// Verifies a folder against its ASC MHL history (<c>perche verify</c>): every file is re-read and re-hashed with
/// the format recorded for it, missing and new files are listed, and with <c>seal</c> a new generation records the
/// result (verified / failed / original), as <c>ascmhl create</c> does on a copy of a copy.
/// </summary>
public static class MhlVerifier
{
    // When a file carries several formats, the fastest one is checked.
    private static readonly HashKind[] Preference = [HashKind.Xxh64, HashKind.Xxh3, HashKind.Xxh128, HashKind.Md5, HashKind.Sha1, HashKind.C4];

    /// <summary>Verifies <paramref name="root"/>; with <paramref name="seal"/>, appends a generation with <paramref name="newKinds"/> for new files.</summary>
    public static FolderVerification Verify(string root, bool seal, IReadOnlyList<HashKind>? newKinds = null, MhlCreator? creator = null,
        IProgress<long>? bytesProgress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        var started = System.Diagnostics.Stopwatch.StartNew();
        newKinds ??= [HashKind.Xxh64];
        creator ??= MhlCreator.Default();
        var history = MhlHistory.Load(root);
        var result = new FolderVerification { Root = Path.GetFullPath(root), HadHistory = history.Exists };
        var onDisk = FolderWalk.Files(root);
        var facts = new Dictionary<string, TreeHashes.FileFacts>(StringComparer.Ordinal);
        var hashDate = creator.Now();
        foreach (var rel in onDisk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var full = FolderWalk.Combine(root, rel);
            var fi = new FileInfo(full);
            var v = new FileVerification { Path = rel, SizeBytes = fi.Length };
            result.Files.Add(v);
            history.KnownFiles.TryGetValue(rel, out var recorded);
            var kinds = new List<HashKind>();
            HashKind? checkKind = null;
            if (recorded is not null)
            {
                checkKind = Preference.First(k => recorded.Digests.ContainsKey(k) || k == HashKind.C4);
                if (!recorded.Digests.ContainsKey(checkKind.Value))
                {
                    checkKind = recorded.Digests.Keys.FirstOrDefault();
                }

                kinds.Add(checkKind.Value);
            }

            foreach (var k in newKinds)
            {
                if (!kinds.Contains(k))
                {
                    kinds.Add(k);
                }
            }

            string[] digests;
            try
            {
                digests = HashFile(full, kinds, bytesProgress, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                v.Verdict = FileVerdict.Unreadable;
                v.Problem = ex.Message;
                continue;
            }

            result.BytesHashed += fi.Length;
            var f = new TreeHashes.FileFacts { SizeBytes = fi.Length, LastModified = new DateTimeOffset(fi.LastWriteTimeUtc, TimeSpan.Zero) };
            if (recorded is null)
            {
                v.Verdict = FileVerdict.New;
                for (var i = 0; i < kinds.Count; i++)
                {
                    f.Hashes.Add(new MhlHashValue(kinds[i], digests[i], MhlAction.Original, hashDate));
                }
            }
            else
            {
                v.Kind = checkKind;
                v.ExpectedDigest = recorded.Digests[checkKind!.Value];
                v.ActualDigest = digests[0];
                var ok = string.Equals(v.ExpectedDigest, v.ActualDigest, StringComparison.OrdinalIgnoreCase);
                v.Verdict = ok ? FileVerdict.Verified : FileVerdict.Failed;
                if (!ok)
                {
                    v.Problem = $"{HashKinds.Name(checkKind.Value)} is {v.ActualDigest}; the history recorded {v.ExpectedDigest}" +
                        (recorded.SizeBytes != fi.Length ? $" (size {fi.Length} bytes, recorded {recorded.SizeBytes})" : string.Empty);
                }

                f.Hashes.Add(new MhlHashValue(checkKind.Value, digests[0], ok ? MhlAction.Verified : MhlAction.Failed, hashDate));
                for (var i = 1; i < kinds.Count; i++)
                {
                    // A format the history already holds is checked too; one it lacks is a new (verified-source) hash.
                    var action = recorded.Digests.TryGetValue(kinds[i], out var old)
                        ? string.Equals(old, digests[i], StringComparison.OrdinalIgnoreCase) ? MhlAction.Verified : MhlAction.Failed
                        : MhlAction.Original;
                    f.Hashes.Add(new MhlHashValue(kinds[i], digests[i], action, hashDate));
                }
            }

            facts[rel] = f;
        }

        var present = new HashSet<string>(onDisk, StringComparer.Ordinal);
        foreach (var (path, _) in history.KnownFiles)
        {
            if (!present.Contains(path))
            {
                result.Files.Add(new FileVerification { Path = path, Verdict = FileVerdict.Missing, Problem = "recorded in the history, absent on disk" });
            }
        }

        result.Files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        if (seal)
        {
            var g = creator.NewGeneration("in-place");
            var dirKinds = DirectoryKinds(facts);
            TreeHashes.Fill(g, root, facts, dirKinds, hashDate);
            result.GenerationPath = history.Append(g);
        }

        result.ElapsedSeconds = started.Elapsed.TotalSeconds;
        return result;
    }

    /// <summary>Hashes a file once for several formats.</summary>
    public static string[] HashFile(string path, IReadOnlyList<HashKind> kinds, IProgress<long>? bytesProgress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var hashers = kinds.Select(k => new ContentHasher(k)).ToArray();
        var buffer = ArrayPool<byte>.Shared.Rent(4 << 20);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var block = buffer.AsSpan(0, n);
                foreach (var h in hashers)
                {
                    h.Append(block);
                }

                bytesProgress?.Report(n);
            }

            var result = new string[hashers.Length];
            for (var i = 0; i < hashers.Length; i++)
            {
                result[i] = hashers[i].Finish();
            }

            return result;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            foreach (var h in hashers)
            {
                h.Dispose();
            }
        }
    }

    // Folder hashes need a digest of every file in one format: the formats every file carries.
    internal static List<HashKind> DirectoryKinds(IReadOnlyDictionary<string, TreeHashes.FileFacts> facts)
    {
        List<HashKind>? common = null;
        foreach (var f in facts.Values)
        {
            var kinds = f.Hashes.Select(h => h.Kind).Distinct().ToList();
            common = common is null ? kinds : common.Intersect(kinds).ToList();
        }

        return common ?? [HashKind.Xxh64];
    }
}
