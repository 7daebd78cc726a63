using System.Globalization;
using Perche.Delivery.Analysis;
using Perche.Delivery.Profiles;

namespace Perche.Delivery.Compliance;

/// <summary>Checks a measured programme against every criterion of a profile, plus Perche's channel checks.</summary>
public static class ComplianceChecker
{
    /// <summary>DC offset above this is flagged (a recorder or plug-in fault, wastes headroom).</summary>
    public const double DcOffsetWarnDbfs = -50;

    /// <summary>LFE energy above 120 Hz beyond this share is flagged (the LFE feeds a sub-woofer band-limited at 120 Hz).</summary>
    public const double LfeAbove120HzWarnDb = -20;

    /// <summary>A mono fold-down losing more than this is flagged as poorly mono-compatible.</summary>
    public const double MonoFoldDownWarnDb = -6;

    /// <summary>The programme level a profile's method reads on <paramref name="a"/>, and the target and tolerance that apply.</summary>
    public static (double Level, double Target, double? Tolerance, string Method) ProgrammeLevel(ProgrammeAnalysis a, DeliveryProfile profile)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(profile);
        var tol = profile.Tolerance?.Value;
        switch (profile.Method.Value)
        {
            case MeasurementMethod.LeqM:
                return (a.LeqMDb ?? double.NaN, profile.TargetLevel.Value, tol, "ISO 21727 Leq(M)");
            case MeasurementMethod.Rms:
                return (a.RmsDbfs, profile.TargetLevel.Value, tol, "RMS (unweighted)");
            case MeasurementMethod.DialogueGated when a.Dialogue is { } d && d.SpeechPercent >= (profile.SpeechThresholdPercent?.Value ?? 0):
                return (d.SpeechGatedLufs, profile.TargetLevel.Value, tol, FormattableString.Invariant($"dialogue-gated BS.1770-1, speech {d.SpeechPercent:0.0} % (open detector, approximation of Dolby DI)"));
            case MeasurementMethod.DialogueGated:
                return (a.Meter.IntegratedLufs, profile.FallbackTargetLevel!.Value, profile.FallbackTolerance?.Value ?? tol, FormattableString.Invariant($"BS.1770 full programme: speech {a.Dialogue?.SpeechPercent ?? 0:0.0} % is below {profile.SpeechThresholdPercent!.Value:0} %"));
            default:
                return (a.Meter.IntegratedLufs, profile.TargetLevel.Value, tol, "BS.1770 gated integrated");
        }
    }

    /// <summary>Every criterion, in report order.</summary>
    public static IReadOnlyList<Criterion> Check(ProgrammeAnalysis a, DeliveryProfile profile, bool encoded = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(profile);
        var list = new List<Criterion>();
        var m = a.Meter;

        // Programme level.
        var (level, target, tol, method) = ProgrammeLevel(a, profile);
        var unit = DeliveryProfile.UnitOf(profile.Method.Value);
        var isMax = profile.TargetIsMaximum?.Value == true;
        var levelOk = double.IsFinite(level) && (isMax ? level <= target + 0.05 : Math.Abs(level - target) <= tol!.Value + 1e-9);
        var requirement = isMax ? $"<= {F(target)}" : $"{F(target)} +- {F(tol!.Value)}";
        list.Add(new Criterion("level", Finite(level), $"{F(level)} ({method})", requirement, unit, levelOk ? Verdict.Pass : Verdict.Fail, profile.TargetLevel.Source, profile.TargetLevel.Confirmed));
        if (profile.Method.Value != MeasurementMethod.Bs1770)
        {
            list.Add(new Criterion("integratedBs1770", Finite(m.IntegratedLufs), F(m.IntegratedLufs), string.Empty, "LUFS", Verdict.Info, string.Empty, true));
        }

        if (a.Dialogue is { } dlg)
        {
            list.Add(new Criterion("speechShare", dlg.SpeechPercent, F(dlg.SpeechPercent), profile.SpeechThresholdPercent is { } t ? $">= {F(t.Value)} for dialogue gating" : string.Empty, "%", Verdict.Info, profile.SpeechThresholdPercent?.Source ?? string.Empty, profile.SpeechThresholdPercent?.Confirmed ?? true));
            list.Add(new Criterion("dialogueLoudness", Finite(dlg.SpeechGatedLufs), F(dlg.SpeechGatedLufs), string.Empty, "LUFS", Verdict.Info, string.Empty, true));
        }

        Limit(list, "truePeak", m.MaxTruePeakDbtp, profile.MaxTruePeakDbtp, "dBTP", upper: true);
        Limit(list, "samplePeak", m.MaxSamplePeakDbfs, profile.MaxSamplePeakDbfs, "dBFS", upper: true);
        var lra = m.LoudnessRangeLu;
        Limit(list, "loudnessRangeMin", lra, profile.MinLoudnessRangeLu, "LU", upper: false);
        Limit(list, "loudnessRangeMax", lra, profile.MaxLoudnessRangeLu, "LU", upper: true);
        if (profile.MinLoudnessRangeLu is null && profile.MaxLoudnessRangeLu is null)
        {
            list.Add(new Criterion("loudnessRange", Finite(lra), F(lra), string.Empty, "LU", Verdict.Info, string.Empty, true));
        }

        Limit(list, "maxShortTerm", m.MaxShortTermLufs, profile.MaxShortTermLufs, "LUFS", upper: true, infoWhenAbsent: true);
        Limit(list, "maxMomentary", m.MaxMomentaryLufs, profile.MaxMomentaryLufs, "LUFS", upper: true, infoWhenAbsent: true);

        // Format.
        if (profile.Layouts is { } layouts)
        {
            var ok = profile.AcceptsLayout(a.Layout);
            list.Add(new Criterion("layout", a.Layout.ChannelCount, a.Layout.Name, string.Join(", ", layouts.Value), string.Empty, ok ? Verdict.Pass : Verdict.Fail, layouts.Source, layouts.Confirmed));
        }

        if (profile.SampleRatesHz is { } rates)
        {
            var ok = rates.Value.Contains(a.SampleRateHz);
            list.Add(new Criterion("sampleRate", a.SampleRateHz, a.SampleRateHz.ToString(CultureInfo.InvariantCulture), string.Join(", ", rates.Value), "Hz", ok ? Verdict.Pass : Verdict.Fail, rates.Source, rates.Confirmed));
        }

        if (profile.BitDepths is { } depths && !encoded)
        {
            var ok = a.BitDepth is { } b && depths.Value.Contains(b);
            list.Add(new Criterion("bitDepth", a.BitDepth, a.BitDepth?.ToString(CultureInfo.InvariantCulture) ?? a.Encoding, string.Join(", ", depths.Value), "bit", ok ? Verdict.Pass : Verdict.Fail, depths.Source, depths.Confirmed));
        }

        if (encoded)
        {
            return list;
        }

        // Channel checks (Perche's own thresholds, documented above).
        var clipped = a.Channels.Sum(c => c.ClippedSamples);
        list.Add(new Criterion("clipping", clipped, clipped.ToString(CultureInfo.InvariantCulture), "0 (runs of 3+ samples at full scale)", "samples", clipped == 0 ? Verdict.Pass : Verdict.Fail, string.Empty, true));
        var worstDc = a.Channels.Max(c => c.DcOffsetDbfs);
        list.Add(new Criterion("dcOffset", Finite(worstDc), F(worstDc), $"<= {F(DcOffsetWarnDbfs)}", "dBFS", worstDc <= DcOffsetWarnDbfs ? Verdict.Pass : Verdict.Warn, string.Empty, true));
        var silent = a.Channels.Where(c => c.Silent && c.Name != "LFE").Select(c => c.Name).ToList();
        list.Add(new Criterion("silentChannels", silent.Count, silent.Count == 0 ? "none" : string.Join(" ", silent), "none (below -90 dBFS)", string.Empty, silent.Count == 0 ? Verdict.Pass : Verdict.Warn, string.Empty, true));
        if (a.LfeAbove120HzDb is { } lfe)
        {
            list.Add(new Criterion("lfeAbove120Hz", Finite(lfe), F(lfe), $"<= {F(LfeAbove120HzWarnDb)} of LFE energy", "dB", lfe <= LfeAbove120HzWarnDb ? Verdict.Pass : Verdict.Warn, "Amazon Studios: LFE low-pass 120 Hz 24 dB/oct (research notes 2.9, secondary)", false));
        }

        if (a.StereoCorrelation is { } corr)
        {
            list.Add(new Criterion("phaseCorrelation", corr, corr.ToString("0.00", CultureInfo.InvariantCulture), ">= 0", string.Empty, corr >= 0 ? Verdict.Pass : Verdict.Warn, string.Empty, true));
        }

        if (a.MonoFoldDownDb is { } mono)
        {
            list.Add(new Criterion("monoCompatibility", Finite(mono), F(mono), $">= {F(MonoFoldDownWarnDb)}", "dB", mono >= MonoFoldDownWarnDb ? Verdict.Pass : Verdict.Warn, "Netflix: stereo must be mono compatible (research notes 2.8)", false));
        }

        list.Add(new Criterion("leadingSilence", a.LeadingSilenceSeconds, F(a.LeadingSilenceSeconds, 2), string.Empty, "s", Verdict.Info, string.Empty, true));
        list.Add(new Criterion("trailingSilence", a.TrailingSilenceSeconds, F(a.TrailingSilenceSeconds, 2), string.Empty, "s", Verdict.Info, string.Empty, true));
        return list;
    }

    /// <summary>
    /// The criteria of one per-channel mono file split from an interleaved delivery: identical to its channel of the
    /// parent (sample for sample, as re-read from both files), the profile's peak limits, rate and bit depth. The
    /// programme level is the parent's: one channel alone is not measured against the target.
    /// </summary>
    public static IReadOnlyList<Criterion> CheckChannelFile(ProgrammeAnalysis a, DeliveryProfile profile, string parentName, string channel, long differingSamples)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(profile);
        var list = new List<Criterion>
        {
            new("channelMatch", differingSamples, differingSamples.ToString(CultureInfo.InvariantCulture), $"0 samples differing from channel {channel} of {parentName}", "samples", differingSamples == 0 ? Verdict.Pass : Verdict.Fail, profile.ChannelFiles?.Source ?? string.Empty, profile.ChannelFiles?.Confirmed ?? true),
            new("layout", a.Layout.ChannelCount, a.Layout.Name, "mono (1 channel)", string.Empty, a.Layout.ChannelCount == 1 ? Verdict.Pass : Verdict.Fail, profile.ChannelFiles?.Source ?? string.Empty, profile.ChannelFiles?.Confirmed ?? true),
        };
        Limit(list, "truePeak", a.Meter.MaxTruePeakDbtp, profile.MaxTruePeakDbtp, "dBTP", upper: true);
        Limit(list, "samplePeak", a.Meter.MaxSamplePeakDbfs, profile.MaxSamplePeakDbfs, "dBFS", upper: true);
        if (profile.SampleRatesHz is { } rates)
        {
            var ok = rates.Value.Contains(a.SampleRateHz);
            list.Add(new Criterion("sampleRate", a.SampleRateHz, a.SampleRateHz.ToString(CultureInfo.InvariantCulture), string.Join(", ", rates.Value), "Hz", ok ? Verdict.Pass : Verdict.Fail, rates.Source, rates.Confirmed));
        }

        if (profile.BitDepths is { } depths)
        {
            var ok = a.BitDepth is { } b && depths.Value.Contains(b);
            list.Add(new Criterion("bitDepth", a.BitDepth, a.BitDepth?.ToString(CultureInfo.InvariantCulture) ?? a.Encoding, string.Join(", ", depths.Value), "bit", ok ? Verdict.Pass : Verdict.Fail, depths.Source, depths.Confirmed));
        }

        var clipped = a.Channels.Sum(c => c.ClippedSamples);
        list.Add(new Criterion("clipping", clipped, clipped.ToString(CultureInfo.InvariantCulture), "0 (runs of 3+ samples at full scale)", "samples", clipped == 0 ? Verdict.Pass : Verdict.Fail, string.Empty, true));
        return list;
    }

    /// <summary>The overall verdict: Fail when any criterion fails, else Warn when any warns, else Pass.</summary>
    public static Verdict Overall(IEnumerable<Criterion> criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var result = Verdict.Pass;
        foreach (var c in criteria)
        {
            if (c.Verdict == Verdict.Fail)
            {
                return Verdict.Fail;
            }

            if (c.Verdict == Verdict.Warn)
            {
                result = Verdict.Warn;
            }
        }

        return result;
    }

    private static void Limit(List<Criterion> list, string id, double value, ProfileField<double>? field, string unit, bool upper, bool infoWhenAbsent = false)
    {
        if (field is null)
        {
            if (infoWhenAbsent)
            {
                list.Add(new Criterion(id, Finite(value), F(value), string.Empty, unit, Verdict.Info, string.Empty, true));
            }
            else if (id is "truePeak")
            {
                list.Add(new Criterion(id, Finite(value), F(value), string.Empty, unit, Verdict.Info, string.Empty, true));
            }

            return;
        }

        // Values are compared as displayed (one decimal), as a QC operator reads a meter.
        var shown = Math.Round(value, 1);
        var ok = upper ? !(shown > field.Value) : shown >= field.Value;
        if (!double.IsFinite(value))
        {
            ok = upper ? double.IsNegativeInfinity(value) : false;
            if (double.IsNaN(value))
            {
                ok = true; // an undefined LRA (too short) cannot fail a range
            }
        }

        list.Add(new Criterion(id, Finite(value), F(value), (upper ? "<= " : ">= ") + F(field.Value), unit, ok ? Verdict.Pass : Verdict.Fail, field.Source, field.Confirmed));
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    internal static string F(double v, int decimals = 1) =>
        double.IsNegativeInfinity(v) ? "-inf" : double.IsNaN(v) ? "n/a" : v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
