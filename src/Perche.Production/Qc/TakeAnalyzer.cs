using System.Globalization;
using Perche.Core;
using Perche.Core.Audio;
using Perche.Core.Dsp.Loudness;
using Perche.Core.Formats.Wav;
using Perche.Production.Report;

namespace Perche.Production.Qc;

/// <summary>
/// Technical QC of a take, streaming all its files in lockstep (a mono family reads as one multichannel take):
/// peaks and true peaks, RMS, noise floor, DC offset, clipping, dropouts (digital zeros) and discontinuities per
/// channel, and the zero-lag correlation of boom against lavalier channels (a negative value means a polarity
/// flip on one of them).
/// </summary>
public static class TakeAnalyzer
{
    private const int BlockFrames = 8192;

    // A sample at or above this is at full scale (24-bit max code is 0.99999988, 16-bit 0.99997).
    private const float FullScale = 0.9999f;

    // A step this large between quiet neighbours is a click, not audio.
    private const float StepThreshold = 0.5f;
    private const float QuietDelta = 0.02f;

    /// <summary>Analyses a take.</summary>
    public static TakeQcResult Analyze(TakeEntry take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(take);
        var readers = new List<WavSampleReader>();
        try
        {
            foreach (var f in take.Files)
            {
                readers.Add(WavReader.OpenSamples(f.Path));
            }

            var channels = readers.Sum(r => r.Format.ChannelCount);
            var sampleRate = readers[0].Format.SampleRateHz;
            var states = new ChannelState[channels];
            var names = new List<TrackInfo>();
            foreach (var f in take.Files)
            {
                names.AddRange(f.Tracks);
            }

            for (var c = 0; c < channels; c++)
            {
                states[c] = new ChannelState(sampleRate);
            }

            var meters = readers.Select(r => LoudnessMeter.Create(r.Format.Layout, sampleRate, LoudnessModes.TruePeak)).ToArray();
            var buffers = readers.Select(r => new float[BlockFrames * r.Format.ChannelCount]).ToArray();
            var pairs = CorrelationPairs(names);
            var cross = new double[pairs.Count];
            long position = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var frames = int.MaxValue;
                for (var i = 0; i < readers.Count; i++)
                {
                    frames = Math.Min(frames, readers[i].ReadFrames(buffers[i]));
                }

                if (frames <= 0 || frames == int.MaxValue)
                {
                    break;
                }

                var channelBase = 0;
                for (var i = 0; i < readers.Count; i++)
                {
                    var n = readers[i].Format.ChannelCount;
                    var block = buffers[i].AsSpan(0, frames * n);
                    meters[i].AddInterleaved(block);
                    for (var c = 0; c < n; c++)
                    {
                        states[channelBase + c].Add(block, c, n, position);
                    }

                    channelBase += n;
                }

                for (var p = 0; p < pairs.Count; p++)
                {
                    cross[p] += CrossSum(buffers, readers, pairs[p].A, pairs[p].B, frames);
                }

                position += frames;
            }

            var result = new TakeQcResult();
            var cb = 0;
            for (var i = 0; i < readers.Count; i++)
            {
                for (var c = 0; c < readers[i].Format.ChannelCount; c++)
                {
                    var s = states[cb + c];
                    var track = cb + c < names.Count ? names[cb + c] : null;
                    var q = s.Finish();
                    var channel = new ChannelQc
                    {
                        ChannelIndex = track?.ChannelIndex ?? cb + c + 1,
                        Name = track?.Name ?? string.Empty,
                        PeakDbfs = meters[i].SamplePeakDbfs(c),
                        TruePeakDbtp = meters[i].TruePeakDbtp(c),
                        RmsDbfs = q.RmsDbfs,
                        NoiseFloorDbfs = q.NoiseFloorDbfs,
                        DcOffsetDbfs = q.DcDbfs,
                        ClippedRuns = s.ClippedRuns,
                        FirstClipSeconds = s.FirstClip is { } fc ? (double)fc / sampleRate : null,
                        Dropouts = s.Dropouts,
                        FirstDropoutSeconds = s.FirstDropout is { } fd ? (double)fd / sampleRate : null,
                        Discontinuities = s.Steps,
                        FirstDiscontinuitySeconds = s.FirstStep is { } st ? (double)st / sampleRate : null,
                        IsSilent = s.IsSilent,
                    };
                    result.Channels.Add(channel);
                }

                cb += readers[i].Format.ChannelCount;
            }

            for (var p = 0; p < pairs.Count; p++)
            {
                var ea = states[pairs[p].A].SumSquares;
                var eb = states[pairs[p].B].SumSquares;
                if (ea > 0 && eb > 0)
                {
                    result.Correlations.Add(new ChannelCorrelation
                    {
                        ChannelA = result.Channels[pairs[p].A].ChannelIndex,
                        ChannelB = result.Channels[pairs[p].B].ChannelIndex,
                        Correlation = cross[p] / Math.Sqrt(ea * eb),
                    });
                }
            }

            Flag(result);
            return result;
        }
        finally
        {
            foreach (var r in readers)
            {
                r.Dispose();
            }
        }
    }

    private static void Flag(TakeQcResult r)
    {
        static string T(double? s) => s is { } v ? TimeSpan.FromSeconds(v).ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture) : string.Empty;
        foreach (var c in r.Channels)
        {
            var who = string.Create(CultureInfo.InvariantCulture, $"ch{c.ChannelIndex}{(c.Name.Length > 0 ? " " + c.Name : string.Empty)}");
            if (c.IsSilent)
            {
                r.Flags.Add($"{who}: silent (all samples zero)");
                continue;
            }

            if (c.ClippedRuns > 0)
            {
                r.Flags.Add(string.Create(CultureInfo.InvariantCulture, $"{who}: {c.ClippedRuns} clipped run(s) from {T(c.FirstClipSeconds)}"));
            }

            if (c.TruePeakDbtp > 0 && c.ClippedRuns == 0)
            {
                r.Flags.Add(string.Create(CultureInfo.InvariantCulture, $"{who}: true peak {c.TruePeakDbtp:+0.0} dBTP"));
            }

            if (c.Dropouts > 0)
            {
                r.Flags.Add(string.Create(CultureInfo.InvariantCulture, $"{who}: {c.Dropouts} dropout(s) (digital zero) from {T(c.FirstDropoutSeconds)}"));
            }

            if (c.Discontinuities > 0)
            {
                r.Flags.Add(string.Create(CultureInfo.InvariantCulture, $"{who}: {c.Discontinuities} discontinuit{(c.Discontinuities == 1 ? "y" : "ies")} from {T(c.FirstDiscontinuitySeconds)}"));
            }

            if (c.DcOffsetDbfs > -50)
            {
                r.Flags.Add(string.Create(CultureInfo.InvariantCulture, $"{who}: DC offset {c.DcOffsetDbfs:0.0} dBFS"));
            }
        }

        foreach (var x in r.Correlations)
        {
            if (x.Correlation <= -0.3)
            {
                r.Flags.Add(string.Create(CultureInfo.InvariantCulture, $"ch{x.ChannelA}/ch{x.ChannelB}: correlation {x.Correlation:0.00}, polarity inverted?"));
            }
        }
    }

    // Boom against lavalier channels, when names say which is which; otherwise every pair of a small take.
    private static List<(int A, int B)> CorrelationPairs(List<TrackInfo> names)
    {
        static bool IsBoom(string n) => n.Contains("boom", StringComparison.OrdinalIgnoreCase) || n.Contains("perche", StringComparison.OrdinalIgnoreCase) || n.Contains("MKH", StringComparison.OrdinalIgnoreCase);
        static bool IsLav(string n) => n.Contains("lav", StringComparison.OrdinalIgnoreCase) || n.StartsWith("HF", StringComparison.OrdinalIgnoreCase) || n.Contains("radio", StringComparison.OrdinalIgnoreCase);
        var pairs = new List<(int, int)>();
        for (var a = 0; a < names.Count; a++)
        {
            for (var b = 0; b < names.Count; b++)
            {
                if (a != b && IsBoom(names[a].Name) && IsLav(names[b].Name))
                {
                    pairs.Add((a, b));
                }
            }
        }

        return pairs;
    }

    private static double CrossSum(float[][] buffers, List<WavSampleReader> readers, int a, int b, int frames)
    {
        var (ba, ca, na) = Locate(readers, a);
        var (bb, cb, nb) = Locate(readers, b);
        var x = buffers[ba];
        var y = buffers[bb];
        double sum = 0;
        for (var i = 0; i < frames; i++)
        {
            sum += (double)x[(i * na) + ca] * y[(i * nb) + cb];
        }

        return sum;
    }

    private static (int Buffer, int Channel, int Count) Locate(List<WavSampleReader> readers, int global)
    {
        for (var i = 0; i < readers.Count; i++)
        {
            var n = readers[i].Format.ChannelCount;
            if (global < n)
            {
                return (i, global, n);
            }

            global -= n;
        }

        throw new ArgumentOutOfRangeException(nameof(global));
    }

    private sealed class ChannelState
    {
        private readonly int windowFrames;
        private readonly int minDropout;
        private readonly List<float> windowRms = [];
        private double windowSum;
        private int windowCount;
        private double sum;
        private long count;
        private int clipRun;
        private long zeroRun;
        private long zeroStart;
        private float previous;
        private float previousDelta;
        private bool anyNonZero;

        public ChannelState(int sampleRate)
        {
            this.windowFrames = Math.Max(1, sampleRate / 20);
            this.minDropout = Math.Max(8, sampleRate / 1000);
        }

        public double SumSquares { get; private set; }

        public int ClippedRuns { get; private set; }

        public long? FirstClip { get; private set; }

        public int Dropouts { get; private set; }

        public long? FirstDropout { get; private set; }

        public int Steps { get; private set; }

        public long? FirstStep { get; private set; }

        public bool IsSilent => !this.anyNonZero;

        public void Add(ReadOnlySpan<float> interleaved, int channel, int channels, long position)
        {
            for (int i = channel, frame = 0; i < interleaved.Length; i += channels, frame++)
            {
                var x = interleaved[i];
                var at = position + frame;
                this.sum += x;
                this.SumSquares += (double)x * x;
                this.windowSum += (double)x * x;
                if (++this.windowCount == this.windowFrames)
                {
                    this.windowRms.Add((float)Math.Sqrt(this.windowSum / this.windowFrames));
                    this.windowSum = 0;
                    this.windowCount = 0;
                }

                var ax = Math.Abs(x);
                if (ax >= FullScale)
                {
                    if (++this.clipRun == 3)
                    {
                        this.ClippedRuns++;
                        this.FirstClip ??= at - 2;
                    }
                }
                else
                {
                    this.clipRun = 0;
                }

                if (x == 0f)
                {
                    if (this.zeroRun++ == 0)
                    {
                        this.zeroStart = at;
                    }
                }
                else
                {
                    // A zero run counts as a dropout only between two stretches of signal.
                    if (this.anyNonZero && this.zeroRun >= this.minDropout && this.zeroStart > 0)
                    {
                        this.Dropouts++;
                        this.FirstDropout ??= this.zeroStart;
                    }

                    this.zeroRun = 0;
                    this.anyNonZero = true;
                }

                // A jump of half full scale in one sample right after a quiet sample: no acoustic signal does that at
                // audio rates; a lost or repeated buffer does (a step or a one-sample spike).
                var delta = x - this.previous;
                if (at > 1 && Math.Abs(delta) > StepThreshold && Math.Abs(this.previousDelta) < QuietDelta)
                {
                    this.Steps++;
                    this.FirstStep ??= at;
                }

                this.previousDelta = delta;
                this.previous = x;
                this.count++;
            }
        }

        public (double RmsDbfs, double NoiseFloorDbfs, double DcDbfs) Finish()
        {
            var rms = this.count > 0 ? Math.Sqrt(this.SumSquares / this.count) : 0;
            var floor = 0.0;
            if (this.windowRms.Count > 0)
            {
                this.windowRms.Sort();
                floor = this.windowRms[this.windowRms.Count / 10];
            }
            else
            {
                floor = rms;
            }

            var dc = this.count > 0 ? Math.Abs(this.sum / this.count) : 0;
            return (Db(rms), Db(floor), Db(dc));
        }

        private static double Db(double linear) => linear > 0 ? 20 * Math.Log10(linear) : double.NegativeInfinity;
    }
}
