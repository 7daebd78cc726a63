using Perche.Core;
using Perche.Preproduction.Formats.Fdx;
using Perche.Preproduction.Formats.Fountain;
using Perche.Preproduction.Formats.PlainText;
using Perche.Preproduction.Screenplay;

namespace Perche.Preproduction.Formats;

/// <summary>Reads any supported screenplay into the one model, choosing the reader by extension and content.</summary>
public static class ScreenplayReader
{
    /// <summary>The file extensions read.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".fountain", ".spmd", ".fdx", ".txt", ".text"];

    /// <summary>Reads a screenplay; <paramref name="language"/> overrides the detected language.</summary>
    public static Screenplay.Screenplay Read(string path, ScriptLanguage? language = null)
    {
        if (!File.Exists(path))
        {
            throw PercheFormatException.ForInput(path, "file not found");
        }

        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext == ".fdx")
        {
            return FdxReader.Read(path, language);
        }

        if (ext is ".fountain" or ".spmd")
        {
            return FountainReader.Read(path, language);
        }

        var head = ReadHead(path);
        if (head.TrimStart('\uFEFF', ' ', '\r', '\n', '\t').StartsWith('<') && head.Contains("<FinalDraft", StringComparison.Ordinal))
        {
            return FdxReader.Read(path, language);
        }

        // A .txt that opens with "Title:" is Fountain; otherwise the plain-text reader decides the layout.
        var firstLine = head.TrimStart('\uFEFF').Split('\n')[0];
        var colon = firstLine.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && firstLine[..colon].Trim() is "Title" or "Titre" or "Author" or "Credit")
        {
            return FountainReader.Read(path, language);
        }

        return PlainTextReader.Read(path, language);
    }

    private static string ReadHead(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var buffer = new byte[4096];
            var n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return System.Text.Encoding.Latin1.GetString(buffer, 0, n);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw PercheFormatException.ForInput(path, $"cannot read the file ({ex.Message})", ex);
        }
    }
}
