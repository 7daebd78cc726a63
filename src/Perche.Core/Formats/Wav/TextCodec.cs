using System.Text;

namespace Perche.Core.Formats.Wav;

/// <summary>
/// Decodes the fixed and zero-terminated text fields of RIFF chunks. The specifications say ASCII, but real
/// files carry UTF-8 (iZotope RX, Sound Grinder) or Latin-1: valid UTF-8 is taken as UTF-8, anything else as Latin-1.
/// </summary>
internal static class TextCodec
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes up to the first NUL.</summary>
    public static string DecodeZeroTerminated(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        return Decode(end >= 0 ? bytes[..end] : bytes);
    }

    /// <summary>Decodes all bytes, dropping trailing NULs.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var len = bytes.Length;
        while (len > 0 && bytes[len - 1] == 0)
        {
            len--;
        }

        bytes = bytes[..len];
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    /// <summary>Encodes as UTF-8 (ASCII text stays ASCII).</summary>
    public static byte[] Encode(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Writes text into a fixed-size field, NUL-padded; fails when it does not fit.</summary>
    public static void WriteFixed(Span<byte> field, string text, string fieldName)
    {
        field.Clear();
        var count = Encoding.UTF8.GetByteCount(text);
        if (count > field.Length)
        {
            // Text read from a Latin-1 field (not valid UTF-8) may be longer in UTF-8 than the field:
            // write it back as it was read rather than refusing to rewrite the file.
            if (text.Length <= field.Length && IsLatin1(text))
            {
                Encoding.Latin1.GetBytes(text, field);
                return;
            }

            throw new ArgumentException($"{fieldName} is {count} bytes; the field holds {field.Length}");
        }

        Encoding.UTF8.GetBytes(text, field);
    }

    private static bool IsLatin1(string text)
    {
        foreach (var c in text)
        {
            if (c > '\u00FF')
            {
                return false;
            }
        }

        return true;
    }
}
