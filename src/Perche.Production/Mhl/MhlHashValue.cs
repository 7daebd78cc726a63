using Perche.Production.Hashing;

namespace Perche.Production.Mhl;

/// <summary>One digest of one format, with what was done and when.</summary>
public sealed class MhlHashValue
{
    /// <summary>Creates a value.</summary>
    public MhlHashValue(HashKind kind, string digest, MhlAction? action, DateTimeOffset? hashDate)
    {
        this.Kind = kind;
        this.Digest = digest;
        this.Action = action;
        this.HashDate = hashDate;
    }

    /// <summary>The format.</summary>
    public HashKind Kind { get; }

    /// <summary>The digest string (hex or C4).</summary>
    public string Digest { get; }

    /// <summary>original / verified / failed (absent on directory hashes).</summary>
    public MhlAction? Action { get; }

    /// <summary>When the hash was computed.</summary>
    public DateTimeOffset? HashDate { get; }
}
