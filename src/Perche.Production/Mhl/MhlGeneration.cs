namespace Perche.Production.Mhl;

/// <summary>
/// One ASC MHL v2.0 hash list (one generation of a history): who made it, how (in-place or transfer), the root
/// hashes, the ignore patterns and the file and directory hashes, in the order they were written.
/// </summary>
public sealed class MhlGeneration
{
    /// <summary>The sequence number from the chain (1 for the first generation).</summary>
    public int SequenceNumber { get; set; }

    /// <summary>The file name inside ascmhl/ ("0001_A002R2EC_2020-01-16_091500Z.mhl").</summary>
    public string FileName { get; set; } = string.Empty;

    /// <summary>creationdate.</summary>
    public DateTimeOffset CreationDate { get; set; }

    /// <summary>hostname.</summary>
    public string HostName { get; set; } = string.Empty;

    /// <summary>tool name.</summary>
    public string ToolName { get; set; } = string.Empty;

    /// <summary>tool version.</summary>
    public string ToolVersion { get; set; } = string.Empty;

    /// <summary>Optional free comment.</summary>
    public string? Comment { get; set; }

    /// <summary>Optional location.</summary>
    public string? Location { get; set; }

    /// <summary>"in-place", "transfer" or "flatten".</summary>
    public string Process { get; set; } = "in-place";

    /// <summary>The root content and structure hashes.</summary>
    public MhlDirectoryEntry? RootHash { get; set; }

    /// <summary>Ignore patterns (".DS_Store", "ascmhl", "ascmhl/").</summary>
    public List<string> IgnorePatterns { get; } = [];

    /// <summary>File and directory hashes in document order.</summary>
    public List<MhlEntry> Entries { get; } = [];

    /// <summary>The file hashes, in document order.</summary>
    public IEnumerable<MhlFileEntry> Files => this.Entries.OfType<MhlFileEntry>();

    /// <summary>The directory hashes, in document order.</summary>
    public IEnumerable<MhlDirectoryEntry> Directories => this.Entries.OfType<MhlDirectoryEntry>();
}
