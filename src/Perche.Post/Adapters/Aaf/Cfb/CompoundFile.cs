using System.Buffers.Binary;
using System.Text;
using Perche.Core;

namespace Perche.Post.Adapters.Aaf.Cfb;

/// <summary>A storage or stream of a compound file (MS-CFB 2.6 directory entry).</summary>
public sealed class CfbEntry
{
    internal CfbEntry(int id, string name, CfbEntryKind kind, uint startSector, long size, Guid classId)
    {
        this.Id = id;
        this.Name = name;
        this.Kind = kind;
        this.StartSector = startSector;
        this.Size = size;
        this.ClassId = classId;
    }

    /// <summary>The directory entry's index.</summary>
    public int Id { get; }

    /// <summary>The entry name (up to 31 UTF-16 characters).</summary>
    public string Name { get; }

    /// <summary>Storage, stream or root.</summary>
    public CfbEntryKind Kind { get; }

    /// <summary>The first sector of a stream (in the mini stream when smaller than the cutoff).</summary>
    public uint StartSector { get; }

    /// <summary>The stream size in bytes.</summary>
    public long Size { get; }

    /// <summary>The storage's class identifier (AAF stores the object's class here).</summary>
    public Guid ClassId { get; }

    /// <summary>The children of a storage, by name (case-insensitively unique, as MS-CFB requires).</summary>
    public Dictionary<string, CfbEntry> Children { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override string ToString() => $"{this.Kind} {this.Name} ({this.Size} bytes)";
}

/// <summary>What a directory entry is.</summary>
public enum CfbEntryKind
{
    /// <summary>A folder.</summary>
    Storage = 1,

    /// <summary>A file.</summary>
    Stream = 2,

    /// <summary>The root storage.</summary>
    Root = 5,
}

/// <summary>
/// A read-only Microsoft Compound File Binary reader (MS-CFB v3 with 512-byte sectors and v4 with 4096): header,
/// DIFAT, FAT, mini FAT, directory red-black tree, streams. Every chain walk is bounded by the number of sectors in
/// the file and every tree walk by the number of entries, so a corrupt or hostile file (a sector chain that loops,
/// a sibling cycle, an entry pointing past the end) fails with <see cref="PercheFormatException"/>, never hangs.
/// </summary>
public sealed class CompoundFile
{
    private const uint EndOfChain = 0xFFFFFFFE;
    private const uint FreeSector = 0xFFFFFFFF;
    private const uint NoStream = 0xFFFFFFFF;
    private static readonly byte[] Signature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private readonly byte[] data;
    private readonly string inputName;
    private readonly int sectorSize;
    private readonly int miniSectorSize;
    private readonly uint miniStreamCutoff;
    private readonly uint[] fat;
    private readonly uint[] miniFat;
    private readonly byte[] miniStream;

    private CompoundFile(byte[] data, string inputName)
    {
        this.data = data;
        this.inputName = inputName;
        if (data.Length < 512 || !data.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw this.At(0, "not a compound file (MS-CFB): the signature D0 CF 11 E0 A1 B1 1A E1 is missing");
        }

        var h = data.AsSpan(0, 512);
        var major = BinaryPrimitives.ReadUInt16LittleEndian(h[26..]);
        var sectorShift = BinaryPrimitives.ReadUInt16LittleEndian(h[30..]);
        var miniShift = BinaryPrimitives.ReadUInt16LittleEndian(h[32..]);
        if (BinaryPrimitives.ReadUInt16LittleEndian(h[28..]) != 0xFFFE)
        {
            throw this.At(28, "the byte-order mark is not FFFE");
        }

        if (!(major == 3 && sectorShift == 9) && !(major == 4 && sectorShift == 12))
        {
            throw this.At(26, $"unsupported version {major} with sector shift {sectorShift} (expected 3/9 or 4/12)");
        }

        if (miniShift != 6)
        {
            throw this.At(32, $"mini sector shift {miniShift}, expected 6");
        }

        this.sectorSize = 1 << sectorShift;
        this.miniSectorSize = 1 << miniShift;
        this.SectorSize = this.sectorSize;
        var fatSectors = BinaryPrimitives.ReadUInt32LittleEndian(h[44..]);
        var firstDirectory = BinaryPrimitives.ReadUInt32LittleEndian(h[48..]);
        this.miniStreamCutoff = BinaryPrimitives.ReadUInt32LittleEndian(h[56..]);
        var firstMiniFat = BinaryPrimitives.ReadUInt32LittleEndian(h[60..]);
        var miniFatSectors = BinaryPrimitives.ReadUInt32LittleEndian(h[64..]);
        var firstDifat = BinaryPrimitives.ReadUInt32LittleEndian(h[68..]);
        var difatSectors = BinaryPrimitives.ReadUInt32LittleEndian(h[72..]);
        if (this.miniStreamCutoff != 4096)
        {
            throw this.At(56, $"mini stream cutoff {this.miniStreamCutoff}, expected 4096");
        }

        var sectorCount = this.SectorCount;
        if (fatSectors > sectorCount || difatSectors > sectorCount || miniFatSectors > sectorCount)
        {
            throw this.At(44, $"the header claims more FAT/DIFAT/mini FAT sectors than the file holds ({sectorCount} sectors)");
        }

        // DIFAT: 109 entries in the header, then a chain of DIFAT sectors (each ending with the next one's number).
        var fatSectorList = new List<uint>((int)fatSectors);
        for (var i = 0; i < 109 && fatSectorList.Count < fatSectors; i++)
        {
            fatSectorList.Add(BinaryPrimitives.ReadUInt32LittleEndian(h[(76 + (4 * i))..]));
        }

        var difat = firstDifat;
        var perDifat = (this.sectorSize / 4) - 1;
        for (var walked = 0; fatSectorList.Count < fatSectors; walked++)
        {
            if (walked >= difatSectors || difat >= sectorCount)
            {
                throw this.At(68, $"the DIFAT chain ends or loops after {walked} sectors but {fatSectors} FAT sectors were announced");
            }

            var s = this.Sector(difat);
            for (var i = 0; i < perDifat && fatSectorList.Count < fatSectors; i++)
            {
                fatSectorList.Add(BinaryPrimitives.ReadUInt32LittleEndian(s[(4 * i)..]));
            }

            difat = BinaryPrimitives.ReadUInt32LittleEndian(s[(4 * perDifat)..]);
        }

        var perSector = this.sectorSize / 4;
        this.fat = new uint[fatSectorList.Count * perSector];
        for (var i = 0; i < fatSectorList.Count; i++)
        {
            if (fatSectorList[i] >= sectorCount)
            {
                throw this.At(76 + (4 * Math.Min(i, 108)), $"FAT sector {i} is sector {fatSectorList[i]}, past the end of the file ({sectorCount} sectors)");
            }

            var s = this.Sector(fatSectorList[i]);
            for (var j = 0; j < perSector; j++)
            {
                this.fat[(i * perSector) + j] = BinaryPrimitives.ReadUInt32LittleEndian(s[(4 * j)..]);
            }
        }

        var directoryBytes = this.ReadChain(firstDirectory, long.MaxValue, "directory");
        this.miniFat = miniFatSectors == 0 ? [] : ToUInts(this.ReadChain(firstMiniFat, long.MaxValue, "mini FAT"));
        this.Entries = this.ParseDirectory(directoryBytes);
        var root = this.Entries[0];
        this.miniStream = root.Size == 0 ? [] : this.ReadChain(root.StartSector, root.Size, "mini stream");
        this.Root = root;
    }

    /// <summary>512 (v3) or 4096 (v4).</summary>
    public int SectorSize { get; }

    /// <summary>The root storage.</summary>
    public CfbEntry Root { get; }

    /// <summary>Every directory entry, by id (unused entries are null).</summary>
    public IReadOnlyList<CfbEntry> Entries { get; }

    private long SectorCount => ((long)this.data.Length + this.sectorSize - 1) / this.sectorSize - 1;

    /// <summary>Opens a compound file (read into memory: AAF files are megabytes, and random access is constant).</summary>
    /// <exception cref="PercheFormatException">Missing, unreadable, not MS-CFB, or corrupt.</exception>
    public static CompoundFile Open(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw PercheFormatException.ForInput(path, $"cannot read the file: {ex.Message}", ex);
        }

        return new CompoundFile(bytes, path);
    }

    /// <summary>Parses compound-file bytes.</summary>
    public static CompoundFile Parse(byte[] bytes, string inputName) => new(bytes, inputName);

    /// <summary>The whole content of a stream.</summary>
    public byte[] ReadStream(CfbEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Kind != CfbEntryKind.Stream)
        {
            throw PercheFormatException.ForInput(this.inputName, $"\"{entry.Name}\" is a storage, not a stream");
        }

        if (entry.Size < this.miniStreamCutoff)
        {
            return this.ReadMiniChain(entry.StartSector, entry.Size, entry.Name);
        }

        return this.ReadChain(entry.StartSector, entry.Size, $"stream \"{entry.Name}\"");
    }

    /// <summary>The child of a storage by name, or null.</summary>
    public static CfbEntry? Child(CfbEntry storage, string name) => storage.Children.GetValueOrDefault(name);

    private Span<byte> Sector(uint sector)
    {
        var offset = ((long)sector + 1) * this.sectorSize;
        if (offset >= this.data.Length)
        {
            throw this.At(offset, $"sector {sector} is past the end of the file");
        }

        var length = (int)Math.Min(this.sectorSize, this.data.Length - offset);
        if (length < this.sectorSize)
        {
            // A truncated last sector reads as if padded with zeros.
            var padded = new byte[this.sectorSize];
            this.data.AsSpan((int)offset, length).CopyTo(padded);
            return padded;
        }

        return this.data.AsSpan((int)offset, this.sectorSize);
    }

    private byte[] ReadChain(uint start, long size, string what)
    {
        var output = new MemoryStream();
        var sector = start;
        long walked = 0;
        var limit = this.SectorCount;
        while (sector != EndOfChain && output.Length < size)
        {
            if (sector >= this.fat.Length || sector >= limit)
            {
                throw this.At(((long)sector + 1) * this.sectorSize, $"the {what} chain points at sector {sector}, outside the file's {limit} sectors");
            }

            // A chain can never be longer than the file has sectors: past that it loops.
            if (++walked > limit)
            {
                throw this.At(((long)sector + 1) * this.sectorSize, $"the {what} sector chain loops (more than {limit} links)");
            }

            output.Write(this.Sector(sector));
            sector = this.fat[sector];
            if (sector == FreeSector)
            {
                throw this.At(0, $"the {what} chain runs into a free sector");
            }
        }

        if (size != long.MaxValue)
        {
            if (output.Length < size)
            {
                throw this.At(((long)start + 1) * this.sectorSize, $"the {what} is {size} bytes but its chain holds only {output.Length}");
            }

            output.SetLength(size);
        }

        return output.ToArray();
    }

    private byte[] ReadMiniChain(uint start, long size, string name)
    {
        var output = new byte[size];
        var written = 0;
        var sector = start;
        var walked = 0;
        while (written < size)
        {
            if (sector == EndOfChain || sector >= this.miniFat.Length || ((long)sector + 1) * this.miniSectorSize > this.miniStream.Length)
            {
                throw this.At(0, $"stream \"{name}\": the mini sector chain breaks at mini sector {sector} after {written} of {size} bytes");
            }

            if (++walked > this.miniFat.Length)
            {
                throw this.At(0, $"stream \"{name}\": the mini sector chain loops");
            }

            var n = (int)Math.Min(this.miniSectorSize, size - written);
            this.miniStream.AsSpan((int)sector * this.miniSectorSize, n).CopyTo(output.AsSpan(written));
            written += n;
            sector = this.miniFat[sector];
        }

        return output;
    }

    private List<CfbEntry> ParseDirectory(byte[] bytes)
    {
        var count = bytes.Length / 128;
        var entries = new CfbEntry?[count];
        var links = new (uint Left, uint Right, uint Child)[count];
        for (var i = 0; i < count; i++)
        {
            var e = bytes.AsSpan(i * 128, 128);
            var type = e[66];
            if (type == 0)
            {
                continue;
            }

            if (type is not (1 or 2 or 5))
            {
                throw this.At(-1, $"directory entry {i} has type {type} (expected 1, 2 or 5)");
            }

            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(e[64..]);
            var name = nameLength is >= 2 and <= 64 ? Encoding.Unicode.GetString(e[..(nameLength - 2)]) : string.Empty;
            var size = (long)BinaryPrimitives.ReadUInt64LittleEndian(e[120..]);
            if (this.sectorSize == 512)
            {
                // Version 3 files may leave garbage in the high half of the size.
                size &= 0xFFFFFFFF;
            }

            // Version 4 sizes are 64-bit: one with the top bit set reads as negative, which no stream can be.
            if (size < 0 || size > this.data.Length * 64L)
            {
                throw this.At(-1, $"directory entry \"{name}\" claims {size} bytes, more than the file could hold");
            }

            entries[i] = new CfbEntry(i, name, (CfbEntryKind)type, BinaryPrimitives.ReadUInt32LittleEndian(e[116..]), size, new Guid(e.Slice(80, 16)));
            links[i] = (BinaryPrimitives.ReadUInt32LittleEndian(e[68..]), BinaryPrimitives.ReadUInt32LittleEndian(e[72..]), BinaryPrimitives.ReadUInt32LittleEndian(e[76..]));
        }

        if (count == 0 || entries[0] is not { Kind: CfbEntryKind.Root })
        {
            throw this.At(-1, "the first directory entry is not the root storage");
        }

        // Children hang off each storage's 'child' as a binary tree of siblings; walk it iteratively with a visited set.
        var visited = new bool[count];
        visited[0] = true;
        var storages = new Stack<int>();
        storages.Push(0);
        while (storages.Count > 0)
        {
            var parent = entries[storages.Pop()]!;
            var pending = new Stack<uint>();
            pending.Push(links[parent.Id].Child);
            while (pending.Count > 0)
            {
                var id = pending.Pop();
                if (id == NoStream)
                {
                    continue;
                }

                if (id >= count || entries[id] is null)
                {
                    throw this.At(-1, $"storage \"{parent.Name}\" links to directory entry {id}, which does not exist");
                }

                if (visited[id])
                {
                    throw this.At(-1, $"directory entry {id} (\"{entries[id]!.Name}\") is linked twice: the directory tree has a cycle");
                }

                visited[id] = true;
                var entry = entries[id]!;
                parent.Children[entry.Name] = entry;
                pending.Push(links[id].Left);
                pending.Push(links[id].Right);
                if (entry.Kind == CfbEntryKind.Storage)
                {
                    storages.Push((int)id);
                }
            }
        }

        return [.. entries.Select(e => e!)];
    }

    private PercheFormatException At(long offset, string problem)
        => offset >= 0 ? PercheFormatException.AtByte(this.inputName, offset, problem) : PercheFormatException.ForInput(this.inputName, problem);

    private static uint[] ToUInts(byte[] bytes)
    {
        var result = new uint[bytes.Length / 4];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4 * i));
        }

        return result;
    }
}
