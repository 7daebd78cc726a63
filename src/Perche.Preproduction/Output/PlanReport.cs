using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Perche.Preproduction.Plan;
using Perche.Preproduction.Screenplay;

namespace Perche.Preproduction.Output;

/// <summary>The plan as documents: needs, budget and workflow sheet (HTML/PDF), CSV budget lines and JSON.</summary>
public static class PlanReport
{
    /// <summary>Amount with two decimals and the currency.</summary>
    public static string Money(double amount, string currency) => amount.ToString("N2", CultureInfo.InvariantCulture) + " " + currency;

    /// <summary>The document.</summary>
    public static ReportDocument Document(ProductionPlan p)
    {
        var fr = p.Breakdown.Language == ScriptLanguage.French;
        var s = p.Breakdown.Script;
        var doc = new ReportDocument(
            (fr ? "Besoins, budget et workflow son — " : "Sound needs, budget and workflow — ") + s.Title,
            string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(s.InputName)} · {p.RuntimeMinutes:F0} min · {p.ShootingDays} {(fr ? "jours de tournage" : "shooting days")} ({p.ShootingDaysSource}) · {(fr ? "tarifs" : "rates")}: {p.Rates.Source}"),
            fr ? "fr" : "en");
        var needs = new ReportSection(fr ? "Besoins" : "Needs");
        needs.Paragraphs.Add(fr
            ? $"{p.WirelessChannels} canaux HF ({p.Breakdown.MaxWireless} personnages à l'image simultanément au plus, + 1 de secours) ; 2e assistant {p.SecondAssistantDays} jour(s) ; {p.AdrLines} répliques probablement en post-synchro ou voix off."
            : $"{p.WirelessChannels} wireless channels (at most {p.Breakdown.MaxWireless} speakers on screen at once, + 1 spare); 2nd assistant {p.SecondAssistantDays} day(s); {p.AdrLines} lines likely in ADR or voice-over.");
        doc.Sections.Add(needs);
        foreach (var (title, lines) in new[] { (fr ? "Équipe" : "Crew", p.Crew), (fr ? "Matériel (location par jour de tournage)" : "Gear (rental per shooting day)", p.Gear), (fr ? "Post-production" : "Post-production", p.Post) })
        {
            var section = new ReportSection(title);
            var t = new ReportTable(fr ? "Poste" : "Item", fr ? "Quantité" : "Quantity", fr ? "Jours" : "Days", fr ? "Tarif jour" : "Day rate", fr ? "Montant" : "Amount");
            foreach (var l in lines)
            {
                t.Add(l.Label, l.Quantity.ToString(CultureInfo.InvariantCulture), l.Days.ToString("0.#", CultureInfo.InvariantCulture), Money(l.RatePerDay, p.Rates.Currency), Money(l.Amount, p.Rates.Currency));
            }

            t.Add(fr ? "Sous-total" : "Subtotal", string.Empty, string.Empty, string.Empty, Money(lines.Sum(l => l.Amount), p.Rates.Currency));
            section.Tables.Add(t);
            doc.Sections.Add(section);
        }

        var total = new ReportSection(fr ? "Total" : "Total");
        total.Paragraphs.Add((fr ? "Total hors taxes et charges sociales : " : "Total excluding VAT and social charges: ") + Money(p.Total, p.Rates.Currency));
        doc.Sections.Add(total);

        var w = p.Workflow;
        var wf = new ReportSection(fr ? "Fiche workflow" : "Workflow sheet");
        var wt = new ReportTable(fr ? "Paramètre" : "Setting", fr ? "Valeur" : "Value");
        wt.Add(fr ? "Fréquence d'échantillonnage" : "Sample rate", string.Create(CultureInfo.InvariantCulture, $"{w.SampleRateHz / 1000.0:0.#} kHz"));
        wt.Add(fr ? "Résolution" : "Bit depth", $"{w.BitDepth} ({w.BitDepthReason})");
        wt.Add(fr ? "Timecode" : "Timecode", $"{w.TimecodeRate} ({(fr ? "cadence image" : "picture rate")})");
        wt.Add(fr ? "Fichiers" : "Files", w.FileLayout);
        wt.Add(fr ? "Nommage" : "File naming", w.FileNaming);
        wt.Add(fr ? "Sauvegardes" : "Backups", $"{w.BackupCopies} {(fr ? "copies" : "copies")} — {w.BackupPolicy}");
        foreach (var (profile, target) in w.Deliveries)
        {
            wt.Add((fr ? "Livraison " : "Delivery ") + profile, target);
        }

        wf.Tables.Add(wt);
        doc.Sections.Add(wf);

        var mics = new ReportSection(fr ? "Plan micros par séquence" : "Microphone plan per scene");
        var mt = new ReportTable(fr ? "Séquence" : "Scene", fr ? "En-tête" : "Heading", fr ? "Micros" : "Mics");
        foreach (var scene in p.Breakdown.Scenes)
        {
            mt.Add(scene.Scene.Number, scene.Scene.Heading.Text, BreakdownReport.MicLine(scene, fr));
        }

        mics.Tables.Add(mt);
        doc.Sections.Add(mics);
        return doc;
    }

    /// <summary>The budget lines as CSV.</summary>
    public static string Csv(ProductionPlan p)
    {
        var sb = new StringBuilder("section,key,label,quantity,days,ratePerDay,amount,currency\r\n");
        foreach (var l in p.Crew.Concat(p.Gear).Concat(p.Post))
        {
            BreakdownReport.Row(sb, l.Section, l.Key, l.Label, l.Quantity.ToString(CultureInfo.InvariantCulture), l.Days.ToString(CultureInfo.InvariantCulture),
                l.RatePerDay.ToString("0.00", CultureInfo.InvariantCulture), l.Amount.ToString("0.00", CultureInfo.InvariantCulture), p.Rates.Currency);
        }

        return sb.ToString();
    }

    /// <summary>The plan as JSON.</summary>
    public static JsonObject Json(ProductionPlan p)
    {
        static JsonArray Lines(IEnumerable<PlanLine> lines) => new(lines.Select(l => (JsonNode)new JsonObject
        {
            ["key"] = l.Key, ["label"] = l.Label, ["quantity"] = l.Quantity, ["days"] = l.Days, ["ratePerDay"] = l.RatePerDay, ["amount"] = Math.Round(l.Amount, 2),
        }).ToArray());
        var w = p.Workflow;
        return new JsonObject
        {
            ["script"] = p.Breakdown.Script.InputName,
            ["runtimeMinutes"] = p.RuntimeMinutes,
            ["shootingDays"] = p.ShootingDays,
            ["shootingDaysSource"] = p.ShootingDaysSource,
            ["secondAssistantDays"] = p.SecondAssistantDays,
            ["wirelessChannels"] = p.WirelessChannels,
            ["adrLines"] = p.AdrLines,
            ["currency"] = p.Rates.Currency,
            ["rates"] = p.Rates.Source,
            ["crew"] = Lines(p.Crew),
            ["gear"] = Lines(p.Gear),
            ["post"] = Lines(p.Post),
            ["total"] = Math.Round(p.Total, 2),
            ["workflow"] = new JsonObject
            {
                ["sampleRateHz"] = w.SampleRateHz,
                ["bitDepth"] = w.BitDepth,
                ["timecodeRate"] = w.TimecodeRate.ToString(),
                ["recorderTracks"] = w.RecorderTracks,
                ["fileLayout"] = w.FileLayout,
                ["fileNaming"] = w.FileNaming,
                ["backupCopies"] = w.BackupCopies,
                ["deliveries"] = new JsonArray(w.Deliveries.Select(d => (JsonNode)new JsonObject { ["profile"] = d.Profile, ["target"] = d.Target }).ToArray()),
            },
        };
    }
}
