namespace Perche.Production.Mhl;

/// <summary>A file <c>hash</c> or a <c>directoryhash</c> of a generation, kept in document order.</summary>
public abstract class MhlEntry
{
    /// <summary>Path relative to the history root, with '/' separators (empty for the root).</summary>
    public required string Path { get; init; }

    /// <summary>Last modification date when hashed.</summary>
    public DateTimeOffset? LastModified { get; init; }
}
