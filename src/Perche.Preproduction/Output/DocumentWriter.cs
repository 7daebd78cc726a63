using System.Text.Json;
using System.Text.Json.Nodes;
using Perche.Core;
using Perche.Preproduction.Breakdown;
using Perche.Preproduction.Plan;

namespace Perche.Preproduction.Output;

/// <summary>Writes the breakdown and plan documents in the requested formats, each file atomically.</summary>
public static class DocumentWriter
{
    /// <summary>The formats understood by --format.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["html", "pdf", "csv", "json"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Parses "html,pdf" into a checked list.</summary>
    public static IReadOnlyList<string> ParseFormats(string? text, IReadOnlyList<string> defaults)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return defaults;
        }

        var list = new List<string>();
        foreach (var f in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lower = f.ToLowerInvariant();
            if (!Formats.Contains(lower))
            {
                throw PercheFormatException.ForInput("--format", $"unknown format '{f}'; expected {string.Join(", ", Formats)}");
            }

            if (!list.Contains(lower))
            {
                list.Add(lower);
            }
        }

        return list;
    }

    /// <summary>Writes the breakdown files; returns their paths.</summary>
    public static List<string> WriteBreakdown(SoundBreakdown b, string directory, IReadOnlyList<string> formats)
    {
        var stem = Path.GetFileNameWithoutExtension(b.Script.InputName) + (b.Language == Screenplay.ScriptLanguage.French ? ".depouillement" : ".breakdown");
        return Write(directory, stem, formats, () => BreakdownReport.Document(b), () => BreakdownReport.Csv(b), () => BreakdownReport.Json(b));
    }

    /// <summary>Writes the plan files; returns their paths.</summary>
    public static List<string> WritePlan(ProductionPlan p, string directory, IReadOnlyList<string> formats)
    {
        var stem = Path.GetFileNameWithoutExtension(p.Breakdown.Script.InputName) + (p.Breakdown.Language == Screenplay.ScriptLanguage.French ? ".plan-son" : ".sound-plan");
        return Write(directory, stem, formats, () => PlanReport.Document(p), () => PlanReport.Csv(p), () => PlanReport.Json(p));
    }

    /// <summary>JSON text with readable accents.</summary>
    public static string ToJson(JsonNode node) => node.ToJsonString(Indented);

    private static List<string> Write(string directory, string stem, IReadOnlyList<string> formats, Func<ReportDocument> document, Func<string> csv, Func<JsonObject> json)
    {
        var written = new List<string>();
        foreach (var format in formats)
        {
            var path = Path.Combine(directory, stem + "." + format);
            switch (format)
            {
                case "html":
                    AtomicFile.WriteText(path, document().ToHtml());
                    break;
                case "pdf":
                    var doc = document();
                    AtomicFile.Write(path, s => PdfRenderer.Render(doc, s));
                    break;
                case "csv":
                    AtomicFile.WriteText(path, csv());
                    break;
                case "json":
                    AtomicFile.WriteText(path, ToJson(json()) + "\n");
                    break;
            }

            written.Add(path);
        }

        return written;
    }
}
