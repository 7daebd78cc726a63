namespace Perche.Core.Tests.Support;

/// <summary>
/// Reads the Markdown tables of `../shared/testdata/expected/*.md` (facts transcribed from the files), so the
/// tests use the document itself as the oracle instead of a second hand copy.
/// </summary>
public static class ExpectedTables
{
    /// <summary>The rows of the first table after the heading that starts with <paramref name="headingPrefix"/>.</summary>
    public static List<Dictionary<string, string>> Read(string relativePath, string headingPrefix)
    {
        var lines = File.ReadAllLines(TestData.Shared(relativePath));
        var i = Array.FindIndex(lines, l => l.StartsWith(headingPrefix, StringComparison.Ordinal));
        if (i < 0)
        {
            throw new InvalidOperationException($"heading '{headingPrefix}' not found in {relativePath}");
        }

        while (i < lines.Length && !lines[i].StartsWith('|'))
        {
            i++;
        }

        var header = Cells(lines[i]);
        var rows = new List<Dictionary<string, string>>();
        for (i += 2; i < lines.Length && lines[i].StartsWith('|'); i++)
        {
            var cells = Cells(lines[i]);
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var c = 0; c < header.Count && c < cells.Count; c++)
            {
                row[header[c]] = cells[c];
            }

            rows.Add(row);
        }

        return rows;
    }

    private static List<string> Cells(string line)
    {
        // Cells are separated by " | " and trimmed at both ends; inner spaces stay (chunk lists like "fmt  data").
        var trimmed = line.Trim()[1..^1];
        var list = new List<string>();
        foreach (var part in trimmed.Split(" | "))
        {
            list.Add(part.Trim());
        }

        return list;
    }
}
