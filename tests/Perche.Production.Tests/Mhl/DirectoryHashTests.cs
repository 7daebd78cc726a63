using Perche.Core;
using Perche.Core.Tests.Support;
using Perche.Production.Hashing;
using Perche.Production.Mhl;

namespace Perche.Production.Tests.Mhl;

/// <summary>Directory content/structure hashes against the ascmhl reference trees (INDEX.md section 5).</summary>
public class DirectoryHashTests
{
    private static readonly DateTimeOffset Frozen = new(2020, 1, 16, 9, 15, 0, TimeSpan.Zero);

    private static MhlCreator Creator(DateTimeOffset when) => new() { HostName = "myHost.local", ToolName = "perche", ToolVersion = "test", Clock = () => when };

    [Fact]
    public void Synthetic_tree_gives_the_reference_folder_hashes()
    {
        using var t = new TempTree();
        t.Write("Stuff.txt", "stuff\n");
        t.Write("A/A1.txt", "A1\n");
        var r = MhlVerifier.Verify(t.Root, seal: true, [HashKind.Xxh64, HashKind.Md5], Creator(Frozen));
        Assert.True(r.Passed);
        var g = MhlHistory.Load(t.Root).Generations.Single();
        Assert.Equal("d3904ee76bba3d2a", g.Directories.Single(d => d.Path == "A").Content[HashKind.Xxh64]);
        Assert.Equal("3fbe33b2924e26aa", g.Directories.Single(d => d.Path == "A").Structure[HashKind.Xxh64]);
        Assert.Equal("ca56d22f064fdf1b", g.RootHash!.Content[HashKind.Xxh64]);
        Assert.Equal("2ccca3899111eabb", g.RootHash.Structure[HashKind.Xxh64]);
        var stuff = g.Files.Single(f => f.Path == "Stuff.txt");
        Assert.Equal("94c399c2a9a21f9a", stuff.Hashes.Single(h => h.Kind == HashKind.Xxh64).Digest);
        Assert.Equal("9eb84090956c484e32cb6c08455a667b", stuff.Hashes.Single(h => h.Kind == HashKind.Md5).Digest);
        Assert.Equal("fe6975a937016c20b43b17540e6c6246", g.Files.Single(f => f.Path == "A/A1.txt").Hashes.Single(h => h.Kind == HashKind.Md5).Digest);
        Assert.Equal("0001_root_2020-01-16_091500Z.mhl", g.FileName);

        // A changed byte is caught and named.
        File.AppendAllText(t.Path("Stuff.txt"), "!!");
        var second = MhlVerifier.Verify(t.Root, seal: true, [HashKind.Xxh64], Creator(Frozen.AddDays(1)));
        Assert.False(second.Passed);
        var bad = second.Files.Single(f => f.Verdict == FileVerdict.Failed);
        Assert.Equal("Stuff.txt", bad.Path);
        Assert.Equal("2346e97eb08788cc", bad.ActualDigest);
        var g2 = MhlHistory.Load(t.Root).Generations[1];
        Assert.Equal(MhlAction.Failed, g2.Files.Single(f => f.Path == "Stuff.txt").Hashes[0].Action);
        Assert.Equal(MhlAction.Verified, g2.Files.Single(f => f.Path == "A/A1.txt").Hashes[0].Action);
    }

    [Fact]
    public void Empty_folders_renames_and_c4_structure_hashes_match_the_reference()
    {
        using var t = new TempTree();
        t.Write("Stuff.txt", "stuff\n");
        t.Write("A/A1.txt", "A1\n");
        t.Write("A/A2.txt", "A2\n!!");
        t.Write("A/AA/AA1.txt", "AA1\n");
        t.Write("B/B1.txt", "B1\n");
        Directory.CreateDirectory(t.Path("emptyFolderA"));
        Directory.CreateDirectory(t.Path("emptyFolderB"));
        Directory.CreateDirectory(t.Path("emptyFolderC/emptyFolderCA"));
        Directory.CreateDirectory(t.Path("emptyFolderC/emptyFolderCB"));
        MhlVerifier.Verify(t.Root, seal: true, [HashKind.Xxh64, HashKind.Md5], Creator(Frozen));
        var g = MhlHistory.Load(t.Root).Generations.Single();
        Assert.Equal("28ed09733f793dfc", g.RootHash!.Content[HashKind.Xxh64]);
        Assert.Equal("89e4debdb80cc068", g.RootHash.Structure[HashKind.Xxh64]);
        var b = g.Directories.Single(d => d.Path == "B");
        Assert.Equal("aab0eba57cd1aca9", b.Content[HashKind.Xxh64]);
        Assert.Equal("fac2a2ceb0fa0c0b", b.Structure[HashKind.Xxh64]);
        Assert.Equal("d6df246725efff6ceaee31f663a32cf8", b.Content[HashKind.Md5]);
        Assert.Equal("a21e164c1df944733e5e3d4e4ed64f90", b.Structure[HashKind.Md5]);
        Assert.Equal("ef46db3751d8e999", g.Directories.Single(d => d.Path == "emptyFolderA").Content[HashKind.Xxh64]);
        Assert.Equal("cf4b060700272aa6", g.Directories.Single(d => d.Path == "emptyFolderC").Content[HashKind.Xxh64]);
        Assert.Equal("949018e6a4932905", g.Directories.Single(d => d.Path == "emptyFolderC").Structure[HashKind.Xxh64]);

        // Renaming B1 to B2 changes B's structure hash only; with c4 both reference values hold.
        File.Move(t.Path("B/B1.txt"), t.Path("B/B2.txt"));
        var c4 = new DirectoryHash(HashKind.C4);
        c4.AddFile("B2.txt", ContentHasher.Of(HashKind.C4, "B1\n"u8));
        Assert.Equal("c42qegPDBxh16Vqi4qFGh1EQv39nEbVmZ9R1LGkaVr1dEBRcD69pH3r5vdGDSwceQLEZc872kQho5Cforb95s2wjH8", c4.Structure);
        Assert.Equal("c43X1ve8nmicwGit4fnhs428pTCV6ZjXQsorxPLNx3396oRuQFaq79iLR2ZsPoWN8yckFzZdkqZ21igH8K7rWAoDMa", c4.Content);
        var x = new DirectoryHash(HashKind.Xxh64);
        x.AddFile("B2.txt", ContentHasher.Of(HashKind.Xxh64, "B1\n"u8));
        Assert.Equal("7ae620e883160eb3", x.Structure);
        Assert.Equal("aab0eba57cd1aca9", x.Content);
    }

    [SharedDataFact]
    public void Scenario_01_card_reproduces_its_recorded_file_and_folder_hashes()
    {
        var card = TestData.Shared("mhl/examples/scenarios/Output/scenario_01/travel_01/A002R2EC");
        var history = MhlHistory.Load(card);
        var g = history.Generations.Single();
        Assert.Equal(new DateTimeOffset(2020, 1, 16, 9, 15, 0, TimeSpan.Zero), g.CreationDate);
        Assert.Equal("myHost.local", g.HostName);
        Assert.Equal("8d02114c32e28cbe", g.RootHash!.Content[HashKind.Xxh64]);
        Assert.Equal("f557f8ca8e5a88ef", g.RootHash.Structure[HashKind.Xxh64]);
        Assert.Equal(MhlAction.Original, g.Files.First().Hashes[0].Action);

        // Re-hash the media ourselves: same file hashes, same folder hashes.
        using var t = new TempTree("A002R2EC");
        foreach (var rel in FolderWalk.Files(card))
        {
            t.Write(rel, File.ReadAllBytes(FolderWalk.Combine(card, rel)));
        }

        var r = MhlVerifier.Verify(t.Root, seal: true, [HashKind.Xxh64], Creator(Frozen));
        Assert.Equal(3, r.Count(FileVerdict.New));
        var mine = MhlHistory.Load(t.Root).Generations.Single();
        Assert.Equal("0ea03b369a463d9d", mine.Files.Single(f => f.Path == "Clips/A002C006_141024_R2EC.mov").Hashes[0].Digest);
        Assert.Equal("7680e5f98f4a80fd", mine.Files.Single(f => f.Path == "Clips/A002C007_141024_R2EC.mov").Hashes[0].Digest);
        Assert.Equal("3ab5a4166b9bde44", mine.Files.Single(f => f.Path == "Sidecar.txt").Hashes[0].Digest);
        Assert.Equal("4c226b42e27d7af3", mine.Directories.Single(d => d.Path == "Clips").Content[HashKind.Xxh64]);
        Assert.Equal("906faa843d591a9f", mine.Directories.Single(d => d.Path == "Clips").Structure[HashKind.Xxh64]);
        Assert.Equal("8d02114c32e28cbe", mine.RootHash!.Content[HashKind.Xxh64]);
        Assert.Equal("f557f8ca8e5a88ef", mine.RootHash.Structure[HashKind.Xxh64]);

        // Document order as the reference tool writes it: a folder's files, then the folder, then the next name.
        Assert.Equal(["Clips/A002C006_141024_R2EC.mov", "Clips/A002C007_141024_R2EC.mov", "Clips", "Sidecar.txt"], mine.Entries.Select(e => e.Path));
    }

    [SharedDataFact]
    public void Every_scenario_history_loads_and_its_chain_matches()
    {
        var scenarios = TestData.Shared("mhl/examples/scenarios/Output");
        var roots = Directory.GetDirectories(scenarios, "ascmhl", SearchOption.AllDirectories).Select(d => Path.GetDirectoryName(d)!).ToList();
        Assert.True(roots.Count >= 10);
        foreach (var root in roots)
        {
            var h = MhlHistory.Load(root);
            Assert.True(h.Generations.Count >= 1, root);
        }

        // Scenario 03: the second generation adds md5 to every file.
        var s3 = MhlHistory.Load(Path.Combine(scenarios, "scenario_03/file_server/A002R2EC"));
        Assert.Equal("f5ac8127b3b6b85cdc13f237c6005d80", s3.KnownFiles["Clips/A002C006_141024_R2EC.mov"].Digests[HashKind.Md5]);
        Assert.Equal("6425c5a180ca0f420dd2b25be4536a91", s3.KnownFiles["Sidecar.txt"].Digests[HashKind.Md5]);

        // Scenario 04: the failed Sidecar.txt is recorded as failed with the new digest.
        var s4 = MhlHistory.Load(Path.Combine(scenarios, "scenario_04/file_server/A002R2EC"));
        var failed = s4.Generations[1].Files.Single(f => f.Path == "Sidecar.txt").Hashes.Single();
        Assert.Equal(MhlAction.Failed, failed.Action);
        Assert.Equal("70d2cf31aaa3eac4", failed.Digest);
        Assert.Equal("3ab5a4166b9bde44", s4.KnownFiles["Sidecar.txt"].Digests[HashKind.Xxh64]);

        // Scenario 05: nested reel histories are found under Reels/.
        var s5 = MhlHistory.Load(Path.Combine(scenarios, "scenario_05/file_server/Reels"));
        Assert.Contains("A002R2EC", s5.Children.Keys);
        Assert.Contains("A002R2EC/Clips/A002C006_141024_R2EC.mov", s5.KnownFiles.Keys);
    }

    [SharedDataFact]
    public void Scenario_04_verification_names_the_altered_sidecar()
    {
        var card = TestData.Shared("mhl/examples/scenarios/Output/scenario_04/file_server/A002R2EC");
        using var t = new TempTree("A002R2EC");
        CopyTree(card, t.Root);
        var r = MhlVerifier.Verify(t.Root, seal: false);
        var failed = Assert.Single(r.Files, f => f.Verdict == FileVerdict.Failed);
        Assert.Equal("Sidecar.txt", failed.Path);
        Assert.Equal("70d2cf31aaa3eac4", failed.ActualDigest);
        Assert.Equal("3ab5a4166b9bde44", failed.ExpectedDigest);
        Assert.Equal(2, r.Count(FileVerdict.Verified));
    }

    [Fact]
    public void A_generation_edited_after_the_fact_breaks_the_chain()
    {
        using var t = new TempTree();
        t.Write("a.txt", "a");
        MhlVerifier.Verify(t.Root, seal: true, [HashKind.Xxh64], Creator(Frozen));
        var gen = Directory.GetFiles(Path.Combine(t.Root, "ascmhl"), "*.mhl").Single();
        File.WriteAllText(gen, File.ReadAllText(gen).Replace("perche", "pirate", StringComparison.Ordinal));
        var ex = Assert.Throws<PercheFormatException>(() => MhlHistory.Load(t.Root));
        Assert.Contains("does not match the chain", ex.Message, StringComparison.Ordinal);
        Assert.Contains(gen, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_hash_list_names_the_file_and_line()
    {
        var ex = Assert.Throws<PercheFormatException>(() => MhlXml.Read("<hashlist version=\"2.0\" xmlns=\"urn:ASC:MHL:v2.0\">\n<creatorinfo>\n</hashlist>"u8, "x.mhl"));
        Assert.Equal(InputPositionKind.Line, ex.PositionKind);
        Assert.Equal(3, ex.Position);
        var missing = Assert.Throws<PercheFormatException>(() => MhlXml.Read("<hashlist version=\"2.0\" xmlns=\"urn:ASC:MHL:v2.0\">\n  <processinfo/>\n</hashlist>"u8, "y.mhl"));
        Assert.Contains("creatorinfo", missing.Message, StringComparison.Ordinal);
        var wrongNs = Assert.Throws<PercheFormatException>(() => MhlXml.Read("<hashlist version=\"1.1\"/>"u8, "z.mhl"));
        Assert.Contains("urn:ASC:MHL:v2.0", wrongNs.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Written_generation_reads_back_identically()
    {
        using var t = new TempTree();
        t.Write("x/y.wav", new byte[1000]);
        MhlVerifier.Verify(t.Root, seal: true, [HashKind.Xxh64, HashKind.Sha1, HashKind.C4], Creator(Frozen));
        var path = Directory.GetFiles(Path.Combine(t.Root, "ascmhl"), "*.mhl").Single();
        var bytes = File.ReadAllBytes(path);
        var g = MhlXml.Read(bytes, path);
        Assert.Equal(bytes, MhlXml.Write(g));
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<hashlist version=\"2.0\" xmlns=\"urn:ASC:MHL:v2.0\">", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    internal static void CopyTree(string from, string to)
    {
        foreach (var f in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
    }
}
