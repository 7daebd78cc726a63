using Perche.Production.Hashing;

namespace Perche.Production.Mhl;

/// <summary>A <c>directoryhash</c> element (or the <c>roothash</c> when <see cref="Path"/> is empty).</summary>
public sealed class MhlDirectoryEntry : MhlEntry
{
    /// <summary>Content digests per format.</summary>
    public Dictionary<HashKind, string> Content { get; } = [];

    /// <summary>Structure digests per format.</summary>
    public Dictionary<HashKind, string> Structure { get; } = [];

    /// <summary>When the directory hashes were computed.</summary>
    public DateTimeOffset? HashDate { get; set; }
}
