using System.Buffers.Binary;

namespace Perche.Core.Formats.Wav;

/// <summary>A four-character chunk identifier as it appears in the file (little-endian bytes "fmt " → 'f','m','t',' ').</summary>
public readonly struct FourCC : IEquatable<FourCC>
{
    /// <summary>Creates an identifier from its 32-bit little-endian value.</summary>
    public FourCC(uint value) => this.Value = value;

    /// <summary>Creates an identifier from four ASCII characters.</summary>
    public FourCC(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length != 4)
        {
            throw new ArgumentException($"a FourCC has four characters, got '{text}'", nameof(text));
        }

        this.Value = (uint)(byte)text[0] | ((uint)(byte)text[1] << 8) | ((uint)(byte)text[2] << 16) | ((uint)(byte)text[3] << 24);
    }

    /// <summary>The little-endian value of the four bytes.</summary>
    public uint Value { get; }

    /// <summary>Reads an identifier from the first four bytes.</summary>
    public static FourCC Read(ReadOnlySpan<byte> bytes) => new(BinaryPrimitives.ReadUInt32LittleEndian(bytes));

    /// <summary>Writes the four bytes.</summary>
    public void WriteTo(Span<byte> destination) => BinaryPrimitives.WriteUInt32LittleEndian(destination, this.Value);

    /// <summary>True when all four bytes are printable ASCII (what every real chunk identifier is).</summary>
    public bool IsPrintable
    {
        get
        {
            for (var i = 0; i < 4; i++)
            {
                var b = (byte)(this.Value >> (8 * i));
                if (b < 0x20 || b > 0x7E)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Case-insensitive comparison (the Zoom H4n writes "list" for "LIST").</summary>
    public bool EqualsIgnoreCase(FourCC other) => (this.Value | 0x20202020u) == (other.Value | 0x20202020u);

    /// <inheritdoc/>
    public bool Equals(FourCC other) => this.Value == other.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FourCC other && this.Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (int)this.Value;

    /// <summary>The four characters; unprintable bytes shown as \xNN.</summary>
    public override string ToString()
    {
        Span<char> chars = stackalloc char[16];
        var n = 0;
        for (var i = 0; i < 4; i++)
        {
            var b = (byte)(this.Value >> (8 * i));
            if (b >= 0x20 && b <= 0x7E)
            {
                chars[n++] = (char)b;
            }
            else
            {
                chars[n++] = '\\';
                chars[n++] = 'x';
                chars[n++] = "0123456789ABCDEF"[b >> 4];
                chars[n++] = "0123456789ABCDEF"[b & 15];
            }
        }

        return new string(chars[..n]);
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(FourCC left, FourCC right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(FourCC left, FourCC right) => !left.Equals(right);
}
