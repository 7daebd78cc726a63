using System.Runtime.CompilerServices;
using Perche.Core;
using Perche.Core.Audio;
using Perche.Core.Dsp.LeqM;
using Perche.Core.Dsp.Loudness;
using Perche.Core.Formats.Ffmpeg;
using Perche.Core.Formats.Wav;
using Perche.Delivery.Processing;

namespace Perche.Delivery.Analysis;

/// <summary>What to measure besides BS.1770.</summary>
[Flags]
public enum AnalysisOptions
{
    /// <summary>BS.1770, peaks and channel checks only.</summary>
    None = 0,

    /// <summary>Run the speech detector and compute dialogue-gated loudness.</summary>
    Dialogue = 1,

    /// <summary>Compute ISO 21727 Leq(M).</summary>
    LeqM = 2,
}

/// <summary>
/// Measures a programme in one streaming pass: BS.1770 (integrated, LRA, max M/S, true peak, series), optional
/// Leq(M) and dialogue gating, and the channel checks (DC offset, clipping, silent channels, LFE above 120 Hz,
/// L/R correlation, leading and trailing silence).
/// </summary>
public sealed class ProgrammeAnalyzer
{
    private const double SilenceThreshold = 0.001; // -60 dBFS
    private const float ClipThreshold = 0.99990f; // within 1e-4 of full scale (-0.0009 dBFS)
    private const int ClipRun = 3;

    private readonly ChannelLayout layout;
    private readonly int rate;
    private readonly int channels;
    private readonly LoudnessMeter meter;
    private readonly LeqMMeter? leqM;
    private readonly SpeechDetector? speech;
    private readonly double[] sumSquares;
    private readonly double[] sums;
    private readonly long[] clipped;
    private readonly int[] clipRuns;
    private readonly int lfe;
    private readonly int dialogueChannel;
    private readonly int left;
    private readonly int right;
    private Biquad lfeHigh1;
    private Biquad lfeHigh2;
    private double lfeHighEnergy;
    private double lrProduct;
    private double monoEnergy;
    private long frames;
    private long firstLoud = -1;
    private long lastLoud = -1;
    private float[] mono = [];

    /// <summary>Creates an analyzer.</summary>
    public ProgrammeAnalyzer(ChannelLayout layout, int sampleRateHz, AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(layout);
        this.layout = layout;
        this.rate = sampleRateHz;
        this.channels = layout.ChannelCount;
        this.meter = LoudnessMeter.Create(layout, sampleRateHz, LoudnessModes.Integrated | LoudnessModes.Range | LoudnessModes.TruePeak | LoudnessModes.Series);
        if ((options & AnalysisOptions.LeqM) != 0)
        {
            this.leqM = new LeqMMeter(layout, sampleRateHz);
        }

        if ((options & AnalysisOptions.Dialogue) != 0)
        {
            this.speech = new SpeechDetector(sampleRateHz);
        }

        this.sumSquares = new double[this.channels];
        this.sums = new double[this.channels];
        this.clipped = new long[this.channels];
        this.clipRuns = new int[this.channels];
        var speakers = layout.Speakers;
        this.lfe = IndexOf(speakers, Speaker.LowFrequency);
        this.dialogueChannel = IndexOf(speakers, Speaker.FrontCenter) is var c && c >= 0 && this.channels > 2 ? c : -1;
        this.left = IndexOf(speakers, Speaker.FrontLeft);
        this.right = IndexOf(speakers, Speaker.FrontRight);
        this.lfeHigh1 = Biquad.HighPass(120, 0.5412, sampleRateHz);
        this.lfeHigh2 = Biquad.HighPass(120, 1.3066, sampleRateHz);
    }

    /// <summary>Measures a WAVE file.</summary>
    public static ProgrammeAnalysis AnalyzeFile(string path, AnalysisOptions options, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        using var reader = WavReader.OpenSamples(path);
        var format = reader.Format;
        var analyzer = new ProgrammeAnalyzer(format.Layout, format.SampleRateHz, options);
        WavDecodePipeline.Run(reader, block => analyzer.Add(block), progress, cancellationToken);
        return analyzer.Finish(path, format.EncodingName, format.IsFloat ? null : format.BitsPerSample);
    }

    /// <summary>Measures any file ffmpeg decodes (AAC, Opus, MP3...), at its own rate and layout.</summary>
    public static ProgrammeAnalysis AnalyzeEncoded(string path, AnalysisOptions options, CancellationToken cancellationToken = default)
    {
        var info = FfmpegBridge.Probe(path, cancellationToken);
        var analyzer = new ProgrammeAnalyzer(FfmpegBridge.LayoutOf(info), info.SampleRateHz, options);
        FfmpegBridge.Decode(path, block => analyzer.Add(block), cancellationToken);
        var kbps = info.BitRateBitsPerSecond > 0 ? $" {info.BitRateBitsPerSecond / 1000} kbit/s" : string.Empty;
        return analyzer.Finish(path, info.Codec + kbps, null);
    }

    /// <summary>Feeds interleaved frames.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<float> interleaved)
    {
        var ch = this.channels;
        var n = interleaved.Length / ch;
        this.meter.AddInterleaved(interleaved);
        this.leqM?.AddInterleaved(interleaved);

        // One strided pass per channel: sums for DC and RMS, clipping runs, first and last sample above -60 dBFS.
        long firstLoudInBlock = long.MaxValue, lastLoudInBlock = -1;
        for (var c = 0; c < ch; c++)
        {
            double sum = 0, squares = 0;
            var run = this.clipRuns[c];
            var clippedHere = 0L;
            var first = -1;
            var last = -1;
            for (int f = 0, i = c; f < n; f++, i += ch)
            {
                var x = interleaved[i];
                sum += x;
                squares += x * x;
                var a = Math.Abs(x);
                if (a >= SilenceThreshold)
                {
                    if (first < 0)
                    {
                        first = f;
                    }

                    last = f;
                    if (a >= ClipThreshold)
                    {
                        run++;
                        clippedHere += run == ClipRun ? ClipRun : run > ClipRun ? 1 : 0;
                        continue;
                    }
                }

                run = 0;
            }

            this.sums[c] += sum;
            this.sumSquares[c] += squares;
            this.clipRuns[c] = run;
            this.clipped[c] += clippedHere;
            if (first >= 0)
            {
                firstLoudInBlock = Math.Min(firstLoudInBlock, first);
                lastLoudInBlock = Math.Max(lastLoudInBlock, last);
            }
        }

        if (lastLoudInBlock >= 0)
        {
            if (this.firstLoud < 0)
            {
                this.firstLoud = this.frames + firstLoudInBlock;
            }

            this.lastLoud = this.frames + lastLoudInBlock;
        }

        if (this.lfe >= 0)
        {
            var e = 0.0;
            for (int f = 0, i = this.lfe; f < n; f++, i += ch)
            {
                var h = this.lfeHigh2.Process(this.lfeHigh1.Process(interleaved[i]));
                e += h * h;
            }

            this.lfeHighEnergy += e;
        }

        if (this.left >= 0 && this.right >= 0)
        {
            double product = 0, mono = 0;
            for (var f = 0; f < n; f++)
            {
                var l = interleaved[(f * ch) + this.left];
                var r = interleaved[(f * ch) + this.right];
                product += l * r;
                var m = (l + r) * 0.5f;
                mono += m * m;
            }

            this.lrProduct += product;
            this.monoEnergy += mono;
        }

        if (this.speech is not null)
        {
            if (this.mono.Length < n)
            {
                this.mono = new float[n];
            }

            var scale = 1f / ch;
            for (var f = 0; f < n; f++)
            {
                if (this.dialogueChannel >= 0)
                {
                    this.mono[f] = interleaved[(f * ch) + this.dialogueChannel];
                }
                else
                {
                    var acc = 0f;
                    for (var c = 0; c < ch; c++)
                    {
                        acc += interleaved[(f * ch) + c];
                    }

                    this.mono[f] = acc * scale;
                }
            }

            this.speech.Add(this.mono.AsSpan(0, n));
        }

        this.frames += n;
    }

    /// <summary>Completes the measurement.</summary>
    public ProgrammeAnalysis Finish(string path, string encoding, int? bitDepth)
    {
        var stats = new ChannelStatistics[this.channels];
        var total = 0.0;
        for (var c = 0; c < this.channels; c++)
        {
            total += this.sumSquares[c];
            var meanSquare = this.frames > 0 ? this.sumSquares[c] / this.frames : 0;
            var dc = this.frames > 0 ? Math.Abs(this.sums[c] / this.frames) : 0;
            var peak = this.meter.SamplePeakDbfs(c);
            var s = this.layout.Speakers[c];
            stats[c] = new ChannelStatistics(
                s == Speaker.Unknown ? $"ch{c + 1}" : ChannelLayout.ShortName(s),
                this.meter.TruePeakDbtp(c),
                peak,
                Db(meanSquare, power: true),
                Db(dc, power: false),
                this.clipped[c],
                peak < -90);
        }

        double? lfeRatio = null;
        if (this.lfe >= 0 && this.sumSquares[this.lfe] > 0)
        {
            lfeRatio = 10 * Math.Log10(Math.Max(this.lfeHighEnergy, 1e-30) / this.sumSquares[this.lfe]);
        }

        double? correlation = null, monoDb = null;
        if (this.left >= 0 && this.right >= 0)
        {
            var ll = this.sumSquares[this.left];
            var rr = this.sumSquares[this.right];
            if (ll > 0 && rr > 0)
            {
                correlation = this.lrProduct / Math.Sqrt(ll * rr);
                monoDb = 10 * Math.Log10(Math.Max(this.monoEnergy, 1e-30) / ((ll + rr) / 2));
            }
        }

        DialogueLoudness? dialogue = null;
        if (this.speech is not null)
        {
            var mask = this.speech.Decide();
            dialogue = Gate(this.meter.GetSeries(), mask);
        }

        var rms = this.frames > 0 ? Db(total / (this.frames * (double)this.channels), power: true) : double.NegativeInfinity;
        return new ProgrammeAnalysis
        {
            Path = path,
            Layout = this.layout,
            SampleRateHz = this.rate,
            BitDepth = bitDepth,
            Encoding = encoding,
            Frames = this.frames,
            Meter = this.meter,
            LeqMDb = this.leqM?.LeqMDb,
            RmsDbfs = rms,
            Dialogue = dialogue,
            Channels = stats,
            LfeAbove120HzDb = lfeRatio,
            StereoCorrelation = correlation,
            MonoFoldDownDb = monoDb,
            LeadingSilenceSeconds = (this.firstLoud < 0 ? this.frames : this.firstLoud) / (double)this.rate,
            TrailingSilenceSeconds = (this.lastLoud < 0 ? this.frames : this.frames - 1 - this.lastLoud) / (double)this.rate,
        };
    }

    /// <summary>
    /// BS.1770-1 (ungated) loudness over the 400 ms blocks (every 100 ms) that are mostly speech: the momentary
    /// series is exactly the gating blocks. Speech share counts blocks above the -70 LUFS absolute gate.
    /// </summary>
    public static DialogueLoudness Gate(IReadOnlyList<LoudnessPoint> series, bool[] speechBlocks)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(speechBlocks);
        double energy = 0;
        int speechCount = 0, active = 0;
        foreach (var p in series)
        {
            // Complete 400 ms windows only; the block ending at t covers sub-blocks t-0.4 .. t.
            if (p.TimeSeconds < 0.4 - 1e-9 || !(p.MomentaryLufs > -70))
            {
                continue;
            }

            active++;
            var last = (int)Math.Round(p.TimeSeconds / SpeechDetector.BlockSeconds) - 1;
            var votes = 0;
            for (var k = last - 3; k <= last; k++)
            {
                if (k >= 0 && k < speechBlocks.Length && speechBlocks[k])
                {
                    votes++;
                }
            }

            if (votes >= 2)
            {
                speechCount++;
                energy += Math.Pow(10, (p.MomentaryLufs + 0.691) / 10);
            }
        }

        var percent = active > 0 ? 100.0 * speechCount / active : 0;
        var lufs = speechCount > 0 ? -0.691 + (10 * Math.Log10(energy / speechCount)) : double.NegativeInfinity;
        return new DialogueLoudness(percent, lufs, speechBlocks);
    }

    private static double Db(double value, bool power) =>
        value > 0 ? (power ? 10 : 20) * Math.Log10(value) : double.NegativeInfinity;

    private static int IndexOf(IReadOnlyList<Speaker> speakers, Speaker s)
    {
        for (var i = 0; i < speakers.Count; i++)
        {
            if (speakers[i] == s)
            {
                return i;
            }
        }

        return -1;
    }
}
