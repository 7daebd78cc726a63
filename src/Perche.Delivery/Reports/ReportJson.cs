using System.Text.Json.Nodes;
using Perche.Delivery.Analysis;
using Perche.Delivery.Compliance;
using Perche.Delivery.Processing;
using Perche.Delivery.Profiles;

namespace Perche.Delivery.Reports;

/// <summary>The machine-readable form of checks and deliveries (the CLI's --json and the .qc.json reports).</summary>
public static class ReportJson
{
    /// <summary>A number for JSON: null when not finite.</summary>
    public static JsonNode? Number(double? value, int decimals = 2) =>
        value is { } v && double.IsFinite(v) ? JsonValue.Create(Math.Round(v, decimals)) : null;

    /// <summary>A check's result.</summary>
    public static JsonObject Check(ProgrammeAnalysis a, IReadOnlyList<Criterion> criteria, DeliveryProfile profile)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(profile);
        return new JsonObject
        {
            ["file"] = Analysis(a),
            ["profile"] = profile.Id,
            ["verdict"] = ComplianceChecker.Overall(criteria).ToString().ToLowerInvariant(),
            ["criteria"] = Criteria(criteria),
        };
    }

    /// <summary>A delivery's result.</summary>
    public static JsonObject Delivery(DeliveryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new JsonObject
        {
            ["tool"] = DeliveryEngine.ToolVersion,
            ["profile"] = result.Profile.Id,
            ["profileName"] = result.Profile.Name,
            ["verdict"] = result.Verdict.ToString().ToLowerInvariant(),
            ["source"] = Analysis(result.Source),
            ["sourceCriteria"] = Criteria(result.SourceCriteria),
            ["outputs"] = new JsonArray([.. result.Files.Select(f => (JsonNode?)File(f))]),
            ["errors"] = new JsonArray([.. result.Errors.Select(e => (JsonNode?)JsonValue.Create(e))]),
        };
    }

    /// <summary>One delivered file.</summary>
    public static JsonObject File(DeliveredFile f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new JsonObject
        {
            ["kind"] = f.Kind,
            ["path"] = f.Path,
            ["channel"] = f.Channel,
            ["parentPath"] = f.ParentPath,
            ["verdict"] = f.Verdict.ToString().ToLowerInvariant(),
            ["gainDb"] = Number(f.GainDb),
            ["limited"] = f.Limited,
            ["limiterMaxReductionDb"] = Number(-f.LimiterMaxReductionDb),
            ["processing"] = new JsonArray([.. f.Processing.Select(p => (JsonNode?)JsonValue.Create(p))]),
            ["measurement"] = Analysis(f.Analysis),
            ["criteria"] = Criteria(f.Criteria),
            ["reports"] = new JsonArray([.. f.Reports.Select(r => (JsonNode?)JsonValue.Create(r))]),
        };
    }

    private static JsonObject Analysis(ProgrammeAnalysis a)
    {
        var m = a.Meter;
        return new JsonObject
        {
            ["path"] = a.Path,
            ["encoding"] = a.Encoding,
            ["sampleRateHz"] = a.SampleRateHz,
            ["bitDepth"] = a.BitDepth,
            ["layout"] = a.Layout.Name,
            ["durationSeconds"] = Math.Round(a.DurationSeconds, 3),
            ["integratedLufs"] = Number(m.IntegratedLufs),
            ["loudnessRangeLu"] = Number(m.LoudnessRangeLu),
            ["maxMomentaryLufs"] = Number(m.MaxMomentaryLufs),
            ["maxShortTermLufs"] = Number(m.MaxShortTermLufs),
            ["maxTruePeakDbtp"] = Number(m.MaxTruePeakDbtp),
            ["maxSamplePeakDbfs"] = Number(m.MaxSamplePeakDbfs),
            ["leqMDb"] = Number(a.LeqMDb),
            ["rmsDbfs"] = Number(a.RmsDbfs),
            ["speechPercent"] = Number(a.Dialogue?.SpeechPercent, 1),
            ["dialogueGatedLufs"] = Number(a.Dialogue?.SpeechGatedLufs),
            ["channels"] = new JsonArray([.. a.Channels.Select(c => (JsonNode?)new JsonObject
            {
                ["name"] = c.Name,
                ["truePeakDbtp"] = Number(c.TruePeakDbtp),
                ["samplePeakDbfs"] = Number(c.SamplePeakDbfs),
                ["rmsDbfs"] = Number(c.RmsDbfs),
                ["dcOffsetDbfs"] = Number(c.DcOffsetDbfs),
                ["clippedSamples"] = c.ClippedSamples,
                ["silent"] = c.Silent,
            })]),
        };
    }

    private static JsonArray Criteria(IReadOnlyList<Criterion> criteria) =>
        new([.. criteria.Select(c => (JsonNode?)new JsonObject
        {
            ["id"] = c.Id,
            ["measured"] = Number(c.Measured),
            ["measuredText"] = c.MeasuredText,
            ["requirement"] = c.Requirement,
            ["unit"] = c.Unit,
            ["verdict"] = c.Verdict.ToString().ToLowerInvariant(),
            ["source"] = c.Source,
            ["confirmed"] = c.Confirmed,
        })]);
}
