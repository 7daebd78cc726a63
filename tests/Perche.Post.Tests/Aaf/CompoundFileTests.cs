using System.Buffers.Binary;
using Perche.Core;
using Perche.Core.Tests.Support;
using Perche.Post.Adapters.Aaf.Cfb;

namespace Perche.Post.Tests.Aaf;

/// <summary>The MS-CFB reader on every AAF in the shared data, and on files broken on purpose.</summary>
public class CompoundFileTests
{
    public static TheoryData<string> AllAafs()
    {
        var data = new TheoryData<string>();
        if (TestData.SharedFolder is { } root)
        {
            foreach (var f in Directory.GetFiles(root, "*.aaf", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(root, f));
            }
        }

        return data;
    }

    [SharedDataTheory]
    [MemberData(nameof(AllAafs))]
    public void Every_aaf_opens_as_a_compound_file_with_an_aaf_header(string relative)
    {
        var cfb = CompoundFile.Open(T.Path(relative));
        Assert.Equal(CfbEntryKind.Root, cfb.Root.Kind);
        Assert.NotNull(CompoundFile.Child(cfb.Root, "Header-2"));
        Assert.NotNull(CompoundFile.Child(cfb.Root, "MetaDictionary-1"));
        var properties = CompoundFile.Child(cfb.Root, "properties");
        Assert.NotNull(properties);
        var bytes = cfb.ReadStream(properties!);
        Assert.Equal(properties!.Size, bytes.Length);

        // The AAF property-set header: byte order 0x4C ('L'), format version 0x20.
        Assert.Equal(0x4C, bytes[0]);
    }

    [SharedDataFact]
    public void Sector_sizes_512_and_4096()
    {
        Assert.Equal(512, CompoundFile.Open(T.Path("pyaaf2/tests/test_files/sector_size_512.aaf")).SectorSize);
        Assert.Equal(4096, CompoundFile.Open(T.Path("pyaaf2/tests/test_files/test_file_01.aaf")).SectorSize);
    }

    [SharedDataFact]
    public void Not_a_compound_file_is_refused_at_byte_0()
    {
        var ex = Assert.Throws<PercheFormatException>(() => CompoundFile.Open(T.Path("otio-aaf-adapter/tests/sample_data/not_aaf.otio")));
        Assert.Equal(0, ex.Position);
        Assert.Contains("not a compound file", ex.Message, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void A_sector_chain_that_loops_fails_instead_of_hanging()
    {
        var bytes = File.ReadAllBytes(T.Path("pyaaf2/tests/test_files/sector_size_512.aaf"));
        var firstDirectory = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(48));
        var firstFatSector = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(76));

        // Make the directory's first sector point to itself in the FAT.
        var entryOffset = ((firstFatSector + 1) * 512) + (firstDirectory * 4);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan((int)entryOffset), firstDirectory);
        var ex = Assert.Throws<PercheFormatException>(() => CompoundFile.Parse(bytes, "loop.aaf"));
        Assert.Contains("loops", ex.Message, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void A_directory_cycle_fails()
    {
        var bytes = File.ReadAllBytes(T.Path("pyaaf2/tests/test_files/sector_size_512.aaf"));
        var firstDirectory = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(48));
        var root = (int)((firstDirectory + 1) * 512);
        var child = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(root + 76));
        var childOffset = root + ((int)child * 128);

        // The root's first child names itself as its left sibling (all in the first directory sector at 512 bytes).
        Assert.True(child < 4);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(childOffset + 68), child);
        var ex = Assert.Throws<PercheFormatException>(() => CompoundFile.Parse(bytes, "cycle.aaf"));
        Assert.Contains("cycle", ex.Message, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void Truncated_and_corrupted_files_fail_cleanly()
    {
        var original = File.ReadAllBytes(T.Path("pyaaf2/tests/test_files/sector_size_512.aaf"));
        foreach (var length in new[] { 0, 100, 511, 512, 1024, 4000, original.Length / 2 })
        {
            AssertReadsOrFailsCleanly(original[..length]);
        }

        var random = new Random(6);
        for (var i = 0; i < 300; i++)
        {
            var copy = (byte[])original.Clone();
            var at = i < 150 ? random.Next(512) : random.Next(copy.Length);
            copy[at] = (byte)random.Next(256);
            copy[random.Next(76, 512)] ^= 0xFF;
            AssertReadsOrFailsCleanly(copy);
        }
    }

    private static void AssertReadsOrFailsCleanly(byte[] bytes)
    {
        try
        {
            var cfb = CompoundFile.Parse(bytes, "x.aaf");
            foreach (var e in cfb.Entries)
            {
                if (e is { Kind: CfbEntryKind.Stream })
                {
                    cfb.ReadStream(e);
                }
            }
        }
        catch (PercheFormatException)
        {
        }
    }
}
