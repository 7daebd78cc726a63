using System.Buffers.Binary;
using Perche.Reliability.Tests.Support;

namespace Perche.Reliability.Tests.Corruption;

/// <summary>
/// Compound files (the container of AAF) with their chains broken on purpose: FAT sector chains that loop on
/// themselves or in a ring, a DIFAT that ends early, a directory tree with a cycle, a mini-FAT chain that loops,
/// and truncation at every sector. Each must end in the clear error (or a result) quickly: a reader that follows
/// a looping chain without a bound never returns.
/// </summary>
public sealed class CfbCorruptionTests
{
    private const uint EndOfChain = 0xFFFFFFFE;
    private static readonly byte[] Original = File.ReadAllBytes(Path.Combine(Paths.Seeds, "cfb", "pyaaf2_tests_test_files_empty.aaf"));

    private static readonly int SectorSize = 1 << BinaryPrimitives.ReadUInt16LittleEndian(Original.AsSpan(30));

    [Fact]
    public void The_unbroken_file_reads()
    {
        Assert.Equal(4096, SectorSize);
        ReaderAssert.Reads("cfb", Original, "pyaaf2 empty.aaf");
    }

    [Fact]
    public void A_directory_chain_that_loops_on_itself_is_refused()
    {
        var bytes = (byte[])Original.Clone();
        var directory = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(48));
        SetFat(bytes, directory, directory);
        Bounded(bytes, "directory sector chained to itself");
    }

    [Fact]
    public void A_directory_chain_that_rings_back_to_its_start_is_refused()
    {
        var bytes = (byte[])Original.Clone();
        var first = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(48));
        var last = first;
        for (var guard = 0; guard < 10_000 && Fat(bytes, last) != EndOfChain; guard++)
        {
            last = Fat(bytes, last);
        }

        SetFat(bytes, last, first);
        Bounded(bytes, "directory chain ringing back");
    }

    [Fact]
    public void A_difat_shorter_than_the_fat_it_announces_is_refused()
    {
        var bytes = (byte[])Original.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(44), 200);        // FAT sectors: more than the header's 109 slots
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(68), 0);          // first DIFAT sector...
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(72), 1);          // ...one of them
        Bounded(bytes, "DIFAT ending early");
    }

    [Fact]
    public void A_directory_tree_with_a_cycle_is_refused()
    {
        var bytes = (byte[])Original.Clone();
        var directoryOffset = (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(48)) + 1) * (uint)SectorSize;
        var rootChild = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)directoryOffset + 76));
        // The root's first child names itself as its left sibling.
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan((int)(directoryOffset + (rootChild * 128) + 68)), rootChild);
        var result = Bounded(bytes, "directory cycle");
        Assert.Contains("cycle", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mini_fat_chain_that_loops_is_refused()
    {
        var bytes = (byte[])Original.Clone();
        var directoryOffset = (int)((BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(48)) + 1) * (uint)SectorSize);
        var cutoff = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(56));
        var miniFatSector = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(60));
        var changed = false;
        for (var e = directoryOffset; e + 128 <= Math.Min(bytes.Length, directoryOffset + SectorSize); e += 128)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(e + 120));
            if (bytes[e + 66] == 2 && size > 64 && size < cutoff)
            {
                // A stream of two or more mini sectors: its first mini sector now points to itself.
                var start = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(e + 116));
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan((int)((miniFatSector + 1) * SectorSize) + (int)(start * 4)), start);
                changed = true;
                break;
            }
        }

        Assert.True(changed, "no stream of several mini sectors in the first directory sector");
        Bounded(bytes, "mini FAT loop");
    }

    [Fact]
    public void A_directory_entry_whose_64_bit_size_has_the_top_bit_set_is_refused()
    {
        // Found by AFL++: read as a negative size, it reached new byte[size] and threw OverflowException.
        var bytes = (byte[])Original.Clone();
        var directoryOffset = (int)((BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(48)) + 1) * (uint)SectorSize);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(directoryOffset + 128 + 120), 0x8000_0000_0000_1000UL);
        var result = ReaderAssert.ClearError("cfb", bytes, "negative stream size", "claims");
        Assert.True(result.ElapsedSeconds < 5);
    }

    [Fact]
    public void Truncation_at_every_sector_boundary_ends_cleanly()
    {
        for (var cut = 0; cut < Original.Length; cut += SectorSize)
        {
            foreach (var at in new[] { cut, cut + 1, cut + 76, cut + 512, cut + SectorSize - 1 })
            {
                if (at < Original.Length)
                {
                    Bounded(Original.AsSpan(0, at).ToArray(), $"cut at byte {at}");
                }
            }
        }
    }

    private static Perche.Fuzz.ReplayResult Bounded(byte[] bytes, string what)
    {
        var result = ReaderAssert.Acceptable("cfb", bytes, what);
        Assert.True(result.ElapsedSeconds < 5, $"{what}: {result.ElapsedSeconds:F1} s");
        return result;
    }

    private static uint Fat(byte[] bytes, uint sector)
    {
        // The empty AAF's FAT fits in the sectors listed in the header's first DIFAT slots.
        var perSector = SectorSize / 4;
        var fatSector = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(76 + (4 * (int)(sector / perSector))));
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)((fatSector + 1) * SectorSize) + (4 * (int)(sector % perSector))));
    }

    private static void SetFat(byte[] bytes, uint sector, uint next)
    {
        var perSector = SectorSize / 4;
        var fatSector = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(76 + (4 * (int)(sector / perSector))));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan((int)((fatSector + 1) * SectorSize) + (4 * (int)(sector % perSector))), next);
    }
}
