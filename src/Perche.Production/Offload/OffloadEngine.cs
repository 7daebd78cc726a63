using Microsoft.Win32.SafeHandles;
using Perche.Core;
using Perche.Production.Hashing;
using Perche.Production.IO;
using Perche.Production.Mhl;

namespace Perche.Production.Offload;

/// <summary>
/// Verified multi-destination offload. Each source file is read once; every block is hashed (all formats) on the
/// reading thread while several earlier blocks are being written to all destinations in parallel. Copies are
/// written as <c>name.perche-part</c> unbuffered (O_DIRECT where the system and file system allow it: no second
/// copy in the page cache, no write-back storm), flushed to the drive and re-read from the drive, unbuffered
/// (buffered fallback: the copy's pages are dropped from the cache before the re-read), both destinations at once
/// and while the next file is copied; only a copy whose hash equals the source's is renamed to its final name. Each destination then receives an
/// ASC MHL v2.0 generation (the source's own history, when it has one, is verified on the way and carried over).
/// A journal lets an interrupted run resume without copying verified files again.
/// </summary>
public static class OffloadEngine
{
    // Blocks in flight between the source read and the drives' writes.
    private const int RingDepth = 4;

    /// <summary>Checks the request (throws <see cref="ArgumentException"/> for bad usage, <see cref="PercheFormatException"/> for a missing source).</summary>
    public static void Validate(OffloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var source = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Source));
        if (!Directory.Exists(source))
        {
            throw PercheFormatException.ForInput(options.Source, File.Exists(source) ? "is a file; expected a card or folder" : "source folder not found");
        }

        if (options.Destinations.Count == 0)
        {
            throw new ArgumentException("no destination given (--to DEST)");
        }

        var seen = new HashSet<string>(OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        var real = new Dictionary<string, string>(OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        var realSource = RealPath(source);
        foreach (var d in options.Destinations)
        {
            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(d));
            if (!seen.Add(full))
            {
                throw new ArgumentException($"destination '{d}' is given twice");
            }

            // Through symbolic links (a drive mounted under two names): the same folder would be "verified" twice
            // while holding one copy.
            var realFull = RealPath(full);
            if (real.TryGetValue(realFull, out var other))
            {
                throw new ArgumentException($"destination '{d}' is the same folder as '{other}' (through a symbolic link)");
            }

            real[realFull] = d;
            if (IsInside(full, source) || IsInside(realFull, realSource))
            {
                throw new ArgumentException($"destination '{d}' is inside the source '{options.Source}'");
            }

            if (string.Equals(Path.Combine(full, Path.GetFileName(source)), source, StringComparison.Ordinal))
            {
                throw new ArgumentException($"destination '{d}' would copy the source onto itself");
            }
        }
    }

    /// <summary>Runs the offload.</summary>
    public static OffloadResult Run(OffloadOptions options, CancellationToken cancellationToken = default)
    {
        Validate(options);
        var started = System.Diagnostics.Stopwatch.StartNew();

        // Every block waits on one read and one write per destination, and the verifier re-reads in parallel: with
        // the pool's default minimum (one thread per core) those blocking waits starve it and it grows by one thread
        // every half second. Enough threads up front keep the drives busy.
        ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
        ThreadPool.SetMinThreads(Math.Max(minWorkers, 4 + (3 * options.Destinations.Count)), minIo);
        var source = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Source));
        var name = Path.GetFileName(source);
        var kinds = options.Kinds;
        var result = new OffloadResult { Source = source, Kinds = kinds };
        var destRoots = options.Destinations.Select(d => Path.Combine(Path.GetFullPath(d), name)).ToArray();
        foreach (var root in destRoots)
        {
            result.Destinations.Add(new OffloadDestination { Root = root });
        }

        var sourceHistory = MhlHistory.Load(source);
        result.SourceHadHistory = sourceHistory.Exists;
        var files = FolderWalk.Files(source);
        var journals = new OffloadJournal[destRoots.Length];
        var alive = new bool[destRoots.Length];
        try
        {
            for (var d = 0; d < destRoots.Length; d++)
            {
                try
                {
                    Directory.CreateDirectory(destRoots[d]);

                    // The card's folder tree, empty folders included: they are part of its structure hash.
                    foreach (var dir in FolderWalk.Directories(source))
                    {
                        Directory.CreateDirectory(FolderWalk.Combine(destRoots[d], dir));
                    }

                    journals[d] = new OffloadJournal(destRoots[d]);
                    alive[d] = true;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    journals[d] = null!;
                    result.Destinations[d].Error = $"cannot create {destRoots[d]}: {ex.Message}";
                }
            }

            // Which files each destination still needs, and whether the drive can hold them: refuse up front
            // rather than fill a drive half-way.
            var infos = new FileInfo[files.Count];
            var needs = new bool[files.Count, destRoots.Length];
            long total = 0;
            for (var i = 0; i < files.Count; i++)
            {
                infos[i] = new FileInfo(FolderWalk.Combine(source, files[i]));
                total += SafeLength(infos[i]);
                for (var d = 0; d < destRoots.Length; d++)
                {
                    needs[i, d] = alive[d] && !IsResumable(journals[d], files[i], infos[i], destRoots[d]);
                }
            }

            for (var d = 0; d < destRoots.Length; d++)
            {
                if (!alive[d])
                {
                    continue;
                }

                long needed = 0;
                for (var i = 0; i < files.Count; i++)
                {
                    needed += needs[i, d] ? SafeLength(infos[i]) : 0;
                }

                var free = options.FreeSpace(destRoots[d]);
                if (needed > free)
                {
                    alive[d] = false;
                    result.Destinations[d].Error = $"destination is full: {FormatBytes(needed)} to copy, {FormatBytes(free)} free on {options.Destinations[d]}; nothing was copied there";
                }
            }

            var progress = new DestinationProgress(destRoots.Length, total, options.Progress);
            // Aligned for unbuffered I/O and allocated once per run (no per-block allocation).
            var ring = new AlignedBuffer[RingDepth];
            for (var i = 0; i < ring.Length; i++)
            {
                ring[i] = new AlignedBuffer(options.BlockSizeBytes);
            }

            var verifyBuffers = new AlignedBuffer[destRoots.Length][];
            for (var d = 0; d < destRoots.Length; d++)
            {
                verifyBuffers[d] = alive[d] ? [new AlignedBuffer(options.BlockSizeBytes), new AlignedBuffer(options.BlockSizeBytes)] : [];
            }

            var finisher = new Finisher(p => Finish(p, destRoots, journals, kinds[0], options, verifyBuffers, progress, result));
            try
            {
                for (var i = 0; i < files.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var rel = files[i];
                    var file = new OffloadFile { Path = rel, SizeBytes = SafeLength(infos[i]), Status = new CopyStatus[destRoots.Length] };
                    result.Files.Add(file);
                    var targets = new List<int>();
                    for (var d = 0; d < destRoots.Length; d++)
                    {
                        if (!alive[d])
                        {
                            file.Status[d] = CopyStatus.Failed;
                        }
                        else if (!needs[i, d])
                        {
                            file.Status[d] = CopyStatus.Resumed;
                            foreach (var (k, v) in journals[d].Entries[rel].Digests)
                            {
                                file.Digests.TryAdd(k, v);
                            }

                            progress.Skip(d, file.SizeBytes);
                        }
                        else
                        {
                            targets.Add(d);
                        }
                    }

                    if (targets.Count > 0)
                    {
                        CopyOne(source, rel, infos[i], destRoots, targets, kinds, file, journals, alive, ring, options, progress, result, finisher.Enqueue, cancellationToken);
                    }
                    else if (!kinds.All(file.Digests.ContainsKey))
                    {
                        // Resumed everywhere but the journal lacks a format asked for now: hash the source.
                        var digests = MhlVerifier.HashFile(FolderWalk.Combine(source, rel), kinds, null, cancellationToken);
                        for (var k = 0; k < kinds.Count; k++)
                        {
                            file.Digests[kinds[k]] = digests[k];
                        }
                    }

                    lock (file)
                    {
                        CheckSourceHistory(sourceHistory, file);
                    }
                }

                finisher.Complete();
            }
            finally
            {
                finisher.Dispose();
            }

            for (var d = 0; d < destRoots.Length; d++)
            {
                var dest = result.Destinations[d];
                dest.Verified = alive[d] && result.Files.TrueForAll(f => f.Status[d] is CopyStatus.Verified or CopyStatus.Resumed);
                if (dest.Verified)
                {
                    dest.GenerationPath = WriteGeneration(source, destRoots[d], result, d, options);
                    journals[d].Complete();
                }
                else
                {
                    dest.Error ??= "some files were not verified; no ASC MHL generation was written (run again to resume)";
                }
            }
        }
        finally
        {
            foreach (var j in journals)
            {
                j?.Dispose();
            }
        }

        result.ElapsedSeconds = started.Elapsed.TotalSeconds;
        return result;
    }

    private static void CopyOne(string source, string rel, FileInfo info, string[] destRoots, List<int> targets, IReadOnlyList<HashKind> kinds,
        OffloadFile file, OffloadJournal[] journals, bool[] alive, AlignedBuffer[] ring, OffloadOptions options, DestinationProgress progress,
        OffloadResult result, Action<PendingCopy> finish, CancellationToken cancellationToken)
    {
        var sourcePath = FolderWalk.Combine(source, rel);
        var parts = new string[destRoots.Length];
        var handles = new SafeFileHandle?[destRoots.Length];
        var direct = new bool[destRoots.Length];
        var failed = new string?[destRoots.Length];
        var hashers = kinds.Select(k => new ContentHasher(k)).ToArray();
        var inflight = new Task?[ring.Length];
        var inflightBytes = new int[ring.Length];
        long sourceTicks;
        try
        {
            SafeFileHandle src;
            try
            {
                src = File.OpenHandle(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
                sourceTicks = info.LastWriteTimeUtc.Ticks;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Fail(file, targets, $"source unreadable: {ex.Message}");
                return;
            }

            long offset = 0;
            using (src)
            {
                var length = RandomAccess.GetLength(src);
                foreach (var d in targets)
                {
                    var final = FolderWalk.Combine(destRoots[d], rel);
                    parts[d] = final + FolderWalk.PartialSuffix;
                    try
                    {
                        Directory.CreateDirectory(Path.GetDirectoryName(final)!);

                        // Preallocation: the drive refuses a file it cannot hold before a byte is written.
                        handles[d] = File.OpenHandle(parts[d], FileMode.Create, FileAccess.ReadWrite, FileShare.None, FileOptions.None, preallocationSize: length);
                        direct[d] = options.VerifyFromMedia && options.UseDirectIo && DirectIo.TryEnable(handles[d]!);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        failed[d] = $"cannot write {parts[d]}: {ex.Message}";
                    }
                }

                // A ring of blocks: the source is read and hashed on this thread while the writes of the blocks before
                // it are still in flight to both drives (several requests per drive keep its queue full).
                var slot = 0;
                try
                {
                    while (true)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        Drain(inflight, inflightBytes, slot, targets, progress, rel);
                        var block = ring[slot];
                        int n;
                        try
                        {
                            n = ReadFull(src, block.Span, offset);
                        }
                        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                        {
                            Fail(file, targets, $"source read error at byte {offset}: {ex.Message}");
                            DrainAll(inflight, inflightBytes, targets, progress, rel);
                            Cleanup(handles, parts, targets);
                            return;
                        }

                        if (n == 0)
                        {
                            break;
                        }

                        foreach (var hasher in hashers)
                        {
                            hasher.Append(block.Span[..n]);
                        }

                        // An unbuffered write covers whole blocks: the tail goes out zero-padded and the file is cut
                        // back to its length afterwards.
                        var padded = (int)DirectIo.RoundUp(n);
                        block.Span[n..padded].Clear();
                        inflight[slot] = StartWrites(block, n, padded, offset, targets, handles, direct, failed, parts, out var writers);
                        inflightBytes[slot] = n;
                        result.BytesWritten += (long)n * writers;
                        offset += n;
                        slot = (slot + 1) % ring.Length;
                        if (n < block.Length)
                        {
                            break;
                        }
                    }
                }
                finally
                {
                    // Whatever happened, no write may still touch a buffer or a handle after this point.
                    DrainAll(inflight, inflightBytes, targets, progress, rel);
                    if (cancellationToken.IsCancellationRequested)
                    {
                        // Leave no partial copy behind; the journal already holds the files verified so far.
                        Cleanup(handles, parts, targets);
                    }
                }

                result.BytesRead += offset;
                file.SizeBytes = offset;
            }

            foreach (var d in targets)
            {
                if (failed[d] is null && direct[d] && offset % DirectIo.Alignment != 0)
                {
                    try
                    {
                        RandomAccess.SetLength(handles[d]!, offset);
                    }
                    catch (IOException ex)
                    {
                        failed[d] = $"write error at byte {offset} of {parts[d]}: {ex.Message}";
                    }
                }
            }

            for (var k = 0; k < kinds.Count; k++)
            {
                file.Digests[kinds[k]] = hashers[k].Finish();
            }

            foreach (var d in targets)
            {
                if (failed[d] is not null && (failed[d]!.StartsWith("write error", StringComparison.Ordinal) || failed[d]!.StartsWith("cannot write", StringComparison.Ordinal)))
                {
                    // A drive that refuses writes (full, removed) takes no further files in this run.
                    alive[d] = false;
                    result.Destinations[d].Error = failed[d];
                }
            }

            // The copies are verified on the finisher thread while the next file is copied.
            finish(new PendingCopy(rel, info, file, [.. targets], (SafeFileHandle?[])handles.Clone(), (bool[])direct.Clone(), parts, failed, sourceTicks));
            Array.Clear(handles);
        }
        finally
        {
            foreach (var h in hashers)
            {
                h.Dispose();
            }

            foreach (var h in handles)
            {
                h?.Dispose();
            }
        }
    }

    // One write of the block per destination still taking it, each on a pool thread; a failing drive records the
    // first error and takes no more blocks.
    private static Task? StartWrites(AlignedBuffer block, int n, int padded, long offset, List<int> targets, SafeFileHandle?[] handles, bool[] direct,
        string?[] failed, string[] parts, out int writers)
    {
        Task? one = null;
        List<Task>? many = null;
        writers = 0;
        foreach (var d in targets)
        {
            if (Volatile.Read(ref failed[d]) is not null)
            {
                continue;
            }

            var h = handles[d]!;
            var count = direct[d] ? padded : n;
            var dd = d;
            var t = Task.Run(() =>
            {
                try
                {
                    RandomAccess.Write(h, block.Span[..count], offset);
                }
                catch (IOException ex)
                {
                    Interlocked.CompareExchange(ref failed[dd], $"write error at byte {offset} of {parts[dd]}: {ex.Message}", null);
                }
            });
            writers++;
            if (one is null)
            {
                one = t;
            }
            else
            {
                (many ??= [one]).Add(t);
            }
        }

        return many is null ? one : Task.WhenAll(many);
    }

    private static void Drain(Task?[] inflight, int[] bytes, int slot, List<int> targets, DestinationProgress progress, string rel)
    {
        if (inflight[slot] is not { } t)
        {
            return;
        }

        inflight[slot] = null;
        t.GetAwaiter().GetResult();
        foreach (var d in targets)
        {
            progress.Copied(d, bytes[slot], rel);
        }
    }

    private static void DrainAll(Task?[] inflight, int[] bytes, List<int> targets, DestinationProgress progress, string rel)
    {
        // Oldest first, so progress stays in file order.
        var oldest = 0;
        for (var i = 0; i < inflight.Length; i++)
        {
            if (inflight[i] is not null && (inflight[oldest] is null || inflight[i]!.Id < inflight[oldest]!.Id))
            {
                oldest = i;
            }
        }

        for (var i = 0; i < inflight.Length; i++)
        {
            Drain(inflight, bytes, (oldest + i) % inflight.Length, targets, progress, rel);
        }
    }

    // Fills the block unless the file ends first: short reads would misalign the next unbuffered write.
    private static int ReadFull(SafeFileHandle src, Span<byte> block, long offset)
    {
        var total = 0;
        while (total < block.Length)
        {
            var n = RandomAccess.Read(src, block[total..], offset + total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    // Flush each copy to its drive, re-read it from the drive (not from memory) and compare; rename only what matched.
    private static void Finish(PendingCopy p, string[] destRoots, OffloadJournal[] journals, HashKind primary, OffloadOptions options, AlignedBuffer[][] verifyBuffers,
        DestinationProgress progress, OffloadResult result)
    {
        var expected = p.File.Digests[primary];
        try
        {
            Parallel.ForEach(p.Targets, d =>
            {
                if (p.Failed[d] is not null)
                {
                    return;
                }

                try
                {
                    // Data and length on the drive before anything is called verified (for unbuffered writes this
                    // flushes the drive's own cache and the file's size).
                    var h = p.Handles[d]!;
                    options.BeforeVerify?.Invoke(d, p.Parts[d]);
                    RandomAccess.FlushToDisk(h);
                    if (!p.Direct[d] && options.VerifyFromMedia)
                    {
                        // Buffered fallback: clean pages are forgotten so the re-read below goes to the drive.
                        PageCache.Drop(h);
                    }

                    var actual = HashCopy(h, primary, verifyBuffers[d], n => progress.Verified(d, n, p.Path));
                    if (!string.Equals(actual, expected, StringComparison.Ordinal))
                    {
                        p.Failed[d] = $"verification failed at {destRoots[d]}: {HashKinds.Name(primary)} of the copy is {actual}, the source read {expected}";
                    }
                }
                catch (IOException ex)
                {
                    p.Failed[d] = $"verification read error at {p.Parts[d]}: {ex.Message}";
                }
            });
        }
        finally
        {
            foreach (var h in p.Handles)
            {
                h?.Dispose();
            }
        }

        foreach (var d in p.Targets)
        {
            if (p.Failed[d] is null)
            {
                var final = FolderWalk.Combine(destRoots[d], p.Path);
                File.Move(p.Parts[d], final, overwrite: true);
                File.SetLastWriteTimeUtc(final, p.Info.LastWriteTimeUtc);
                journals[d].Append(p.Path, p.File.SizeBytes, p.SourceTicks, p.File.Digests);
                p.File.Status[d] = CopyStatus.Verified;
                result.Destinations[d].UnbufferedCopies += p.Direct[d] ? 1 : 0;
            }
            else
            {
                TryDelete(p.Parts[d]);
                lock (p.File)
                {
                    p.File.Status[d] = CopyStatus.Failed;
                    p.File.Problems.Add(p.Failed[d]!);
                }
            }
        }
    }

    // Reads the copy through its handle (unbuffered when the copy was written so) with the next block already
    // requested while this one is hashed.
    private static string HashCopy(SafeFileHandle h, HashKind kind, AlignedBuffer[] buffers, Action<int> progress)
    {
        using var hasher = new ContentHasher(kind);
        long offset = 0;
        var current = 0;
        var pending = RandomAccess.ReadAsync(h, buffers[0].Memory, 0).AsTask();
        while (true)
        {
            var n = pending.GetAwaiter().GetResult();
            if (n == 0)
            {
                break;
            }

            var block = buffers[current];
            offset += n;

            // A short read is the end of the file; a block boundary may be too (the next read then returns 0).
            pending = n == block.Length ? RandomAccess.ReadAsync(h, buffers[1 - current].Memory, offset).AsTask() : Task.FromResult(0);
            hasher.Append(block.Span[..n]);
            progress(n);
            current = 1 - current;
        }

        return hasher.Finish();
    }

    private static void CheckSourceHistory(MhlHistory history, OffloadFile file)
    {
        if (!history.KnownFiles.TryGetValue(file.Path, out var recorded))
        {
            return;
        }

        foreach (var (kind, digest) in recorded.Digests)
        {
            if (file.Digests.TryGetValue(kind, out var now) && !string.Equals(now, digest, StringComparison.OrdinalIgnoreCase))
            {
                file.SourceHistoryMismatch = true;
                file.Problems.Add($"the source's ASC MHL history recorded {HashKinds.Name(kind)} {digest}, the card now reads {now}: the source changed since it was sealed");
            }
        }
    }

    private static string WriteGeneration(string source, string destRoot, OffloadResult result, int d, OffloadOptions options)
    {
        // Carry the source's history over so the chain of custody continues on the copy.
        var sourceHistoryFolder = Path.Combine(source, FolderWalk.HistoryFolder);
        if (Directory.Exists(sourceHistoryFolder))
        {
            var target = Path.Combine(destRoot, FolderWalk.HistoryFolder);
            Directory.CreateDirectory(target);
            foreach (var f in Directory.GetFiles(sourceHistoryFolder))
            {
                var to = Path.Combine(target, Path.GetFileName(f));
                if (!File.Exists(to) || Path.GetFileName(f) == MhlChain.FileName)
                {
                    AtomicFile.Write(to, File.ReadAllBytes(f));
                }
            }
        }

        var history = MhlHistory.Load(destRoot);
        var creator = options.Creator;
        var g = creator.NewGeneration("transfer");
        var hashDate = creator.Now();
        var facts = new Dictionary<string, TreeHashes.FileFacts>(StringComparer.Ordinal);
        foreach (var f in result.Files)
        {
            var fi = new FileInfo(FolderWalk.Combine(destRoot, f.Path));
            var ff = new TreeHashes.FileFacts { SizeBytes = f.SizeBytes, LastModified = new DateTimeOffset(fi.LastWriteTimeUtc, TimeSpan.Zero) };
            history.KnownFiles.TryGetValue(f.Path, out var recorded);
            foreach (var kind in result.Kinds)
            {
                var action = recorded is not null && recorded.Digests.TryGetValue(kind, out var old)
                    ? string.Equals(old, f.Digests[kind], StringComparison.OrdinalIgnoreCase) ? MhlAction.Verified : MhlAction.Failed
                    : MhlAction.Original;
                ff.Hashes.Add(new MhlHashValue(kind, f.Digests[kind], action, hashDate));
            }

            facts[f.Path] = ff;
        }

        TreeHashes.Fill(g, destRoot, facts, result.Kinds, hashDate);
        return history.Append(g);
    }

    private static bool IsResumable(OffloadJournal journal, string rel, FileInfo source, string destRoot)
    {
        if (!journal.Entries.TryGetValue(rel, out var e) || !source.Exists)
        {
            return false;
        }

        var copy = new FileInfo(FolderWalk.Combine(destRoot, rel));
        return copy.Exists && copy.Length == e.SizeBytes && source.Length == e.SizeBytes && source.LastWriteTimeUtc.Ticks == e.SourceWriteTicks;
    }

    private static void Fail(OffloadFile file, List<int> targets, string problem)
    {
        foreach (var d in targets)
        {
            file.Status[d] = CopyStatus.Failed;
        }

        file.Problems.Add(problem);
    }

    private static void Cleanup(SafeFileHandle?[] handles, string[] parts, List<int> targets)
    {
        foreach (var d in targets)
        {
            handles[d]?.Dispose();
            handles[d] = null;
            if (parts[d] is not null)
            {
                TryDelete(parts[d]);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static long SafeLength(FileInfo f)
    {
        try
        {
            return f.Exists ? f.Length : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    // The absolute path with every symbolic link along it resolved (what does not exist yet stays as given).
    private static string RealPath(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        for (var hops = 0; hops < 40; hops++)
        {
            var root = Path.GetPathRoot(full)!;
            var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            var current = root;
            string? restart = null;
            for (var i = 0; i < parts.Length && restart is null; i++)
            {
                current = Path.Combine(current, parts[i]);
                var link = new FileInfo(current);
                if (link.LinkTarget is not null && link.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                {
                    // Start again from the target: its own parents may be links too.
                    restart = Path.Combine([target.FullName, .. parts[(i + 1)..]]);
                }
            }

            if (restart is null)
            {
                return Path.TrimEndingDirectorySeparator(current);
            }

            full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(restart));
        }

        return full;
    }

    private static bool IsInside(string path, string folder)
    {
        var f = Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar;
        return path.StartsWith(f, StringComparison.Ordinal) || string.Equals(path, folder, StringComparison.Ordinal);
    }

    internal static string FormatBytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):F2} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):F1} MiB",
        _ => $"{bytes} bytes",
    };

    /// <summary>A copied file waiting for its verification.</summary>
    private sealed record PendingCopy(string Path, FileInfo Info, OffloadFile File, int[] Targets, SafeFileHandle?[] Handles, bool[] Direct, string[] Parts, string?[] Failed, long SourceTicks);

    /// <summary>
    /// Verifies copied files one after the other on its own thread while the next file is copied; at most one file
    /// waits, so a crash never leaves more than two files unverified.
    /// </summary>
    private sealed class Finisher : IDisposable
    {
        private readonly System.Collections.Concurrent.BlockingCollection<PendingCopy> queue = new(boundedCapacity: 1);
        private readonly Thread thread;
        private Exception? error;

        public Finisher(Action<PendingCopy> work)
        {
            this.thread = new Thread(() =>
            {
                foreach (var p in this.queue.GetConsumingEnumerable())
                {
                    if (this.error is not null)
                    {
                        Abandon(p);
                        continue;
                    }

                    try
                    {
                        work(p);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        this.error = ex;
                        Abandon(p);
                    }
                }
            })
            { IsBackground = true, Name = "offload verifier" };
            this.thread.Start();
        }

        public void Enqueue(PendingCopy p)
        {
            if (this.error is not null)
            {
                Abandon(p);
                throw new IOException(this.error.Message, this.error);
            }

            this.queue.Add(p);
        }

        /// <summary>Waits until every queued file is verified; rethrows a failure of the verifier.</summary>
        public void Complete()
        {
            this.queue.CompleteAdding();
            this.thread.Join();
            if (this.error is not null)
            {
                throw new IOException(this.error.Message, this.error);
            }
        }

        public void Dispose()
        {
            if (!this.queue.IsAddingCompleted)
            {
                // Cancelled or failed: still finish the file already copied, so its verified copy is not lost.
                this.queue.CompleteAdding();
                this.thread.Join();
            }

            this.queue.Dispose();
        }

        private static void Abandon(PendingCopy p)
        {
            foreach (var h in p.Handles)
            {
                h?.Dispose();
            }

            foreach (var d in p.Targets)
            {
                TryDelete(p.Parts[d]);
            }
        }
    }

    private sealed class DestinationProgress
    {
        private readonly long[] copied;
        private readonly long[] verified;
        private readonly long total;
        private readonly IProgress<OffloadProgress>? sink;

        public DestinationProgress(int count, long total, IProgress<OffloadProgress>? sink)
        {
            this.copied = new long[count];
            this.verified = new long[count];
            this.total = total;
            this.sink = sink;
        }

        public void Copied(int d, long n, string file)
        {
            this.copied[d] += n;
            this.sink?.Report(new OffloadProgress(d, this.copied[d], Volatile.Read(ref this.verified[d]), this.total, file));
        }

        public void Verified(int d, long n, string file)
        {
            Interlocked.Add(ref this.verified[d], n);
            this.sink?.Report(new OffloadProgress(d, this.copied[d], Volatile.Read(ref this.verified[d]), this.total, file));
        }

        public void Skip(int d, long n)
        {
            this.copied[d] += n;
            Interlocked.Add(ref this.verified[d], n);
        }
    }
}
