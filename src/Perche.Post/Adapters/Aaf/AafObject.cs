using System.Buffers.Binary;
using System.Text;
using Perche.Core;
using Perche.Post.Adapters.Aaf.Cfb;

namespace Perche.Post.Adapters.Aaf;

/// <summary>How a property's value is stored (AAF structured-storage "stored form").</summary>
internal enum StoredForm : ushort
{
    Data = 0x82,
    StrongReference = 0x22,
    StrongReferenceVector = 0x32,
    StrongReferenceSet = 0x3A,
    WeakReference = 0x02,
    WeakReferenceVector = 0x12,
    WeakReferenceSet = 0x1A,
    DataStream = 0x42,
}

/// <summary>
/// One AAF object: a compound-file storage whose class is its CLSID and whose properties are in its "properties"
/// stream (byte order, version, count, then pid/stored-form/length entries and the values). Strong references
/// name child storages; vectors and sets of them have an index stream listing local keys.
/// </summary>
internal sealed class AafObject
{
    private readonly AafFile file;
    private readonly Dictionary<ushort, (StoredForm Form, byte[] Value)> properties = [];

    public AafObject(AafFile file, CfbEntry storage, string path)
    {
        this.file = file;
        this.Storage = storage;
        this.Path = path;
        this.ClassId = storage.ClassId;
        if (CompoundFile.Child(storage, "properties") is not { } stream)
        {
            return;
        }

        var bytes = file.Cfb.ReadStream(stream);
        if (bytes.Length < 4)
        {
            throw file.Error($"{path}: the properties stream is {bytes.Length} bytes, shorter than its header");
        }

        if (bytes[0] != 0x4C)
        {
            throw file.Error($"{path}: properties are not little-endian (byte order 0x{bytes[0]:X2}); big-endian AAF is not read");
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2));
        var offset = 4 + (count * 6);
        if (offset > bytes.Length)
        {
            throw file.Error($"{path}: {count} property entries do not fit in {bytes.Length} bytes");
        }

        for (var i = 0; i < count; i++)
        {
            var e = bytes.AsSpan(4 + (i * 6));
            var pid = BinaryPrimitives.ReadUInt16LittleEndian(e);
            var form = (StoredForm)BinaryPrimitives.ReadUInt16LittleEndian(e[2..]);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(e[4..]);
            if (offset + length > bytes.Length)
            {
                throw file.Error($"{path}: property 0x{pid:X4} runs past the end of its stream");
            }

            this.properties[pid] = (form, bytes.AsSpan(offset, length).ToArray());
            offset += length;
        }
    }

    public CfbEntry Storage { get; }

    public string Path { get; }

    public Guid ClassId { get; }

    /// <summary>The class, from the CLSID's SMPTE label (0x3500 is CompositionMob...).</summary>
    public ushort ClassCode => this.file.BaselineCode(this.ClassId);

    public bool Has(ushort pid) => this.properties.ContainsKey(pid);

    /// <summary>The property ids present.</summary>
    public IEnumerable<ushort> Pids => this.properties.Keys;

    public byte[]? Raw(ushort pid) => this.properties.TryGetValue(pid, out var p) ? p.Value : null;

    public string? String(ushort pid)
    {
        var raw = this.Raw(pid);
        if (raw is null)
        {
            return null;
        }

        var s = Encoding.Unicode.GetString(raw);
        var nul = s.IndexOf('\0', StringComparison.Ordinal);
        return nul >= 0 ? s[..nul] : s;
    }

    public long? Int64(ushort pid) => this.Raw(pid) is { Length: 8 } r ? BinaryPrimitives.ReadInt64LittleEndian(r) : null;

    public int? Int32(ushort pid) => this.Raw(pid) is { Length: 4 } r ? BinaryPrimitives.ReadInt32LittleEndian(r) : null;

    public int? UInt16(ushort pid) => this.Raw(pid) is { Length: 2 } r ? BinaryPrimitives.ReadUInt16LittleEndian(r) : null;

    public bool? Bool(ushort pid) => this.Raw(pid) is { Length: 1 } r ? r[0] != 0 : null;

    /// <summary>A rational (numerator, denominator: two Int32).</summary>
    public (int Num, int Den)? Rational(ushort pid) => this.Raw(pid) is { Length: 8 } r ? (BinaryPrimitives.ReadInt32LittleEndian(r), BinaryPrimitives.ReadInt32LittleEndian(r.AsSpan(4))) : null;

    /// <summary>The object a strong reference points at.</summary>
    public AafObject? Strong(ushort pid)
    {
        if (!this.properties.TryGetValue(pid, out var p) || p.Form != StoredForm.StrongReference)
        {
            return null;
        }

        var name = Utf16Name(p.Value);
        return CompoundFile.Child(this.Storage, name) is { } child ? this.file.Load(child, this.Path + "/" + name) : null;
    }

    /// <summary>The objects of a strong reference vector or set, in index order.</summary>
    public List<AafObject> StrongList(ushort pid)
    {
        var list = new List<AafObject>();
        if (!this.properties.TryGetValue(pid, out var p) || p.Form is not (StoredForm.StrongReferenceVector or StoredForm.StrongReferenceSet))
        {
            return list;
        }

        var name = Utf16Name(p.Value);
        if (CompoundFile.Child(this.Storage, name + " index") is not { } indexStream)
        {
            throw this.file.Error($"{this.Path}: the index stream of \"{name}\" is missing");
        }

        var index = this.file.Cfb.ReadStream(indexStream);
        if (index.Length < 12)
        {
            throw this.file.Error($"{this.Path}: the index of \"{name}\" is {index.Length} bytes, shorter than its header");
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(index);
        int entrySize;
        int start;
        if (p.Form == StoredForm.StrongReferenceVector)
        {
            entrySize = 4;
            start = 12;
        }
        else
        {
            // Sets add the key's pid (2 bytes) and size (1 byte) to the header, and a reference count and the key per entry.
            if (index.Length < 15)
            {
                throw this.file.Error($"{this.Path}: the set index of \"{name}\" is shorter than its header");
            }

            entrySize = 8 + index[14];
            start = 15;
        }

        if (count > (index.Length - start) / Math.Max(1, entrySize))
        {
            throw this.file.Error($"{this.Path}: the index of \"{name}\" announces {count} entries but holds {(index.Length - start) / entrySize}");
        }

        for (var i = 0; i < count; i++)
        {
            var key = BinaryPrimitives.ReadUInt32LittleEndian(index.AsSpan(start + (i * entrySize)));
            var childName = $"{name}{{{key:x}}}";
            if (CompoundFile.Child(this.Storage, childName) is { } child)
            {
                list.Add(this.file.Load(child, this.Path + "/" + childName));
            }
        }

        return list;
    }

    /// <summary>The key of a weak reference (the referenced object's identifier: an AUID or a MobID).</summary>
    public byte[]? WeakKey(ushort pid)
    {
        if (!this.properties.TryGetValue(pid, out var p) || p.Form != StoredForm.WeakReference || p.Value.Length < 5)
        {
            return null;
        }

        var size = p.Value[4];
        return p.Value.Length >= 5 + size ? p.Value.AsSpan(5, size).ToArray() : null;
    }

    private static string Utf16Name(byte[] value)
    {
        var s = Encoding.Unicode.GetString(value);
        var nul = s.IndexOf('\0', StringComparison.Ordinal);
        return nul >= 0 ? s[..nul] : s;
    }
}

/// <summary>An AAF file's compound storage, with an object cache and a guard against reference cycles.</summary>
internal sealed class AafFile
{
    private readonly Dictionary<int, AafObject> cache = [];

    public AafFile(CompoundFile cfb, string inputName)
    {
        this.Cfb = cfb;
        this.InputName = inputName;
    }

    public CompoundFile Cfb { get; }

    public string InputName { get; }

    public AafObject Load(CfbEntry storage, string path)
    {
        if (!this.cache.TryGetValue(storage.Id, out var obj))
        {
            obj = new AafObject(this, storage, path);
            this.cache[storage.Id] = obj;
        }

        return obj;
    }

    public PercheFormatException Error(string problem) => PercheFormatException.ForInput(this.InputName, problem);

    /// <summary>Parents of the file's own classes (MetaDictionary class definitions), for extension classes.</summary>
    public Dictionary<Guid, Guid> ClassParents { get; } = [];

    /// <summary>
    /// The baseline class code of a class id: the third AUID field of an AAF baseline class (0x3500 CompositionMob),
    /// or of the nearest baseline ancestor for a writer's extension class (Avid subclasses mobs and components).
    /// </summary>
    public ushort BaselineCode(Guid classId)
    {
        for (var hop = 0; hop < 32; hop++)
        {
            var b = classId.ToByteArray();
            if (b[0] == 0x01 && b[1] == 0x01 && b[2] == 0x01 && b[3] == 0x0D && b[8] == 0x06 && b[9] == 0x0E && b[10] == 0x2B && b[11] == 0x34)
            {
                return (ushort)(b[6] | (b[7] << 8));
            }

            if (!this.ClassParents.TryGetValue(classId, out var parent) || parent == classId)
            {
                return 0;
            }

            classId = parent;
        }

        return 0;
    }
}
