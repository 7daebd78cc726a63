using System.Text;
using Perche.Core;
using Perche.Preproduction.Screenplay;

namespace Perche.Preproduction.Formats;

/// <summary>
/// Decodes a text screenplay: UTF-8 (with or without BOM, strictly), else Windows-1252 (old Final Draft and
/// Word exports), and says which. UTF-16 is recognised by its BOM.
/// </summary>
internal static class ScriptText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static ScriptText()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>Reads a file; a missing or unreadable file becomes a <see cref="PercheFormatException"/>.</summary>
    public static byte[] ReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw PercheFormatException.ForInput(path, $"cannot read the file ({ex.Message})", ex);
        }
    }

    /// <summary>
    /// Reads and decodes a text screenplay file, refusing binary input, then hands the text to the format's
    /// parser; a Windows-1252 fallback is recorded as a warning so the user can spot mojibake.
    /// </summary>
    public static Screenplay.Screenplay ReadScript(
        string path, ScriptLanguage? language, Func<string, string, ScriptLanguage?, List<string>, Screenplay.Screenplay> parse)
    {
        var bytes = ReadBytes(path);
        RejectBinary(bytes, path);
        var (text, encoding) = Decode(bytes, path);
        var warnings = new List<string>();
        if (encoding == "Windows-1252")
        {
            warnings.Add("not valid UTF-8: decoded as Windows-1252");
        }

        var script = parse(text, path, language, warnings);
        script.EncodingName = encoding;
        return script;
    }

    /// <summary>The decoded text (BOM removed, line endings kept) and the encoding's name.</summary>
    public static (string Text, string EncodingName) Decode(ReadOnlySpan<byte> bytes, string inputName)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (Utf8(bytes[3..], inputName), "UTF-8 (BOM)");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode.GetString(bytes[2..]), "UTF-16LE");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode.GetString(bytes[2..]), "UTF-16BE");
        }

        try
        {
            return (StrictUtf8.GetString(bytes), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            // Not valid UTF-8: Windows-1252 is what older French and English tools wrote; every byte decodes,
            // so the only risk is mojibake, which the warning lets the user spot.
            return (Encoding.GetEncoding(1252).GetString(bytes), "Windows-1252");
        }
    }

    /// <summary>Rejects binary input (NUL bytes) that no screenplay format contains.</summary>
    public static void RejectBinary(ReadOnlySpan<byte> bytes, string inputName)
    {
        var nul = bytes[..Math.Min(bytes.Length, 8192)].IndexOf((byte)0);
        if (nul >= 0 && !(bytes.Length > 1 && (bytes[0] == 0xFF || bytes[0] == 0xFE)))
        {
            throw PercheFormatException.AtByte(inputName, nul, "a NUL byte: this is a binary file, not a text screenplay (Fountain, FDX or plain text)");
        }
    }

    private static string Utf8(ReadOnlySpan<byte> bytes, string inputName)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw PercheFormatException.AtByte(inputName, 3 + Math.Max(0, ex.Index), "the file starts with a UTF-8 byte-order mark but is not valid UTF-8", ex);
        }
    }
}
