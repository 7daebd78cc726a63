using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Perche.Core.Audio;

namespace Perche.Core.Formats.Ffmpeg;

/// <summary>
/// Compressed formats through ffmpeg run as an external program (never linked): encode a WAV file to AAC, Opus,
/// MP3, FLAC, AC-3 or E-AC-3, and decode any file ffmpeg reads back to float samples for re-measurement. The
/// program is found on the PATH, or at <c>PERCHE_FFMPEG</c>. Encoders write to a temporary name and the file is
/// renamed only when ffmpeg succeeded, so a failure never leaves a partial file under the final name.
/// </summary>
public static class FfmpegBridge
{
    /// <summary>The codecs the bridge encodes.</summary>
    public static IReadOnlyList<string> Codecs { get; } = ["aac", "opus", "mp3", "flac", "ac3", "eac3"];

    /// <summary>The full path of ffmpeg, or null when it is not installed.</summary>
    public static string? FindFfmpeg() => Find("PERCHE_FFMPEG", "ffmpeg");

    /// <summary>The full path of ffprobe, or null when it is not installed.</summary>
    public static string? FindFfprobe() => Find("PERCHE_FFPROBE", "ffprobe");

    /// <summary>The file extension for a codec's usual container.</summary>
    public static string ExtensionFor(string codec) => codec switch
    {
        "aac" => "m4a",
        "opus" => "opus",
        "mp3" => "mp3",
        "flac" => "flac",
        "ac3" => "ac3",
        "eac3" => "ec3",
        _ => throw new ArgumentException($"unknown codec '{codec}' (known: {string.Join(", ", Codecs)})", nameof(codec)),
    };

    /// <summary>
    /// Encodes <paramref name="inputWav"/> to <paramref name="outputPath"/>. <paramref name="bitrateKbps"/> is
    /// ignored for FLAC. <paramref name="dialnormDb"/> sets the AC-3/E-AC-3 dialogue normalisation (-31 to -1).
    /// </summary>
    public static void Encode(string inputWav, string outputPath, string codec, int? bitrateKbps, int? dialnormDb = null, CancellationToken cancellationToken = default)
    {
        var ffmpeg = FindFfmpeg() ?? throw new FfmpegMissingException();
        var (encoder, format) = codec switch
        {
            "aac" => ("aac", "mp4"),
            "opus" => ("libopus", "ogg"),
            "mp3" => ("libmp3lame", "mp3"),
            "flac" => ("flac", "flac"),
            "ac3" => ("ac3", "ac3"),
            "eac3" => ("eac3", "eac3"),
            _ => throw new ArgumentException($"unknown codec '{codec}' (known: {string.Join(", ", Codecs)})", nameof(codec)),
        };

        var temp = TempBeside(outputPath);
        var args = new List<string> { "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", inputWav, "-map", "0:a:0", "-c:a", encoder };
        if (bitrateKbps is { } kbps && codec != "flac")
        {
            args.AddRange(["-b:a", kbps.ToString(CultureInfo.InvariantCulture) + "k"]);
        }

        if (codec == "mp3")
        {
            // Constant bitrate (ACX asks for CBR); the LAME encoder is CBR when only -b:a is given.
            args.AddRange(["-write_xing", "0"]);
        }

        if (dialnormDb is { } dn && codec is "ac3" or "eac3")
        {
            args.AddRange(["-dialnorm", Math.Clamp(dn, -31, -1).ToString(CultureInfo.InvariantCulture)]);
        }

        if (codec == "flac")
        {
            // FLAC stores at most 24 bits; a 32-bit float master is quantised by ffmpeg.
            args.AddRange(["-sample_fmt", "s32", "-bits_per_raw_sample", "24"]);
        }

        args.AddRange(["-f", format, temp]);
        try
        {
            var (code, stderr) = Run(ffmpeg, args, cancellationToken);
            if (code != 0)
            {
                throw new IOException($"ffmpeg failed encoding {Path.GetFileName(outputPath)} ({codec}): {LastLines(stderr)}");
            }

            File.Move(temp, outputPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>What ffprobe says of a file's first audio stream.</summary>
    public static AudioStreamInfo Probe(string path, CancellationToken cancellationToken = default)
    {
        var ffprobe = FindFfprobe() ?? throw new FfmpegMissingException();
        var (code, stdout, stderr) = RunCapture(ffprobe, ["-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_name,sample_rate,channels,channel_layout,bit_rate:format=duration", "-of", "json", path], cancellationToken);
        if (code != 0)
        {
            throw PercheFormatException.ForInput(path, $"ffprobe cannot read it: {LastLines(stderr)}");
        }

        using var doc = JsonDocument.Parse(stdout);
        var streams = doc.RootElement.GetProperty("streams");
        if (streams.GetArrayLength() == 0)
        {
            throw PercheFormatException.ForInput(path, "no audio stream");
        }

        var s = streams[0];
        string Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() ?? string.Empty : string.Empty;
        var rate = int.Parse(Str(s, "sample_rate"), CultureInfo.InvariantCulture);
        var channels = s.GetProperty("channels").GetInt32();
        _ = long.TryParse(Str(s, "bit_rate"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var bitRate);
        var duration = doc.RootElement.TryGetProperty("format", out var f) && double.TryParse(Str(f, "duration"), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN;
        return new AudioStreamInfo(Str(s, "codec_name"), rate, channels, Str(s, "channel_layout"), bitRate, duration);
    }

    /// <summary>
    /// Decodes the first audio stream of <paramref name="path"/> to interleaved float frames at its own rate,
    /// calling <paramref name="sink"/> with each block (the span is reused between calls). Returns the stream info.
    /// </summary>
    public static AudioStreamInfo Decode(string path, Action<ReadOnlySpan<float>> sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var info = Probe(path, cancellationToken);
        var ffmpeg = FindFfmpeg() ?? throw new FfmpegMissingException();

        // drc_scale 0: an AC-3 decoder must not apply the stream's dynamic range compression to what we measure.
        var args = new List<string> { "-nostdin", "-hide_banner", "-loglevel", "error" };
        if (info.Codec is "ac3" or "eac3")
        {
            args.AddRange(["-drc_scale", "0"]);
        }

        args.AddRange(["-i", path, "-map", "0:a:0", "-f", "f32le", "-acodec", "pcm_f32le", "-"]);
        var psi = Start(ffmpeg, args);
        psi.RedirectStandardOutput = true;
        using var process = Process.Start(psi) ?? throw new IOException("cannot start ffmpeg");
        var stderrTask = process.StandardError.ReadToEndAsync(cancellationToken);
        var stream = process.StandardOutput.BaseStream;
        var frameBytes = 4 * info.Channels;
        var buffer = ArrayPool<byte>.Shared.Rent(frameBytes * 8192);
        try
        {
            var held = 0;
            while (true)
            {
                var n = stream.Read(buffer, held, (frameBytes * 8192) - held);
                if (n == 0)
                {
                    break;
                }

                held += n;
                var whole = held / frameBytes * frameBytes;
                if (whole > 0)
                {
                    sink(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(buffer.AsSpan(0, whole)));
                    buffer.AsSpan(whole, held - whole).CopyTo(buffer);
                    held -= whole;
                }
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw PercheFormatException.ForInput(path, $"ffmpeg cannot decode it: {LastLines(stderrTask.Result)}");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return info;
    }

    /// <summary>The layout ffmpeg reports, as speakers (its channel order), or the default for the count.</summary>
    public static ChannelLayout LayoutOf(AudioStreamInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return info.ChannelLayout switch
        {
            "mono" => ChannelLayout.Mono,
            "stereo" => ChannelLayout.Stereo,
            "5.1" or "5.1(side)" when info.Channels == 6 => ChannelLayout.Surround51,
            "5.0" or "5.0(side)" when info.Channels == 5 => ChannelLayout.Surround50,
            "7.1" when info.Channels == 8 => ChannelLayout.Surround71,
            _ => ChannelLayout.Default(info.Channels),
        };
    }

    private static string? Find(string variable, string program)
    {
        var overridePath = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(overridePath))
        {
            return File.Exists(overridePath) ? overridePath : null;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string TempBeside(string outputPath)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        return Path.Combine(dir, $".{Path.GetFileName(outputPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial");
    }

    private static ProcessStartInfo Start(string program, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardInput = false, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return psi;
    }

    private static (int Code, string Stderr) Run(string program, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var (code, _, stderr) = RunCapture(program, args, cancellationToken);
        return (code, stderr);
    }

    private static (int Code, string Stdout, string Stderr) RunCapture(string program, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var psi = Start(program, args);
        psi.RedirectStandardOutput = true;
        using var process = Process.Start(psi) ?? throw new IOException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            process.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string LastLines(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no message)" : string.Join(" / ", lines.TakeLast(3));
    }
}

/// <summary>What ffprobe reports of an audio stream.</summary>
public sealed record AudioStreamInfo(string Codec, int SampleRateHz, int Channels, string ChannelLayout, long BitRateBitsPerSecond, double DurationSeconds);

/// <summary>ffmpeg is needed (compressed formats) but not installed.</summary>
public sealed class FfmpegMissingException : Exception
{
    /// <summary>Creates the error with the list of formats that need ffmpeg.</summary>
    public FfmpegMissingException()
        : base("ffmpeg is not installed (or PERCHE_FFMPEG does not point to it): AAC, Opus, MP3, FLAC, AC-3 and E-AC-3 outputs need it; PCM/BWF outputs work without it (install the Debian package 'ffmpeg')")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public FfmpegMissingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public FfmpegMissingException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
