using System.Buffers.Binary;
using Perche.Core.Audio;

namespace Perche.Core.Formats.Wav;

/// <summary>
/// The <c>fmt </c> chunk: sample encoding, channel count, rate and, for WAVE_FORMAT_EXTENSIBLE, the channel
/// mask and sub-format. Immutable; create with <see cref="Create"/> or <see cref="Parse"/>.
/// </summary>
public sealed class WavFormat
{
    /// <summary>KSDATAFORMAT_SUBTYPE_PCM.</summary>
    public static readonly Guid SubFormatPcm = new("00000001-0000-0010-8000-00aa00389b71");

    /// <summary>KSDATAFORMAT_SUBTYPE_IEEE_FLOAT.</summary>
    public static readonly Guid SubFormatIeeeFloat = new("00000003-0000-0010-8000-00aa00389b71");

    private WavFormat(ushort formatTag, SampleEncoding encoding, int channelCount, int sampleRateHz, int bitsPerSample, int validBitsPerSample, uint channelMask, Guid subFormat, bool isExtensible)
    {
        this.FormatTag = formatTag;
        this.Encoding = encoding;
        this.ChannelCount = channelCount;
        this.SampleRateHz = sampleRateHz;
        this.BitsPerSample = bitsPerSample;
        this.ValidBitsPerSample = validBitsPerSample;
        this.ChannelMask = channelMask;
        this.SubFormat = subFormat;
        this.IsExtensible = isExtensible;
        this.Layout = ChannelLayout.FromMask(isExtensible ? channelMask : 0, channelCount);
    }

    /// <summary>The wFormatTag (1 PCM, 3 float, 0xFFFE extensible).</summary>
    public ushort FormatTag { get; }

    /// <summary>How samples are stored.</summary>
    public SampleEncoding Encoding { get; }

    /// <summary>Number of interleaved channels.</summary>
    public int ChannelCount { get; }

    /// <summary>Samples per second per channel.</summary>
    public int SampleRateHz { get; }

    /// <summary>Container bits per sample (8, 16, 24, 32, 64).</summary>
    public int BitsPerSample { get; }

    /// <summary>Bits actually used (extensible wValidBitsPerSample; equals <see cref="BitsPerSample"/> otherwise).</summary>
    public int ValidBitsPerSample { get; }

    /// <summary>Bytes per sample of one channel.</summary>
    public int BytesPerSample => this.BitsPerSample / 8;

    /// <summary>Bytes per frame (all channels): nBlockAlign.</summary>
    public int BlockAlign => this.BytesPerSample * this.ChannelCount;

    /// <summary>nAvgBytesPerSec.</summary>
    public long BytesPerSecond => (long)this.BlockAlign * this.SampleRateHz;

    /// <summary>dwChannelMask of an extensible format (0 otherwise).</summary>
    public uint ChannelMask { get; }

    /// <summary>The sub-format GUID of an extensible format.</summary>
    public Guid SubFormat { get; }

    /// <summary>True when the chunk is WAVE_FORMAT_EXTENSIBLE.</summary>
    public bool IsExtensible { get; }

    /// <summary>Speaker positions per channel (from the mask, or the usual layout for the channel count).</summary>
    public ChannelLayout Layout { get; }

    /// <summary>True for IEEE float encodings.</summary>
    public bool IsFloat => this.Encoding is SampleEncoding.Float32 or SampleEncoding.Float64;

    /// <summary>
    /// A format for writing. Uses WAVE_FORMAT_EXTENSIBLE when the layout needs a mask (more than two channels)
    /// or the samples are wider than 16 bits in more than two channels, as Microsoft's rules require.
    /// </summary>
    public static WavFormat Create(SampleEncoding encoding, int sampleRateHz, ChannelLayout layout, bool? extensible = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (layout.ChannelCount < 1 || layout.ChannelCount > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(layout), "channel count must be 1..65535");
        }

        if (sampleRateHz < 1 || sampleRateHz > WavConstants.MaximumSampleRateHz)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), $"sample rate must be 1..{WavConstants.MaximumSampleRateHz} Hz");
        }

        var bits = BitsOf(encoding);
        var useExtensible = extensible ?? layout.ChannelCount > 2;
        var isFloat = encoding is SampleEncoding.Float32 or SampleEncoding.Float64;
        var tag = useExtensible ? WavConstants.FormatExtensible : isFloat ? WavConstants.FormatIeeeFloat : WavConstants.FormatPcm;
        var sub = isFloat ? SubFormatIeeeFloat : SubFormatPcm;
        return new WavFormat(tag, encoding, layout.ChannelCount, sampleRateHz, bits, bits, useExtensible ? layout.ChannelMask : 0, sub, useExtensible);
    }

    /// <summary>Container bits of an encoding.</summary>
    public static int BitsOf(SampleEncoding encoding) => encoding switch
    {
        SampleEncoding.PcmUInt8 => 8,
        SampleEncoding.PcmInt16 => 16,
        SampleEncoding.PcmInt24 => 24,
        SampleEncoding.PcmInt32 => 32,
        SampleEncoding.Float32 => 32,
        SampleEncoding.Float64 => 64,
        _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
    };

    /// <summary>A short description: "PCM 24-bit", "float 32-bit".</summary>
    public string EncodingName => this.IsFloat ? $"float {this.BitsPerSample}-bit" : $"PCM {this.BitsPerSample}-bit";

    /// <summary>
    /// Parses a fmt chunk payload. <paramref name="payloadOffset"/> is only used to name the position in errors.
    /// </summary>
    public static WavFormat Parse(ReadOnlySpan<byte> payload, string inputName, long payloadOffset)
    {
        if (payload.Length < 16)
        {
            throw PercheFormatException.AtByte(inputName, payloadOffset, $"fmt chunk is {payload.Length} bytes; expected at least 16");
        }

        var tag = BinaryPrimitives.ReadUInt16LittleEndian(payload);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(payload[2..]);
        var rate = BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]);
        var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(payload[12..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(payload[14..]);

        if (channels == 0)
        {
            throw PercheFormatException.AtByte(inputName, payloadOffset + 2, "fmt chunk declares 0 channels; expected at least 1");
        }

        if (rate == 0 || rate > WavConstants.MaximumSampleRateHz)
        {
            throw PercheFormatException.AtByte(inputName, payloadOffset + 4, $"fmt chunk declares a sample rate of {rate} Hz; expected 1..{WavConstants.MaximumSampleRateHz}");
        }

        var validBits = (int)bits;
        uint mask = 0;
        var sub = Guid.Empty;
        var extensible = tag == WavConstants.FormatExtensible;
        var effectiveTag = tag;
        if (extensible)
        {
            if (payload.Length < 40)
            {
                throw PercheFormatException.AtByte(inputName, payloadOffset, $"WAVE_FORMAT_EXTENSIBLE fmt chunk is {payload.Length} bytes; expected 40");
            }

            validBits = BinaryPrimitives.ReadUInt16LittleEndian(payload[18..]);
            mask = BinaryPrimitives.ReadUInt32LittleEndian(payload[20..]);
            sub = new Guid(payload.Slice(24, 16));
            effectiveTag = (ushort)BinaryPrimitives.ReadUInt32LittleEndian(payload[24..]);
            if (validBits == 0)
            {
                validBits = bits;
            }
        }

        SampleEncoding encoding;
        if (effectiveTag == WavConstants.FormatPcm)
        {
            encoding = bits switch
            {
                8 => SampleEncoding.PcmUInt8,
                16 => SampleEncoding.PcmInt16,
                24 => SampleEncoding.PcmInt24,
                32 => SampleEncoding.PcmInt32,
                _ => throw PercheFormatException.AtByte(inputName, payloadOffset + 14, $"PCM with {bits} bits per sample is not supported; expected 8, 16, 24 or 32"),
            };
        }
        else if (effectiveTag == WavConstants.FormatIeeeFloat)
        {
            encoding = bits switch
            {
                32 => SampleEncoding.Float32,
                64 => SampleEncoding.Float64,
                _ => throw PercheFormatException.AtByte(inputName, payloadOffset + 14, $"IEEE float with {bits} bits per sample is not supported; expected 32 or 64"),
            };
        }
        else
        {
            var what = extensible ? $"sub-format {sub}" : $"format tag 0x{tag:X4}";
            throw PercheFormatException.AtByte(inputName, payloadOffset, $"{what} is not supported; expected PCM (1) or IEEE float (3)");
        }

        var expectedAlign = channels * (bits / 8);
        if (blockAlign != expectedAlign)
        {
            throw PercheFormatException.AtByte(inputName, payloadOffset + 12, $"block align is {blockAlign}; expected {expectedAlign} ({channels} channels × {bits / 8} bytes)");
        }

        return new WavFormat(tag, encoding, channels, (int)rate, bits, validBits, mask, extensible ? sub : (encoding is SampleEncoding.Float32 or SampleEncoding.Float64 ? SubFormatIeeeFloat : SubFormatPcm), extensible);
    }

    /// <summary>Size of the payload <see cref="WriteTo"/> writes: 16, 18 (float, with cbSize) or 40 (extensible).</summary>
    public int PayloadSize => this.IsExtensible ? 40 : this.IsFloat ? 18 : 16;

    /// <summary>Writes the fmt payload (without chunk header).</summary>
    public void WriteTo(Span<byte> destination)
    {
        destination[..this.PayloadSize].Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(destination, this.FormatTag);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], (ushort)this.ChannelCount);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], (uint)this.SampleRateHz);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], (uint)this.BytesPerSecond);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[12..], (ushort)this.BlockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[14..], (ushort)this.BitsPerSample);
        if (this.IsExtensible)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination[16..], 22);
            BinaryPrimitives.WriteUInt16LittleEndian(destination[18..], (ushort)this.ValidBitsPerSample);
            BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], this.ChannelMask);
            this.SubFormat.TryWriteBytes(destination.Slice(24, 16));
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{this.EncodingName}, {this.SampleRateHz} Hz, {this.ChannelCount} ch ({this.Layout.Name})";
}
