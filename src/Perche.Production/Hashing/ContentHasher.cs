using System.IO.Hashing;
using System.Numerics;
using System.Security.Cryptography;

namespace Perche.Production.Hashing;

/// <summary>
/// One incremental hash of one format: feed bytes with <see cref="Append"/>, read the MHL digest string with
/// <see cref="Finish"/>. Hex for every format except C4, which is base 58 (SMPTE ST 2114).
/// </summary>
public sealed class ContentHasher : IDisposable
{
    private const string C4Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private const int C4Length = 90;

    private readonly NonCryptographicHashAlgorithm? fast;
    private readonly IncrementalHash? crypto;

    /// <summary>Starts a hash of <paramref name="kind"/>.</summary>
    public ContentHasher(HashKind kind)
    {
        this.Kind = kind;
        switch (kind)
        {
            case HashKind.Xxh64: this.fast = new XxHash64(); break;
            case HashKind.Xxh3: this.fast = new XxHash3(); break;
            case HashKind.Xxh128: this.fast = new XxHash128(); break;
            case HashKind.Md5: this.crypto = IncrementalHash.CreateHash(HashAlgorithmName.MD5); break;
            case HashKind.Sha1: this.crypto = IncrementalHash.CreateHash(HashAlgorithmName.SHA1); break;
            case HashKind.C4: this.crypto = IncrementalHash.CreateHash(HashAlgorithmName.SHA512); break;
            default: throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>The format.</summary>
    public HashKind Kind { get; }

    /// <summary>Adds bytes.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (this.fast is not null)
        {
            this.fast.Append(data);
        }
        else
        {
            this.crypto!.AppendData(data);
        }
    }

    /// <summary>The digest as MHL writes it (lower-case hex, or a C4 ID), and resets for reuse.</summary>
    public string Finish()
    {
        byte[] digest;
        if (this.fast is not null)
        {
            // System.IO.Hashing returns the canonical big-endian form xxhsum and ascmhl print.
            digest = this.fast.GetHashAndReset();
        }
        else
        {
            digest = this.crypto!.GetHashAndReset();
        }

        return this.Kind == HashKind.C4 ? C4FromSha512(digest) : Convert.ToHexStringLower(digest);
    }

    /// <summary>The digest of a byte string.</summary>
    public static string Of(HashKind kind, ReadOnlySpan<byte> data)
    {
        using var h = new ContentHasher(kind);
        h.Append(data);
        return h.Finish();
    }

    /// <summary>The digest of a whole file (read in 1 MiB blocks).</summary>
    public static string OfFile(HashKind kind, string path)
    {
        using var h = new ContentHasher(kind);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                h.Append(buffer.AsSpan(0, n));
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        return h.Finish();
    }

    /// <summary>
    /// The raw bytes behind a digest string (hex decoded, or the 64-byte SHA-512 behind a C4 ID): what directory
    /// hashes are computed from.
    /// </summary>
    public static byte[] BytesOf(HashKind kind, string digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        if (kind != HashKind.C4)
        {
            return Convert.FromHexString(digest);
        }

        if (digest.Length != C4Length || !digest.StartsWith("c4", StringComparison.Ordinal))
        {
            throw new FormatException($"'{digest}' is not a C4 ID (90 characters starting with c4)");
        }

        var value = BigInteger.Zero;
        for (var i = 2; i < digest.Length; i++)
        {
            var d = C4Alphabet.IndexOf(digest[i], StringComparison.Ordinal);
            if (d < 0)
            {
                throw new FormatException($"'{digest[i]}' is not a C4 base-58 digit");
            }

            value = (value * 58) + d;
        }

        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (bytes.Length > 64)
        {
            throw new FormatException($"C4 ID '{digest}' is larger than a SHA-512 digest");
        }

        var result = new byte[64];
        bytes.CopyTo(result, 64 - bytes.Length);
        return result;
    }

    /// <summary>The hash of a list of digests, ASC MHL style: sorted as strings, decoded, concatenated, hashed.</summary>
    public static string OfHashList(HashKind kind, IEnumerable<string> digests)
    {
        var sorted = new List<string>(digests);
        sorted.Sort(StringComparer.Ordinal);
        using var h = new ContentHasher(kind);
        foreach (var d in sorted)
        {
            h.Append(BytesOf(kind, d));
        }

        return h.Finish();
    }

    /// <inheritdoc/>
    public void Dispose() => this.crypto?.Dispose();

    private static string C4FromSha512(byte[] digest)
    {
        var value = new BigInteger(digest, isUnsigned: true, isBigEndian: true);
        Span<char> chars = stackalloc char[C4Length];
        chars.Fill('1');
        chars[0] = 'c';
        chars[1] = '4';
        var i = C4Length - 1;
        while (!value.IsZero && i >= 2)
        {
            value = BigInteger.DivRem(value, 58, out var rem);
            chars[i--] = C4Alphabet[(int)rem];
        }

        return new string(chars);
    }
}
