using System.Globalization;
using System.Text;
using System.Text.Json;
using Perche.Delivery.Compliance;
using Perche.Delivery.Processing;

namespace Perche.Delivery.Reports;

/// <summary>
/// Writes the QC report of each delivered PCM file (master and fold-downs) beside it: a self-contained HTML page
/// (inline SVG plot, no external file), a PDF (PDFsharp) and the JSON. Compressed outputs appear in the master's
/// report, per-channel mono files in the report of the file they were split from. Each file is written under a temporary name and renamed.
/// </summary>
public static class QcReportWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the reports of every PCM file of <paramref name="result"/>.</summary>
    public static void WriteAll(DeliveryResult result, string language)
    {
        ArgumentNullException.ThrowIfNull(result);
        var lang = ReportText.IsSupported(language) ? language : "en";
        foreach (var file in result.Files.Where(f => f.Kind != "channel" && (f.Analysis.BitDepth is not null || f.Kind is "master" or "loro" or "ltrt")))
        {
            // The master's report lists the compressed outputs; every interleaved file's report lists its mono files.
            var encoded = file.Kind == "master" ? result.Files.Where(f => f.Kind is not ("master" or "loro" or "ltrt" or "channel")).ToList() : [];
            encoded.AddRange(result.Files.Where(f => f.Kind == "channel" && f.ParentPath == file.Path));
            var basePath = Path.ChangeExtension(file.Path, null) + ".qc";
            var html = basePath + ".html";
            AtomicWrite(html, Encoding.UTF8.GetBytes(Html(result, file, encoded, lang)));
            file.Reports.Add(html);
            var json = basePath + ".json";
            var node = ReportJson.File(file);
            node["profile"] = result.Profile.Id;
            node["tool"] = DeliveryEngine.ToolVersion;
            node["encodedOutputs"] = new System.Text.Json.Nodes.JsonArray([.. encoded.Select(e => (System.Text.Json.Nodes.JsonNode?)ReportJson.File(e))]);
            AtomicWrite(json, Encoding.UTF8.GetBytes(node.ToJsonString(Indented)));
            file.Reports.Add(json);
            var pdf = basePath + ".pdf";
            if (PdfReport.TryWrite(result, file, encoded, lang, pdf, out var error))
            {
                file.Reports.Add(pdf);
            }
            else
            {
                result.Errors.Add($"PDF report not written: {error}");
            }
        }
    }

    /// <summary>The HTML report of one delivered file.</summary>
    public static string Html(DeliveryResult result, DeliveredFile file, IReadOnlyList<DeliveredFile> encoded, string language)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(encoded);
        string T(string key) => Esc(ReportText.Get(key, language));
        string E(string s) => Esc(s);
        var inv = CultureInfo.InvariantCulture;
        var a = file.Analysis;
        var (_, target, tol, _) = ComplianceChecker.ProgrammeLevel(a, result.Profile);
        var chartTarget = result.Profile.Method.Value is Profiles.MeasurementMethod.Bs1770 or Profiles.MeasurementMethod.DialogueGated ? target : double.NaN;
        var chart = new LoudnessChart(a.Meter.GetSeries(), a.Meter.IntegratedLufs, chartTarget, tol);
        var sb = new StringBuilder();
        sb.Append(inv, $"<!DOCTYPE html><html lang=\"{language}\"><head><meta charset=\"utf-8\"><title>{T("title")} — {E(Path.GetFileName(file.Path))}</title>");
        sb.Append("<style>body{font-family:sans-serif;margin:24px;color:#222;max-width:1100px}table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top;font-size:13px}th{background:#eee}.Pass{color:#1b5e20;font-weight:bold}.Fail{color:#b71c1c;font-weight:bold}.Warn{color:#e65100;font-weight:bold}.Info{color:#555}.src{font-size:11px;color:#555}.verdict{font-size:22px;padding:6px 12px;display:inline-block;border:2px solid}</style></head><body>");
        sb.Append(inv, $"<h1>{T("title")}</h1>");
        sb.Append(inv, $"<p class=\"verdict {file.Verdict}\">{T("verdict")}: {T(file.Verdict.ToString())}</p>");
        sb.Append("<table>");
        Row(sb, T("file"), E(file.Path));
        Row(sb, T("profile"), $"{E(result.Profile.Name)} (<code>{E(result.Profile.Id)}</code>)");
        Row(sb, T("medium"), E(result.Profile.Medium));
        Row(sb, T("format"), E($"{a.Encoding}, {a.SampleRateHz} Hz, {a.Layout.Name}"));
        Row(sb, T("duration"), E(LoudnessChart.FormatTime(a.DurationSeconds)));
        Row(sb, T("source"), E($"{result.Source.Path} ({result.Source.Encoding}, {result.Source.SampleRateHz} Hz, {result.Source.Layout.Name}; I = {ComplianceChecker.F(result.Source.Meter.IntegratedLufs)} LUFS, TP = {ComplianceChecker.F(result.Source.Meter.MaxTruePeakDbtp)} dBTP)"));
        Row(sb, T("tool"), E(DeliveryEngine.ToolVersion));
        Row(sb, T("date"), E(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", inv)));
        sb.Append("</table>");
        sb.Append(inv, $"<h2>{T("plot")}</h2>").Append(chart.ToSvg(1000, 320, language));
        CriteriaTable(sb, file.Criteria, language);
        sb.Append(inv, $"<h2>{T("channels")}</h2><table><tr>");
        foreach (var c in a.Channels)
        {
            sb.Append(inv, $"<th>{E(c.Name)}</th>");
        }

        sb.Append("</tr><tr>");
        foreach (var c in a.Channels)
        {
            sb.Append(inv, $"<td>{ComplianceChecker.F(c.TruePeakDbtp)} dBTP</td>");
        }

        sb.Append("</tr></table>");
        sb.Append(inv, $"<h2>{T("processing")}</h2><ul>");
        foreach (var p in file.Processing)
        {
            sb.Append(inv, $"<li>{E(p)}</li>");
        }

        sb.Append("</ul>");
        if (encoded.Count > 0)
        {
            sb.Append(inv, $"<h2>{T("outputs")}</h2>");
            foreach (var e in encoded)
            {
                sb.Append(inv, $"<h3>{E(Path.GetFileName(e.Path))} — <span class=\"{e.Verdict}\">{T(e.Verdict.ToString())}</span></h3><p>{E(string.Join("; ", e.Processing))}</p>");
                CriteriaTable(sb, e.Criteria, language);
            }
        }

        if (result.Profile.Method.Value == Profiles.MeasurementMethod.DialogueGated)
        {
            sb.Append(inv, $"<p class=\"src\">{T("dialogueNote")}</p>");
        }

        sb.Append("</body></html>");
        return sb.ToString();
    }

    internal static void AtomicWrite(string path, byte[] bytes)
    {
        var temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var f = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                f.Write(bytes);
                f.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static void CriteriaTable(StringBuilder sb, IReadOnlyList<Criterion> criteria, string language)
    {
        string T(string key) => Esc(ReportText.Get(key, language));
        string E(string s) => Esc(s);
        sb.Append(CultureInfo.InvariantCulture, $"<table><tr><th>{T("criterion")}</th><th>{T("measured")}</th><th>{T("required")}</th><th>{T("verdict")}</th><th>{T("sourceCitation")}</th></tr>");
        foreach (var c in criteria)
        {
            var src = c.Source.Length == 0 ? string.Empty : $"{E(c.Source)} <em>({T(c.Confirmed ? "confirmed" : "unconfirmed")})</em>";
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{T(c.Id)}</td><td>{E(c.MeasuredText)} {E(c.Unit)}</td><td>{E(c.Requirement)}</td><td class=\"{c.Verdict}\">{T(c.Verdict.ToString())}</td><td class=\"src\">{src}</td></tr>");
        }

        sb.Append("</table>");
    }

    // Escapes markup only; accented letters stay as they are (the page is UTF-8).
    private static string Esc(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    private static void Row(StringBuilder sb, string key, string valueHtml) => sb.Append(CultureInfo.InvariantCulture, $"<tr><th>{key}</th><td>{valueHtml}</td></tr>");
}
