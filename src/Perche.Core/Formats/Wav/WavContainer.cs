namespace Perche.Core.Formats.Wav;

/// <summary>The outer form of a WAVE file.</summary>
public enum WavContainer
{
    /// <summary>RIFF: 32-bit sizes, up to 4 GiB.</summary>
    Riff,

    /// <summary>RF64 (EBU Tech 3306): 64-bit sizes in ds64.</summary>
    Rf64,

    /// <summary>BW64 (ITU-R BS.2088): RF64 layout with the BW64 identifier.</summary>
    Bw64,
}
