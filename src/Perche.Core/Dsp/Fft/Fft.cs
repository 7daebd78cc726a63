using System.Runtime.CompilerServices;
using System.Numerics;

namespace Perche.Core.Dsp.Fft;

/// <summary>
/// An in-place radix-2 complex FFT (decimation in time) for power-of-two sizes. Twiddles are computed once
/// per size, so repeated transforms of one size allocate nothing.
/// </summary>
public sealed class Fft
{
    private readonly Complex[] twiddles;
    private readonly int[] bitReverse;

    /// <summary>Prepares transforms of <paramref name="size"/> points (a power of two, at least 2).</summary>
    public Fft(int size)
    {
        if (size < 2 || (size & (size - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "the FFT size must be a power of two, at least 2");
        }

        this.Size = size;
        this.twiddles = new Complex[size / 2];
        for (var k = 0; k < size / 2; k++)
        {
            var angle = -2 * Math.PI * k / size;
            this.twiddles[k] = new Complex(Math.Cos(angle), Math.Sin(angle));
        }

        var bits = System.Numerics.BitOperations.Log2((uint)size);
        this.bitReverse = new int[size];
        for (var i = 0; i < size; i++)
        {
            var r = 0;
            for (var b = 0; b < bits; b++)
            {
                r |= ((i >> b) & 1) << (bits - 1 - b);
            }

            this.bitReverse[i] = r;
        }
    }

    /// <summary>The transform size in points.</summary>
    public int Size { get; }

    /// <summary>Forward transform (e^-j), unscaled.</summary>
    public void Forward(Span<Complex> data) => this.Transform(data, inverse: false);

    /// <summary>Inverse transform (e^+j), scaled by 1/N so that Inverse(Forward(x)) = x.</summary>
    public void Inverse(Span<Complex> data)
    {
        this.Transform(data, inverse: true);
        var scale = 1.0 / this.Size;
        for (var i = 0; i < data.Length; i++)
        {
            data[i] *= scale;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Transform(Span<Complex> data, bool inverse)
    {
        var n = this.Size;
        if (data.Length != n)
        {
            throw new ArgumentException($"expected {n} points, got {data.Length}", nameof(data));
        }

        for (var i = 0; i < n; i++)
        {
            var j = this.bitReverse[i];
            if (j > i)
            {
                (data[i], data[j]) = (data[j], data[i]);
            }
        }

        for (var len = 2; len <= n; len <<= 1)
        {
            var half = len / 2;
            var step = n / len;
            for (var start = 0; start < n; start += len)
            {
                for (var k = 0; k < half; k++)
                {
                    var w = this.twiddles[k * step];
                    if (inverse)
                    {
                        w = Complex.Conjugate(w);
                    }

                    var a = data[start + k];
                    var b = data[start + k + half] * w;
                    data[start + k] = a + b;
                    data[start + k + half] = a - b;
                }
            }
        }
    }
}
