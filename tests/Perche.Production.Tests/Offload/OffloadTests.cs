using System.Runtime.InteropServices;
using Perche.Core;
using Perche.Core.Tests.Support;
using Perche.Production.Hashing;
using Perche.Production.Mhl;
using Perche.Production.Offload;
using Perche.Production.Tests.Mhl;

namespace Perche.Production.Tests.Offload;

public class OffloadTests
{
    private static readonly MhlCreator Creator = new() { HostName = "cart.local", ToolVersion = "test", Clock = () => new DateTimeOffset(2026, 3, 2, 18, 30, 0, TimeSpan.Zero) };

    private static TempTree Card(out string[] names)
    {
        var t = new TempTree("SR001");
        var rng = new Random(42);
        names = ["S01T01.WAV", "S01T02.WAV", "sub/S02T01.WAV", "notes.txt"];
        var sizes = new[] { 300_001, 1_000_000, 65_536, 12 };
        for (var i = 0; i < names.Length; i++)
        {
            var bytes = new byte[sizes[i]];
            rng.NextBytes(bytes);
            t.Write(names[i], bytes);
        }

        Directory.CreateDirectory(t.Path("empty"));
        return t;
    }

    private static string Dest(TempTree t, string name) => Path.Combine(t.Base, name);

    [Fact]
    public void Two_destinations_get_identical_verified_copies_and_an_mhl_each()
    {
        using var t = Card(out var names);
        var result = OffloadEngine.Run(new OffloadOptions
        {
            Source = t.Root,
            Destinations = [Dest(t, "A"), Dest(t, "B")],
            Kinds = [HashKind.Xxh64, HashKind.Md5],
            Creator = Creator,
            BlockSizeBytes = 64 * 1024,
        });
        Assert.True(result.Passed);
        Assert.Equal(names.Length, result.Files.Count);
        Assert.Equal(1_365_549, result.BytesRead);
        Assert.Equal(2 * 1_365_549, result.BytesWritten);
        foreach (var d in result.Destinations)
        {
            Assert.True(d.Verified);
            foreach (var n in names)
            {
                var copy = FolderWalk.Combine(d.Root, n);
                Assert.Equal(File.ReadAllBytes(t.Path(n)), File.ReadAllBytes(copy));
                Assert.Equal(File.GetLastWriteTimeUtc(t.Path(n)), File.GetLastWriteTimeUtc(copy));
            }

            Assert.Empty(Directory.GetFiles(d.Root, "*" + FolderWalk.PartialSuffix, SearchOption.AllDirectories));
            Assert.False(File.Exists(Path.Combine(d.Root, "ascmhl", ".perche-offload")));
            Assert.Equal(Path.Combine(d.Root, "ascmhl", "0001_SR001_2026-03-02_183000Z.mhl"), d.GenerationPath);
            var g = MhlHistory.Load(d.Root).Generations.Single();
            Assert.Equal("transfer", g.Process);
            var s01 = g.Files.Single(f => f.Path == "S01T01.WAV");
            Assert.Equal(ContentHasher.OfFile(HashKind.Xxh64, t.Path("S01T01.WAV")), s01.Hashes.Single(h => h.Kind == HashKind.Xxh64).Digest);
            Assert.Equal(ContentHasher.OfFile(HashKind.Md5, t.Path("S01T01.WAV")), s01.Hashes.Single(h => h.Kind == HashKind.Md5).Digest);
            Assert.All(g.Files.SelectMany(f => f.Hashes), h => Assert.Equal(MhlAction.Original, h.Action));
            Assert.Contains(g.Directories, e => e.Path == "empty");

            // The history verifies against the copy.
            var v = MhlVerifier.Verify(d.Root, seal: false);
            Assert.True(v.Passed);
            Assert.Equal(names.Length, v.Count(FileVerdict.Verified));
        }

        // Both destinations describe the same tree: same root hashes.
        var roots = result.Destinations.Select(d => MhlHistory.Load(d.Root).Generations[0].RootHash!.Content[HashKind.Xxh64]).Distinct();
        Assert.Single(roots);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Sizes_around_block_and_sector_boundaries_copy_exactly_unbuffered_and_buffered(bool direct)
    {
        // Unbuffered writes go out in whole 4096-byte sectors: every tail length must come back cut to size.
        using var t = new TempTree("SR002");
        var rng = new Random(7);
        const int block = 100_000; // rounded up to 102 400 for unbuffered I/O
        var sizes = new[] { 0, 1, 4095, 4096, 4097, 102_400, 102_401, (3 * 102_400) - 1, 3 * 102_400, 1_000_003 };
        foreach (var size in sizes)
        {
            var bytes = new byte[size];
            rng.NextBytes(bytes);
            t.Write($"F{size}.WAV", bytes);
        }

        var result = OffloadEngine.Run(new OffloadOptions
        {
            Source = t.Root,
            Destinations = [Dest(t, "A"), Dest(t, "B")],
            Creator = Creator,
            BlockSizeBytes = block,
            UseDirectIo = direct,
        });
        Assert.True(result.Passed);
        Assert.Equal(sizes.Sum(s => (long)s), result.BytesRead);
        foreach (var d in result.Destinations)
        {
            foreach (var size in sizes)
            {
                var copy = FolderWalk.Combine(d.Root, $"F{size}.WAV");
                Assert.Equal(size, new FileInfo(copy).Length);
                Assert.Equal(File.ReadAllBytes(t.Path($"F{size}.WAV")), File.ReadAllBytes(copy));
            }

            Assert.True(MhlVerifier.Verify(d.Root, seal: false).Passed);
            if (!direct)
            {
                Assert.Equal(0, d.UnbufferedCopies);
            }
            else if (OperatingSystem.IsLinux() && UnbufferedWorksIn(t.Base))
            {
                Assert.Equal(sizes.Length, d.UnbufferedCopies);
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_copy_damaged_on_the_drive_before_its_verification_is_never_given_its_name(bool direct)
    {
        // The damage goes through another descriptor after the copy was written, as a faulty cable or drive changes
        // what is stored: the verification must re-read the copy rather than trust what it wrote.
        using var t = Card(out _);
        var result = OffloadEngine.Run(new OffloadOptions
        {
            Source = t.Root,
            Destinations = [Dest(t, "A"), Dest(t, "B")],
            Creator = Creator,
            UseDirectIo = direct,
            BeforeVerify = (d, part) =>
            {
                if (d == 1 && part.EndsWith("S01T02.WAV" + FolderWalk.PartialSuffix, StringComparison.Ordinal))
                {
                    RawFile.FlipByte(part, 500_000);
                }
            },
        });
        Assert.False(result.Passed);
        Assert.True(result.Destinations[0].Verified);
        Assert.False(result.Destinations[1].Verified);
        Assert.Null(result.Destinations[1].GenerationPath);
        var bad = result.Files.Single(f => f.Path == "S01T02.WAV");
        Assert.Equal([CopyStatus.Verified, CopyStatus.Failed], bad.Status);
        Assert.Contains("verification failed at " + result.Destinations[1].Root, Assert.Single(bad.Problems), StringComparison.Ordinal);
        Assert.False(File.Exists(FolderWalk.Combine(result.Destinations[1].Root, "S01T02.WAV")));
        Assert.False(File.Exists(FolderWalk.Combine(result.Destinations[1].Root, "S01T02.WAV" + FolderWalk.PartialSuffix)));
        Assert.All(result.Files.Where(f => f.Path != "S01T02.WAV"), f => Assert.Equal([CopyStatus.Verified, CopyStatus.Verified], f.Status));
    }

    [Fact]
    public void A_flipped_byte_in_one_destination_is_found_and_named()
    {
        using var t = Card(out _);
        var result = OffloadEngine.Run(new OffloadOptions { Source = t.Root, Destinations = [Dest(t, "A"), Dest(t, "B")], Creator = Creator });
        Assert.True(result.Passed);
        var victim = FolderWalk.Combine(result.Destinations[1].Root, "S01T02.WAV");
        var bytes = File.ReadAllBytes(victim);
        bytes[500_000] ^= 0x01;
        File.WriteAllBytes(victim, bytes);

        Assert.True(MhlVerifier.Verify(result.Destinations[0].Root, seal: false).Passed);
        var v = MhlVerifier.Verify(result.Destinations[1].Root, seal: false);
        Assert.False(v.Passed);
        var bad = Assert.Single(v.Files, f => f.Verdict == FileVerdict.Failed);
        Assert.Equal("S01T02.WAV", bad.Path);
        Assert.Contains("xxh64", bad.Problem, StringComparison.Ordinal);

        // A missing file is named too.
        File.Delete(FolderWalk.Combine(result.Destinations[0].Root, "notes.txt"));
        var m = MhlVerifier.Verify(result.Destinations[0].Root, seal: false);
        Assert.Equal("notes.txt", Assert.Single(m.Files, f => f.Verdict == FileVerdict.Missing).Path);
    }

    [Fact]
    public void Same_destination_twice_destination_inside_source_and_missing_source_are_refused()
    {
        using var t = Card(out _);
        var twice = Assert.Throws<ArgumentException>(() => OffloadEngine.Run(new OffloadOptions { Source = t.Root, Destinations = [Dest(t, "A"), Dest(t, "A") + "/"] }));
        Assert.Contains("twice", twice.Message, StringComparison.Ordinal);
        var inside = Assert.Throws<ArgumentException>(() => OffloadEngine.Run(new OffloadOptions { Source = t.Root, Destinations = [t.Path("sub/backup")] }));
        Assert.Contains("inside the source", inside.Message, StringComparison.Ordinal);

        // The same drive under another name, and a link that leads into the card.
        Directory.CreateDirectory(Dest(t, "A"));
        Directory.CreateSymbolicLink(Dest(t, "alias"), Dest(t, "A"));
        var alias = Assert.Throws<ArgumentException>(() => OffloadEngine.Validate(new OffloadOptions { Source = t.Root, Destinations = [Dest(t, "A"), Path.Combine(Dest(t, "alias"), ".")] }));
        Assert.Contains("is the same folder as", alias.Message, StringComparison.Ordinal);
        Directory.CreateSymbolicLink(Dest(t, "into-card"), t.Path("sub"));
        var through = Assert.Throws<ArgumentException>(() => OffloadEngine.Validate(new OffloadOptions { Source = t.Root, Destinations = [Path.Combine(Dest(t, "into-card"), "backup")] }));
        Assert.Contains("inside the source", through.Message, StringComparison.Ordinal);
        OffloadEngine.Validate(new OffloadOptions { Source = t.Root, Destinations = [Dest(t, "A"), Dest(t, "B")] });
        Directory.Delete(Dest(t, "A"));

        var missing = Assert.Throws<PercheFormatException>(() => OffloadEngine.Run(new OffloadOptions { Source = t.Path("nope"), Destinations = [Dest(t, "A")] }));
        Assert.Contains("not found", missing.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Dest(t, "A")));
    }

    [Fact]
    public void A_full_destination_gets_nothing_and_is_reported_while_the_other_completes()
    {
        using var t = Card(out _);
        var full = Dest(t, "FULL");
        var result = OffloadEngine.Run(new OffloadOptions
        {
            Source = t.Root,
            Destinations = [Dest(t, "A"), full],
            Creator = Creator,
            FreeSpace = p => p.StartsWith(full, StringComparison.Ordinal) ? 1_000_000 : long.MaxValue,
        });
        Assert.False(result.Passed);
        Assert.True(result.Destinations[0].Verified);
        Assert.False(result.Destinations[1].Verified);
        Assert.Contains("destination is full", result.Destinations[1].Error, StringComparison.Ordinal);
        Assert.Null(result.Destinations[1].GenerationPath);
        Assert.Empty(FolderWalk.Files(result.Destinations[1].Root));
        Assert.All(result.Files, f => Assert.Equal(CopyStatus.Failed, f.Status[1]));
    }

    [SkippableFact]
    public void A_drive_that_fills_up_during_the_copy_marks_nothing_verified_there_and_the_other_completes()
    {
        // A real full drive: a 1 MiB tmpfs (root only), with the free-space probe lying as network shares do, so
        // the drive's own refusal (ENOSPC) is what stops the copy.
        using var t = Card(out var names);
        var small = Dest(t, "SMALL");
        Directory.CreateDirectory(small);
        Skip.IfNot(OperatingSystem.IsLinux() && Environment.UserName == "root", "needs root to mount a small tmpfs");
        var (code, _, err) = ExternalProgram.Run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small);
        Skip.If(code != 0, "cannot mount a tmpfs here: " + err);
        try
        {
            var result = OffloadEngine.Run(new OffloadOptions
            {
                Source = t.Root,
                Destinations = [Dest(t, "A"), small],
                Creator = Creator,
                BlockSizeBytes = 64 * 1024,
                FreeSpace = _ => long.MaxValue,
            });
            Assert.False(result.Passed);
            Assert.True(result.Destinations[0].Verified);
            var full = result.Destinations[1];
            Assert.False(full.Verified);
            Assert.Null(full.GenerationPath);

            // Refused at preallocation ("the disk was full") or, where a file system cannot preallocate, by a write.
            Assert.Matches("(?i)disk was full|no space left on device", full.Error);
            Assert.Contains(result.Files, f => f.Status[1] == CopyStatus.Failed);

            // Whatever carries a final name there is complete; nothing half-written is left under any name.
            foreach (var n in names)
            {
                var copy = FolderWalk.Combine(full.Root, n);
                if (File.Exists(copy))
                {
                    Assert.Equal(File.ReadAllBytes(t.Path(n)), File.ReadAllBytes(copy));
                }
            }

            Assert.Empty(Directory.GetFiles(full.Root, "*" + FolderWalk.PartialSuffix, SearchOption.AllDirectories));
            Assert.Empty(Directory.Exists(Path.Combine(full.Root, "ascmhl")) ? Directory.GetFiles(Path.Combine(full.Root, "ascmhl"), "*.mhl") : []);
        }
        finally
        {
            ExternalProgram.Run("umount", small);
        }
    }

    [Fact]
    public void An_unreadable_source_file_is_reported_and_the_others_are_copied_and_verified()
    {
        using var t = Card(out var names);

        // A dangling link stands for a file the card reader cannot open (root reads any permission).
        File.CreateSymbolicLink(t.Path("BROKEN.WAV"), t.Path("does-not-exist.WAV"));
        var result = OffloadEngine.Run(new OffloadOptions { Source = t.Root, Destinations = [Dest(t, "A"), Dest(t, "B")], Creator = Creator });
        Assert.False(result.Passed);
        var broken = result.Files.Single(f => f.Path == "BROKEN.WAV");
        Assert.Equal([CopyStatus.Failed, CopyStatus.Failed], broken.Status);
        Assert.Contains("source unreadable", broken.Problems[0], StringComparison.Ordinal);
        Assert.All(result.Files.Where(f => f.Path != "BROKEN.WAV"), f => Assert.Equal([CopyStatus.Verified, CopyStatus.Verified], f.Status));
        foreach (var n in names)
        {
            Assert.Equal(File.ReadAllBytes(t.Path(n)), File.ReadAllBytes(FolderWalk.Combine(result.Destinations[0].Root, n)));
        }

        // Not every file is there: no destination is sealed as a complete copy.
        Assert.All(result.Destinations, d => Assert.Null(d.GenerationPath));
    }

    [Fact]
    public void An_interrupted_run_resumes_without_copying_verified_files_again()
    {
        using var t = Card(out var names);
        using var cts = new CancellationTokenSource();
        var options = new OffloadOptions
        {
            Source = t.Root,
            Destinations = [Dest(t, "A"), Dest(t, "B")],
            Creator = Creator,
            BlockSizeBytes = 64 * 1024,
            Progress = new SyncProgress(p =>
            {
                if (p.CurrentFile == "S01T02.WAV")
                {
                    cts.Cancel();
                }
            }),
        };
        Assert.ThrowsAny<OperationCanceledException>(() => OffloadEngine.Run(options, cts.Token));
        var a = Path.Combine(Dest(t, "A"), "SR001");
        Assert.True(File.Exists(Path.Combine(a, "S01T01.WAV")));
        Assert.False(File.Exists(Path.Combine(a, "S01T02.WAV")));
        Assert.False(Directory.Exists(Path.Combine(a, "ascmhl")) && Directory.GetFiles(Path.Combine(a, "ascmhl"), "*.mhl").Length > 0);

        var stamp = File.GetLastWriteTimeUtc(Path.Combine(a, "S01T01.WAV"));
        var rerun = OffloadEngine.Run(new OffloadOptions { Source = t.Root, Destinations = options.Destinations, Creator = Creator, BlockSizeBytes = 64 * 1024 });
        Assert.True(rerun.Passed);
        var first = rerun.Files.Single(f => f.Path == "S01T01.WAV");
        Assert.Equal([CopyStatus.Resumed, CopyStatus.Resumed], first.Status);
        Assert.Equal(ContentHasher.OfFile(HashKind.Xxh64, t.Path("S01T01.WAV")), first.Digests[HashKind.Xxh64]);
        Assert.All(rerun.Files.Where(f => f.Path != "S01T01.WAV"), f => Assert.Equal([CopyStatus.Verified, CopyStatus.Verified], f.Status));
        Assert.Equal(1_365_549 - 300_001, rerun.BytesRead);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(Path.Combine(a, "S01T01.WAV")));
        Assert.True(MhlVerifier.Verify(a, seal: false).Passed);
    }

    [SharedDataFact]
    public void A_card_with_its_own_history_is_verified_and_its_chain_continues_on_the_copies()
    {
        using var t = new TempTree("A002R2EC");
        DirectoryHashTests.CopyTree(TestData.Shared("mhl/examples/scenarios/Output/scenario_01/travel_01/A002R2EC"), t.Root);
        var result = OffloadEngine.Run(new OffloadOptions { Source = t.Root, Destinations = [Dest(t, "server")], Creator = Creator });
        Assert.True(result.Passed);
        Assert.True(result.SourceHadHistory);
        var h = MhlHistory.Load(result.Destinations[0].Root);
        Assert.Equal(2, h.Generations.Count);
        Assert.Equal("0001_A002R2EC_2020-01-16_091500Z.mhl", h.Generations[0].FileName);
        var g2 = h.Generations[1];
        Assert.All(g2.Files.SelectMany(f => f.Hashes), v => Assert.Equal(MhlAction.Verified, v.Action));
        Assert.Equal("8d02114c32e28cbe", g2.RootHash!.Content[HashKind.Xxh64]);
        Assert.Equal("f557f8ca8e5a88ef", g2.RootHash.Structure[HashKind.Xxh64]);

        // A card altered since it was sealed: copied, but the mismatch with its own history is reported.
        using var t2 = new TempTree("A002R2EC");
        DirectoryHashTests.CopyTree(TestData.Shared("mhl/examples/scenarios/Output/scenario_01/travel_01/A002R2EC"), t2.Root);
        File.SetAttributes(t2.Path("Sidecar.txt"), FileAttributes.Normal);
        File.AppendAllText(t2.Path("Sidecar.txt"), "x");
        var r2 = OffloadEngine.Run(new OffloadOptions { Source = t2.Root, Destinations = [Dest(t2, "server")], Creator = Creator });
        Assert.False(r2.Passed);
        var side = r2.Files.Single(f => f.Path == "Sidecar.txt");
        Assert.True(side.SourceHistoryMismatch);
        Assert.Contains("3ab5a4166b9bde44", side.Problems[0], StringComparison.Ordinal);
    }

    internal static bool UnbufferedWorksIn(string folder)
    {
        var probe = Path.Combine(folder, "probe");
        using var h = File.OpenHandle(probe, FileMode.Create, FileAccess.ReadWrite);
        return Perche.Production.IO.DirectIo.TryEnable(h);
    }

    private sealed class SyncProgress(Action<OffloadProgress> action) : IProgress<OffloadProgress>
    {
        public void Report(OffloadProgress value) => action(value);
    }
}

/// <summary>
/// Damages a file through a plain libc descriptor: .NET's own open would respect the offload's exclusive lock, a
/// faulty drive does not.
/// </summary>
internal static class RawFile
{
    public static void FlipByte(string path, long offset)
    {
        var fd = Open(path, 2 /* O_RDWR */);
        Assert.True(fd >= 0, $"open {path} failed");
        try
        {
            var b = new byte[1];
            Assert.Equal(1, (int)PRead(fd, b, 1, offset));
            b[0] ^= 0x01;
            Assert.Equal(1, (int)PWrite(fd, b, 1, offset));
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [DllImport("libc", EntryPoint = "open", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Open(string path, int flags);

    [DllImport("libc", EntryPoint = "pread")]
    private static extern nint PRead(int fd, [Out] byte[] buffer, nint count, long offset);

    [DllImport("libc", EntryPoint = "pwrite")]
    private static extern nint PWrite(int fd, byte[] buffer, nint count, long offset);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);
}
