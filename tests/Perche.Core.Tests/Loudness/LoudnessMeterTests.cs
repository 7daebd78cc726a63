using Perche.Core.Audio;
using Perche.Core.Dsp.Loudness;
using static Perche.Core.Tests.Loudness.TestSignals;

namespace Perche.Core.Tests.Loudness;

/// <summary>Calibration, streaming behaviour, modes and multi-programme gating of <see cref="LoudnessMeter"/>.</summary>
public sealed class LoudnessMeterTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_997_Hz_full_scale_sine_in_one_front_channel_reads_minus_3_01_LKFS(int channel)
    {
        var tone = Sine(1.0, 997, 10);
        var gains = new double[6];
        gains[channel] = 1;
        var meter = LoudnessMeter.Create(ChannelLayout.Surround51, Rate, LoudnessModes.Integrated);
        Feed(meter, Interleave(tone, gains));
        Assert.Equal(-3.01, meter.IntegratedLufs, 0.01);
    }

    [Fact]
    public void A_1_kHz_mono_sine_at_44_1_kHz_reads_like_pyloudnorms_sine_1000()
    {
        // pyloudnorm's sine_1000.wav: 1 s, 16-bit, peak 32767. pyloudnorm's own reading, -3.0523438444331137 LUFS,
        // comes from its approximate K-weighting (round corner and gain values); the standard's filter reads
        // 0.05 dB higher, the analytic value below. Both agree within the BS.2217 tolerance of 0.1.
        var samples = new float[44100];
        for (var n = 0; n < samples.Length; n++)
        {
            samples[n] = (float)(Math.Round(32767 * Math.Sin(2 * Math.PI * 1000 * n / 44100)) / 32768);
        }

        var meter = LoudnessMeter.Create(ChannelLayout.Mono, 44100, LoudnessModes.Integrated);
        meter.AddInterleaved(samples);
        var meanSquare = Math.Pow(32767.0 / 32768, 2) / 2;
        var analytic = -0.691 + (10 * Math.Log10(meanSquare)) + KWeighting.GainDb(1000, 44100);
        Assert.Equal(analytic, meter.IntegratedLufs, 0.01);
        Assert.Equal(-3.0523438444331137, meter.IntegratedLufs, 0.1);
    }

    [Fact]
    public void Feeding_blocks_of_1_7_or_4096_frames_gives_identical_results()
    {
        var signal = Programme();
        var one = Measure(signal, 1);
        var seven = Measure(signal, 7);
        var large = Measure(signal, 4096);
        var whole = Measure(signal, signal.Length / 6);

        Assert.Equal(one, seven);
        Assert.Equal(one, large);
        Assert.Equal(one, whole);
    }

    [Fact]
    public void The_scalar_and_simd_paths_give_identical_results()
    {
        var signal = Programme();
        Assert.Equal(Measure(signal, 1000, simd: false), Measure(signal, 1000, simd: true));
    }

    [Fact]
    public void Skipping_interpolation_that_cannot_raise_the_true_peak_changes_no_result()
    {
        var signal = Programme();
        Assert.Equal(Measure(signal, 4096, shortcut: false), Measure(signal, 4096, shortcut: true));

        var meter = LoudnessMeter.Create(ChannelLayout.Surround51, Rate, LoudnessModes.TruePeak);
        Feed(meter, signal);
        // After the loud middle, the later, quieter half can no longer raise the peak.
        Assert.True(meter.TruePeakSkipRatio > 0.4, $"only {meter.TruePeakSkipRatio:P0} of the segments were skipped");
    }

    [Fact]
    public void Running_peaks_on_a_second_thread_gives_identical_results()
    {
        var signal = Programme();
        Assert.Equal(Measure(signal, 1 << 16, parallel: false), Measure(signal, 1 << 16, parallel: true));
    }

    [Fact]
    public void Feeding_allocates_nothing_once_running()
    {
        var signal = Programme();
        var meter = LoudnessMeter.Create(ChannelLayout.Surround51, Rate, LoudnessModes.All);
        meter.AllowParallel = false;
        var block = 4096 * 6;

        // The first 4 s fill the first page of each history (one page of 4096 values per 6.8 minutes).
        var warmUp = Rate * 4 * 6;
        meter.AddInterleaved(signal.AsSpan(0, warmUp));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = warmUp; i + block <= signal.Length; i += block)
        {
            meter.AddInterleaved(signal.AsSpan(i, block));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Planar_and_interleaved_input_give_identical_results()
    {
        var signal = Programme();
        var planar = new float[6][];
        for (var c = 0; c < 6; c++)
        {
            planar[c] = new float[signal.Length / 6];
            for (var i = 0; i < planar[c].Length; i++)
            {
                planar[c][i] = signal[(i * 6) + c];
            }
        }

        var meter = LoudnessMeter.Create(ChannelLayout.Surround51, Rate, LoudnessModes.All);
        for (var start = 0; start < planar[0].Length; start += 3000)
        {
            var n = Math.Min(3000, planar[0].Length - start);
            meter.AddPlanar([.. planar.Select(p => new ReadOnlyMemory<float>(p, start, n))]);
        }

        Assert.Equal(Measure(signal, 4096), Summary(meter));
    }

    [Fact]
    public void Several_programmes_are_gated_over_the_union_of_their_blocks()
    {
        var loud = StereoMeter(LoudnessModes.Integrated);
        Feed(loud, Stereo(Tone([(-20, 10)])));
        var quiet = StereoMeter(LoudnessModes.Integrated);
        Feed(quiet, Stereo(Tone([(-40, 10)])));
        var medium = StereoMeter(LoudnessModes.Integrated);
        Feed(medium, Stereo(Tone([(-26, 10)])));

        // The quiet programme's blocks fall 20 LU under the union's mean: only the loud blocks remain.
        Assert.Equal(loud.IntegratedLufs, LoudnessMeter.IntegratedOf([loud, quiet]), 1e-9);
        Assert.Equal(loud.IntegratedLufs, LoudnessMeter.IntegratedOf([quiet, loud]), 1e-9);

        // 6 LU apart both pass the relative gate: the power mean of equally many blocks of each.
        var expected = -0.691 + (10 * Math.Log10((Energy(loud.IntegratedLufs) + Energy(medium.IntegratedLufs)) / 2));
        Assert.Equal(expected, LoudnessMeter.IntegratedOf([loud, medium]), 0.01);
        Assert.NotEqual(medium.IntegratedLufs, LoudnessMeter.IntegratedOf([loud, medium]), 1);
    }

    [Fact]
    public void Silence_and_programmes_shorter_than_one_block_read_minus_infinity()
    {
        var silent = StereoMeter();
        Feed(silent, new float[Rate * 2 * 5]);
        Assert.Equal(double.NegativeInfinity, silent.IntegratedLufs);
        Assert.Equal(double.NegativeInfinity, silent.MomentaryLufs);
        Assert.Equal(double.NegativeInfinity, silent.MaxShortTermLufs);
        Assert.Equal(double.NegativeInfinity, silent.MaxTruePeakDbtp);
        Assert.True(double.IsNaN(silent.LoudnessRangeLu));

        var brief = StereoMeter();
        Feed(brief, Stereo(Tone([(-20, 0.39)])));
        Assert.Equal(double.NegativeInfinity, brief.IntegratedLufs);
        Assert.Equal(double.NegativeInfinity, brief.MaxMomentaryLufs);
        Assert.True(brief.MomentaryLufs > -30, "momentary reads the partial window as if preceded by silence");

        var fresh = StereoMeter();
        Assert.Equal(double.NegativeInfinity, fresh.IntegratedLufs);
        Assert.Empty(fresh.GetSeries());
    }

    [Fact]
    public void Querying_a_mode_that_was_not_enabled_throws()
    {
        var meter = StereoMeter(LoudnessModes.Momentary);
        Assert.Throws<InvalidOperationException>(() => meter.ShortTermLufs);
        Assert.Throws<InvalidOperationException>(() => meter.IntegratedLufs);
        Assert.Throws<InvalidOperationException>(() => meter.LoudnessRangeLu);
        Assert.Throws<InvalidOperationException>(() => meter.TruePeak(0));
        Assert.Throws<InvalidOperationException>(() => meter.SamplePeak(0));
        Assert.Throws<InvalidOperationException>(() => meter.GetSeries());
        Assert.Throws<InvalidOperationException>(() => LoudnessMeter.IntegratedOf([meter]));

        var peaks = StereoMeter(LoudnessModes.SamplePeak);
        Assert.Throws<InvalidOperationException>(() => peaks.MomentaryLufs);
        Assert.Throws<InvalidOperationException>(() => peaks.MaxTruePeakDbtp);
    }

    [Fact]
    public void Modes_include_their_prerequisites()
    {
        Assert.Equal(LoudnessModes.Range, StereoMeter(LoudnessModes.Range).Modes);
        Assert.True(StereoMeter(LoudnessModes.Range).Modes.HasFlag(LoudnessModes.ShortTerm));
        Assert.True(StereoMeter(LoudnessModes.TruePeak).Modes.HasFlag(LoudnessModes.SamplePeak));
        Assert.True(StereoMeter(LoudnessModes.Series).Modes.HasFlag(LoudnessModes.Momentary));
        Assert.True(StereoMeter((LoudnessModes)8).Modes.HasFlag(LoudnessModes.ShortTerm));
        Assert.Throws<ArgumentOutOfRangeException>(() => StereoMeter(LoudnessModes.None));
    }

    [Fact]
    public void Input_that_is_not_whole_frames_is_refused()
    {
        var meter = StereoMeter();
        Assert.Throws<ArgumentException>(() => meter.AddInterleaved(new float[3]));
        Assert.Throws<ArgumentException>(() => meter.AddPlanar(new float[3]));
        Assert.Throws<ArgumentException>(() => meter.AddPlanar(new float[3], new float[4]));
    }

    [Fact]
    public void The_series_has_a_reading_every_100_ms_with_momentary_and_short_term()
    {
        var meter = StereoMeter(LoudnessModes.Series);
        Feed(meter, Stereo(Tone([(-23, 5.05)])));
        var series = meter.GetSeries();

        Assert.Equal(50, series.Length);
        Assert.Equal(0.1, series[0].TimeSeconds, 12);
        Assert.Equal(5.0, series[^1].TimeSeconds, 12);
        Assert.Equal(-23.0, series[^1].MomentaryLufs, 0.1);
        Assert.Equal(-23.0, series[^1].ShortTermLufs, 0.1);
        Assert.True(series[10].ShortTermLufs < series[20].ShortTermLufs, "short-term rises while its window fills");
    }

    [Fact]
    public void Sample_peak_and_true_peak_are_reported_per_channel_in_linear_and_dB()
    {
        var meter = LoudnessMeter.Create(ChannelLayout.Stereo, Rate, LoudnessModes.TruePeak);
        Feed(meter, Interleave(Sine(1.0, 1000, 1), 0.5, 0.25));

        Assert.Equal(0.5, meter.SamplePeak(0), 3);
        Assert.Equal(0.25, meter.SamplePeak(1), 3);
        Assert.Equal(20 * Math.Log10(0.5), meter.SamplePeakDbfs(0), 2);
        Assert.Equal(meter.TruePeakDbtp(0), meter.MaxTruePeakDbtp);
        Assert.InRange(meter.TruePeakDbtp(1) - meter.SamplePeakDbfs(1), 0.0, 0.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => meter.TruePeak(2));
    }

    [Theory]
    [InlineData(96000)]
    [InlineData(192000)]
    [InlineData(22050)]
    public void True_peak_works_at_other_rates(int sampleRateHz)
    {
        // fs/4 at 45 degrees: samples land at 0.707 of the peak.
        var meter = LoudnessMeter.Create(ChannelLayout.Mono, sampleRateHz, LoudnessModes.TruePeak | LoudnessModes.Integrated);
        Feed(meter, Sine(0.5, sampleRateHz / 4.0, 1, 45, sampleRateHz));
        var expectedDbtp = sampleRateHz >= 192000 ? 20 * Math.Log10(0.5 * Math.Sqrt(0.5)) : -6.02;
        Assert.InRange(meter.MaxTruePeakDbtp, expectedDbtp - 0.4, expectedDbtp + 0.2);
        Assert.True(double.IsFinite(meter.IntegratedLufs));
    }

    [Fact]
    public void A_tone_reads_the_same_loudness_at_44_1_and_96_kHz()
    {
        var at44 = LoudnessMeter.Create(ChannelLayout.Stereo, 44100, LoudnessModes.Integrated);
        Feed(at44, Stereo(Tone([(-23, 10)], 1000, 44100)));
        var at96 = LoudnessMeter.Create(ChannelLayout.Stereo, 96000, LoudnessModes.Integrated);
        Feed(at96, Stereo(Tone([(-23, 10)], 1000, 96000)));

        Assert.Equal(-23.0, at44.IntegratedLufs, 0.05);
        Assert.Equal(at44.IntegratedLufs, at96.IntegratedLufs, 0.05);
    }

    [Fact]
    public void Reset_starts_a_new_measurement()
    {
        var meter = StereoMeter();
        Feed(meter, Stereo(Tone([(-10, 5)])));
        meter.Reset();
        Feed(meter, Stereo(Tone([(-23, 5)])));

        var fresh = StereoMeter();
        Feed(fresh, Stereo(Tone([(-23, 5)])));
        Assert.Equal(Summary(fresh), Summary(meter));
    }

    private static double Energy(double lufs) => Math.Pow(10, (lufs + 0.691) / 10);

    // 12 s of 5.1: noise with steps in level, a silent gap, a burst on the LFE, different channel gains.
    private static float[] Programme()
    {
        var random = new Random(3341);
        var frames = Rate * 12;
        var signal = new float[frames * 6];
        for (var i = 0; i < frames; i++)
        {
            var t = (double)i / Rate;
            var level = t < 3 ? 0.05 : t < 6 ? 0.5 : t < 7 ? 0 : 0.2;
            for (var c = 0; c < 6; c++)
            {
                var noise = (random.NextDouble() * 2) - 1;
                var tone = Math.Sin((2 * Math.PI * (200 + (300 * c)) * t) + c);
                signal[(i * 6) + c] = (float)(level * ((0.5 * noise) + (0.5 * tone)) * (c == 3 && t < 9 ? 0.1 : 1));
            }
        }

        return signal;
    }

    private static string Measure(float[] interleaved, int blockFrames, bool simd = true, bool shortcut = true, bool parallel = true)
    {
        var meter = LoudnessMeter.Create(ChannelLayout.Surround51, Rate, LoudnessModes.All);
        meter.SetSimd(simd);
        meter.SetTruePeakShortcut(shortcut);
        meter.AllowParallel = parallel;
        Feed(meter, interleaved, blockFrames);
        return Summary(meter);
    }

    // Every result at full precision, so equality means bit-identical.
    private static string Summary(LoudnessMeter meter)
    {
        var parts = new List<string>
        {
            meter.IntegratedLufs.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            meter.LoudnessRangeLu.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            meter.MomentaryLufs.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            meter.ShortTermLufs.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            meter.MaxMomentaryLufs.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            meter.MaxShortTermLufs.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        };
        for (var c = 0; c < meter.ChannelCount; c++)
        {
            parts.Add(meter.TruePeak(c).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            parts.Add(meter.SamplePeak(c).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var point in meter.GetSeries())
        {
            parts.Add(point.ToString());
        }

        return string.Join(' ', parts);
    }
}
