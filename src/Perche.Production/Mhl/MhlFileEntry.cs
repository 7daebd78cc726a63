namespace Perche.Production.Mhl;

/// <summary>A <c>hash</c> element: one file, its size and modification date, and one digest per format.</summary>
public sealed class MhlFileEntry : MhlEntry
{
    /// <summary>Size in bytes.</summary>
    public long SizeBytes { get; init; }

    /// <summary>The path the file had before a rename, when recorded.</summary>
    public string? PreviousPath { get; init; }

    /// <summary>The digests.</summary>
    public List<MhlHashValue> Hashes { get; } = [];
}
