using System.Text;

namespace Perche.Production.Hashing;

/// <summary>
/// The content and structure hashes of one directory (ASC MHL v2.0): content is the hash of the sorted list
/// of its children's content hashes; structure is the hash of the sorted list of hash(name + child hash), where
/// the child hash is a file's content hash or a sub-directory's structure hash. So renaming a file changes the
/// structure hash only, and changing a byte changes both.
/// </summary>
public sealed class DirectoryHash
{
    private readonly List<string> contents = [];
    private readonly List<string> structures = [];

    /// <summary>Starts an empty directory of <paramref name="kind"/>.</summary>
    public DirectoryHash(HashKind kind) => this.Kind = kind;

    /// <summary>The format.</summary>
    public HashKind Kind { get; }

    /// <summary>Adds a file child by its name (not path) and content digest.</summary>
    public void AddFile(string name, string contentDigest)
    {
        this.contents.Add(contentDigest);
        this.structures.Add(this.NameHash(name, contentDigest));
    }

    /// <summary>Adds a sub-directory child by its name and its own content and structure digests.</summary>
    public void AddDirectory(string name, string contentDigest, string structureDigest)
    {
        this.contents.Add(contentDigest);
        this.structures.Add(this.NameHash(name, structureDigest));
    }

    /// <summary>The content digest.</summary>
    public string Content => ContentHasher.OfHashList(this.Kind, this.contents);

    /// <summary>The structure digest.</summary>
    public string Structure => ContentHasher.OfHashList(this.Kind, this.structures);

    private string NameHash(string name, string digest)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var hashBytes = ContentHasher.BytesOf(this.Kind, digest);
        var buffer = new byte[nameBytes.Length + hashBytes.Length];
        nameBytes.CopyTo(buffer, 0);
        hashBytes.CopyTo(buffer, nameBytes.Length);
        return ContentHasher.Of(this.Kind, buffer);
    }
}
