namespace Perche.Core.Formats.Wav;

/// <summary>Chunk identifiers and codes of RIFF WAVE (Microsoft), RF64 (EBU Tech 3306), BW64 (ITU-R BS.2088) and BWF (EBU Tech 3285).</summary>
public static class WavConstants
{
    /// <summary>"RIFF": 32-bit sizes, files up to 4 GiB.</summary>
    public static readonly FourCC Riff = new("RIFF");

    /// <summary>"RF64": EBU Tech 3306, 64-bit sizes in ds64.</summary>
    public static readonly FourCC Rf64 = new("RF64");

    /// <summary>"BW64": ITU-R BS.2088, same layout as RF64.</summary>
    public static readonly FourCC Bw64 = new("BW64");

    /// <summary>"WAVE" form type.</summary>
    public static readonly FourCC Wave = new("WAVE");

    /// <summary>"ds64": 64-bit sizes of RF64/BW64.</summary>
    public static readonly FourCC Ds64 = new("ds64");

    /// <summary>"fmt ".</summary>
    public static readonly FourCC Fmt = new("fmt ");

    /// <summary>"data".</summary>
    public static readonly FourCC Data = new("data");

    /// <summary>"bext": broadcast extension, EBU Tech 3285.</summary>
    public static readonly FourCC Bext = new("bext");

    /// <summary>"iXML".</summary>
    public static readonly FourCC Ixml = new("iXML");

    /// <summary>"LIST" (also "list" in some recorders).</summary>
    public static readonly FourCC List = new("LIST");

    /// <summary>"INFO" list type.</summary>
    public static readonly FourCC Info = new("INFO");

    /// <summary>"adtl" list type (associated data: cue labels, notes, ranges).</summary>
    public static readonly FourCC Adtl = new("adtl");

    /// <summary>"cue ".</summary>
    public static readonly FourCC Cue = new("cue ");

    /// <summary>"labl".</summary>
    public static readonly FourCC Labl = new("labl");

    /// <summary>"note".</summary>
    public static readonly FourCC Note = new("note");

    /// <summary>"ltxt".</summary>
    public static readonly FourCC Ltxt = new("ltxt");

    /// <summary>"JUNK": padding; RF64 writers reserve it where ds64 may go.</summary>
    public static readonly FourCC Junk = new("JUNK");

    /// <summary>The 32-bit size value meaning "look in ds64".</summary>
    public const uint SizeInDs64 = 0xFFFFFFFF;

    /// <summary>Integer PCM.</summary>
    public const ushort FormatPcm = 0x0001;

    /// <summary>IEEE floating point.</summary>
    public const ushort FormatIeeeFloat = 0x0003;

    /// <summary>WAVE_FORMAT_EXTENSIBLE: the real format is the sub-format GUID.</summary>
    public const ushort FormatExtensible = 0xFFFE;

    /// <summary>Payload size of a ds64 chunk without table entries.</summary>
    public const int Ds64MinimumSize = 28;

    /// <summary>Highest sample rate accepted; anything above is treated as a corrupt header.</summary>
    public const int MaximumSampleRateHz = 768_000;

    /// <summary>Largest metadata chunk (iXML, bext, LIST, cue) read into memory.</summary>
    public const int MaximumMetadataChunkBytes = 64 * 1024 * 1024;
}
