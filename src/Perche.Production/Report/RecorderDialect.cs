namespace Perche.Production.Report;

/// <summary>Which recorder or program wrote a file: decides how its metadata is read.</summary>
public enum RecorderDialect
{
    /// <summary>Not recognised: standard iXML/bext reading only.</summary>
    Unknown,

    /// <summary>Sound Devices (7-series, MixPre, Scorpio): iXML + bext `sKEY=` lines.</summary>
    SoundDevices,

    /// <summary>Zaxcom (Deva, Nomad, Maxx, Fusion): bext `zKEY=` lines, iXML on newer firmware.</summary>
    Zaxcom,

    /// <summary>Zoom (F4/F6/F8, H-series): bext `KEY=` lines with TRn track keys, iXML 1.6x.</summary>
    Zoom,

    /// <summary>Aaton Cantar: iXML with its own block.</summary>
    AatonCantar,

    /// <summary>Sonosax SX-R4: iXML + bext.</summary>
    Sonosax,

    /// <summary>Gallery Metacorder: bext `gKEY=` lines, non-standard "yyyy:mm:dd" dates, iXTC chunk.</summary>
    GalleryMetacorder,

    /// <summary>Tascam (HS-P82, DR series).</summary>
    Tascam,

    /// <summary>A recorder file that went through Pro Tools: `dKEY=` description, umid/minf/regn chunks.</summary>
    ProTools,

    /// <summary>Steinberg Nuendo/Cubase exports.</summary>
    Nuendo,
}
