using System.Text.Json;
using Perche.Core.Audio;
using Perche.Core.Formats.Wav;

namespace Perche.Cli.Tests;

public sealed class LoudnessVerbTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("perche-loud-");

    public void Dispose() => this.dir.Delete(recursive: true);

    [Fact]
    public void A_minus_23_dBFS_stereo_sine_reads_minus_23_LUFS_and_its_peak_in_json()
    {
        // EBU Tech 3341 case 1: 1 kHz stereo in phase at -23 dBFS, 20 s → M, S, I = -23.0 ±0.1.
        var path = this.Sine("case1.wav", -23.0, 20.0);
        var (code, output, err) = CliRunner.Run("loudness", "--json", path);
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, err);
        using var doc = JsonDocument.Parse(output);
        var f = doc.RootElement.GetProperty("files")[0];
        Assert.InRange(f.GetProperty("integratedLufs").GetDouble(), -23.1, -22.9);
        Assert.InRange(f.GetProperty("maxShortTermLufs").GetDouble(), -23.1, -22.9);
        Assert.InRange(f.GetProperty("maxMomentaryLufs").GetDouble(), -23.1, -22.9);
        Assert.InRange(f.GetProperty("loudnessRangeLu").GetDouble(), 0.0, 0.1);
        Assert.InRange(f.GetProperty("maxTruePeakDbtp").GetDouble(), -23.05, -22.95);
        Assert.Equal(2, f.GetProperty("channels").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("albumIntegratedLufs").ValueKind);
    }

    [Fact]
    public void Several_files_give_a_table_with_an_album_row_gated_over_all_blocks()
    {
        var loud = this.Sine("loud.wav", -20.0, 10.0);
        var quiet = this.Sine("quiet.wav", -26.0, 10.0);
        var (code, output, _) = CliRunner.Run("loudness", "--json", loud, quiet);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);

        // Both files are above the relative gate (6 LU apart < 10): album = power mean of equal-length halves.
        var expected = 10 * Math.Log10((Math.Pow(10, -2.0) + Math.Pow(10, -2.6)) / 2);
        Assert.InRange(doc.RootElement.GetProperty("albumIntegratedLufs").GetDouble(), expected - 0.1, expected + 0.1);

        var (_, table, _) = CliRunner.Run("loudness", loud, quiet);
        Assert.Contains("all files (album)", table, StringComparison.Ordinal);
        Assert.Contains("loud.wav", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Recorder_track_names_label_the_per_channel_peaks()
    {
        var (code, output, _) = CliRunner.Run("loudness", CliRunner.Demo("rushes", "SR001", "S01T01.WAV"));
        Assert.Equal(0, code);
        Assert.Contains("Boom ", output, StringComparison.Ordinal);
        Assert.Contains("Lav Marie ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Plot_writes_a_png_file()
    {
        var png = Path.Combine(this.dir.FullName, "plot.png");
        var (code, _, _) = CliRunner.Run("loudness", "--plot", png, this.Sine("p.wav", -30.0, 5.0));
        Assert.Equal(0, code);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        Assert.Single(Directory.GetFiles(this.dir.FullName, "*.png"));
    }

    [Fact]
    public void An_unreadable_file_exits_2_while_the_readable_ones_are_measured()
    {
        var bad = Path.Combine(this.dir.FullName, "bad.wav");
        File.WriteAllText(bad, "not a wave file");
        var (code, output, err) = CliRunner.Run("loudness", bad, this.Sine("ok.wav", -23.0, 5.0));
        Assert.Equal(2, code);
        Assert.Contains($"{bad}: at byte 0", err, StringComparison.Ordinal);
        Assert.Contains("ok.wav", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_runs_end_to_end()
    {
        var (code, output, err) = CliRunner.Run("demo", CliRunner.Demo());
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, err);
        Assert.Contains("Le Phare", output, StringComparison.Ordinal);
        Assert.Contains("LePhare_R1_51.wav", output, StringComparison.Ordinal);
        Assert.Contains("10:30:01:00 @ 25", output, StringComparison.Ordinal);
    }

    private string Sine(string name, double dbfs, double seconds)
    {
        var path = Path.Combine(this.dir.FullName, name);
        var frames = (int)(seconds * 48000);
        var amplitude = Math.Pow(10, dbfs / 20);
        var s = new float[frames * 2];
        for (var i = 0; i < frames; i++)
        {
            var v = (float)(amplitude * Math.Sin(2 * Math.PI * 1000 * i / 48000.0));
            s[2 * i] = v;
            s[(2 * i) + 1] = v;
        }

        using var w = WavWriter.Create(path, WavFormat.Create(SampleEncoding.Float32, 48000, ChannelLayout.Stereo));
        w.WriteFrames(s);
        w.Complete();
        return path;
    }
}
