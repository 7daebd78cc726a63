namespace Perche.Production.Qc;

/// <summary>The measurements of one recorded channel.</summary>
public sealed class ChannelQc
{
    /// <summary>Recorder channel index.</summary>
    public int ChannelIndex { get; init; }

    /// <summary>Track name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Sample peak in dBFS.</summary>
    public double PeakDbfs { get; set; }

    /// <summary>True peak (BS.1770-5, 4× oversampled) in dBTP.</summary>
    public double TruePeakDbtp { get; set; }

    /// <summary>RMS over the whole take in dBFS (a full-scale sine reads -3.01).</summary>
    public double RmsDbfs { get; set; }

    /// <summary>Noise floor estimate: the 10th percentile of 50 ms RMS windows, dBFS.</summary>
    public double NoiseFloorDbfs { get; set; }

    /// <summary>DC offset: the mean sample value in dBFS (−inf when none).</summary>
    public double DcOffsetDbfs { get; set; }

    /// <summary>Runs of 3 or more consecutive samples at full scale.</summary>
    public int ClippedRuns { get; set; }

    /// <summary>Where the first clipped run starts, in seconds from the file start.</summary>
    public double? FirstClipSeconds { get; set; }

    /// <summary>Runs of exact digital zero of 1 ms or more inside a channel that otherwise carries signal.</summary>
    public int Dropouts { get; set; }

    /// <summary>Where the first dropout starts, in seconds.</summary>
    public double? FirstDropoutSeconds { get; set; }

    /// <summary>Sudden steps between consecutive samples (a click from a lost or repeated buffer).</summary>
    public int Discontinuities { get; set; }

    /// <summary>Where the first discontinuity is, in seconds.</summary>
    public double? FirstDiscontinuitySeconds { get; set; }

    /// <summary>True when every sample is zero.</summary>
    public bool IsSilent { get; set; }
}

/// <summary>The zero-lag correlation between two channels of a take (boom against a lavalier, typically).</summary>
public sealed class ChannelCorrelation
{
    /// <summary>First channel index.</summary>
    public int ChannelA { get; init; }

    /// <summary>Second channel index.</summary>
    public int ChannelB { get; init; }

    /// <summary>Pearson correlation, −1..1.</summary>
    public double Correlation { get; init; }
}

/// <summary>The QC of one take.</summary>
public sealed class TakeQcResult
{
    /// <summary>Per channel, in recorder order.</summary>
    public List<ChannelQc> Channels { get; } = [];

    /// <summary>Boom/lavalier correlations.</summary>
    public List<ChannelCorrelation> Correlations { get; } = [];

    /// <summary>Findings in words ("ch2 Lav Marie: 3 clipped runs from 00:00:01.250").</summary>
    public List<string> Flags { get; } = [];
}
