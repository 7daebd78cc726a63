namespace Perche.Production.Hashing;

/// <summary>The hash formats ASC MHL v2.0 names (element names of the hashlist schema).</summary>
public enum HashKind
{
    /// <summary>xxHash 64-bit (XXH64, seed 0): the ASC MHL default, fast and well known on set.</summary>
    Xxh64,

    /// <summary>xxHash3 64-bit (XXH3_64bits, seed 0).</summary>
    Xxh3,

    /// <summary>xxHash3 128-bit.</summary>
    Xxh128,

    /// <summary>MD5 (RFC 1321): what many post houses still ask for.</summary>
    Md5,

    /// <summary>SHA-1 (FIPS 180-4).</summary>
    Sha1,

    /// <summary>C4 ID (SMPTE ST 2114): SHA-512 written in base 58, 90 characters starting with "c4".</summary>
    C4,
}
