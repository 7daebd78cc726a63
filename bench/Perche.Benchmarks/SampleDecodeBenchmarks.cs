using BenchmarkDotNet.Attributes;
using Perche.Core.Audio;
using Perche.Core.Formats.Wav;

namespace Perche.Benchmarks;

/// <summary>Decoding stored PCM to float: the vectorised paths against a plain scalar loop (one second of 48 kHz 5.1).</summary>
[MemoryDiagnoser]
public class SampleDecodeBenchmarks
{
    private const int Samples = 48000 * 6;
    private readonly byte[] pcm24 = new byte[Samples * 3];
    private readonly byte[] pcm16 = new byte[Samples * 2];
    private readonly float[] output = new float[Samples];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        rng.NextBytes(this.pcm24);
        rng.NextBytes(this.pcm16);
    }

    [Benchmark(Baseline = true)]
    public float Pcm24Scalar()
    {
        var src = this.pcm24;
        for (var i = 0; i < Samples; i++)
        {
            var o = i * 3;
            var v = (src[o] << 8) | (src[o + 1] << 16) | (src[o + 2] << 24);
            this.output[i] = (v >> 8) * (1f / 8388608f);
        }

        return this.output[^1];
    }

    [Benchmark]
    public int Pcm24Vector() => SampleConversion.ToFloat(this.pcm24, SampleEncoding.PcmInt24, this.output);

    [Benchmark]
    public int Pcm16Vector() => SampleConversion.ToFloat(this.pcm16, SampleEncoding.PcmInt16, this.output);
}
