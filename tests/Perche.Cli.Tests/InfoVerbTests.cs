using System.Text.Json;

namespace Perche.Cli.Tests;

public sealed class InfoVerbTests
{
    [Fact]
    public void Info_prints_the_start_timecode_scene_take_and_tracks_of_a_recorder_file()
    {
        var (code, output, err) = CliRunner.Run("info", CliRunner.Demo("rushes", "SR001", "S01T02.WAV"));
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, err);
        Assert.Contains("10:01:14:13 @ 25", output, StringComparison.Ordinal);
        Assert.Contains("scene 1, take 2, tape SR001, circled", output, StringComparison.Ordinal);
        Assert.Contains("1:Boom, 2:Lav Marie", output, StringComparison.Ordinal);
        Assert.Contains("PCM 24-bit, 48000 Hz", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_json_carries_format_timecode_metadata_and_the_chunk_table()
    {
        var (code, output, _) = CliRunner.Run("info", "--json", CliRunner.Demo("mix", "LePhare_R1_51.wav"), CliRunner.Demo("rushes", "SR001", "S02T01.WAV"));
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var mix = doc.RootElement[0];
        Assert.Equal(6, mix.GetProperty("channels").GetInt32());
        Assert.Equal("5.1", mix.GetProperty("layout").GetString());
        Assert.Equal(0x3F, mix.GetProperty("channelMask").GetInt32());
        Assert.Equal(4.0, mix.GetProperty("durationSeconds").GetDouble());
        Assert.Equal(["JUNK", "bext", "fmt ", "data"], mix.GetProperty("chunks").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        var take = doc.RootElement[1];
        Assert.Equal("10:30:01:00", take.GetProperty("startTimecode").GetString());
        Assert.Equal("2", take.GetProperty("ixml").GetProperty("scene").GetString());
        Assert.True(take.GetProperty("ixml").GetProperty("circled").GetBoolean());
        Assert.Equal(1_814_448_000UL, take.GetProperty("bext").GetProperty("timeReferenceSamples").GetUInt64());
    }

    [Fact]
    public void A_missing_file_exits_2_and_names_it()
    {
        var (code, _, err) = CliRunner.Run("info", "/nonexistent/take.wav");
        Assert.Equal(2, code);
        Assert.Contains("/nonexistent/take.wav: file not found", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_file_exits_2_with_the_byte_offset_and_the_other_files_are_still_described()
    {
        var dir = Directory.CreateTempSubdirectory("perche-cli-");
        try
        {
            var bytes = File.ReadAllBytes(CliRunner.Demo("rushes", "SR001", "S01T01.WAV"));
            var cut = Path.Combine(dir.FullName, "cut.wav");
            File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
            var (code, output, err) = CliRunner.Run("info", cut, CliRunner.Demo("rushes", "SR001", "S01T01.WAV"));
            Assert.Equal(2, code);
            Assert.Contains($"{cut}: at byte ", err, StringComparison.Ordinal);
            Assert.Contains("chunk 'data'", err, StringComparison.Ordinal);
            Assert.Contains("10:00:00:00 @ 25", output, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_time_stamp_without_a_frame_rate_is_shown_as_clock_time()
    {
        var dir = Directory.CreateTempSubdirectory("perche-cli-");
        try
        {
            var path = Path.Combine(dir.FullName, "stamp.wav");
            var bext = new Perche.Core.Formats.Wav.BroadcastExtension { TimeReferenceSamples = 48000L * 3661 + 24000 };
            using (var w = Perche.Core.Formats.Wav.WavWriter.Create(path, Perche.Core.Formats.Wav.WavFormat.Create(Perche.Core.Formats.Wav.SampleEncoding.PcmInt16, 48000, Perche.Core.Audio.ChannelLayout.Mono), new() { Bext = bext }))
            {
                w.WriteFrames(new float[480]);
                w.Complete();
            }

            var (code, output, _) = CliRunner.Run("info", path);
            Assert.Equal(0, code);
            Assert.Contains("(no frame rate declared) 01:01:01.500 since midnight", output, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Bad_usage_exits_2()
    {
        Assert.Equal(2, CliRunner.Run("info").ExitCode);
        Assert.Equal(2, CliRunner.Run("info", "--no-such-option", "x.wav").ExitCode);
        Assert.Equal(2, CliRunner.Run("no-such-verb").ExitCode);
    }
}
