using Perche.Core.Tests.Support;
using Perche.Production.Report;

namespace Perche.Production.Tests.Report;

/// <summary>The sound report of the real recorder files against expected/wav-metadata.md.</summary>
public class SharedRecorderFilesTests
{
    private static SoundReport Report() => SoundReportBuilder.Build(TestData.Shared("wavinfo/tests/test_files"));

    private static TakeEntry Take(SoundReport r, string firstFile) => r.Takes.Single(t => t.First.RelativePath == firstFile);

    [SharedDataFact]
    public void Sound_devices_poly_takes_carry_slate_timecode_and_tracks()
    {
        var r = Report();
        var expected = new (string File, string Take, string Tc, int Seconds)[]
        {
            ("sounddevices/A101_1.WAV", "1", "12:39:59:00", 5),
            ("sounddevices/A101_2.WAV", "2", "12:40:04:00", 10),
            ("sounddevices/A101_3.WAV", "3", "12:40:14:00", 1),
            ("sounddevices/A101_4.WAV", "4", "12:40:15:00", 3),
        };
        foreach (var (file, take, tc, seconds) in expected)
        {
            var t = Take(r, file);
            Assert.Equal("A101", t.Scene);
            Assert.Equal(take, t.Take);
            Assert.Equal("18Y12M31", t.Tape);
            Assert.Equal(tc, t.Start.ToString());
            Assert.Equal("23.976 NDF", ReportFormat.Rate(t.FrameRate!.Value));
            Assert.Equal(seconds, (int)t.DurationSeconds);
            Assert.Equal(["MKH516 A", "Boom"], t.Tracks.Select(x => x.Name));
            Assert.Equal(RecorderDialect.SoundDevices, t.First.Dialect);
            Assert.Equal(48000, t.SampleRateHz);
            Assert.Equal(24, t.BitsPerSample);
            Assert.Single(t.Files);
        }
    }

    [SharedDataFact]
    public void Sound_devices_mono_split_is_one_take_with_both_channels()
    {
        var t = Take(Report(), "sounddevices/A101_1_1.WAV");
        Assert.Equal(["sounddevices/A101_1_1.WAV", "sounddevices/A101_1_2.WAV"], t.Files.Select(f => f.RelativePath));
        Assert.Equal("A101", t.Scene);
        Assert.Equal("1", t.Take);
        Assert.Equal("12:39:59:00", t.Start.ToString());
        Assert.Equal([1, 2], t.Tracks.Select(x => x.ChannelIndex));
        Assert.Equal(["MKH516 A", "Boom"], t.Tracks.Select(x => x.Name));
        Assert.Equal(2, t.ChannelCount);
    }

    [SharedDataFact]
    public void Metacorder_families_of_five_mono_files_are_two_takes()
    {
        var r = Report();
        var a = Take(r, "metacorder/Sr001-001-06_01.WAV");
        Assert.Equal(5, a.Files.Count);
        Assert.Equal(("001", "06", "Sr001"), (a.Scene, a.Take, a.Tape));
        Assert.Equal("13:36:06:04", a.Start.ToString());
        Assert.Equal("25", ReportFormat.Rate(a.FrameRate!.Value));
        Assert.Equal(11, (int)a.DurationSeconds);
        Assert.Equal(["Boom", "Lav Georgie", "Lav Beverly", "Car Plant Fr", "Car Plant Rr"], a.Tracks.Select(x => x.Name));
        Assert.Equal(RecorderDialect.GalleryMetacorder, a.First.Dialect);
        Assert.Equal(new DateOnly(2019, 1, 1), a.RecordedOn);
        var b = Take(r, "metacorder/Sr001-2C-01_01.WAV");
        Assert.Equal(("2C", "01", "Tail Slate Cloth noise"), (b.Scene, b.Take, b.Note));
        Assert.Equal("13:37:30:07", b.Start.ToString());
        Assert.Equal(7, (int)b.DurationSeconds);
    }

    [SharedDataFact]
    public void Zoom_f8_discrete_files_are_one_take_with_ten_named_channels()
    {
        var t = Take(Report(), "zoom_F8/DISCRETE/Scene_1_2AG-T001.TAKE/Scene_1_2AG-T001_Tr1.WAV");
        Assert.Equal(9, t.Files.Count);
        Assert.Equal(("Scene_1_2AG", "001", "WINFO"), (t.Scene, t.Take, t.Tape));
        Assert.Equal("22:40:10:00", t.Start.ToString());
        Assert.Equal("25", ReportFormat.Rate(t.FrameRate!.Value));
        Assert.Equal(11, (int)t.DurationSeconds);
        Assert.Equal(["Mix-L", "Mix-R", "BOOM", "MID", "Jade", "Quinn", "BOOM_D", "MID_D", "Bob", "Ajax"], t.Tracks.Select(x => x.Name));
        Assert.Equal(RecorderDialect.Zoom, t.First.Dialect);
        Assert.Equal("Test 01 wavinfo", t.Note);
        Assert.False(t.Circled);
    }

    [SharedDataFact]
    public void Pro_tools_touched_file_keeps_its_slate_and_is_recognised()
    {
        var t = Take(Report(), "protools/PT A101_4.A1.wav");
        Assert.Equal(RecorderDialect.ProTools, t.First.Dialect);
        Assert.Equal(("A101", "4"), (t.Scene, t.Take));
        Assert.Equal("12:40:15:00", t.Start.ToString());
    }

    [SharedDataFact]
    public void Every_file_is_either_reported_or_listed_as_unreadable()
    {
        var r = Report();
        var reported = r.Takes.Sum(t => t.Files.Count) + r.Unreadable.Count;
        Assert.Equal(SoundReportBuilder.FindFiles(TestData.Shared("wavinfo/tests/test_files")).Count, reported);
        Assert.Equal("WAVINFO Test", r.Header.Production); // the most common PROJECT (10 Metacorder files)
    }
}
