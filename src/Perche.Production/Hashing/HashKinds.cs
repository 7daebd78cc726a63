namespace Perche.Production.Hashing;

/// <summary>Names of the hash formats as ASC MHL writes them, and parsing of user lists ("xxh64,md5").</summary>
public static class HashKinds
{
    /// <summary>The element name in an MHL file ("xxh64", "md5", "c4"...).</summary>
    public static string Name(HashKind kind) => kind switch
    {
        HashKind.Xxh64 => "xxh64",
        HashKind.Xxh3 => "xxh3",
        HashKind.Xxh128 => "xxh128",
        HashKind.Md5 => "md5",
        HashKind.Sha1 => "sha1",
        HashKind.C4 => "c4",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Parses an element name; false for formats Perche does not compute (xxh32).</summary>
    public static bool TryParse(string? name, out HashKind kind)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "xxh64": kind = HashKind.Xxh64; return true;
            case "xxh3": case "xxh3_64": kind = HashKind.Xxh3; return true;
            case "xxh128": kind = HashKind.Xxh128; return true;
            case "md5": kind = HashKind.Md5; return true;
            case "sha1": kind = HashKind.Sha1; return true;
            case "c4": kind = HashKind.C4; return true;
            default: kind = default; return false;
        }
    }

    /// <summary>Parses a comma-separated list ("xxh64,md5"); throws <see cref="ArgumentException"/> naming an unknown one.</summary>
    public static IReadOnlyList<HashKind> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = new List<HashKind>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParse(part, out var kind))
            {
                throw new ArgumentException($"unknown hash format '{part}'; expected xxh64, xxh3, xxh128, md5, sha1 or c4");
            }

            if (!list.Contains(kind))
            {
                list.Add(kind);
            }
        }

        if (list.Count == 0)
        {
            throw new ArgumentException("no hash format given; expected xxh64, xxh3, xxh128, md5, sha1 or c4");
        }

        return list;
    }
}
