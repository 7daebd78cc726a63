using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Perche.Production.Hashing;
using Perche.Production.Report;

namespace Perche.Production.Offload;

/// <summary>The offload report: per file and destination, the digests and the verification, with throughput.</summary>
public static class OffloadReportWriter
{
    /// <summary>One line: "12 files, 3.21 GiB read once, written to 2 destinations and verified in 41.2 s (79.8 MB/s)".</summary>
    public static string Summary(OffloadResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var ok = r.Destinations.Count(d => d.Verified);
        return string.Create(CultureInfo.InvariantCulture,
            $"{r.Files.Count} files, {OffloadEngine.FormatBytes(r.BytesRead)} read once, written to {r.Destinations.Count} destination(s), {ok} verified, in {r.ElapsedSeconds:F1} s ({r.ThroughputBytesPerSecond / 1e6:F1} MB/s of source)");
    }

    /// <summary>The report as JSON.</summary>
    public static JsonObject ToJson(OffloadResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new JsonObject
        {
            ["source"] = r.Source,
            ["passed"] = r.Passed,
            ["hashes"] = new JsonArray([.. r.Kinds.Select(k => (JsonNode?)HashKinds.Name(k))]),
            ["sourceHadHistory"] = r.SourceHadHistory,
            ["bytesRead"] = r.BytesRead,
            ["bytesWritten"] = r.BytesWritten,
            ["elapsedSeconds"] = Math.Round(r.ElapsedSeconds, 3),
            ["throughputMegabytesPerSecond"] = Math.Round(r.ThroughputBytesPerSecond / 1e6, 1),
            ["destinations"] = new JsonArray([.. r.Destinations.Select(d => (JsonNode?)new JsonObject
            {
                ["root"] = d.Root, ["verified"] = d.Verified, ["unbufferedCopies"] = d.UnbufferedCopies, ["generation"] = d.GenerationPath, ["error"] = d.Error,
            })]),
            ["files"] = new JsonArray([.. r.Files.Select(f => (JsonNode?)new JsonObject
            {
                ["path"] = f.Path,
                ["sizeBytes"] = f.SizeBytes,
                ["digests"] = new JsonObject(f.Digests.Select(d => KeyValuePair.Create(HashKinds.Name(d.Key), (JsonNode?)d.Value))),
                ["status"] = new JsonArray([.. f.Status.Select(s => (JsonNode?)s.ToString().ToLowerInvariant())]),
                ["problems"] = new JsonArray([.. f.Problems.Select(p => (JsonNode?)p)]),
            })]),
        };
    }

    /// <summary>Writes the JSON report.</summary>
    public static void WriteJson(OffloadResult r, string path) =>
        AtomicFile.Write(path, Encoding.UTF8.GetBytes(ToJson(r).ToJsonString(new JsonSerializerOptions { WriteIndented = true })));

    /// <summary>Writes the CSV report: one row per file, a status column per destination.</summary>
    public static void WriteCsv(OffloadResult r, string path)
    {
        ArgumentNullException.ThrowIfNull(r);
        var sb = new StringBuilder();
        var head = new List<string> { "file", "size_bytes" };
        head.AddRange(r.Kinds.Select(HashKinds.Name));
        head.AddRange(r.Destinations.Select(d => d.Root));
        head.Add("problems");
        sb.AppendJoin(',', head.Select(CsvReportWriter.Escape)).Append("\r\n");
        foreach (var f in r.Files)
        {
            var row = new List<string> { f.Path, f.SizeBytes.ToString(CultureInfo.InvariantCulture) };
            row.AddRange(r.Kinds.Select(k => f.Digests.TryGetValue(k, out var d) ? d : string.Empty));
            row.AddRange(f.Status.Select(s => s.ToString().ToLowerInvariant()));
            row.Add(string.Join("; ", f.Problems));
            sb.AppendJoin(',', row.Select(CsvReportWriter.Escape)).Append("\r\n");
        }

        sb.Append(CsvReportWriter.Escape(Summary(r))).Append("\r\n");
        AtomicFile.Write(path, Encoding.UTF8.GetBytes(sb.ToString()));
    }

    /// <summary>Writes a one-page-per-60-files PDF of the report.</summary>
    public static void WritePdf(OffloadResult r, string path)
    {
        ArgumentNullException.ThrowIfNull(r);
        PdfReportWriter.EnsureFonts();
        AtomicFile.Write(path, stream =>
        {
            using var doc = new PdfDocument();
            doc.Info.Title = "Offload report " + Path.GetFileName(r.Source);
            var font = new XFont("Segoe WP", 7.5, XFontStyleEx.Regular);
            var bold = new XFont("Segoe WP", 11, XFontStyleEx.Bold);
            var lines = new List<string> { "Source: " + r.Source };
            lines.AddRange(r.Destinations.Select(d => $"→ {d.Root}: {(d.Verified ? "verified" : "FAILED " + d.Error)}  {Path.GetFileName(d.GenerationPath ?? string.Empty)}"));
            lines.Add(Summary(r));
            lines.Add(string.Empty);
            lines.AddRange(r.Files.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Path}  {f.SizeBytes:N0} B  {string.Join(" ", f.Digests.Select(d => HashKinds.Name(d.Key) + ":" + d.Value))}  [{string.Join(", ", f.Status)}]{(f.Problems.Count > 0 ? "  " + string.Join("; ", f.Problems) : string.Empty)}")));
            var i = 0;
            while (i < lines.Count)
            {
                var page = doc.AddPage();
                page.Size = PdfSharp.PageSize.A4;
                page.Orientation = PdfSharp.PageOrientation.Landscape;
                using var g = XGraphics.FromPdfPage(page);
                g.DrawString("Offload report — " + Path.GetFileName(r.Source), bold, XBrushes.Black, new XPoint(28, 40));
                var y = 60.0;
                while (i < lines.Count && y < page.Height.Point - 30)
                {
                    g.DrawString(lines[i++], font, XBrushes.Black, new XPoint(28, y));
                    y += 9.5;
                }
            }

            doc.Save(stream, closeStream: false);
        });
    }
}
