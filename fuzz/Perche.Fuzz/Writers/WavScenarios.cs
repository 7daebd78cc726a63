using Perche.Core;
using Perche.Core.Audio;
using Perche.Core.Formats.Wav;

namespace Perche.Fuzz.Writers;

/// <summary>Synthetic audio shared by the WAV scenarios: a deterministic sine per channel.</summary>
internal static class TestAudio
{
    public const int SampleRateHz = 48000;

    /// <summary>Sample of channel <paramref name="channel"/> at frame <paramref name="frame"/>.</summary>
    public static float At(long frame, int channel) => (float)(0.5 * Math.Sin(2 * Math.PI * (440 + (110 * channel)) * frame / SampleRateHz));

    /// <summary>Writes <paramref name="frames"/> frames in blocks.</summary>
    public static void Write(WavWriter writer, long frames)
    {
        var channels = writer.Format.ChannelCount;
        var block = new float[4800 * channels];
        for (long f = 0; f < frames; f += 4800)
        {
            var n = (int)Math.Min(4800, frames - f);
            for (var i = 0; i < n; i++)
            {
                for (var c = 0; c < channels; c++)
                {
                    block[(i * channels) + c] = At(f + i, c);
                }
            }

            writer.WriteFrames(block.AsSpan(0, n * channels));
        }
    }

    /// <summary>Decodes every sample of a file (a survivor must read to its end).</summary>
    public static long ReadAll(string path)
    {
        using var reader = WavReader.OpenSamples(path);
        var buffer = new float[4800 * reader.Format.ChannelCount];
        long frames = 0;
        int n;
        while ((n = reader.ReadFrames(buffer)) > 0)
        {
            frames += n;
        }

        return frames;
    }

    /// <summary>Checks every sample of a file against the sine, within the 24-bit quantisation step.</summary>
    public static void Verify(string path, long expectedFrames, int expectedChannels)
    {
        WavInfo info;
        try
        {
            info = WavReader.ReadInfo(path);
        }
        catch (PercheFormatException ex)
        {
            throw new KillTestFailure($"{path} exists under its final name but does not read: {ex.Message}");
        }

        if (info.FrameCount != expectedFrames || info.Format.ChannelCount != expectedChannels)
        {
            throw new KillTestFailure($"{path} holds {info.FrameCount} frames of {info.Format.ChannelCount} channels; expected {expectedFrames} of {expectedChannels}");
        }

        using var reader = WavReader.OpenSamples(path);
        var buffer = new float[4800 * expectedChannels];
        long frame = 0;
        int n;
        while ((n = reader.ReadFrames(buffer)) > 0)
        {
            for (var i = 0; i < n; i++)
            {
                for (var c = 0; c < expectedChannels; c++)
                {
                    if (Math.Abs(buffer[(i * expectedChannels) + c] - At(frame + i, c)) > 1e-6f)
                    {
                        throw new KillTestFailure($"{path}: sample {frame + i} of channel {c} is {buffer[(i * expectedChannels) + c]}, expected {At(frame + i, c)}");
                    }
                }
            }

            frame += n;
        }
    }
}

/// <summary>WavWriter: a 24-bit stereo BWF with bext, iXML and cues, then a forced RF64 5.1 file.</summary>
internal sealed class WavWriterScenario : WriteScenario
{
    private const long StereoFrames = 12L * TestAudio.SampleRateHz;
    private const long SurroundFrames = 4L * TestAudio.SampleRateHz;

    public override string Name => "wav-writer";

    public override string Description => "WavWriter: a 12 s 24-bit stereo BWF (bext, iXML, cues), then a 4 s RF64 5.1 file";

    public override void Prepare(string workDir) => Directory.CreateDirectory(workDir);

    public override IReadOnlyList<string> Sources(string workDir) => [];

    public override IReadOnlyList<string> Outputs(string workDir) => [Path.Combine(workDir, "take.wav"), Path.Combine(workDir, "mix.rf64.wav")];

    public override void Run(string workDir)
    {
        var ixml = IxmlMetadata.CreateEmpty();
        ixml.Scene = "12";
        ixml.Take = "3";
        var options = new WavWriterOptions
        {
            Bext = new BroadcastExtension { Description = "sSCENE=12\r\nsTAKE=3", Originator = "Perche kill test", TimeReferenceSamples = 48000UL * 3600 },
            Ixml = ixml,
            Cues = [new CuePoint { Id = 1, SampleOffset = 48000, Label = "slate" }],
        };
        using (var w = WavWriter.Create(this.Outputs(workDir)[0], WavFormat.Create(SampleEncoding.PcmInt24, TestAudio.SampleRateHz, ChannelLayout.Stereo), options))
        {
            TestAudio.Write(w, StereoFrames);
            w.Complete();
        }

        using (var w = WavWriter.Create(this.Outputs(workDir)[1], WavFormat.Create(SampleEncoding.PcmInt24, TestAudio.SampleRateHz, ChannelLayout.Surround51), new WavWriterOptions { Container = WavContainer.Rf64 }))
        {
            TestAudio.Write(w, SurroundFrames);
            w.Complete();
        }
    }

    public override void VerifyComplete(string workDir, string output)
    {
        if (output.EndsWith("take.wav", StringComparison.Ordinal))
        {
            TestAudio.Verify(output, StereoFrames, 2);
            var info = WavReader.ReadInfo(output);
            if (info.Ixml?.Scene != "12" || info.Bext?.TimeReferenceSamples != 48000UL * 3600 || info.Cues.Count != 1 || info.Cues[0].Label != "slate")
            {
                throw new KillTestFailure($"{output}: metadata incomplete");
            }
        }
        else
        {
            TestAudio.Verify(output, SurroundFrames, 6);
            if (WavReader.ReadInfo(output).Container != WavContainer.Rf64)
            {
                throw new KillTestFailure($"{output} is not RF64");
            }
        }
    }
}

/// <summary>WavRewriter: copies a take to a new file with an edited bext and iXML, audio byte for byte.</summary>
internal class WavRewriterScenario : WriteScenario
{
    protected const long Frames = 20L * TestAudio.SampleRateHz;

    public override string Name => "wav-rewriter";

    public override string Description => "WavRewriter: a 20 s stereo take to a new file with an edited bext description and iXML scene";

    protected static string Source(string workDir) => Path.Combine(workDir, "source.wav");

    public override void Prepare(string workDir)
    {
        Directory.CreateDirectory(workDir);
        var ixml = IxmlMetadata.CreateEmpty();
        ixml.Scene = "12";
        var options = new WavWriterOptions { Bext = new BroadcastExtension { Description = "sSCENE=12" }, Ixml = ixml };
        using var w = WavWriter.Create(Source(workDir), WavFormat.Create(SampleEncoding.PcmInt24, TestAudio.SampleRateHz, ChannelLayout.Stereo), options);
        TestAudio.Write(w, Frames);
        w.Complete();
    }

    public override IReadOnlyList<string> Sources(string workDir) => [Source(workDir)];

    public override IReadOnlyList<string> Outputs(string workDir) => [Path.Combine(workDir, "edited.wav")];

    public override void Run(string workDir) => Rewrite(Source(workDir), this.Outputs(workDir)[0]);

    public override void VerifyComplete(string workDir, string output)
    {
        TestAudio.Verify(output, Frames, 2);
        var info = WavReader.ReadInfo(output);
        if (info.Ixml?.Scene != "12A" || info.Bext?.Description != "sSCENE=12A")
        {
            throw new KillTestFailure($"{output}: the edit is missing (scene '{info.Ixml?.Scene}', description '{info.Bext?.Description}')");
        }
    }

    protected static void Rewrite(string source, string destination)
    {
        var info = WavReader.ReadInfo(source);
        var bext = info.Bext!;
        bext.Description = "sSCENE=12A";
        var ixml = info.Ixml!;
        ixml.Scene = "12A";
        WavRewriter.Rewrite(source, destination, new WavMetadataEdit { Bext = bext, Ixml = ixml });
    }
}

/// <summary>WavRewriter in place: the file is either the untouched original or the complete edit, never between.</summary>
internal sealed class WavRewriterInPlaceScenario : WavRewriterScenario
{
    public override string Name => "wav-rewriter-in-place";

    public override string Description => "WavRewriter onto its own source (a metadata edit in place)";

    public override IReadOnlyList<string> Sources(string workDir) => [];

    public override IReadOnlyList<string> Outputs(string workDir) => [Source(workDir)];

    public override void Run(string workDir) => Rewrite(Source(workDir), Source(workDir));

    public override void CheckAfterKill(string workDir)
    {
        var path = Source(workDir);
        if (!File.Exists(path))
        {
            throw new KillTestFailure($"{path} vanished: an in-place edit must leave the original or the edit");
        }

        var info = WavReader.ReadInfo(path);
        if (info.Ixml?.Scene == "12")
        {
            TestAudio.Verify(path, Frames, 2);
            return;
        }

        this.VerifyComplete(workDir, path);
    }
}
