using System.Buffers.Binary;
using Perche.Core.Audio;
using Perche.Core.Formats.Wav;

namespace Perche.Core.Tests.Formats.Wav;

public sealed class SampleConversionTests
{
    [Fact]
    public void The_vectorised_24_bit_decoder_matches_the_definition_for_every_length_and_tail()
    {
        var rng = new Random(3);
        for (var n = 0; n < 70; n++)
        {
            var bytes = new byte[n * 3];
            rng.NextBytes(bytes);
            if (n > 2)
            {
                bytes[2] = 0x80; // most negative
                bytes[0] = 0;
                bytes[1] = 0;
            }

            var actual = new float[n];
            Assert.Equal(n, SampleConversion.ToFloat(bytes, SampleEncoding.PcmInt24, actual));
            for (var i = 0; i < n; i++)
            {
                var v = bytes[i * 3] | (bytes[(i * 3) + 1] << 8) | ((sbyte)bytes[(i * 3) + 2] << 16);
                Assert.Equal(v / 8388608f, actual[i]);
            }
        }
    }

    [Fact]
    public void The_vectorised_16_and_32_bit_decoders_match_the_definition()
    {
        var rng = new Random(5);
        for (var n = 0; n < 40; n++)
        {
            var b16 = new byte[n * 2];
            var b32 = new byte[n * 4];
            rng.NextBytes(b16);
            rng.NextBytes(b32);
            var f16 = new float[n];
            var f32 = new float[n];
            SampleConversion.ToFloat(b16, SampleEncoding.PcmInt16, f16);
            SampleConversion.ToFloat(b32, SampleEncoding.PcmInt32, f32);
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(BinaryPrimitives.ReadInt16LittleEndian(b16.AsSpan(i * 2)) / 32768f, f16[i]);
                Assert.Equal(BinaryPrimitives.ReadInt32LittleEndian(b32.AsSpan(i * 4)) / 2147483648f, f32[i]);
            }
        }
    }

    [Fact]
    public void Full_scale_codes_map_to_minus_one_and_just_below_one()
    {
        var f = new float[2];
        SampleConversion.ToFloat([0x00, 0x80, 0xFF, 0x7F], SampleEncoding.PcmInt16, f);
        Assert.Equal(-1f, f[0]);
        Assert.Equal(32767f / 32768f, f[1]);
        SampleConversion.ToFloat([0x00, 0xFF], SampleEncoding.PcmUInt8, f);
        Assert.Equal(-1f, f[0]);
        Assert.Equal(127f / 128f, f[1]);
    }
}
