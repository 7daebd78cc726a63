using Perche.Core;
using Perche.Core.Formats.Wav;
using Perche.Core.Tests.Support;
using Perche.Production.Edits;
using Perche.Production.Report;
using Perche.Production.Tests.Mhl;

namespace Perche.Production.Tests.Edits;

public class WriteBackTests
{
    [SharedDataFact]
    public void Circle_and_note_go_into_ixml_and_bext_and_the_audio_bytes_stay_identical()
    {
        using var t = new TempTree();
        var path = t.Path("A101_2.WAV");
        File.Copy(TestData.Shared("wavinfo/tests/test_files/sounddevices/A101_2.WAV"), path);
        File.SetAttributes(path, FileAttributes.Normal);
        var before = WavReader.ReadInfo(path);
        var audio = MetadataWriteBack.AudioHash(path, before);
        var result = MetadataWriteBack.WriteFile(path, new TakeEdit { TakeKey = "x", Circled = true, Note = "meilleure prise", WildTrack = true });
        Assert.Equal(audio, result.AudioXxh64After);
        var after = WavReader.ReadInfo(path);
        Assert.Equal(audio, MetadataWriteBack.AudioHash(path, after));
        Assert.True(after.Ixml!.Circled);
        Assert.True(after.Ixml.WildTrack);
        Assert.Equal("meilleure prise", after.Ixml.Note);
        Assert.Equal("A101", after.Ixml.Scene);
        Assert.Equal(before.FrameCount, after.FrameCount);
        Assert.Equal(before.Bext!.TimeReferenceSamples, after.Bext!.TimeReferenceSamples);
        Assert.Equal(before.Chunks.Select(c => c.Id.ToString()), after.Chunks.Select(c => c.Id.ToString()));
        Assert.False(File.Exists(path + ".perche-edit"));

        // The report read back shows the edit.
        var take = SoundReportBuilder.Build(path).Takes.Single();
        Assert.True(take.Circled);
        Assert.True(take.WildTrack);
        Assert.Equal("meilleure prise", take.Note);
    }

    [Fact]
    public void A_recorder_note_key_in_bext_is_updated_with_its_prefix()
    {
        using var t = new TempTree();
        var path = t.Path("S01T01.WAV");
        File.Copy(Path.Combine(TestData.RepositoryRoot, "samples/le-phare/rushes/SR001/S01T01.WAV"), path);
        MetadataWriteBack.WriteFile(path, new TakeEdit { TakeKey = "x", Note = "moto au loin" });
        var info = WavReader.ReadInfo(path);
        Assert.Contains("sNOTE=moto au loin", info.Bext!.Description, StringComparison.Ordinal);
        Assert.Contains("sSCENE=1", info.Bext.Description, StringComparison.Ordinal);
        Assert.Equal("moto au loin", info.Ixml!.Note);
    }

    [Fact]
    public void A_truncated_file_is_refused_and_left_as_it_was()
    {
        using var t = new TempTree();
        var path = t.Path("S01T01.WAV");
        var bytes = File.ReadAllBytes(Path.Combine(TestData.RepositoryRoot, "samples/le-phare/rushes/SR001/S01T01.WAV"));
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.Throws<PercheFormatException>(() => MetadataWriteBack.WriteFile(path, new TakeEdit { TakeKey = "x", Circled = true }));
        Assert.Equal(bytes[..(bytes.Length / 2)], File.ReadAllBytes(path));
        Assert.False(File.Exists(path + ".perche-edit"));
    }

    [Fact]
    public void Edits_are_kept_merged_and_found_by_slate()
    {
        using var t = new TempTree();
        var store = new JsonEditStore(t.Path("edits.json"));
        store.Save(new TakeEdit { TakeKey = "k1", Circled = true });
        store.Save(new TakeEdit { TakeKey = "k1", Note = "n" });
        store.Save(new TakeEdit { TakeKey = "k2", FalseStart = true });
        var all = store.Load();
        Assert.Equal(2, all.Count);
        var k1 = all.Single(e => e.TakeKey == "k1");
        Assert.True(k1.Circled);
        Assert.Equal("n", k1.Note);

        File.WriteAllText(t.Path("edits.json"), "{\n  \"takes\": [\n    {\"key\": \"k1\",, }\n  ]\n}");
        var ex = Assert.Throws<PercheFormatException>(() => store.Load());
        Assert.Equal(3, ex.Position);

        var report = SoundReportBuilder.Build(Path.Combine(TestData.RepositoryRoot, "samples/le-phare/rushes"));
        var found = ReportEditing.Find(report, "1/02");
        var take = Assert.Single(found);
        Assert.Equal("S01T02.WAV", take.First.FileName);
        Assert.Empty(ReportEditing.Find(report, "9/9"));
        ReportEditing.Apply(report, [new TakeEdit { TakeKey = take.Key, Circled = true, Note = "ok" }]);
        Assert.True(take.Circled);
        Assert.Equal("ok", take.Note);
    }
}
