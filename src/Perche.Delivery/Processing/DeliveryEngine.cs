using System.Globalization;
using Perche.Core;
using Perche.Core.Audio;
using Perche.Core.Dsp.Downmix;
using Perche.Core.Dsp.Loudness;
using Perche.Core.Dsp.Resampling;
using Perche.Core.Formats.Ffmpeg;
using Perche.Core.Formats.Wav;
using Perche.Delivery.Analysis;
using Perche.Delivery.Compliance;
using Perche.Delivery.Profiles;
using Perche.Delivery.Reports;

namespace Perche.Delivery.Processing;

/// <summary>
/// `perche deliver`: measures the source, applies one linear gain to reach the profile's target (two-pass
/// normalisation, not a compressor), runs a look-ahead true-peak limiter only when that gain would push peaks
/// over the profile's ceiling, resamples and dithers as the profile asks, writes a BWF master with the bext
/// loudness fields, the stereo fold-downs and the compressed outputs, then re-measures every written file (decoding
/// compressed ones) and checks it. The source is only read.
/// </summary>
public static class DeliveryEngine
{
    private const int MaxLevelIterations = 5;

    /// <summary>The version written in reports and bext coding history.</summary>
    public static string ToolVersion { get; } = "Perche " + (typeof(DeliveryEngine).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    /// <summary>Checks a file against a profile without writing anything.</summary>
    public static (ProgrammeAnalysis Analysis, IReadOnlyList<Criterion> Criteria) Check(string path, DeliveryProfile profile, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var analysis = ProgrammeAnalyzer.AnalyzeFile(path, OptionsFor(profile), progress, cancellationToken);
        return (analysis, ComplianceChecker.Check(analysis, profile));
    }

    /// <summary>The analysis a profile's method needs.</summary>
    public static AnalysisOptions OptionsFor(DeliveryProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.Method.Value switch
        {
            MeasurementMethod.DialogueGated => AnalysisOptions.Dialogue,
            MeasurementMethod.LeqM => AnalysisOptions.LeqM,
            _ => AnalysisOptions.None,
        };
    }

    /// <summary>Delivers <paramref name="sourcePath"/> to <paramref name="profile"/>.</summary>
    /// <exception cref="DiskFullException">The output's disk filled up: the file being written was removed.</exception>
    public static DeliveryResult Deliver(string sourcePath, DeliveryProfile profile, DeliveryOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourcePath);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return DeliverAll(sourcePath, profile, options, cancellationToken);
        }
        catch (IOException ex) when (DiskFullException.IsDiskFull(ex))
        {
            // Every writer stages under a temporary name and deletes it on the way out, so what is under a final
            // name is complete; say so, and how much room there is.
            throw new DiskFullException(options.OutputFolder, ex);
        }
    }

    private static DeliveryResult DeliverAll(string sourcePath, DeliveryProfile profile, DeliveryOptions options, CancellationToken cancellationToken)
    {
        var info = WavReader.ReadInfo(sourcePath);
        var layout = info.Format.Layout;
        if (!profile.AcceptsLayout(layout))
        {
            throw PercheFormatException.ForInput(sourcePath, $"layout mismatch: the file is {layout.Name} ({layout.ChannelCount} channels), profile {profile.Id} accepts {string.Join(", ", profile.Layouts!.Value)}");
        }

        var outRate = OutputRate(profile, info.Format.SampleRateHz);
        if (outRate != info.Format.SampleRateHz)
        {
            try
            {
                _ = new PolyphaseResampler(1, info.Format.SampleRateHz, outRate);
            }
            catch (ArgumentException ex)
            {
                throw PercheFormatException.ForInput(sourcePath, $"unsupported sample rate {info.Format.SampleRateHz} Hz: cannot convert to {outRate} Hz ({ex.Message})", ex);
            }
        }

        EnsureWritable(options.OutputFolder);
        var analysisOptions = OptionsFor(profile);
        options.Progress?.Report(("measure source", 0));
        var total = Math.Max(1, info.FrameCount);
        var source = ProgrammeAnalyzer.AnalyzeFile(sourcePath, analysisOptions, Fraction(options, "measure source", total), cancellationToken);
        var result = new DeliveryResult { Profile = profile, Source = source, SourceCriteria = ComplianceChecker.Check(source, profile) };

        var bits = profile.DeliverBitDepth?.Value ?? 24;
        var title = options.Title ?? StripExtensions(Path.GetFileName(sourcePath));
        var masterPath = Path.Combine(options.OutputFolder, FileName(profile, title, "PM", layout, outRate, bits) + ".wav");
        if (Path.GetFullPath(masterPath) == Path.GetFullPath(sourcePath))
        {
            throw PercheFormatException.ForInput(sourcePath, "the output would overwrite the source; choose another --out folder");
        }

        var master = Render(sourcePath, source, masterPath, "master", profile, outRate, bits, info.Bext, info.Ixml, options, cancellationToken);
        if (profile.DeliverPcm is { Value: false } pcm)
        {
            master = WithNote(master, $"the PCM master is a working file: the profile delivers only its compressed outputs ({pcm.Source})");
        }

        result.Files.Add(master);

        // Stereo fold-downs of a multichannel master, each normalised and re-measured on its own.
        if (profile.Downmixes is { } downmixes && layout.ChannelCount >= 5)
        {
            foreach (var name in downmixes.Value)
            {
                var kind = name == "ltrt" ? DownmixKind.LtRt : DownmixKind.LoRo;
                var type = kind == DownmixKind.LtRt ? "LtRt" : "LoRo";
                var temp = Path.Combine(options.OutputFolder, $".{title}.{type}.{Guid.NewGuid():N}.partial.wav");
                try
                {
                    options.Progress?.Report(($"fold down {type}", 0));
                    WriteDownmix(masterPath, temp, kind, cancellationToken);
                    var downSource = ProgrammeAnalyzer.AnalyzeFile(temp, analysisOptions, null, cancellationToken);
                    var downPath = Path.Combine(options.OutputFolder, FileName(profile, title, type, ChannelLayout.Stereo, outRate, bits) + ".wav");
                    var file = Render(temp, downSource, downPath, name, profile, outRate, bits, info.Bext, null, options, cancellationToken);
                    result.Files.Add(file);
                }
                finally
                {
                    File.Delete(temp);
                }
            }
        }

        // One mono BWF per channel of every PCM file, when the medium takes discrete channels (Netflix).
        if (profile.ChannelFiles is { } channelFiles)
        {
            foreach (var interleaved in result.Files.ToList())
            {
                options.Progress?.Report(($"{interleaved.Kind}: one file per channel", 0));
                result.Files.AddRange(SplitChannels(interleaved, channelFiles.Value, profile, cancellationToken));
            }
        }

        if (options.Encode && profile.Outputs is { } outputs && outputs.Value.Count > 0)
        {
            if (FfmpegBridge.FindFfmpeg() is null || FfmpegBridge.FindFfprobe() is null)
            {
                result.Errors.Add(new FfmpegMissingException().Message + $" — skipped: {string.Join(", ", outputs.Value)}");
            }
            else
            {
                foreach (var output in outputs.Value)
                {
                    result.Files.Add(EncodeOutput(master, output, profile, options, cancellationToken));
                }
            }
        }

        if (options.Reports)
        {
            options.Progress?.Report(("reports", 0));
            QcReportWriter.WriteAll(result, options.Language);
        }

        options.Progress?.Report(("done", 1));
        return result;
    }

    /// <summary>The rate a profile delivers a source of <paramref name="sourceRateHz"/> at.</summary>
    public static int OutputRate(DeliveryProfile profile, int sourceRateHz)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.DeliverSampleRateHz is { } fixedRate)
        {
            return fixedRate.Value;
        }

        if (profile.SampleRatesHz is { } rates && !rates.Value.Contains(sourceRateHz) && rates.Value.Count > 0)
        {
            return rates.Value[0];
        }

        return sourceRateHz;
    }

    /// <summary>The file name (without extension) the profile's pattern gives.</summary>
    public static string FileName(DeliveryProfile profile, string title, string type, ChannelLayout layout, int rateHz, int bits)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(layout);
        var pattern = profile.Naming?.Value ?? "{title}_{profile}_{layout}_{rate}_{bits}";
        if (type != "PM" && !pattern.Contains("{type}", StringComparison.Ordinal))
        {
            pattern += "_{type}";
        }

        var rate = rateHz % 1000 == 0 ? (rateHz / 1000).ToString(CultureInfo.InvariantCulture) + "k" : (rateHz / 1000.0).ToString("0.#", CultureInfo.InvariantCulture) + "k";
        var name = pattern
            .Replace("{title}", title, StringComparison.Ordinal)
            .Replace("{profile}", profile.Id, StringComparison.Ordinal)
            .Replace("{type}", type, StringComparison.Ordinal)
            .Replace("{layout}", LayoutNames.Token(layout), StringComparison.Ordinal)
            .Replace("{channels}", layout.ChannelCount == 1 ? "mono" : $"{layout.ChannelCount}ch", StringComparison.Ordinal)
            .Replace("{rate}", rate, StringComparison.Ordinal)
            .Replace("{bits}", $"{bits}b", StringComparison.Ordinal);
        foreach (var c in Path.GetInvalidFileNameChars())
        {
            name = name.Replace(c, '_');
        }

        return name;
    }

    private static DeliveredFile Render(string inputPath, ProgrammeAnalysis input, string outPath, string kind, DeliveryProfile profile, int outRate, int bits, BroadcastExtension? sourceBext, IxmlMetadata? ixml, DeliveryOptions options, CancellationToken cancellationToken)
    {
        var analysisOptions = OptionsFor(profile);
        var (level, target, _, _) = ComplianceChecker.ProgrammeLevel(input, profile);
        var isMax = profile.TargetIsMaximum?.Value == true;
        var aim = isMax ? target - 0.2 : target;
        var gainDb = double.IsFinite(level) ? aim - level : 0;
        if (isMax)
        {
            gainDb = Math.Min(0, gainDb);
        }

        var ceiling = Math.Min(profile.MaxTruePeakDbtp?.Value ?? 0.0, profile.MaxSamplePeakDbfs?.Value ?? 0.0) - options.TruePeakMarginDb;

        // Resampling can move inter-sample peaks slightly: keep a little more margin before deciding.
        var resampleMargin = outRate != input.SampleRateHz ? 0.3 : 0.0;
        var needsLimiter = input.Meter.MaxTruePeakDbtp + gainDb + resampleMargin > ceiling;
        var processing = new List<string>();

        if (needsLimiter && !isMax)
        {
            // The limiter takes loudness off the peaks: measure what comes out and correct the gain. Raising the gain
            // does not raise what is limited, so the level grows slower than the gain: secant steps converge fast.
            double? previousGain = null, previousLevel = null;
            for (var i = 0; i < MaxLevelIterations; i++)
            {
                var trial = new ProgrammeAnalyzer(input.Layout, outRate, analysisOptions);
                RunChain(inputPath, input, outRate, gainDb, ceiling, null, trial.Add, Fraction(options, $"{kind}: limiter trial {i + 1}", input.Frames), cancellationToken);
                var trialAnalysis = trial.Finish(outPath, "trial", null);
                var (achieved, _, _, _) = ComplianceChecker.ProgrammeLevel(trialAnalysis, profile);
                var error = aim - achieved;
                processing.Add(FormattableString.Invariant($"limiter pass {i + 1}: gain {gainDb:+0.00;-0.00} dB gave {achieved:0.00}, {error:+0.00;-0.00} from the target"));
                if (!double.IsFinite(error) || Math.Abs(error) < 0.03)
                {
                    break;
                }

                var slope = 1.0;
                if (previousGain is { } g0 && previousLevel is { } l0 && Math.Abs(gainDb - g0) > 1e-6)
                {
                    slope = Math.Clamp((achieved - l0) / (gainDb - g0), 0.2, 1.5);
                }

                previousGain = gainDb;
                previousLevel = achieved;
                gainDb += error / slope;
            }
        }

        var format = WavFormat.Create(bits == 32 ? SampleEncoding.Float32 : bits == 16 ? SampleEncoding.PcmInt16 : SampleEncoding.PcmInt24, outRate, input.Layout);
        var bextMeter = LoudnessMeter.Create(input.Layout, outRate, LoudnessModes.Integrated | LoudnessModes.Range | LoudnessModes.TruePeak);
        var bextPlaceholder = BuildBext(sourceBext, profile, input.SampleRateHz, outRate, bits, input.Layout);
        string limiterText = string.Empty;
        double limiterReduction = 0;
        RenderChain? usedChain = null;

        // bext is written before the audio, so its loudness fields come from a meter fed the exact samples being
        // written and are filled in before the file gets its name; it is then re-read and re-measured independently.
        var staging = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outPath))!, $".{Path.GetFileName(outPath)}.{Guid.NewGuid():N}.staging.wav");
        try
        {
            using (var writer = WavWriter.Create(staging, format, new WavWriterOptions { Bext = bextPlaceholder, Ixml = ixml }))
            {
                usedChain = RunChain(inputPath, input, outRate, gainDb, needsLimiter ? ceiling : null, bits == 32 ? null : bits, block =>
                {
                    bextMeter.AddInterleaved(block);
                    writer.WriteFrames(block);
                }, Fraction(options, $"{kind}: render", input.Frames), cancellationToken);
                writer.Complete();
            }

            // Fill the bext loudness fields of the staged file (fixed offsets, same size), then give it its name.
            PatchBextLoudness(staging, bextMeter);
            File.Move(staging, outPath, overwrite: true);
        }
        finally
        {
            File.Delete(staging);
        }

        if (usedChain.Resampler is { } rs)
        {
            processing.Insert(0, FormattableString.Invariant($"resampled {input.SampleRateHz} -> {outRate} Hz: polyphase Kaiser sinc, {rs.TapsPerPhase} taps per phase, passband to {rs.PassbandEdgeHz:0} Hz, stop band from {rs.StopbandEdgeHz:0} Hz designed for {PolyphaseResampler.DesignStopbandDb:0} dB"));
        }

        processing.Add(FormattableString.Invariant($"gain {gainDb:+0.00;-0.00} dB (linear, from the first measurement: {level:0.00} -> {aim:0.00} {profile.LevelUnit})"));
        if (usedChain.Limiter is { } lim)
        {
            limiterReduction = lim.MaxGainReductionDb;
            limiterText = FormattableString.Invariant($"true-peak limiter at {lim.CeilingDbtp:0.00} dBTP (4x oversampled detection, {TruePeakLimiterLookAheadMs} ms look-ahead): max reduction {-lim.MaxGainReductionDb:0.00} dB on {lim.LimitedFrames} frames");
            processing.Add(limiterText);
        }
        else
        {
            processing.Add(FormattableString.Invariant($"no limiter: predicted true peak {input.Meter.MaxTruePeakDbtp + gainDb:0.00} dBTP is under the ceiling {ceiling:0.00} dBTP"));
        }

        processing.Add(usedChain.Dither is { } d ? FormattableString.Invariant($"TPDF dither to {d.Bits} bits ({d.NoiseRmsDbfs:0.0} dBFS RMS)") : "32-bit float output, no dither");

        options.Progress?.Report(($"{kind}: re-measure", 0));
        var remeasured = ProgrammeAnalyzer.AnalyzeFile(outPath, analysisOptions, Fraction(options, $"{kind}: re-measure", input.Frames), cancellationToken);
        return new DeliveredFile
        {
            Path = outPath,
            Kind = kind,
            Analysis = remeasured,
            Criteria = ComplianceChecker.Check(remeasured, profile),
            GainDb = gainDb,
            Limited = usedChain.Limiter is not null,
            LimiterMaxReductionDb = limiterReduction,
            Processing = processing,
        };
    }

    /// <summary>The name of one channel's mono file: the profile's pattern with {name} and {channel}.</summary>
    public static string ChannelFileName(string pattern, string parentPath, string channel)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var name = pattern
            .Replace("{name}", Path.GetFileNameWithoutExtension(parentPath), StringComparison.Ordinal)
            .Replace("{channel}", channel, StringComparison.Ordinal);
        foreach (var c in Path.GetInvalidFileNameChars())
        {
            name = name.Replace(c, '_');
        }

        return Path.Combine(Path.GetDirectoryName(parentPath)!, name + ".wav");
    }

    // Splits an interleaved PCM delivery into one mono BWF per channel by copying the sample bytes (no conversion, so
    // the channel is bit-identical), each staged under a temporary name, measured, its bext loudness filled, then
    // renamed; finally every file is re-read beside the parent and compared sample for sample.
    private static List<DeliveredFile> SplitChannels(DeliveredFile parent, string pattern, DeliveryProfile profile, CancellationToken cancellationToken)
    {
        var info = WavReader.ReadInfo(parent.Path);
        var layout = info.Format.Layout;
        var channels = layout.ChannelCount;
        var labels = new string[channels];
        var paths = new string[channels];
        var staging = new string[channels];
        var folder = Path.GetDirectoryName(Path.GetFullPath(parent.Path))!;
        for (var c = 0; c < channels; c++)
        {
            var speaker = layout.Speakers[c];
            labels[c] = speaker == Speaker.Unknown ? FormattableString.Invariant($"Ch{c + 1}") : ChannelLayout.ShortName(speaker);
            paths[c] = ChannelFileName(pattern, parent.Path, labels[c]);
            staging[c] = Path.Combine(folder, $".{Path.GetFileName(paths[c])}.{Guid.NewGuid():N}.staging.wav");
        }

        if (paths.Distinct(StringComparer.Ordinal).Count() != channels)
        {
            throw PercheFormatException.ForInput(parent.Path, $"channelFiles pattern '{pattern}' gives the same name to two channels");
        }

        var files = new List<DeliveredFile>(channels);
        try
        {
            var writers = new WavWriter[channels];
            try
            {
                for (var c = 0; c < channels; c++)
                {
                    var bext = info.Bext is { } b ? BroadcastExtension.Parse(b.ToBytes(), parent.Path, 0) : null;
                    if (bext is not null)
                    {
                        bext.Description = Truncate($"{bext.Description.TrimEnd('\0')}, channel {labels[c]}", 256);
                    }

                    var monoLayout = new ChannelLayout(labels[c], [layout.Speakers[c]]);
                    writers[c] = WavWriter.Create(staging[c], WavFormat.Create(info.Format.Encoding, info.Format.SampleRateHz, monoLayout), new WavWriterOptions { Bext = bext });
                }

                CopyChannels(parent.Path, writers, cancellationToken);
                foreach (var w in writers)
                {
                    w.Complete();
                }
            }
            finally
            {
                foreach (var w in writers)
                {
                    w?.Dispose();
                }
            }

            var analyses = new ProgrammeAnalysis[channels];
            for (var c = 0; c < channels; c++)
            {
                analyses[c] = ProgrammeAnalyzer.AnalyzeFile(staging[c], AnalysisOptions.None, null, cancellationToken);
                if (info.Bext is not null)
                {
                    PatchBextLoudness(staging[c], analyses[c].Meter);
                }
            }

            for (var c = 0; c < channels; c++)
            {
                File.Move(staging[c], paths[c], overwrite: true);
            }

            var differing = CompareChannels(parent.Path, paths, cancellationToken);
            for (var c = 0; c < channels; c++)
            {
                files.Add(new DeliveredFile
                {
                    Path = paths[c],
                    Kind = "channel",
                    Channel = labels[c],
                    ParentPath = parent.Path,
                    Analysis = WithPath(analyses[c], paths[c]),
                    Criteria = ComplianceChecker.CheckChannelFile(analyses[c], profile, Path.GetFileName(parent.Path), labels[c], differing[c]),
                    GainDb = parent.GainDb,
                    Processing = [$"channel {labels[c]} ({c + 1} of {channels}) of {Path.GetFileName(parent.Path)}, sample bytes copied unchanged ({profile.ChannelFiles!.Source})"],
                });
            }
        }
        finally
        {
            foreach (var s in staging)
            {
                File.Delete(s);
            }
        }

        return files;
    }

    // Frames per block when splitting or comparing channel files: the copy and its check walk the file alike.
    private const int ChannelBlockFrames = 1 << 14;

    // The bytes of one sample (frame, channel) in an interleaved block.
    private static Span<byte> Sample(byte[] interleaved, int frame, int channel, int channels, int bytes) =>
        interleaved.AsSpan(((frame * channels) + channel) * bytes, bytes);

    private static void CopyChannels(string parentPath, WavWriter[] writers, CancellationToken cancellationToken)
    {
        using var reader = WavReader.OpenSamples(parentPath);
        var channels = writers.Length;
        var bytes = reader.Format.BitsPerSample / 8;
        var interleaved = new byte[ChannelBlockFrames * channels * bytes];
        var mono = new byte[ChannelBlockFrames * bytes];
        int n;
        while ((n = reader.ReadRawFrames(interleaved)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var c = 0; c < channels; c++)
            {
                for (var f = 0; f < n; f++)
                {
                    Sample(interleaved, f, c, channels, bytes).CopyTo(mono.AsSpan(f * bytes, bytes));
                }

                writers[c].WriteRawFrames(mono.AsSpan(0, n * bytes));
            }
        }
    }

    // Re-reads the parent and every mono file and counts, per channel, the samples whose bytes differ (and the frames
    // one file has and the other lacks).
    private static long[] CompareChannels(string parentPath, string[] paths, CancellationToken cancellationToken)
    {
        using var parent = WavReader.OpenSamples(parentPath);
        var channels = paths.Length;
        var bytes = parent.Format.BitsPerSample / 8;
        var differing = new long[channels];
        var monos = new WavSampleReader[channels];
        try
        {
            for (var c = 0; c < channels; c++)
            {
                monos[c] = WavReader.OpenSamples(paths[c]);
                differing[c] = Math.Abs(monos[c].FrameCount - parent.FrameCount);
            }

            var interleaved = new byte[ChannelBlockFrames * channels * bytes];
            var mono = new byte[ChannelBlockFrames * bytes];
            int n;
            while ((n = parent.ReadRawFrames(interleaved)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (var c = 0; c < channels; c++)
                {
                    var m = monos[c].ReadRawFrames(mono.AsSpan(0, n * bytes));
                    differing[c] += n - m;
                    for (var f = 0; f < m; f++)
                    {
                        if (!Sample(interleaved, f, c, channels, bytes).SequenceEqual(mono.AsSpan(f * bytes, bytes)))
                        {
                            differing[c]++;
                        }
                    }
                }
            }
        }
        finally
        {
            foreach (var m in monos)
            {
                m?.Dispose();
            }
        }

        return differing;
    }

    private static double TruePeakLimiterLookAheadMs => Perche.Core.Dsp.Dynamics.TruePeakLimiter.LookAheadSeconds * 1000;

    private static RenderChain RunChain(string inputPath, ProgrammeAnalysis input, int outRate, double gainDb, double? ceiling, int? ditherBits, Action<ReadOnlySpan<float>> sink, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var chain = new RenderChain(input.Layout.ChannelCount, input.SampleRateHz, outRate, gainDb, ceiling, ditherBits);
        using var reader = WavReader.OpenSamples(inputPath);
        WavDecodePipeline.Run(reader, block => chain.Push(block, sink), progress, cancellationToken);
        chain.Finish(sink);
        return chain;
    }

    private static void PatchBextLoudness(string path, LoudnessMeter meter)
    {
        var info = WavReader.ReadInfo(path);
        var chunk = info.Chunks.First(c => c.Id == WavConstants.Bext);
        Span<byte> fields = stackalloc byte[10];
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(fields, BroadcastExtension.ToField(meter.IntegratedLufs));
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(fields[2..], BroadcastExtension.ToField(meter.LoudnessRangeLu));
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(fields[4..], BroadcastExtension.ToField(meter.MaxTruePeakDbtp));
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(fields[6..], BroadcastExtension.ToField(meter.MaxMomentaryLufs));
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(fields[8..], BroadcastExtension.ToField(meter.MaxShortTermLufs));
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None);
        file.Position = chunk.PayloadOffset + 412;
        file.Write(fields);
        file.Flush(flushToDisk: true);
    }

    private static BroadcastExtension BuildBext(BroadcastExtension? source, DeliveryProfile profile, int inRate, int outRate, int bits, ChannelLayout layout)
    {
        var now = DateTime.UtcNow;
        var mode = layout.ChannelCount switch { 1 => "mono", 2 => "stereo", _ => "multichannel" };
        var history = (source?.CodingHistory ?? string.Empty).TrimEnd('\0');
        if (history.Length > 0 && !history.EndsWith("\r\n", StringComparison.Ordinal))
        {
            history += "\r\n";
        }

        history += FormattableString.Invariant($"A=PCM,F={outRate},W={bits},M={mode},T={ToolVersion} deliver {profile.Id}\r\n");
        var timeReference = source is null ? 0UL : (ulong)Math.Round(source.TimeReferenceSamples * (double)outRate / inRate);
        var bext = new BroadcastExtension
        {
            Description = Truncate($"{profile.Name} delivery", 256),
            Originator = "Perche",
            OriginatorReference = Truncate(source?.OriginatorReference ?? string.Empty, 32),
            OriginationDate = now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            OriginationTime = now.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            TimeReferenceSamples = timeReference,
            Version = 2,
            CodingHistory = history,
        };
        if (source is not null && source.HasUmid)
        {
            bext.Umid = (byte[])source.Umid.Clone();
        }

        return bext;
    }

    private static void WriteDownmix(string masterPath, string stereoPath, DownmixKind kind, CancellationToken cancellationToken)
    {
        using var reader = WavReader.OpenSamples(masterPath);
        var downmix = new StereoDownmix(reader.Format.Layout, kind, reader.Format.SampleRateHz);
        var format = WavFormat.Create(SampleEncoding.Float32, reader.Format.SampleRateHz, ChannelLayout.Stereo);
        using var writer = WavWriter.Create(stereoPath, format);
        var stereo = new float[Math.Max(WavDecodePipeline.BlockFrames, downmix.LatencyFrames) * 2];
        WavDecodePipeline.Run(reader, block =>
        {
            var n = downmix.Process(block, stereo);
            writer.WriteFrames(stereo.AsSpan(0, n * 2));
        }, null, cancellationToken);

        // Lt/Rt's phase shifter holds the last frames back: the fold-down keeps the master's length.
        var tail = downmix.Flush(stereo);
        writer.WriteFrames(stereo.AsSpan(0, tail * 2));
        writer.Complete();
    }

    private static DeliveredFile EncodeOutput(DeliveredFile master, ProfileOutput output, DeliveryProfile profile, DeliveryOptions options, CancellationToken cancellationToken)
    {
        var ext = FfmpegBridge.ExtensionFor(output.Codec);
        var path = Path.ChangeExtension(master.Path, ext);
        var analysisOptions = OptionsFor(profile) & ~AnalysisOptions.Dialogue;
        int? dialnorm = double.IsFinite(master.Analysis.Meter.IntegratedLufs) ? (int)Math.Round(master.Analysis.Meter.IntegratedLufs) : null;
        options.Progress?.Report(($"encode {output}", 0));
        FfmpegBridge.Encode(master.Path, path, output.Codec, output.BitrateKbps, dialnorm, cancellationToken);
        var processing = new List<string> { $"encoded by ffmpeg ({output}) from the master" };
        var analysis = ProgrammeAnalyzer.AnalyzeEncoded(path, analysisOptions, cancellationToken);

        // A lossy codec changes the signal: it adds overshoot and its low-pass can take some loudness away. When the
        // decoded file misses the target by more than 0.2 (or half the tolerance), or is over the true-peak limit, encode
        // once more from a copy of the master corrected by the measured error and limited lower by the overshoot.
        var (level, target, tolerance, _) = ComplianceChecker.ProgrammeLevel(analysis, profile);
        var levelError = profile.TargetIsMaximum?.Value == true ? Math.Min(0, target - 0.2 - level) : target - level;
        var levelOff = double.IsFinite(levelError) && tolerance is { } tol && Math.Abs(levelError) > Math.Min(tol / 2, 0.2);
        var peakOver = profile.MaxTruePeakDbtp is { } maxTp && Math.Round(analysis.Meter.MaxTruePeakDbtp, 1) > maxTp.Value;
        if (output.Codec != "flac" && (levelOff || peakOver))
        {
            var correction = levelOff ? Math.Clamp(levelError, -3, 3) : 0;
            var overshoot = Math.Max(0, analysis.Meter.MaxTruePeakDbtp - (master.Analysis.Meter.MaxTruePeakDbtp + correction));
            var ceiling = (profile.MaxTruePeakDbtp?.Value ?? 0) - options.TruePeakMarginDb - (peakOver ? overshoot + 0.2 : 0);
            var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.partial.wav");
            try
            {
                var format = WavFormat.Create(SampleEncoding.Float32, master.Analysis.SampleRateHz, master.Analysis.Layout);
                var limit = master.Analysis.Meter.MaxTruePeakDbtp + correction > ceiling ? ceiling : (double?)null;
                using (var writer = WavWriter.Create(temp, format))
                {
                    RunChain(master.Path, master.Analysis, master.Analysis.SampleRateHz, correction, limit, null, block => writer.WriteFrames(block), null, cancellationToken);
                    writer.Complete();
                }

                FfmpegBridge.Encode(temp, path, output.Codec, output.BitrateKbps, dialnorm, cancellationToken);
                processing.Add(FormattableString.Invariant($"decoded {level:0.00} {profile.LevelUnit}, {analysis.Meter.MaxTruePeakDbtp:0.00} dBTP: re-encoded from the master with {correction:+0.00;-0.00} dB") + (limit is { } l ? FormattableString.Invariant($", limited to {l:0.00} dBTP") : string.Empty));
                analysis = ProgrammeAnalyzer.AnalyzeEncoded(path, analysisOptions, cancellationToken);
            }
            finally
            {
                File.Delete(temp);
            }
        }

        // The speech mask of the master applies to the decoded stream (same timing): dialogue-gated outputs are
        // re-measured with it rather than re-detected on codec artefacts.
        if (profile.Method.Value == MeasurementMethod.DialogueGated && master.Analysis.Dialogue is { } d)
        {
            analysis = WithDialogue(analysis, ProgrammeAnalyzer.Gate(analysis.Meter.GetSeries(), d.SpeechBlocks));
        }

        return new DeliveredFile
        {
            Path = path,
            Kind = output.Codec,
            Analysis = analysis,
            Criteria = ComplianceChecker.Check(analysis, profile, encoded: true),
            GainDb = master.GainDb,
            Processing = processing,
        };
    }

    private static DeliveredFile WithNote(DeliveredFile f, string note) => new()
    {
        Path = f.Path,
        Kind = f.Kind,
        Analysis = f.Analysis,
        Criteria = f.Criteria,
        GainDb = f.GainDb,
        Limited = f.Limited,
        LimiterMaxReductionDb = f.LimiterMaxReductionDb,
        Processing = [.. f.Processing, note],
    };

    private static ProgrammeAnalysis WithDialogue(ProgrammeAnalysis a, DialogueLoudness d) => new()
    {
        Path = a.Path,
        Layout = a.Layout,
        SampleRateHz = a.SampleRateHz,
        BitDepth = a.BitDepth,
        Encoding = a.Encoding,
        Frames = a.Frames,
        Meter = a.Meter,
        LeqMDb = a.LeqMDb,
        RmsDbfs = a.RmsDbfs,
        Dialogue = d,
        Channels = a.Channels,
        LfeAbove120HzDb = a.LfeAbove120HzDb,
        StereoCorrelation = a.StereoCorrelation,
        MonoFoldDownDb = a.MonoFoldDownDb,
        LeadingSilenceSeconds = a.LeadingSilenceSeconds,
        TrailingSilenceSeconds = a.TrailingSilenceSeconds,
    };

    private static ProgrammeAnalysis WithPath(ProgrammeAnalysis a, string path) => new()
    {
        Path = path,
        Layout = a.Layout,
        SampleRateHz = a.SampleRateHz,
        BitDepth = a.BitDepth,
        Encoding = a.Encoding,
        Frames = a.Frames,
        Meter = a.Meter,
        LeqMDb = a.LeqMDb,
        RmsDbfs = a.RmsDbfs,
        Dialogue = a.Dialogue,
        Channels = a.Channels,
        LfeAbove120HzDb = a.LfeAbove120HzDb,
        StereoCorrelation = a.StereoCorrelation,
        MonoFoldDownDb = a.MonoFoldDownDb,
        LeadingSilenceSeconds = a.LeadingSilenceSeconds,
        TrailingSilenceSeconds = a.TrailingSilenceSeconds,
    };

    private static void EnsureWritable(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".perche-write-test-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"output folder {folder} is not writable: {ex.Message}", ex);
        }
    }

    private static IProgress<long>? Fraction(DeliveryOptions options, string stage, long total) =>
        options.Progress is { } p ? new SyncProgress(frames => p.Report((stage, Math.Min(1.0, frames / (double)Math.Max(1, total))))) : null;

    private static string StripExtensions(string name)
    {
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^3];
        }

        return Path.GetFileNameWithoutExtension(name);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
