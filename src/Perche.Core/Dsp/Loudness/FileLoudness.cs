using Perche.Core.Formats.Wav;

namespace Perche.Core.Dsp.Loudness;

/// <summary>
/// Measures a WAVE file with a <see cref="LoudnessMeter"/>: the file is decoded on one thread while the meter
/// runs on another (<see cref="WavDecodePipeline"/>: decode and filter overlap on two cores), with a few pooled
/// blocks in flight, so memory stays flat whatever the file length. The meter itself never touches files.
/// </summary>
public static class FileLoudness
{
    /// <summary>Measures one file; <paramref name="progress"/> receives frames measured so far.</summary>
    public static FileLoudnessResult Measure(string path, LoudnessModes modes, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        using var reader = WavReader.OpenSamples(path);
        var format = reader.Format;
        var meter = LoudnessMeter.Create(format.Layout, format.SampleRateHz, modes);

        // Rethrows the decoder's exception (a PercheFormatException for a damaged file).
        WavDecodePipeline.Run(reader, meter.AddInterleaved, progress, cancellationToken);
        return new FileLoudnessResult(path, reader.Info, meter);
    }
}
