using Perche.Production.Hashing;
using Perche.Production.Mhl;

namespace Perche.Production.Offload;

/// <summary>What to copy where, with which hashes.</summary>
public sealed class OffloadOptions
{
    /// <summary>The card or folder to copy (copied as a folder of the same name into each destination).</summary>
    public required string Source { get; init; }

    /// <summary>The destination folders (two or three drives, typically).</summary>
    public required IReadOnlyList<string> Destinations { get; init; }

    /// <summary>Hash formats; the first is the one re-read for verification. Default xxh64.</summary>
    public IReadOnlyList<HashKind> Kinds { get; init; } = [HashKind.Xxh64];

    /// <summary>Creator info and clock for the MHL generations.</summary>
    public MhlCreator Creator { get; init; } = MhlCreator.Default();

    /// <summary>Bytes per read/write block (rounded up to a multiple of 4096 for unbuffered I/O).</summary>
    public int BlockSizeBytes { get; init; } = 8 << 20;

    /// <summary>
    /// Drop each copy from the page cache before re-reading it (Linux), so verification reads the drive and
    /// not the memory that was just written. On by default; off only to measure the copy alone.
    /// </summary>
    public bool VerifyFromMedia { get; init; } = true;

    /// <summary>
    /// Write and re-read the copies unbuffered (O_DIRECT) where possible; off, the buffered path with a page-cache
    /// drop before the re-read is used (tests exercise both).
    /// </summary>
    internal bool UseDirectIo { get; init; } = true;

    /// <summary>Called with (destination index, temporary path) after a copy is written and before it is verified (tests damage it here).</summary>
    internal Action<int, string>? BeforeVerify { get; init; }

    /// <summary>Progress per destination (bytes written so far, verified so far).</summary>
    public IProgress<OffloadProgress>? Progress { get; init; }

    /// <summary>Free-space probe (bytes available at a path); tests replace it to simulate a full drive.</summary>
    internal Func<string, long> FreeSpace { get; init; } = DefaultFreeSpace;

    private static long DefaultFreeSpace(string path)
    {
        try
        {
            return new DriveInfo(Path.GetFullPath(path)).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException)
        {
            return long.MaxValue;
        }
    }
}

/// <summary>A progress report.</summary>
public readonly struct OffloadProgress
{
    /// <summary>Creates a report.</summary>
    public OffloadProgress(int destinationIndex, long bytesCopied, long bytesVerified, long totalBytes, string currentFile)
    {
        this.DestinationIndex = destinationIndex;
        this.BytesCopied = bytesCopied;
        this.BytesVerified = bytesVerified;
        this.TotalBytes = totalBytes;
        this.CurrentFile = currentFile;
    }

    /// <summary>Which destination.</summary>
    public int DestinationIndex { get; }

    /// <summary>Bytes written to it so far.</summary>
    public long BytesCopied { get; }

    /// <summary>Bytes re-read and verified so far.</summary>
    public long BytesVerified { get; }

    /// <summary>Bytes to copy in all.</summary>
    public long TotalBytes { get; }

    /// <summary>The file in progress.</summary>
    public string CurrentFile { get; }
}
