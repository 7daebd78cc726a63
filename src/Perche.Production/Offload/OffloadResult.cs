using Perche.Production.Hashing;

namespace Perche.Production.Offload;

/// <summary>What happened to one file at one destination.</summary>
public enum CopyStatus
{
    /// <summary>Copied, re-read, hash equal, renamed to its final name.</summary>
    Verified,

    /// <summary>Already verified by an earlier interrupted run (resumed); not copied again.</summary>
    Resumed,

    /// <summary>Not verified: the copy, the re-read or the hash comparison failed. No file carries the final name.</summary>
    Failed,
}

/// <summary>One source file and its copies.</summary>
public sealed class OffloadFile
{
    /// <summary>Path relative to the source folder.</summary>
    public required string Path { get; init; }

    /// <summary>Size in bytes.</summary>
    public long SizeBytes { get; set; }

    /// <summary>The source digests, one per format.</summary>
    public Dictionary<HashKind, string> Digests { get; } = [];

    /// <summary>Status per destination (same order as the destinations).</summary>
    public CopyStatus[] Status { get; set; } = [];

    /// <summary>Problems, in words (source unreadable, mismatch at a destination...).</summary>
    public List<string> Problems { get; } = [];

    /// <summary>True when the source's own history recorded a different hash (the card was already damaged).</summary>
    public bool SourceHistoryMismatch { get; set; }
}

/// <summary>One destination's outcome.</summary>
public sealed class OffloadDestination
{
    /// <summary>The folder the source was copied into (destination/source-name).</summary>
    public required string Root { get; init; }

    /// <summary>True when every file was verified there.</summary>
    public bool Verified { get; set; }

    /// <summary>
    /// Copies verified here that were written and re-read unbuffered (O_DIRECT); the others went through the page
    /// cache and were dropped from it before the re-read.
    /// </summary>
    public int UnbufferedCopies { get; set; }

    /// <summary>The ASC MHL generation written there, or null.</summary>
    public string? GenerationPath { get; set; }

    /// <summary>Why the destination failed, or null.</summary>
    public string? Error { get; set; }
}

/// <summary>The outcome of an offload.</summary>
public sealed class OffloadResult
{
    /// <summary>The source folder.</summary>
    public required string Source { get; init; }

    /// <summary>Per destination.</summary>
    public List<OffloadDestination> Destinations { get; } = [];

    /// <summary>Per file.</summary>
    public List<OffloadFile> Files { get; } = [];

    /// <summary>The hash formats.</summary>
    public IReadOnlyList<HashKind> Kinds { get; init; } = [];

    /// <summary>True when the source had an ASC MHL history that was checked.</summary>
    public bool SourceHadHistory { get; set; }

    /// <summary>Bytes read from the source (each file once).</summary>
    public long BytesRead { get; set; }

    /// <summary>Bytes written to all destinations.</summary>
    public long BytesWritten { get; set; }

    /// <summary>Wall time of the whole run.</summary>
    public double ElapsedSeconds { get; set; }

    /// <summary>Source bytes per second over the whole run (copy + verification).</summary>
    public double ThroughputBytesPerSecond => this.ElapsedSeconds > 0 ? this.BytesRead / this.ElapsedSeconds : 0;

    /// <summary>True when every file is verified at every destination and the source history (if any) matched.</summary>
    public bool Passed => this.Destinations.TrueForAll(d => d.Verified) && this.Files.TrueForAll(f => f.Problems.Count == 0);
}
