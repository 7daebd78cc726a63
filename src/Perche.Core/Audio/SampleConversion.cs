using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Perche.Core.Formats.Wav;

namespace Perche.Core.Audio;

/// <summary>
/// Converts between stored PCM/float samples and 32-bit float in [-1, 1). Integer scaling is by 2^(bits-1) in
/// both directions, so integer samples survive a read/write round trip exactly. The hot paths (16- and
/// 24-bit, the formats of production sound) use 128-bit vectors.
/// </summary>
public static class SampleConversion
{
    private const float Scale8 = 1f / 128f;
    private const float Scale16 = 1f / 32768f;
    private const float Scale24 = 1f / 8388608f;
    private const float Scale32 = 1f / 2147483648f;

    /// <summary>Decodes <paramref name="source"/> (whole samples) into floats; returns the number of samples written.</summary>
    public static int ToFloat(ReadOnlySpan<byte> source, SampleEncoding encoding, Span<float> destination)
    {
        switch (encoding)
        {
            case SampleEncoding.PcmUInt8:
                return Convert8(source, destination);
            case SampleEncoding.PcmInt16:
                return Convert16(source, destination);
            case SampleEncoding.PcmInt24:
                return Convert24(source, destination);
            case SampleEncoding.PcmInt32:
                return Convert32(source, destination);
            case SampleEncoding.Float32:
                {
                    var n = source.Length / 4;
                    MemoryMarshal.Cast<byte, float>(source[..(n * 4)]).CopyTo(destination);
                    return n;
                }

            case SampleEncoding.Float64:
                {
                    var n = source.Length / 8;
                    var d = MemoryMarshal.Cast<byte, double>(source[..(n * 8)]);
                    for (var i = 0; i < n; i++)
                    {
                        destination[i] = (float)d[i];
                    }

                    return n;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(encoding));
        }
    }

    /// <summary>
    /// Encodes floats to the stored form: integer formats are scaled by 2^(bits-1), rounded to nearest and
    /// clipped to the representable range (no dither; dither belongs to the delivery stage).
    /// </summary>
    public static int FromFloat(ReadOnlySpan<float> source, SampleEncoding encoding, Span<byte> destination)
    {
        var n = source.Length;
        switch (encoding)
        {
            case SampleEncoding.PcmUInt8:
                for (var i = 0; i < n; i++)
                {
                    destination[i] = (byte)(Quantize(source[i], 128.0, -128, 127) + 128);
                }

                return n;
            case SampleEncoding.PcmInt16:
                for (var i = 0; i < n; i++)
                {
                    BinaryPrimitives.WriteInt16LittleEndian(destination[(i * 2)..], (short)Quantize(source[i], 32768.0, short.MinValue, short.MaxValue));
                }

                return n;
            case SampleEncoding.PcmInt24:
                for (var i = 0; i < n; i++)
                {
                    var v = Quantize(source[i], 8388608.0, -8388608, 8388607);
                    var o = i * 3;
                    destination[o] = (byte)v;
                    destination[o + 1] = (byte)(v >> 8);
                    destination[o + 2] = (byte)(v >> 16);
                }

                return n;
            case SampleEncoding.PcmInt32:
                for (var i = 0; i < n; i++)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(destination[(i * 4)..], Quantize(source[i], 2147483648.0, int.MinValue, int.MaxValue));
                }

                return n;
            case SampleEncoding.Float32:
                MemoryMarshal.AsBytes(source).CopyTo(destination);
                return n;
            case SampleEncoding.Float64:
                {
                    var d = MemoryMarshal.Cast<byte, double>(destination[..(n * 8)]);
                    for (var i = 0; i < n; i++)
                    {
                        d[i] = source[i];
                    }

                    return n;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(encoding));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Quantize(float sample, double scale, int min, int max)
    {
        var v = Math.Round(sample * scale, MidpointRounding.ToEven);
        if (v < min)
        {
            return min;
        }

        if (v > max)
        {
            return max;
        }

        return double.IsNaN(v) ? 0 : (int)v;
    }

    private static int Convert8(ReadOnlySpan<byte> source, Span<float> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = (source[i] - 128) * Scale8;
        }

        return source.Length;
    }

    private static int Convert16(ReadOnlySpan<byte> source, Span<float> destination)
    {
        var s = MemoryMarshal.Cast<byte, short>(source[..(source.Length & ~1)]);
        var n = s.Length;
        var i = 0;
        if (Vector128.IsHardwareAccelerated && BitConverter.IsLittleEndian)
        {
            var scale = Vector128.Create(Scale16);
            ref var src = ref MemoryMarshal.GetReference(s);
            ref var dst = ref MemoryMarshal.GetReference(destination);

            // 8 shorts → two vectors of 4 ints → 4 floats each.
            for (; i <= n - 8; i += 8)
            {
                var v = Vector128.LoadUnsafe(ref src, (nuint)i);
                var (lo, hi) = Vector128.Widen(v);
                (Vector128.ConvertToSingle(lo) * scale).StoreUnsafe(ref dst, (nuint)i);
                (Vector128.ConvertToSingle(hi) * scale).StoreUnsafe(ref dst, (nuint)(i + 4));
            }
        }

        for (; i < n; i++)
        {
            destination[i] = s[i] * Scale16;
        }

        return n;
    }

    private static int Convert24(ReadOnlySpan<byte> source, Span<float> destination)
    {
        var n = source.Length / 3;
        var i = 0;
        if (Vector128.IsHardwareAccelerated && BitConverter.IsLittleEndian)
        {
            // Each 16-byte load holds four packed 3-byte samples in its first 12 bytes. The shuffle moves the
            // three bytes of each sample into the top of a 32-bit lane (index 0xFF yields zero in the low
            // byte), so an arithmetic shift right by 8 sign-extends. Loads stop 4 bytes early so they never
            // read past the span.
            var shuffle = Vector128.Create((byte)0xFF, 0, 1, 2, 0xFF, 3, 4, 5, 0xFF, 6, 7, 8, 0xFF, 9, 10, 11);
            var scale = Vector128.Create(Scale24);
            ref var src = ref MemoryMarshal.GetReference(source);
            ref var dst = ref MemoryMarshal.GetReference(destination);
            for (; (i * 3) + 16 <= source.Length; i += 4)
            {
                var bytes = Vector128.LoadUnsafe(ref src, (nuint)(i * 3));
                var lanes = Vector128.Shuffle(bytes, shuffle).AsInt32();
                var ints = Vector128.ShiftRightArithmetic(lanes, 8);
                (Vector128.ConvertToSingle(ints) * scale).StoreUnsafe(ref dst, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            var o = i * 3;
            var v = (source[o] << 8) | (source[o + 1] << 16) | (source[o + 2] << 24);
            destination[i] = (v >> 8) * Scale24;
        }

        return n;
    }

    private static int Convert32(ReadOnlySpan<byte> source, Span<float> destination)
    {
        var s = MemoryMarshal.Cast<byte, int>(source[..(source.Length & ~3)]);
        var n = s.Length;
        var i = 0;
        if (Vector128.IsHardwareAccelerated && BitConverter.IsLittleEndian)
        {
            var scale = Vector128.Create(Scale32);
            ref var src = ref MemoryMarshal.GetReference(s);
            ref var dst = ref MemoryMarshal.GetReference(destination);
            for (; i <= n - 4; i += 4)
            {
                (Vector128.ConvertToSingle(Vector128.LoadUnsafe(ref src, (nuint)i)) * scale).StoreUnsafe(ref dst, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            destination[i] = s[i] * Scale32;
        }

        return n;
    }
}
