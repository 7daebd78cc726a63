using System.Text;

namespace Perche.Preproduction.Output;

/// <summary>A table of a report.</summary>
public sealed class ReportTable
{
    /// <summary>Creates a table with its column headers.</summary>
    public ReportTable(params string[] columns)
    {
        this.Columns = columns;
    }

    /// <summary>The column headers.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The rows; each has one cell per column.</summary>
    public List<string[]> Rows { get; } = [];

    /// <summary>Adds a row.</summary>
    public ReportTable Add(params string[] cells)
    {
        this.Rows.Add(cells);
        return this;
    }
}

/// <summary>A section: a heading, paragraphs and tables.</summary>
public sealed class ReportSection(string heading, int level = 1)
{
    /// <summary>The heading.</summary>
    public string Heading { get; } = heading;

    /// <summary>1 for a chapter, 2 for a sub-section (a scene).</summary>
    public int Level { get; } = level;

    /// <summary>Text paragraphs before the tables.</summary>
    public List<string> Paragraphs { get; } = [];

    /// <summary>Tables.</summary>
    public List<ReportTable> Tables { get; } = [];
}

/// <summary>
/// A format-neutral document (title, sections, paragraphs, tables), rendered to HTML and PDF by the same code
/// path so both documents always say the same thing.
/// </summary>
public sealed class ReportDocument(string title, string subtitle, string language)
{
    /// <summary>The title.</summary>
    public string Title { get; } = title;

    /// <summary>A line under the title (script, date, language).</summary>
    public string Subtitle { get; } = subtitle;

    /// <summary>"fr" or "en" (the HTML lang attribute).</summary>
    public string Language { get; } = language;

    /// <summary>The sections in order.</summary>
    public List<ReportSection> Sections { get; } = [];

    /// <summary>The document as a standalone HTML page (inline style, printable).</summary>
    public string ToHtml()
    {
        // Only the four characters HTML needs escaped: accents stay readable in the source (UTF-8 page).
        static string E(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"").Append(this.Language).Append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(this.Title)).Append("</title>\n");
        sb.Append("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em;width:100%}")
          .Append("th,td{border:1px solid #bbb;padding:.25em .5em;text-align:left;vertical-align:top;font-size:.9em}th{background:#eee}")
          .Append("h1{margin-bottom:0}.sub{color:#666;margin-top:.2em}h3{margin-bottom:.2em}@media print{h2{page-break-before:always}}</style>\n</head>\n<body>\n");
        sb.Append("<h1>").Append(E(this.Title)).Append("</h1>\n<p class=\"sub\">").Append(E(this.Subtitle)).Append("</p>\n");
        foreach (var section in this.Sections)
        {
            var h = section.Level <= 1 ? "h2" : "h3";
            sb.Append('<').Append(h).Append('>').Append(E(section.Heading)).Append("</").Append(h).Append(">\n");
            foreach (var p in section.Paragraphs)
            {
                sb.Append("<p>").Append(E(p)).Append("</p>\n");
            }

            foreach (var table in section.Tables)
            {
                sb.Append("<table>\n<tr>");
                foreach (var c in table.Columns)
                {
                    sb.Append("<th>").Append(E(c)).Append("</th>");
                }

                sb.Append("</tr>\n");
                foreach (var row in table.Rows)
                {
                    sb.Append("<tr>");
                    foreach (var cell in row)
                    {
                        sb.Append("<td>").Append(E(cell)).Append("</td>");
                    }

                    sb.Append("</tr>\n");
                }

                sb.Append("</table>\n");
            }
        }

        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }
}
