using System.Runtime.CompilerServices;
using Perche.Core.Dsp.Loudness;

namespace Perche.Core.Dsp.Dynamics;

/// <summary>
/// A look-ahead true-peak limiter: every channel gets the same gain (the image does not move), and the gain is
/// below the ceiling's requirement at every sample and at every point of the 4x oversampled waveform (the
/// interpolator of the true-peak meter, <see cref="TruePeakFilter"/>), so nothing overshoots once re-measured.
/// </summary>
/// <remarks>
/// <para>
/// Gain computer: g_req[k] = ceiling / peak of the segment from sample k to k+1 (both samples and the three
/// interpolated points between). The applied gain is g[k] = mean(r[k .. k+L-1]) where r is the running minimum
/// of g_req over the last L samples followed by an exponential release; each r in that window has seen k, so
/// g[k] &lt;= g_req[k] exactly, and the moving average turns the step into a linear ramp of L samples (the
/// attack, which therefore causes no audible click). L = <see cref="LookAheadSeconds"/>.
/// </para>
/// <para>
/// Cost: the three 16-tap interpolations run only near samples that could reach the ceiling (|x| times the
/// interpolator's worst-case gain), so a programme that barely touches the ceiling costs little more than a copy.
/// The output is delayed by <see cref="LatencyFrames"/>; <see cref="Flush"/> returns the tail.
/// </para>
/// </remarks>
public sealed class TruePeakLimiter
{
    /// <summary>The look-ahead (attack) time.</summary>
    public const double LookAheadSeconds = 0.002;

    /// <summary>Release time constant.</summary>
    public const double ReleaseSeconds = 0.150;

    private const int InterpolatorDelay = 8;
    private static readonly float[][] Phases = BuildPhases();
    private static readonly float WorstInterpolatorGain = ComputeWorstGain();

    private readonly int channels;
    private readonly int lookAhead;
    private readonly float ceiling;
    private readonly float loudThreshold;
    private readonly double releaseCoefficient;

    // Input history per channel for the interpolator: the last 16 samples, circular.
    private readonly float[] history;
    private int historyPos;
    private readonly long[] lastLoudIndex;

    // Delay line of interleaved frames: InterpolatorDelay + lookAhead - 1 frames.
    private readonly float[] delay;
    private int delayPos;

    // Sliding minimum of g_req over L (monotonic deque over a ring).
    private readonly double[] minValues;
    private readonly long[] minIndices;
    private int minHead;
    private int minCount;

    // Box average of r over L.
    private readonly double[] boxRing;
    private int boxPos;
    private double boxSum;
    private double release = 1.0;

    private long inputIndex;
    private double currentGain = 1.0;

    /// <summary>Creates a limiter for interleaved frames of <paramref name="channels"/> channels.</summary>
    public TruePeakLimiter(int channels, int sampleRateHz, double ceilingDbtp)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRateHz, 8000);
        this.channels = channels;
        this.CeilingDbtp = ceilingDbtp;
        this.ceiling = (float)Math.Pow(10, ceilingDbtp / 20);
        this.loudThreshold = this.ceiling / WorstInterpolatorGain;
        this.lookAhead = Math.Max(1, (int)Math.Round(LookAheadSeconds * sampleRateHz));
        this.releaseCoefficient = 1 - Math.Exp(-1.0 / (ReleaseSeconds * sampleRateHz));
        this.history = new float[channels * 16];
        this.lastLoudIndex = new long[channels];
        Array.Fill(this.lastLoudIndex, long.MinValue / 2);
        this.LatencyFrames = InterpolatorDelay + this.lookAhead - 1;
        this.delay = new float[this.LatencyFrames * channels];
        this.minValues = new double[this.lookAhead + 1];
        this.minIndices = new long[this.lookAhead + 1];
        this.boxRing = new double[this.lookAhead];
        Array.Fill(this.boxRing, 1.0);
        this.boxSum = this.lookAhead;
    }

    /// <summary>The ceiling in dBTP.</summary>
    public double CeilingDbtp { get; }

    /// <summary>Frames of delay between input and output.</summary>
    public int LatencyFrames { get; }

    /// <summary>The lowest gain applied so far, in dB (0 when the limiter never acted).</summary>
    public double MaxGainReductionDb { get; private set; }

    /// <summary>Number of output frames whose gain was below unity.</summary>
    public long LimitedFrames { get; private set; }

    /// <summary>
    /// Limits interleaved frames; <paramref name="output"/> (same length as the input) receives the frames
    /// delayed by <see cref="LatencyFrames"/> (the first ones are the silence before the programme).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        var ch = this.channels;
        var frames = input.Length / ch;
        for (var f = 0; f < frames; f++)
        {
            this.Step(input.Slice(f * ch, ch), output.Slice(f * ch, ch));
        }
    }

    /// <summary>Feeds silence to push out the last <see cref="LatencyFrames"/> frames into <paramref name="output"/>.</summary>
    public int Flush(Span<float> output)
    {
        Span<float> zero = stackalloc float[this.channels];
        for (var f = 0; f < this.LatencyFrames; f++)
        {
            this.Step(zero, output.Slice(f * this.channels, this.channels));
        }

        return this.LatencyFrames;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Step(ReadOnlySpan<float> frame, Span<float> outFrame)
    {
        var ch = this.channels;
        var n = this.inputIndex++;
        var slot = this.historyPos;
        var peak = 0f;
        for (var c = 0; c < ch; c++)
        {
            var x = frame[c];
            this.history[(c * 16) + slot] = x;
            if (Math.Abs(x) >= this.loudThreshold)
            {
                this.lastLoudIndex[c] = n;
            }
        }

        this.historyPos = (slot + 1) & 15;

        // Segment k = n - 8 spans samples k..k+1, which sit at history offsets 8 and 7 from the newest.
        var k = n - InterpolatorDelay;
        if (k >= 0)
        {
            for (var c = 0; c < ch; c++)
            {
                var h = this.history.AsSpan(c * 16, 16);
                var a = Math.Abs(h[(slot - 8) & 15]);
                var b = Math.Abs(h[(slot - 7) & 15]);
                var p = Math.Max(a, b);
                if (this.lastLoudIndex[c] >= k - 7)
                {
                    foreach (var taps in Phases)
                    {
                        var acc = 0f;
                        for (var j = 0; j < 16; j++)
                        {
                            acc += taps[j] * h[(slot - j) & 15];
                        }

                        p = Math.Max(p, Math.Abs(acc));
                    }
                }

                peak = Math.Max(peak, p);
            }

            var required = peak > this.ceiling ? this.ceiling / (double)peak : 1.0;
            this.PushRequired(required, k);
        }

        // Output: the delayed frame times the gain of the segment leaving the box average.
        var d = this.delayPos * ch;
        var gain = this.currentGain;
        for (var c = 0; c < ch; c++)
        {
            outFrame[c] = (float)(this.delay[d + c] * gain);
            this.delay[d + c] = frame[c];
        }

        this.delayPos = (this.delayPos + 1) % this.LatencyFrames;
        if (gain < 1.0)
        {
            this.LimitedFrames++;
            var db = 20 * Math.Log10(gain);
            if (db < this.MaxGainReductionDb)
            {
                this.MaxGainReductionDb = db;
            }
        }
    }

    private void PushRequired(double required, long k)
    {
        // Sliding minimum over g_req[k-L+1 .. k].
        var cap = this.minValues.Length;
        while (this.minCount > 0)
        {
            var last = (this.minHead + this.minCount - 1) % cap;
            if (this.minValues[last] >= required)
            {
                this.minCount--;
            }
            else
            {
                break;
            }
        }

        var tail = (this.minHead + this.minCount) % cap;
        this.minValues[tail] = required;
        this.minIndices[tail] = k;
        this.minCount++;
        while (this.minIndices[this.minHead] <= k - this.lookAhead)
        {
            this.minHead = (this.minHead + 1) % cap;
            this.minCount--;
        }

        var windowMin = this.minValues[this.minHead];

        // Release towards unity, never above the window minimum.
        this.release = Math.Min(windowMin, this.release + ((1.0 - this.release) * this.releaseCoefficient));

        // Box average: g[k - L + 1] = mean(r[k - L + 1 .. k]).
        this.boxSum += this.release - this.boxRing[this.boxPos];
        this.boxRing[this.boxPos] = this.release;
        this.boxPos = (this.boxPos + 1) % this.lookAhead;
        this.currentGain = Math.Min(1.0, this.boxSum / this.lookAhead);
    }

    private static float[][] BuildPhases()
    {
        var phases = new float[3][];
        for (var p = 0; p < 3; p++)
        {
            var taps = TruePeakFilter.Taps((p + 1) / 4.0);
            phases[p] = Array.ConvertAll(taps, t => (float)t);
        }

        return phases;
    }

    private static float ComputeWorstGain()
    {
        var worst = 1f;
        foreach (var taps in BuildPhases())
        {
            var sum = 0f;
            foreach (var t in taps)
            {
                sum += Math.Abs(t);
            }

            worst = Math.Max(worst, sum);
        }

        return worst;
    }
}
