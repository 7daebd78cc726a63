using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Perche.Preproduction.Breakdown;
using Perche.Preproduction.Screenplay;

namespace Perche.Preproduction.Output;

/// <summary>The breakdown as documents: HTML/PDF (per scene, per category, shoot lists), CSV and JSON.</summary>
public static class BreakdownReport
{
    /// <summary>The document: scenes, categories, wild tracks and room tones, ADR risks, Foley pre-spot, review list.</summary>
    public static ReportDocument Document(SoundBreakdown b)
    {
        var l = b.Language;
        var fr = l == ScriptLanguage.French;
        var s = b.Script;
        var doc = new ReportDocument(
            (fr ? "Dépouillement son — " : "Sound breakdown — ") + s.Title,
            string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(s.InputName)} · {s.Scenes.Count} {(fr ? "séquences" : "scenes")} · {s.LengthPages:F1} pages · {(fr ? "français" : "English")}"),
            fr ? "fr" : "en");

        var overview = new ReportSection(fr ? "Synthèse par catégorie" : "Summary by category");
        var summary = new ReportTable(fr ? "Catégorie" : "Category", fr ? "Éléments" : "Items", fr ? "Séquences" : "Scenes");
        foreach (var group in b.AllListed.GroupBy(i => i.Category).OrderBy(g => g.Key))
        {
            summary.Add(Names.Of(group.Key, l), group.Count().ToString(CultureInfo.InvariantCulture), string.Join(", ", group.Select(i => i.SceneNumber).Distinct()));
        }

        overview.Tables.Add(summary);
        doc.Sections.Add(overview);

        doc.Sections.Add(new ReportSection(fr ? "Par séquence" : "By scene"));
        foreach (var scene in b.Scenes)
        {
            var sc = scene.Scene;
            var section = new ReportSection($"{sc.Number}. {(sc.IsOpening ? (fr ? "(ouverture, avant le premier en-tête)" : "(opening, before the first heading)") : sc.Heading.Text)}", 2);
            section.Paragraphs.Add(MicLine(scene, fr));
            var table = new ReportTable(fr ? "Catégorie" : "Category", fr ? "Son" : "Sound", fr ? "Obtention" : "Acquisition", fr ? "Confiance" : "Confidence", fr ? "Indice (ligne : texte)" : "Evidence (line: text)", fr ? "Raison" : "Reason");
            foreach (var item in b.Listed(scene))
            {
                table.Add(Names.Of(item.Category, l), item.Label + (item.Surface is { } surf ? $" [{surf}]" : string.Empty) + (item.AdrRisk ? (fr ? " ⚠ post-synchro" : " ⚠ ADR") : string.Empty),
                    Names.Of(item.Acquisition, l), item.Confidence.ToString("0.00", CultureInfo.InvariantCulture), EvidenceText(item), item.Reason);
            }

            section.Tables.Add(table);
            doc.Sections.Add(section);
        }

        var perCategory = new ReportSection(fr ? "Par catégorie" : "By category");
        foreach (var group in b.AllListed.GroupBy(i => i.Category).OrderBy(g => g.Key))
        {
            var t = new ReportTable(Names.Of(group.Key, l), fr ? "Séquence" : "Scene", fr ? "Obtention" : "Acquisition");
            foreach (var item in group)
            {
                t.Add(item.Label, item.SceneNumber, Names.Of(item.Acquisition, l));
            }

            perCategory.Tables.Add(t);
        }

        doc.Sections.Add(perCategory);

        var wild = new ReportSection(fr ? "Sons seuls et ambiances plateau à enregistrer au tournage" : "Wild tracks and room tones to record on set");
        var wt = new ReportTable(fr ? "Séquence" : "Scene", fr ? "Lieu" : "Place", fr ? "Son" : "Sound", fr ? "Obtention" : "Acquisition");
        foreach (var scene in b.Scenes)
        {
            foreach (var item in b.Listed(scene).Where(i => i.Acquisition is Acquisition.WildTrackOnSet or Acquisition.RoomToneOnSet))
            {
                wt.Add(scene.Scene.Number, scene.Scene.Heading.Place, item.Label, Names.Of(item.Acquisition, l));
            }
        }

        wild.Tables.Add(wt);
        doc.Sections.Add(wild);

        var adr = new ReportSection(fr ? "Risques de post-synchronisation et voix off" : "ADR risks and voice-over");
        var at = new ReportTable(fr ? "Séquence" : "Scene", fr ? "Personnage" : "Character", fr ? "Raison" : "Reason");
        foreach (var item in b.AllListed.Where(i => i.AdrRisk || i.Category == SoundCategory.VoiceOver))
        {
            at.Add(item.SceneNumber, item.Character ?? item.Label, item.Reason);
        }

        adr.Tables.Add(at);
        doc.Sections.Add(adr);

        var foley = new ReportSection(fr ? "Pré-repérage bruitage" : "Foley pre-spot");
        var ft = new ReportTable(fr ? "Séquence" : "Scene", fr ? "Bruitage" : "Foley", fr ? "Indice" : "Evidence");
        foreach (var item in b.AllListed.Where(i => i.Category == SoundCategory.Foley))
        {
            ft.Add(item.SceneNumber, item.Label + (item.Surface is { } surf ? $" ({surf})" : string.Empty), EvidenceText(item));
        }

        foley.Tables.Add(ft);
        doc.Sections.Add(foley);

        var review = b.ToReview.ToList();
        if (review.Count > 0)
        {
            var rs = new ReportSection(fr ? "À vérifier (confiance faible)" : "To review (low confidence)");
            var rt = new ReportTable(fr ? "Séquence" : "Scene", fr ? "Son" : "Sound", fr ? "Confiance" : "Confidence", fr ? "Détection" : "Detection");
            foreach (var item in review)
            {
                rt.Add(item.SceneNumber, item.Label, item.Confidence.ToString("0.00", CultureInfo.InvariantCulture), item.Detection);
            }

            rs.Tables.Add(rt);
            doc.Sections.Add(rs);
        }

        return doc;
    }

    /// <summary>One CSV row per listed item (RFC 4180 quoting), for a spreadsheet.</summary>
    public static string Csv(SoundBreakdown b)
    {
        var sb = new StringBuilder();
        sb.Append("scene,heading,category,key,label,acquisition,confidence,adrRisk,surface,line,evidence,reason,detection\r\n");
        foreach (var scene in b.Scenes)
        {
            foreach (var i in b.Listed(scene))
            {
                var ev = i.Evidence.Count > 0 ? i.Evidence[0] : null;
                Row(sb, scene.Scene.Number, scene.Scene.Heading.Text, Names.Json(i.Category), i.Key, i.Label, Names.Json(i.Acquisition),
                    i.Confidence.ToString("0.00", CultureInfo.InvariantCulture), i.AdrRisk ? "yes" : "no", i.Surface ?? string.Empty,
                    ev?.Line.ToString(CultureInfo.InvariantCulture) ?? string.Empty, ev?.Text ?? string.Empty, i.Reason, i.Detection);
            }
        }

        return sb.ToString();
    }

    /// <summary>The full breakdown as JSON (every item, with evidence spans and the review ones flagged).</summary>
    public static JsonObject Json(SoundBreakdown b)
    {
        var scenes = new JsonArray();
        foreach (var scene in b.Scenes)
        {
            var items = new JsonArray();
            foreach (var i in scene.Items.Where(x => !x.Rejected))
            {
                var evidence = new JsonArray();
                foreach (var e in i.Evidence)
                {
                    evidence.Add(new JsonObject
                    {
                        ["source"] = Names.Json(e.Source), ["text"] = e.Text, ["line"] = e.Line, ["element"] = e.ElementIndex, ["start"] = e.Start, ["length"] = e.Length,
                    });
                }

                items.Add(new JsonObject
                {
                    ["key"] = i.Key,
                    ["category"] = Names.Json(i.Category),
                    ["label"] = i.Label,
                    ["acquisition"] = Names.Json(i.Acquisition),
                    ["confidence"] = Math.Round(i.Confidence, 2),
                    ["listed"] = i.Confidence >= b.MinimumConfidence || i.EditedByUser,
                    ["reason"] = i.Reason,
                    ["detection"] = i.Detection,
                    ["character"] = i.Character,
                    ["delivery"] = i.Delivery is { } d ? Names.Json(d) : null,
                    ["adrRisk"] = i.AdrRisk,
                    ["surface"] = i.Surface,
                    ["editedByUser"] = i.EditedByUser,
                    ["evidence"] = evidence,
                });
            }

            var sc = scene.Scene;
            scenes.Add(new JsonObject
            {
                ["number"] = sc.Number,
                ["heading"] = sc.Heading.Text,
                ["setting"] = Names.Json(sc.Heading.Setting),
                ["place"] = sc.Heading.Place,
                ["timeOfDay"] = Names.Json(sc.Heading.TimeOfDay),
                ["weather"] = Names.Json(sc.Heading.Weather),
                ["line"] = sc.Line,
                ["lengthPages"] = Math.Round(sc.LengthPages, 2),
                ["isOpening"] = sc.IsOpening,
                ["mics"] = new JsonObject
                {
                    ["booms"] = scene.Mics.Booms,
                    ["wireless"] = new JsonArray(scene.Mics.Wireless.Select(w => (JsonNode)JsonValue.Create(w)!).ToArray()),
                    ["plantMics"] = scene.Mics.PlantMics,
                    ["stereoPair"] = scene.Mics.StereoPair,
                    ["notes"] = new JsonArray(scene.Mics.Notes.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
                },
                ["items"] = items,
            });
        }

        return new JsonObject
        {
            ["script"] = b.Script.InputName,
            ["title"] = b.Script.Title,
            ["language"] = b.Language == ScriptLanguage.French ? "fr" : "en",
            ["minimumConfidence"] = b.MinimumConfidence,
            ["sceneCount"] = b.Scenes.Count,
            ["lengthPages"] = Math.Round(b.Script.LengthPages, 2),
            ["listedItems"] = b.AllListed.Count(),
            ["itemsToReview"] = b.ToReview.Count(),
            ["maxWireless"] = b.MaxWireless,
            ["scenes"] = scenes,
        };
    }

    /// <summary>"boom 1, wireless: MARIE, PAUL; 2 plant mics; stereo pair".</summary>
    public static string MicLine(SceneBreakdown scene, bool fr)
    {
        var m = scene.Mics;
        var parts = new List<string>
        {
            (fr ? "perche " : "boom ") + m.Booms.ToString(CultureInfo.InvariantCulture),
            (fr ? "HF : " : "wireless: ") + (m.WirelessCount == 0 ? "-" : string.Join(", ", m.Wireless)),
        };
        if (m.PlantMics > 0)
        {
            parts.Add(m.PlantMics.ToString(CultureInfo.InvariantCulture) + (fr ? " micros plantés" : " plant mics"));
        }

        if (m.StereoPair)
        {
            parts.Add(fr ? "couple stéréo (sons seuls)" : "stereo pair (wild tracks)");
        }

        var line = (fr ? "Micros : " : "Mics: ") + string.Join("; ", parts);
        return m.Notes.Count > 0 ? line + ". " + string.Join(" ", m.Notes) : line;
    }

    private static string EvidenceText(SoundItem item)
    {
        if (item.Evidence.Count == 0)
        {
            return string.Empty;
        }

        var e = item.Evidence[0];
        var more = item.Evidence.Count > 1 ? $" (+{item.Evidence.Count - 1})" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{e.Line}: \u201C{e.Text}\u201D{more}");
    }

    internal static void Row(StringBuilder sb, params string[] cells)
    {
        for (var c = 0; c < cells.Length; c++)
        {
            if (c > 0)
            {
                sb.Append(',');
            }

            var v = cells[c];
            if (v.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                sb.Append('"').Append(v.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                sb.Append(v);
            }
        }

        sb.Append("\r\n");
    }
}
