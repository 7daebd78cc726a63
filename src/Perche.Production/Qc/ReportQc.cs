using System.Collections.Concurrent;
using System.Globalization;
using Perche.Core;
using Perche.Production.Report;

namespace Perche.Production.Qc;

/// <summary>
/// QC of a whole report: each take's audio (in parallel), then what only the sequence of takes shows —
/// timecode that runs backwards or overlaps the previous take on the same roll, missing slates, and rates
/// or bit depths that differ from the production's workflow (or, without one, from the roll's majority).
/// Findings go into <see cref="TakeEntry.QcFlags"/> and <see cref="SoundReport.Findings"/>.
/// </summary>
public static class ReportQc
{
    /// <summary>Runs the QC and returns the per-take results (same order as the report's takes).</summary>
    public static TakeQcResult?[] Run(SoundReport report, ReportOptions? options = null, bool analyzeAudio = true, IProgress<int>? takesDone = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        options ??= new ReportOptions();
        var results = new TakeQcResult?[report.Takes.Count];
        if (analyzeAudio)
        {
            var errors = new ConcurrentDictionary<int, string>();
            var done = 0;
            Parallel.For(0, report.Takes.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                try
                {
                    results[i] = TakeAnalyzer.Analyze(report.Takes[i], cancellationToken);
                }
                catch (PercheFormatException ex)
                {
                    errors[i] = ex.Message;
                }

                takesDone?.Report(Interlocked.Increment(ref done));
            });
            for (var i = 0; i < results.Length; i++)
            {
                if (results[i] is { } r)
                {
                    report.Takes[i].QcFlags.AddRange(r.Flags);
                }
                else if (errors.TryGetValue(i, out var e))
                {
                    report.Takes[i].QcFlags.Add("audio unreadable: " + e);
                }
            }
        }

        CheckMetadata(report, options);
        CheckTimecode(report);
        return results;
    }

    private static void CheckMetadata(SoundReport report, ReportOptions options)
    {
        int? MajorityRate() => report.Takes.GroupBy(t => t.SampleRateHz).OrderByDescending(g => g.Count()).Select(g => (int?)g.Key).FirstOrDefault();
        int? MajorityBits() => report.Takes.GroupBy(t => t.BitsPerSample).OrderByDescending(g => g.Count()).Select(g => (int?)g.Key).FirstOrDefault();
        var rate = options.ExpectedSampleRateHz ?? MajorityRate();
        var bits = options.ExpectedBitsPerSample ?? MajorityBits();
        var fps = options.ExpectedFrameRate ?? report.Takes.Where(t => t.FrameRate is not null).GroupBy(t => t.FrameRate!.Value).OrderByDescending(g => g.Count()).Select(g => (Perche.Core.Time.FrameRate?)g.Key).FirstOrDefault();
        foreach (var t in report.Takes)
        {
            if (t.Scene.Length == 0)
            {
                t.QcFlags.Add("no scene");
            }

            if (t.Take.Length == 0)
            {
                t.QcFlags.Add("no take number");
            }

            if (t.Start is null)
            {
                t.QcFlags.Add("no start timecode");
            }

            if (rate is { } r && t.SampleRateHz != r)
            {
                t.QcFlags.Add(string.Create(CultureInfo.InvariantCulture, $"sample rate {t.SampleRateHz} Hz, workflow {r} Hz"));
            }

            if (bits is { } b && t.BitsPerSample != b)
            {
                t.QcFlags.Add(string.Create(CultureInfo.InvariantCulture, $"{t.BitsPerSample}-bit, workflow {b}-bit"));
            }

            if (fps is { } f && t.FrameRate is { } tf && tf != f)
            {
                t.QcFlags.Add($"timecode {ReportFormat.Rate(tf)} fps, workflow {ReportFormat.Rate(f)}");
            }

            foreach (var file in t.Files)
            {
                foreach (var w in file.Warnings)
                {
                    t.QcFlags.Add($"{file.FileName}: {w}");
                }
            }
        }
    }

    private static void CheckTimecode(SoundReport report)
    {
        // Takes of one roll and one day, in file order (the recorder's order), must move forward in time.
        foreach (var roll in report.Takes.Where(t => t.Start is not null && t.FrameRate is not null).GroupBy(t => (t.Tape, t.RecordedOn, t.FrameRate)))
        {
            var takes = roll.OrderBy(t => t.First.RelativePath, StringComparer.Ordinal).ToList();
            for (var i = 1; i < takes.Count; i++)
            {
                var prev = takes[i - 1];
                var cur = takes[i];
                var prevStart = (double)prev.First.TimeReferenceSamples!.Value / prev.SampleRateHz;
                var prevEnd = prevStart + prev.DurationSeconds;
                var curStart = (double)cur.First.TimeReferenceSamples!.Value / cur.SampleRateHz;
                if (cur.First.FamilyUid.Length > 0 && cur.First.FamilyUid == prev.First.FamilyUid)
                {
                    // The same take twice (a poly file and its mono split): not a timecode problem.
                    continue;
                }

                if (curStart < prevStart)
                {
                    var msg = $"timecode runs backwards: {cur.First.FileName} starts {cur.Start} before {prev.First.FileName} ({prev.Start})";
                    cur.QcFlags.Add("timecode runs backwards from the previous take");
                    report.Findings.Add(msg);
                }
                else if (curStart < prevEnd - 0.001)
                {
                    var msg = $"timecode overlap: {cur.First.FileName} starts {cur.Start}, before {prev.First.FileName} ends ({prev.End})";
                    cur.QcFlags.Add("starts before the previous take ends");
                    report.Findings.Add(msg);
                }
            }
        }
    }
}
