using System.Text;

namespace Perche.Production.Report;

/// <summary>The report as CSV (RFC 4180, UTF-8 with BOM so spreadsheet programs read accents): header lines, then one row per take.</summary>
public static class CsvReportWriter
{
    /// <summary>The CSV text.</summary>
    public static string Write(SoundReport report, ReportLabels labels)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        foreach (var (label, value) in ReportTable.HeaderFields(report.Header, labels))
        {
            Row(sb, [label, value]);
        }

        sb.Append("\r\n");
        Row(sb, ReportTable.Headings(labels));
        foreach (var t in report.Takes)
        {
            Row(sb, ReportTable.Cells(t, labels));
        }

        return sb.ToString();
    }

    /// <summary>Writes the CSV file (temp + rename).</summary>
    public static void WriteFile(SoundReport report, ReportLabels labels, string path) =>
        AtomicFile.Write(path, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Write(report, labels))]);

    /// <summary>Quotes a field when it holds a comma, quote or line break.</summary>
    public static string Escape(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }

    private static void Row(StringBuilder sb, IEnumerable<string> cells)
    {
        sb.AppendJoin(',', cells.Select(Escape));
        sb.Append("\r\n");
    }
}
