namespace Perche.Post.Adapters;

/// <summary>Writes a file so that a crash never leaves a half-written file under the final name.</summary>
public static class SafeFile
{
    /// <summary>Writes through a temporary file in the same folder, flushes it to disk, then renames it over <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 65536))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Writes text (UTF-8 without BOM) atomically.</summary>
    public static void WriteText(string path, string text, System.Text.Encoding? encoding = null)
    {
        var bytes = (encoding ?? new System.Text.UTF8Encoding(false)).GetBytes(text);
        Write(path, s => s.Write(bytes));
    }
}
