using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Perche.Core.Audio;

namespace Perche.Core.Dsp.Loudness;

/// <summary>
/// A streaming loudness meter after ITU-R BS.1770-5, EBU Tech 3341 and EBU Tech 3342: feed it audio in blocks of
/// any size, query it at any time. It does no file I/O.
/// </summary>
/// <remarks>
/// <para>
/// Time base. The K-weighted energy is summed over 10 ms sub-blocks on a fixed grid starting at the first frame
/// (sub-block k ends at frame floor(k x rate / 100), so every rate is exact). Windows are sums of whole
/// sub-blocks: momentary = 40 (400 ms), short-term = 300 (3 s). Both are evaluated every 10 ms, which is what
/// the maxima of Tech 3341 cases 10 to 14 need; gating blocks and the loudness-range input are the momentary and
/// short-term windows taken every 100 ms (75 % and 96.7 % overlap).
/// </para>
/// <para>
/// Values and edge cases. A window or programme without energy reads <see cref="double.NegativeInfinity"/> LUFS:
/// silence, a programme shorter than one 400 ms gating block, or one entirely below the -70 LUFS absolute gate.
/// <see cref="MomentaryLufs"/> and <see cref="ShortTermLufs"/> treat the time before the first frame as silence;
/// the maxima only consider complete windows. The loudness range is <see cref="double.NaN"/> when no short-term
/// value passes its gates (no complete 3 s window above -70 LUFS).
/// </para>
/// <para>
/// Memory. Integrated loudness and loudness range are computed exactly from every 100 ms block energy (8 bytes
/// each, 288 KB per hour and per mode) rather than from a histogram; <see cref="LoudnessModes.Series"/> keeps 16
/// bytes per 100 ms. Everything else is fixed at creation, and feeding allocates nothing but a 32 KB history page
/// every 6.8 minutes of programme. Results are bit-identical whatever the block sizes fed.
/// </para>
/// <para>
/// Speed. <see cref="AddInterleaved"/> is the fast path: the K-weighting filters read interleaved frames directly,
/// four channels per SIMD vector, while <see cref="AddPlanar"/> first interleaves each chunk. With loudness and
/// true peak both enabled, a call of 2048 frames or more runs the peak stage on a pool thread beside the filters
/// (the calling thread joins in once its filtering is done); results are identical either way.
/// </para>
/// <para>
/// Threads. A meter is fed and queried from one thread at a time; the static aggregates only read the meters.
/// </para>
/// </remarks>
public sealed class LoudnessMeter
{
    private const int SubBlocksPerSecond = 100;
    private const int MomentarySubBlocks = 40;
    private const int ShortTermSubBlocks = 300;
    private const int HopSubBlocks = 10;
    private const int ChunkFrames = 2048;

    // Below this many frames per call, handing the peaks to another thread costs more than it saves.
    private const int OverlapMinFrames = 2048;
    private const double LufsOffsetDb = -0.691;
    private const double AbsoluteGateLufs = -70.0;
    private const double IntegratedRelativeGateLu = -10.0;
    private const double RangeRelativeGateLu = -20.0;
    private const double RangeLowPercentile = 10.0;
    private const double RangeHighPercentile = 95.0;

    private readonly double[] weights;
    private readonly double[] laneWeights;
    private readonly KWeightingFilterBank? filters;
    private readonly PeakMeter? peaks;

    // Weighted sums of squares of the last 300 sub-blocks, indexed by sub-block number modulo 300.
    private readonly double[] ring = new double[ShortTermSubBlocks];
    private readonly EnergyHistory blockEnergies = new();
    private readonly EnergyHistory shortTermEnergies = new();
    private readonly EnergyHistory seriesMomentary = new();
    private readonly EnergyHistory seriesShortTerm = new();

    private float[]? interleaveScratch;

    // Input of the peak stage while it runs on a pool thread: a pinned interleaved span, or planar channels.
    private BackgroundWork? peakWork;
    private nint pendingFrames;
    private ReadOnlyMemory<float>[]? pendingPlanar;
    private int pendingFrameCount;
    private int nextPeakChannel;
    private long completedSubBlocks;
    private int framesInSubBlock;
    private int subBlockFrames;
    private double momentaryEnergy;
    private double shortTermEnergy;
    private double maxMomentaryEnergy;
    private double maxShortTermEnergy;

    private LoudnessMeter(ChannelLayout layout, int sampleRateHz, LoudnessModes modes, double[] weights, KWeightingDesign design)
    {
        this.Layout = layout;
        this.SampleRateHz = sampleRateHz;
        this.Modes = modes;
        this.weights = weights;

        if ((modes & LoudnessModes.Momentary) != 0)
        {
            var (shelf, highPass) = KWeighting.Stages(sampleRateHz, design);
            this.filters = new KWeightingFilterBank(layout.ChannelCount, shelf, highPass);
            this.laneWeights = new double[this.filters.GroupCount * KWeightingFilterBank.Lanes];
            weights.CopyTo(this.laneWeights, 0);
        }
        else
        {
            this.laneWeights = [];
        }

        if ((modes & LoudnessModes.SamplePeak) != 0)
        {
            var oversampling = (modes & LoudnessModes.TruePeak) == LoudnessModes.TruePeak ? TruePeakFilter.OversamplingFor(sampleRateHz) : 1;
            this.peaks = new PeakMeter(layout.ChannelCount, oversampling, ChunkFrames);
        }

        this.subBlockFrames = this.SubBlockLength(0);
    }

    /// <summary>The channel layout the meter was created for.</summary>
    public ChannelLayout Layout { get; }

    /// <summary>Number of channels per frame.</summary>
    public int ChannelCount => this.Layout.ChannelCount;

    /// <summary>Sample rate of the audio fed.</summary>
    public int SampleRateHz { get; }

    /// <summary>What the meter measures, with implied modes included.</summary>
    public LoudnessModes Modes { get; }

    /// <summary>The loudness weight of each channel, in channel order (0 for LFE).</summary>
    public IReadOnlyList<double> ChannelWeights => this.weights;

    /// <summary>Frames fed since creation or the last <see cref="Reset"/>.</summary>
    public long FramesProcessed { get; private set; }

    /// <summary>Duration fed, in seconds.</summary>
    public double DurationSeconds => (double)this.FramesProcessed / this.SampleRateHz;

    /// <summary>Loudness of the last 400 ms (up to the last complete 10 ms sub-block), LUFS.</summary>
    /// <exception cref="InvalidOperationException">The meter was created without <see cref="LoudnessModes.Momentary"/>.</exception>
    public double MomentaryLufs
    {
        get
        {
            this.Require(LoudnessModes.Momentary);
            return EnergyToLufs(this.momentaryEnergy);
        }
    }

    /// <summary>Loudness of the last 3 s (up to the last complete 10 ms sub-block), LUFS.</summary>
    /// <exception cref="InvalidOperationException">The meter was created without <see cref="LoudnessModes.ShortTerm"/>.</exception>
    public double ShortTermLufs
    {
        get
        {
            this.Require(LoudnessModes.ShortTerm);
            return EnergyToLufs(this.shortTermEnergy);
        }
    }

    /// <summary>Largest momentary loudness of a complete 400 ms window, on a 10 ms grid, since the start or <see cref="ResetMaxima"/>.</summary>
    /// <exception cref="InvalidOperationException">The meter was created without <see cref="LoudnessModes.Momentary"/>.</exception>
    public double MaxMomentaryLufs
    {
        get
        {
            this.Require(LoudnessModes.Momentary);
            return EnergyToLufs(this.maxMomentaryEnergy);
        }
    }

    /// <summary>Largest short-term loudness of a complete 3 s window, on a 10 ms grid, since the start or <see cref="ResetMaxima"/>.</summary>
    /// <exception cref="InvalidOperationException">The meter was created without <see cref="LoudnessModes.ShortTerm"/>.</exception>
    public double MaxShortTermLufs
    {
        get
        {
            this.Require(LoudnessModes.ShortTerm);
            return EnergyToLufs(this.maxShortTermEnergy);
        }
    }

    /// <summary>Gated integrated loudness (BS.1770-5) of everything fed so far, LUFS; -infinity when no block passes the gates.</summary>
    /// <exception cref="InvalidOperationException">The meter was created without <see cref="LoudnessModes.Integrated"/>.</exception>
    public double IntegratedLufs
    {
        get
        {
            this.Require(LoudnessModes.Integrated);
            return IntegratedOf([this]);
        }
    }

    /// <summary>Loudness range (EBU Tech 3342) of everything fed so far, LU; NaN when undefined.</summary>
    /// <exception cref="InvalidOperationException">The meter was created without <see cref="LoudnessModes.Range"/>.</exception>
    public double LoudnessRangeLu
    {
        get
        {
            this.Require(LoudnessModes.Range);
            return LoudnessRangeOf([this]);
        }
    }

    /// <summary>Largest true peak over all channels, dBTP; -infinity for silence.</summary>
    /// <exception cref="InvalidOperationException">The meter was created without <see cref="LoudnessModes.TruePeak"/>.</exception>
    public double MaxTruePeakDbtp
    {
        get
        {
            this.Require(LoudnessModes.TruePeak);
            var max = 0f;
            for (var c = 0; c < this.ChannelCount; c++)
            {
                max = Math.Max(max, this.peaks!.TruePeak(c));
            }

            return LinearToDb(max);
        }
    }

    /// <summary>Largest sample peak over all channels, dBFS; -infinity for silence.</summary>
    /// <exception cref="InvalidOperationException">The meter was created without <see cref="LoudnessModes.SamplePeak"/>.</exception>
    public double MaxSamplePeakDbfs
    {
        get
        {
            this.Require(LoudnessModes.SamplePeak);
            var max = 0f;
            for (var c = 0; c < this.ChannelCount; c++)
            {
                max = Math.Max(max, this.peaks!.SamplePeak(c));
            }

            return LinearToDb(max);
        }
    }

    /// <summary>
    /// Creates a meter with the BS.1770-5 weight of each channel taken from its speaker position (L, R, C 1.0; LFE
    /// excluded; surrounds at 60-120 degrees 1.41; 7.1 rear pair, overhead and unpositioned channels 1.0).
    /// </summary>
    /// <param name="layout">Speaker of each channel, in the order frames are interleaved.</param>
    /// <param name="sampleRateHz">Sample rate, at least 8000 Hz.</param>
    /// <param name="modes">What to measure; implied modes are added.</param>
    public static LoudnessMeter Create(ChannelLayout layout, int sampleRateHz, LoudnessModes modes)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return Create(layout, sampleRateHz, modes, Loudness.ChannelWeights.For(layout));
    }

    /// <summary>Creates a meter with an explicit loudness weight per channel (0 excludes a channel from loudness, not from peaks).</summary>
    /// <param name="layout">Speaker of each channel, in the order frames are interleaved.</param>
    /// <param name="sampleRateHz">Sample rate, at least 8000 Hz.</param>
    /// <param name="modes">What to measure; implied modes are added.</param>
    /// <param name="channelWeights">One finite, non-negative weight per channel.</param>
    public static LoudnessMeter Create(ChannelLayout layout, int sampleRateHz, LoudnessModes modes, IReadOnlyList<double> channelWeights)
        => Create(layout, sampleRateHz, modes, channelWeights, KWeightingDesign.Bs1770);

    /// <summary>Creates a meter with explicit channel weights and K-weighting design (see <see cref="KWeightingDesign"/>).</summary>
    /// <param name="layout">Speaker of each channel, in the order frames are interleaved.</param>
    /// <param name="sampleRateHz">Sample rate, at least 8000 Hz.</param>
    /// <param name="modes">What to measure; implied modes are added.</param>
    /// <param name="channelWeights">One finite, non-negative weight per channel.</param>
    /// <param name="design">The K-weighting filters; <see cref="KWeightingDesign.Bs1770"/> unless reproducing another tool.</param>
    public static LoudnessMeter Create(ChannelLayout layout, int sampleRateHz, LoudnessModes modes, IReadOnlyList<double> channelWeights, KWeightingDesign design)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(channelWeights);
        if (layout.ChannelCount == 0)
        {
            throw new ArgumentException("the layout has no channel", nameof(layout));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRateHz, KWeighting.MinSampleRateHz);
        modes = WithPrerequisites(modes);
        if (modes == LoudnessModes.None || (modes & ~LoudnessModes.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(modes), modes, "choose at least one known mode");
        }

        if (channelWeights.Count != layout.ChannelCount)
        {
            throw new ArgumentException($"expected {layout.ChannelCount} weights, one per channel, got {channelWeights.Count}", nameof(channelWeights));
        }

        var weights = new double[channelWeights.Count];
        for (var i = 0; i < weights.Length; i++)
        {
            var w = channelWeights[i];
            if (!double.IsFinite(w) || w < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(channelWeights), w, $"weight of channel {i} must be finite and not negative");
            }

            weights[i] = w;
        }

        return new LoudnessMeter(layout, sampleRateHz, modes, weights, design);
    }

    /// <summary>
    /// Gated integrated loudness of several programmes measured as one (an album, the reels of a feature): both gates
    /// are computed over the union of every meter's 400 ms blocks, not from any one meter's state.
    /// </summary>
    /// <returns>LUFS; -infinity when no block passes the gates.</returns>
    /// <exception cref="InvalidOperationException">A meter was created without <see cref="LoudnessModes.Integrated"/>.</exception>
    public static double IntegratedOf(IEnumerable<LoudnessMeter> meters)
    {
        ArgumentNullException.ThrowIfNull(meters);

        // Two passes over the meters: a lazy sequence must not be enumerated (and its meters created) twice.
        meters = meters as IReadOnlyCollection<LoudnessMeter> ?? [.. meters];
        var absoluteGate = LufsToEnergy(AbsoluteGateLufs);
        double sum = 0;
        long count = 0;
        foreach (var meter in meters)
        {
            meter.Require(LoudnessModes.Integrated);
            foreach (var segment in meter.blockEnergies.Segments())
            {
                foreach (var e in segment.Span)
                {
                    if (e > absoluteGate)
                    {
                        sum += e;
                        count++;
                    }
                }
            }
        }

        if (count == 0)
        {
            return double.NegativeInfinity;
        }

        // The -0.691 dB offset cancels in a relative gate, so it is applied to energies as a plain ratio.
        var gate = Math.Max(absoluteGate, sum / count * Math.Pow(10, IntegratedRelativeGateLu / 10));
        double gatedSum = 0;
        long gatedCount = 0;
        foreach (var meter in meters)
        {
            foreach (var segment in meter.blockEnergies.Segments())
            {
                foreach (var e in segment.Span)
                {
                    if (e > gate)
                    {
                        gatedSum += e;
                        gatedCount++;
                    }
                }
            }
        }

        return gatedCount == 0 ? double.NegativeInfinity : EnergyToLufs(gatedSum / gatedCount);
    }

    /// <summary>
    /// Loudness range (EBU Tech 3342) of several programmes measured as one: short-term values every 100 ms from all
    /// meters, absolute gate -70 LUFS, relative gate -20 LU, then P95 - P10 with the nearest-rank rule of the
    /// Tech 3342 reference code.
    /// </summary>
    /// <returns>LU; NaN when no short-term value passes the gates.</returns>
    /// <exception cref="InvalidOperationException">A meter was created without <see cref="LoudnessModes.Range"/>.</exception>
    public static double LoudnessRangeOf(IEnumerable<LoudnessMeter> meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        meters = meters as IReadOnlyCollection<LoudnessMeter> ?? [.. meters];
        var absoluteGate = LufsToEnergy(AbsoluteGateLufs);
        double sum = 0;
        var count = 0;
        foreach (var meter in meters)
        {
            meter.Require(LoudnessModes.Range);
            foreach (var segment in meter.shortTermEnergies.Segments())
            {
                foreach (var e in segment.Span)
                {
                    // The Tech 3342 reference keeps values at or above each gate.
                    if (e >= absoluteGate)
                    {
                        sum += e;
                        count++;
                    }
                }
            }
        }

        if (count == 0)
        {
            return double.NaN;
        }

        var gate = Math.Max(absoluteGate, sum / count * Math.Pow(10, RangeRelativeGateLu / 10));
        var kept = ArrayPool<double>.Shared.Rent(count);
        try
        {
            var keptCount = 0;
            foreach (var meter in meters)
            {
                foreach (var segment in meter.shortTermEnergies.Segments())
                {
                    foreach (var e in segment.Span)
                    {
                        if (e >= gate)
                        {
                            kept[keptCount++] = e;
                        }
                    }
                }
            }

            if (keptCount == 0)
            {
                return double.NaN;
            }

            // Percentiles of energies equal percentiles of loudness: the mapping is monotonic.
            var sorted = kept.AsSpan(0, keptCount);
            sorted.Sort();
            var low = sorted[NearestRank(keptCount, RangeLowPercentile)];
            var high = sorted[NearestRank(keptCount, RangeHighPercentile)];
            return EnergyToLufs(high) - EnergyToLufs(low);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(kept);
        }
    }

    /// <summary>Sample peak of <paramref name="channel"/> as a linear value (1.0 = full scale).</summary>
    /// <exception cref="InvalidOperationException">The meter was created without <see cref="LoudnessModes.SamplePeak"/>.</exception>
    public double SamplePeak(int channel)
    {
        this.Require(LoudnessModes.SamplePeak);
        this.CheckChannel(channel);
        return this.peaks!.SamplePeak(channel);
    }

    /// <summary>Sample peak of <paramref name="channel"/> in dBFS; -infinity for silence.</summary>
    /// <exception cref="InvalidOperationException">The meter was created without <see cref="LoudnessModes.SamplePeak"/>.</exception>
    public double SamplePeakDbfs(int channel) => LinearToDb(this.SamplePeak(channel));

    /// <summary>
    /// True peak of <paramref name="channel"/> as a linear value: the largest |value| of the 4x oversampled waveform
    /// (2x at 96 kHz and above, the samples alone from 192 kHz), never below the sample peak.
    /// </summary>
    /// <exception cref="InvalidOperationException">The meter was created without <see cref="LoudnessModes.TruePeak"/>.</exception>
    public double TruePeak(int channel)
    {
        this.Require(LoudnessModes.TruePeak);
        this.CheckChannel(channel);
        return this.peaks!.TruePeak(channel);
    }

    /// <summary>True peak of <paramref name="channel"/> in dBTP; -infinity for silence.</summary>
    /// <exception cref="InvalidOperationException">The meter was created without <see cref="LoudnessModes.TruePeak"/>.</exception>
    public double TruePeakDbtp(int channel) => LinearToDb(this.TruePeak(channel));

    /// <summary>
    /// The momentary and short-term loudness every 100 ms since the start, for plots. Times are window ends; audio
    /// before the first frame counts as silence.
    /// </summary>
    /// <exception cref="InvalidOperationException">The meter was created without <see cref="LoudnessModes.Series"/>.</exception>
    public LoudnessPoint[] GetSeries()
    {
        this.Require(LoudnessModes.Series);
        var points = new LoudnessPoint[this.seriesMomentary.Count];
        for (var i = 0; i < points.Length; i++)
        {
            var timeSeconds = (double)this.SubBlockBoundary((long)(i + 1) * HopSubBlocks) / this.SampleRateHz;
            points[i] = new LoudnessPoint(timeSeconds, EnergyToLufs(this.seriesMomentary[i]), EnergyToLufs(this.seriesShortTerm[i]));
        }

        return points;
    }

    /// <summary>Feeds interleaved frames (channel order of <see cref="Layout"/>), any number at a time.</summary>
    /// <exception cref="ArgumentException">The length is not a whole number of frames.</exception>
    public unsafe void AddInterleaved(ReadOnlySpan<float> frames)
    {
        var channels = this.ChannelCount;
        if (frames.Length % channels != 0)
        {
            throw new ArgumentException($"{frames.Length} samples is not a whole number of {channels}-channel frames", nameof(frames));
        }

        var frameCount = frames.Length / channels;
        if (this.ShouldOverlap(frameCount))
        {
            // Peaks go to a pool thread while this thread filters; the span stays pinned until both are done.
            fixed (float* pointer = frames)
            {
                this.pendingFrames = (nint)pointer;
                this.pendingFrameCount = frameCount;
                this.nextPeakChannel = 0;
                var work = this.peakWork ??= new BackgroundWork(this.RunPendingPeaks);
                work.Start();
                try
                {
                    this.LoudnessInterleaved(frames, frameCount);
                    this.RunPendingPeaks();
                }
                finally
                {
                    work.Join();
                    this.pendingFrames = 0;
                }
            }
        }
        else
        {
            if (this.filters is not null)
            {
                this.LoudnessInterleaved(frames, frameCount);
            }

            if (this.peaks is not null)
            {
                for (var c = 0; c < channels; c++)
                {
                    this.PeaksInterleaved(frames, frameCount, c);
                }
            }
        }

        this.FramesProcessed += frameCount;
    }

    /// <summary>
    /// Feeds planar audio: one span per channel, all of the same length. Interleaved and planar input run the same
    /// kernels at nearly the same speed: the loudness filters read interleaved frames (planar input is interleaved
    /// chunk by chunk), the true-peak stage reads planar channels (interleaved input is split chunk by chunk).
    /// </summary>
    /// <exception cref="ArgumentException">The channel count or lengths do not match.</exception>
    public void AddPlanar(params ReadOnlySpan<ReadOnlyMemory<float>> channels)
    {
        if (channels.Length != this.ChannelCount)
        {
            throw new ArgumentException($"expected {this.ChannelCount} channels, got {channels.Length}", nameof(channels));
        }

        var frameCount = channels[0].Length;
        for (var c = 1; c < channels.Length; c++)
        {
            if (channels[c].Length != frameCount)
            {
                throw new ArgumentException($"channel {c} has {channels[c].Length} frames, channel 0 has {frameCount}", nameof(channels));
            }
        }

        if (this.ShouldOverlap(frameCount))
        {
            var inputs = this.pendingPlanar ??= new ReadOnlyMemory<float>[this.ChannelCount];
            channels.CopyTo(inputs);
            this.pendingFrameCount = frameCount;
            this.nextPeakChannel = 0;
            var work = this.peakWork ??= new BackgroundWork(this.RunPendingPeaks);
            work.Start();
            try
            {
                this.LoudnessPlanar(channels, frameCount);
                this.RunPendingPeaks();
            }
            finally
            {
                work.Join();
                Array.Clear(inputs);
            }
        }
        else
        {
            if (this.filters is not null)
            {
                this.LoudnessPlanar(channels, frameCount);
            }

            if (this.peaks is not null)
            {
                for (var c = 0; c < channels.Length; c++)
                {
                    this.PeaksPlanar(channels[c].Span, frameCount, c);
                }
            }
        }

        this.FramesProcessed += frameCount;
    }

    /// <summary>Restarts the maxima of momentary and short-term loudness (a live meter's peak-hold reset).</summary>
    public void ResetMaxima()
    {
        this.maxMomentaryEnergy = 0;
        this.maxShortTermEnergy = 0;
    }

    /// <summary>Forgets everything fed, as for a new programme (the EBU cases reset the meter before each measurement).</summary>
    public void Reset()
    {
        this.filters?.Reset();
        this.peaks?.Reset();
        Array.Clear(this.ring);
        this.blockEnergies.Clear();
        this.shortTermEnergies.Clear();
        this.seriesMomentary.Clear();
        this.seriesShortTerm.Clear();
        this.completedSubBlocks = 0;
        this.framesInSubBlock = 0;
        this.subBlockFrames = this.SubBlockLength(0);
        this.momentaryEnergy = 0;
        this.shortTermEnergy = 0;
        this.maxMomentaryEnergy = 0;
        this.maxShortTermEnergy = 0;
        this.FramesProcessed = 0;
    }

    /// <summary>Whether large blocks may run loudness and peaks on two threads (tests compare both ways).</summary>
    internal bool AllowParallel { get; set; } = true;

    internal void SetTruePeakShortcut(bool enabled) => this.peaks?.UseShortcut = enabled;

    internal void SetSimd(bool enabled)
    {
        this.filters?.UseSimd = enabled;
        this.peaks?.UseSimd = enabled;
    }

    /// <summary>Share of true-peak segments the exact shortcut skipped (0 to 1), for benchmarks.</summary>
    internal double TruePeakSkipRatio => this.peaks is { Segments: > 0 } p ? (double)p.SkippedSegments / p.Segments : 0;

    private static LoudnessModes WithPrerequisites(LoudnessModes modes)
    {
        // Each mode bit pulls in the bits it depends on, whatever value the caller combined.
        foreach (var mode in (ReadOnlySpan<LoudnessModes>)[LoudnessModes.Series, LoudnessModes.Range, LoudnessModes.TruePeak, LoudnessModes.Integrated, LoudnessModes.ShortTerm])
        {
            var ownBit = HighestBit(mode);
            if (((int)modes & ownBit) != 0)
            {
                modes |= mode;
            }
        }

        return modes;
    }

    private static int HighestBit(LoudnessModes mode) => 1 << (31 - System.Numerics.BitOperations.LeadingZeroCount((uint)mode));

    private static int NearestRank(int count, double percentile)
    {
        // sorted[round((n - 1) p / 100 + 1)] with 1-based indexing and MATLAB's round (half away from zero).
        var oneBased = (int)Math.Round(((count - 1) * percentile / 100) + 1, MidpointRounding.AwayFromZero);
        return Math.Clamp(oneBased - 1, 0, count - 1);
    }

    private static double EnergyToLufs(double energy) => LufsOffsetDb + (10 * Math.Log10(energy));

    private static double LufsToEnergy(double lufs) => Math.Pow(10, (lufs - LufsOffsetDb) / 10);

    private static double LinearToDb(double value) => 20 * Math.Log10(value);

    // Loudness and peaks are independent; with both enabled, a large enough block runs them on two cores.
    private bool ShouldOverlap(int frameCount) =>
        this.filters is not null && this.peaks is not null && this.AllowParallel && frameCount >= OverlapMinFrames && Environment.ProcessorCount > 1;

    // Runs on the pool thread and, once its loudness work is done, on the calling thread too: each claims whole
    // channels until none is left, so the two threads balance however costly the true peak of each channel is.
    private unsafe void RunPendingPeaks()
    {
        int channel;
        while ((channel = Interlocked.Increment(ref this.nextPeakChannel) - 1) < this.ChannelCount)
        {
            if (this.pendingFrames != 0)
            {
                var frames = new ReadOnlySpan<float>((void*)this.pendingFrames, this.pendingFrameCount * this.ChannelCount);
                this.PeaksInterleaved(frames, this.pendingFrameCount, channel);
            }
            else
            {
                this.PeaksPlanar(this.pendingPlanar![channel].Span, this.pendingFrameCount, channel);
            }
        }
    }

    private void LoudnessInterleaved(ReadOnlySpan<float> frames, int frameCount) => this.RunLoudness(frames, frameCount);

    private void LoudnessPlanar(ReadOnlySpan<ReadOnlyMemory<float>> channels, int frameCount)
    {
        // The filter bank reads interleaved frames; interleaving a chunk costs far less than filtering it.
        var count = this.ChannelCount;
        var scratch = this.interleaveScratch ??= new float[ChunkFrames * count];
        for (var start = 0; start < frameCount; start += ChunkFrames)
        {
            var n = Math.Min(ChunkFrames, frameCount - start);
            for (var c = 0; c < count; c++)
            {
                Interleave(channels[c].Span.Slice(start, n), c, count, scratch.AsSpan(0, n * count));
            }

            this.RunLoudness(scratch.AsSpan(0, n * count), n);
        }
    }

    private void PeaksInterleaved(ReadOnlySpan<float> frames, int frameCount, int channel)
    {
        var peaks = this.peaks!;
        var channels = this.ChannelCount;
        for (var start = 0; start < frameCount; start += ChunkFrames)
        {
            var n = Math.Min(ChunkFrames, frameCount - start);
            Deinterleave(frames.Slice(start * channels, n * channels), channel, channels, peaks.ChunkBuffer(channel)[..n]);
            peaks.Process(channel, n);
        }
    }

    private void PeaksPlanar(ReadOnlySpan<float> samples, int frameCount, int channel)
    {
        var peaks = this.peaks!;
        for (var start = 0; start < frameCount; start += ChunkFrames)
        {
            var n = Math.Min(ChunkFrames, frameCount - start);
            samples.Slice(start, n).CopyTo(peaks.ChunkBuffer(channel));
            peaks.Process(channel, n);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Interleave(ReadOnlySpan<float> source, int channel, int channelCount, Span<float> interleaved)
    {
        if (interleaved.Length < source.Length * channelCount)
        {
            throw new ArgumentException("fewer samples than frames x channels", nameof(interleaved));
        }

        // Offsets are recomputed from the base so no reference ever points past the end of the array.
        ref var target = ref Unsafe.Add(ref MemoryMarshal.GetReference(interleaved), channel);
        for (var i = 0; i < source.Length; i++)
        {
            Unsafe.Add(ref target, (nint)i * channelCount) = source[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Deinterleave(ReadOnlySpan<float> interleaved, int channel, int channelCount, Span<float> destination)
    {
        if (interleaved.Length < destination.Length * channelCount)
        {
            throw new ArgumentException("fewer samples than frames x channels", nameof(interleaved));
        }

        ref var source = ref Unsafe.Add(ref MemoryMarshal.GetReference(interleaved), channel);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = Unsafe.Add(ref source, (nint)i * channelCount);
        }
    }

    private void RunLoudness(ReadOnlySpan<float> interleaved, int frameCount)
    {
        var filters = this.filters!;
        var channels = this.ChannelCount;
        var offset = 0;
        while (offset < frameCount)
        {
            var n = Math.Min(frameCount - offset, this.subBlockFrames - this.framesInSubBlock);
            filters.Run(interleaved.Slice(offset * channels, n * channels), n);
            offset += n;
            this.framesInSubBlock += n;
            if (this.framesInSubBlock == this.subBlockFrames)
            {
                this.CompleteSubBlock(filters.TakeWeightedSum(this.laneWeights));
            }
        }
    }

    private void CompleteSubBlock(double weightedSquares)
    {
        var k = this.completedSubBlocks;
        this.ring[(int)(k % ShortTermSubBlocks)] = weightedSquares;
        k++;
        this.completedSubBlocks = k;
        this.framesInSubBlock = 0;
        this.subBlockFrames = this.SubBlockLength(k);

        this.momentaryEnergy = this.WindowEnergy(k, MomentarySubBlocks);
        if (k >= MomentarySubBlocks)
        {
            this.maxMomentaryEnergy = Math.Max(this.maxMomentaryEnergy, this.momentaryEnergy);
        }

        var shortTerm = (this.Modes & LoudnessModes.ShortTerm) == LoudnessModes.ShortTerm;
        if (shortTerm)
        {
            this.shortTermEnergy = this.WindowEnergy(k, ShortTermSubBlocks);
            if (k >= ShortTermSubBlocks)
            {
                this.maxShortTermEnergy = Math.Max(this.maxShortTermEnergy, this.shortTermEnergy);
            }
        }

        if (k % HopSubBlocks != 0)
        {
            return;
        }

        if ((this.Modes & LoudnessModes.Integrated) == LoudnessModes.Integrated && k >= MomentarySubBlocks)
        {
            this.blockEnergies.Add(this.momentaryEnergy);
        }

        if ((this.Modes & LoudnessModes.Range) == LoudnessModes.Range && k >= ShortTermSubBlocks)
        {
            this.shortTermEnergies.Add(this.shortTermEnergy);
        }

        if ((this.Modes & LoudnessModes.Series) == LoudnessModes.Series)
        {
            this.seriesMomentary.Add(this.momentaryEnergy);
            this.seriesShortTerm.Add(this.shortTermEnergy);
        }
    }

    // Mean weighted square over the last `length` sub-blocks ending at sub-block count k; before a full window the
    // missing sub-blocks are the ring's initial zeros and the divisor is the nominal window length.
    private double WindowEnergy(long k, int length)
    {
        var first = k - length;
        var frames = first >= 0 ? this.SubBlockBoundary(k) - this.SubBlockBoundary(first) : this.SubBlockBoundary(length);
        var start = (int)(((first % ShortTermSubBlocks) + ShortTermSubBlocks) % ShortTermSubBlocks);
        var firstPart = Math.Min(length, ShortTermSubBlocks - start);
        var sum = Sum(this.ring.AsSpan(start, firstPart)) + Sum(this.ring.AsSpan(0, length - firstPart));
        return sum / frames;
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        // Four independent partial sums break the add latency chain; the order is fixed, so results are reproducible.
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        var i = 0;
        for (; i <= values.Length - 4; i += 4)
        {
            s0 += values[i];
            s1 += values[i + 1];
            s2 += values[i + 2];
            s3 += values[i + 3];
        }

        for (; i < values.Length; i++)
        {
            s0 += values[i];
        }

        return (s0 + s1) + (s2 + s3);
    }

    private long SubBlockBoundary(long index) => index * this.SampleRateHz / SubBlocksPerSecond;

    private int SubBlockLength(long index) => (int)(this.SubBlockBoundary(index + 1) - this.SubBlockBoundary(index));

    private void Require(LoudnessModes mode)
    {
        if ((this.Modes & mode) != mode)
        {
            throw new InvalidOperationException($"this meter was created without {mode} (modes: {this.Modes})");
        }
    }

    private void CheckChannel(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, this.ChannelCount);
    }
}
