using Perche.Core.Formats.Wav;

namespace Perche.Core.Dsp.Loudness;

/// <summary>The measurement of one file: its header information and the meter after the last frame.</summary>
public sealed class FileLoudnessResult
{
    internal FileLoudnessResult(string path, WavInfo info, LoudnessMeter meter)
    {
        this.Path = path;
        this.Info = info;
        this.Meter = meter;
    }

    /// <summary>The measured file.</summary>
    public string Path { get; }

    /// <summary>What the file's headers say (format, layout).</summary>
    public WavInfo Info { get; }

    /// <summary>The meter after the whole file; query any enabled value, or combine meters for album loudness.</summary>
    public LoudnessMeter Meter { get; }
}
