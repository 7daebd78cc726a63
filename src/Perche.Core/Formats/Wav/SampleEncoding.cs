namespace Perche.Core.Formats.Wav;

/// <summary>How one sample is stored in the data chunk.</summary>
public enum SampleEncoding
{
    /// <summary>8-bit unsigned integer PCM (offset binary).</summary>
    PcmUInt8,

    /// <summary>16-bit signed integer PCM.</summary>
    PcmInt16,

    /// <summary>24-bit signed integer PCM, packed in three bytes.</summary>
    PcmInt24,

    /// <summary>32-bit signed integer PCM.</summary>
    PcmInt32,

    /// <summary>32-bit IEEE float.</summary>
    Float32,

    /// <summary>64-bit IEEE float.</summary>
    Float64,
}
