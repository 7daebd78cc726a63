using System.Globalization;
using Perche.Core.Audio;
using Perche.Core.Dsp.Loudness;
using Perche.Core.Dsp.Resampling;
using Perche.Core.Tests.Support;
using Perche.Delivery.Analysis;
using Perche.Delivery.Tests.Support;
using Xunit.Abstractions;

namespace Perche.Delivery.Tests;

/// <summary>
/// The open speech detector on real (synthesised) speech: espeak-ng sentences in English and French, mixed with a
/// loud music and effects stem between the lines and a quiet bed under them, as in a film mix.
/// </summary>
public sealed class SpeechDetectorTests(ITestOutputHelper output)
{
    private const int Rate = Signals.Rate;

    private static readonly (string Voice, string Text)[] Lines =
    [
        ("en", "The lighthouse keeper climbed the stairs every night at nine."),
        ("fr", "Le gardien du phare montait l'escalier chaque soir à neuf heures."),
        ("en", "Nobody knew why the lamp went dark on the night of the storm."),
        ("fr", "Personne ne savait pourquoi la lampe s'était éteinte pendant la tempête."),
        ("en", "She kept the logbook in a drawer, wrapped in an old blue scarf."),
        ("fr", "Il faut prévenir le port avant que la marée ne remonte."),
    ];

    private static float[] Speak(string voice, string text, string folder, int index)
    {
        var wav = Path.Combine(folder, $"line{index}.wav");
        var (code, _, err) = ExternalProgram.Run("espeak-ng", "-v", voice, "-s", "150", "-w", wav, text);
        Assert.True(code == 0, err);
        var data = Signals.Read(wav);
        var info = Perche.Core.Formats.Wav.WavReader.ReadInfo(wav);
        var r = new PolyphaseResampler(1, info.Format.SampleRateHz, Rate);
        var outBuf = new float[r.MaxOutputFrames(data.Length) + r.MaxOutputFrames(r.TapsPerPhase * 4)];
        var n = r.Process(data, outBuf);
        n += r.Flush(outBuf.AsSpan(n));
        return outBuf[..n];
    }

    [ProgramFact("espeak-ng")]
    public void Dialogue_gated_loudness_is_within_1_LU_of_the_mix_measured_where_the_speech_stem_is_active() => this.Scenario(gapLevel: 0.5, bedLevel: 0.04, seed: 7, minRecall: 0.85);

    [ProgramFact("espeak-ng")]
    public void Under_a_continuous_music_bed_the_dialogue_level_still_holds_within_1_LU() => this.Scenario(gapLevel: 0.4, bedLevel: 0.1, seed: 11, minRecall: 0.7);

    private void Scenario(double gapLevel, double bedLevel, int seed, double minRecall)
    {
        using var dir = new Signals.TempFolder();

        // Speech stem: six lines, 3 s of music/effects between them.
        var lines = Lines.Select((l, i) => Speak(l.Voice, l.Text, dir.Path, i)).ToList();
        const double gapSeconds = 3.0;
        var totalFrames = (int)((gapSeconds * Rate) + lines.Sum(l => l.Length + (gapSeconds * Rate)));
        var speech = new float[totalFrames];
        var position = (int)(gapSeconds * Rate);
        var speechRegions = new List<(int Start, int End)>();
        foreach (var line in lines)
        {
            line.CopyTo(speech, position);
            speechRegions.Add((position, position + line.Length));
            position += line.Length + (int)(gapSeconds * Rate);
        }

        // Music and effects stem: chords with a beat, and noise explosions, loud between lines, 20 dB down under them.
        var music = new float[totalFrames * 2];
        var random = new Random(seed);
        double[] chord = [110, 138.6, 164.8, 220];
        double lpL = 0, lpR = 0;
        for (var f = 0; f < totalFrames; f++)
        {
            var t = (double)f / Rate;
            var underSpeech = speechRegions.Any(r => f >= r.Start - (Rate / 5) && f < r.End + (Rate / 5));
            var level = underSpeech ? bedLevel : gapLevel;
            var note = (int)(t / 0.5) % 4;
            var tone = 0.0;
            foreach (var hz in chord)
            {
                for (var h = 1; h <= 4; h++)
                {
                    tone += Math.Sin(2 * Math.PI * hz * (1 + (0.25 * note)) * h * t) / (h * 4.0);
                }
            }

            var beat = Math.Exp(-(t % 0.5) * 30) * Math.Sin(2 * Math.PI * 55 * t) * 1.5;
            var white = (random.NextDouble() * 2) - 1;
            lpL += 0.3 * (white - lpL);
            lpR += 0.3 * (((random.NextDouble() * 2) - 1) - lpR);
            var explosion = (int)(t / 4.7) % 3 == 0 && (t % 4.7) < 1.0 ? Math.Exp(-(t % 4.7) * 3) * 2.5 : 0;
            music[2 * f] = (float)(level * ((tone * 0.5) + beat + (explosion * lpL)));
            music[(2 * f) + 1] = (float)(level * ((tone * 0.5) + beat + (explosion * lpR)));
        }

        // The mix: speech in both channels (phantom centre).
        var mix = new float[totalFrames * 2];
        for (var f = 0; f < totalFrames; f++)
        {
            mix[2 * f] = (0.5f * speech[f]) + music[2 * f];
            mix[(2 * f) + 1] = (0.5f * speech[f]) + music[(2 * f) + 1];
        }

        // Ground truth per 100 ms block: the speech stem is active (above -45 dBFS RMS).
        var blockFrames = Rate / 10;
        var blocks = totalFrames / blockFrames;
        var truth = new bool[blocks];
        for (var b = 0; b < blocks; b++)
        {
            double e = 0;
            for (var i = b * blockFrames; i < (b + 1) * blockFrames; i++)
            {
                e += speech[i] * speech[i];
            }

            truth[b] = 10 * Math.Log10((e / blockFrames) + 1e-20) > -45;
        }

        var analyzer = new ProgrammeAnalyzer(ChannelLayout.Stereo, Rate, AnalysisOptions.Dialogue);
        analyzer.Add(mix);
        var analysis = analyzer.Finish("mix", "float", null);
        var detected = analysis.Dialogue!.SpeechBlocks;

        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (var b = 0; b < Math.Min(blocks, detected.Length); b++)
        {
            (tp, fp, fn, tn) = (truth[b], detected[b]) switch
            {
                (true, true) => (tp + 1, fp, fn, tn),
                (false, true) => (tp, fp + 1, fn, tn),
                (true, false) => (tp, fp, fn + 1, tn),
                _ => (tp, fp, fn, tn + 1),
            };
        }

        var precision = tp / (double)(tp + fp);
        var recall = tp / (double)(tp + fn);
        var accuracy = (tp + tn) / (double)(tp + fp + fn + tn);
        var reference = ProgrammeAnalyzer.Gate(analysis.Meter.GetSeries(), truth).SpeechGatedLufs;
        var gated = analysis.Dialogue.SpeechGatedLufs;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"blocks {blocks}: precision {precision:0.000}, recall {recall:0.000}, accuracy {accuracy:0.000}; speech {analysis.Dialogue.SpeechPercent:0.0} %"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dialogue-gated {gated:0.00} LUFS, reference (speech stem active) {reference:0.00} LUFS, full programme {analysis.Meter.IntegratedLufs:0.00} LUFS"));

        // The test means something: counting the music between the lines would move the value by more than 1 LU.
        Assert.True(Math.Abs(ProgrammeAnalyzer.Gate(analysis.Meter.GetSeries(), Enumerable.Repeat(true, blocks).ToArray()).SpeechGatedLufs - reference) > 1, "music and speech at the same level");
        Assert.True(Math.Abs(gated - reference) <= 1.0, $"dialogue-gated {gated}, reference {reference}");
        Assert.True(precision >= 0.85, $"precision {precision}");
        Assert.True(recall >= minRecall, $"recall {recall}");
    }

    [Fact]
    public void Music_alone_and_noise_alone_are_not_speech()
    {
        var frames = 8 * Rate;
        var data = new float[frames];
        for (var f = 0; f < frames; f++)
        {
            var t = (double)f / Rate;
            data[f] = (float)(0.2 * (Math.Sin(2 * Math.PI * 220 * t) + (0.5 * Math.Sin(2 * Math.PI * 330 * t)) + (0.3 * Math.Sin(2 * Math.PI * 440 * t))));
        }

        var music = new SpeechDetector(Rate);
        music.Add(data);
        Assert.DoesNotContain(true, music.Decide());

        var random = new Random(1);
        for (var f = 0; f < frames; f++)
        {
            data[f] = (float)(((random.NextDouble() * 2) - 1) * 0.3 * (0.5 + (0.5 * Math.Sin(2 * Math.PI * 4 * f / Rate))));
        }

        var noise = new SpeechDetector(Rate);
        noise.Add(data);
        Assert.DoesNotContain(true, noise.Decide());
    }
}
