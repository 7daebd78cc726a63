using Perche.Core.Audio;
using Perche.Core.Dsp.Loudness;
using Perche.Core.Formats.Wav;

namespace Perche.Delivery.Tests.Support;

/// <summary>Synthesised programmes for the delivery tests: deterministic, short, with known loudness and peaks.</summary>
internal static class Signals
{
    public const int Rate = 48000;

    /// <summary>A temporary folder deleted at dispose.</summary>
    public sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            this.Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "perche-delivery-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(this.Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(this.Path, name);

        public void Dispose()
        {
            try
            {
                Directory.Delete(this.Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// A music-like programme: low-passed noise with a slow level envelope plus a chord, per channel decorrelated;
    /// LFE (if any) gets a 50 Hz tone.
    /// </summary>
    public static float[] Programme(ChannelLayout layout, double seconds, int seed = 1)
    {
        var frames = (int)(seconds * Rate);
        var ch = layout.ChannelCount;
        var data = new float[frames * ch];
        var random = new Random(seed);
        var lp = new double[ch];
        for (var f = 0; f < frames; f++)
        {
            var t = (double)f / Rate;
            var envelope = 0.6 + (0.4 * Math.Sin(2 * Math.PI * 0.21 * t));
            for (var c = 0; c < ch; c++)
            {
                double x;
                if (layout.Speakers[c] == Speaker.LowFrequency)
                {
                    x = 0.3 * Math.Sin(2 * Math.PI * 50 * t);
                }
                else
                {
                    var white = (random.NextDouble() * 2) - 1;
                    lp[c] += 0.25 * (white - lp[c]);
                    x = envelope * ((0.5 * lp[c]) + (0.08 * Math.Sin(2 * Math.PI * (220 + (c * 55)) * t)) + (0.05 * Math.Sin(2 * Math.PI * 330 * t)));
                }

                data[(f * ch) + c] = (float)x;
            }
        }

        return data;
    }

    public static LoudnessMeter Measure(float[] data, ChannelLayout layout, int rate = Rate)
    {
        var meter = LoudnessMeter.Create(layout, rate, LoudnessModes.Integrated | LoudnessModes.Range | LoudnessModes.TruePeak);
        meter.AddInterleaved(data);
        return meter;
    }

    public static void Scale(float[] data, double gainDb)
    {
        var g = (float)Math.Pow(10, gainDb / 20);
        for (var i = 0; i < data.Length; i++)
        {
            data[i] *= g;
        }
    }

    /// <summary>Scales to <paramref name="lufs"/>, then sets the true peak to <paramref name="peakDbtp"/> with a short tone burst in channel 0.</summary>
    public static float[] AtLoudnessAndPeak(ChannelLayout layout, double seconds, double lufs, double peakDbtp, int seed = 1)
    {
        var data = Programme(layout, seconds, seed);
        Scale(data, lufs - Measure(data, layout).IntegratedLufs);
        var ch = layout.ChannelCount;

        // A 5 ms Hann-shaped 1 kHz burst with a crest exactly at the peak, replacing channel 0 (a low tone's true
        // peak is its sample peak). Setting the loudness moves the peak a little: converge on both.
        var start = (int)(seconds * Rate / 2);
        var length = Rate / 200;
        var amplitude = Math.Pow(10, peakDbtp / 20);
        for (var iteration = 0; iteration < 8; iteration++)
        {
            for (var i = 0; i < length; i++)
            {
                var window = 0.5 - (0.5 * Math.Cos(2 * Math.PI * i / length));
                var v = amplitude * window * Math.Cos(2 * Math.PI * 1000 * (i - (length / 2)) / Rate);
                data[((start + i) * ch) + 0] = (float)v;
            }

            var m = Measure(data, layout);
            var correction = lufs - m.IntegratedLufs;
            Scale(data, correction);
            amplitude *= Math.Pow(10, (peakDbtp - (m.MaxTruePeakDbtp + correction)) / 20);
        }

        return data;
    }

    public static void Write(string path, float[] data, ChannelLayout layout, int rate = Rate, SampleEncoding encoding = SampleEncoding.Float32, BroadcastExtension? bext = null)
    {
        using var writer = WavWriter.Create(path, WavFormat.Create(encoding, rate, layout), new WavWriterOptions { Bext = bext });
        writer.WriteFrames(data);
        writer.Complete();
    }

    public static float[] Read(string path)
    {
        using var reader = WavReader.OpenSamples(path);
        var data = new float[reader.FrameCount * reader.Format.ChannelCount];
        var done = 0;
        int n;
        while ((n = reader.ReadFrames(data.AsSpan(done))) > 0)
        {
            done += n * reader.Format.ChannelCount;
        }

        return data;
    }

    public static string Hash(string path) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.IO.File.ReadAllBytes(path)));
}
