using System.Net;
using System.Text;

namespace Perche.Production.Report;

/// <summary>The report as one self-contained HTML page (inline CSS, no script, no external resource), printable.</summary>
public static class HtmlReportWriter
{
    /// <summary>The HTML text.</summary>
    public static string Write(SoundReport report, ReportLabels labels)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(labels);
        static string E(string s) => WebUtility.HtmlEncode(s);
        var lang = ReferenceEquals(labels, ReportLabels.French) ? "fr" : "en";
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"").Append(lang).Append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
          .Append(E(labels.Title)).Append(" — ").Append(E(report.Header.Production)).Append("</title>\n<style>\n")
          .Append("body{font-family:system-ui,sans-serif;font-size:12px;margin:16px;color:#111}h1{font-size:20px;margin:0 0 8px}")
          .Append("table{border-collapse:collapse;width:100%}th,td{border:1px solid #777;padding:3px 5px;vertical-align:top;text-align:left}")
          .Append("th{background:#eee}.hdr td{border:none;padding:1px 12px 1px 0}.hdr td.l{color:#555}")
          .Append(".circ{display:inline-block;border:1.5px solid #111;border-radius:50%;min-width:1.4em;text-align:center}")
          .Append("tr.circled{background:#fffbe6}.qc{color:#a40000}@media print{body{margin:0}tr{page-break-inside:avoid}}")
          .Append("\n</style>\n</head>\n<body>\n<h1>").Append(E(labels.Title)).Append("</h1>\n<table class=\"hdr\">\n");
        foreach (var (label, value) in ReportTable.HeaderFields(report.Header, labels))
        {
            sb.Append("<tr><td class=\"l\">").Append(E(label)).Append("</td><td>").Append(E(value)).Append("</td></tr>\n");
        }

        sb.Append("</table>\n<p>").Append(report.Takes.Count).Append(' ').Append(E(labels.Takes)).Append("</p>\n<table class=\"takes\">\n<thead><tr>");
        foreach (var h in ReportTable.Headings(labels))
        {
            sb.Append("<th>").Append(E(h)).Append("</th>");
        }

        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var t in report.Takes)
        {
            var cells = ReportTable.Cells(t, labels);
            sb.Append(t.Circled ? "<tr class=\"circled\">" : "<tr>");
            for (var i = 0; i < cells.Length; i++)
            {
                var cell = E(cells[i]);
                if (i == 3 && t.Circled)
                {
                    // Takes are circled on paper reports; the take number gets the circle here too.
                    cell = "<span class=\"circ\">" + cell + "</span>";
                }

                sb.Append(i == cells.Length - 1 ? "<td class=\"qc\">" : "<td>").Append(cell).Append("</td>");
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</tbody>\n</table>\n");
        if (report.Findings.Count > 0)
        {
            sb.Append("<h2>").Append(E(labels.Findings)).Append("</h2>\n<ul>\n");
            foreach (var f in report.Findings)
            {
                sb.Append("<li>").Append(E(f)).Append("</li>\n");
            }

            sb.Append("</ul>\n");
        }

        if (report.Unreadable.Count > 0)
        {
            sb.Append("<h2>").Append(E(labels.Unreadable)).Append("</h2>\n<ul>\n");
            foreach (var u in report.Unreadable)
            {
                sb.Append("<li>").Append(E(u.RelativePath)).Append(": ").Append(E(u.Problem)).Append("</li>\n");
            }

            sb.Append("</ul>\n");
        }

        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>Writes the HTML file (temp + rename).</summary>
    public static void WriteFile(SoundReport report, ReportLabels labels, string path) => AtomicFile.Write(path, Encoding.UTF8.GetBytes(Write(report, labels)));
}
