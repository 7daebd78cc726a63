using System.Globalization;
using Perche.Core.Formats.Wav;
using Perche.Core.Tests.Support;

namespace Perche.Core.Tests.Formats.Wav;

/// <summary>
/// Every WAV of `../shared/testdata/wavinfo` against the facts in `expected/wav-metadata.md`: format, frame
/// count, chunk order, bext and iXML fields; then a rewrite without edits must read back identically.
/// </summary>
public sealed class SharedWavFilesTests
{
    private const string Table = "expected/wav-metadata.md";
    private const string Prefix = "wavinfo/tests/test_files/";

    public static TheoryData<string> AllFiles() => new(FileNames(includeGzip: true));

    public static TheoryData<string> SmallFiles() => new(FileNames(includeGzip: false));

    private static List<string> FileNames(bool includeGzip)
    {
        if (TestData.SharedFolder is null)
        {
            return ["(shared test data absent)"];
        }

        return ExpectedTables.Read(Table, "## 1.")
            .Select(r => r["file"])
            .Where(f => includeGzip || !f.EndsWith(".gz", StringComparison.Ordinal))
            .ToList();
    }

    [SharedDataTheory]
    [MemberData(nameof(SmallFiles))]
    public void Format_chunk_order_and_frame_count_match_the_expected_table(string file)
    {
        var row = ExpectedTables.Read(Table, "## 1.").Single(r => r["file"] == file);
        var info = WavReader.ReadInfo(TestData.Shared(Prefix + file));
        AssertFormat(row, info);
    }

    [SharedDataTheory]
    [MemberData(nameof(AllFiles))]
    public void Bext_fields_match_the_expected_table(string file)
    {
        var rows = ExpectedTables.Read(Table, "## 2.").Where(r => r["file"] == file).ToList();
        if (file.EndsWith(".gz", StringComparison.Ordinal))
        {
            // The RF64 file's bext sits after its 2.4 GB data chunk; it is covered by the RF64 test.
            return;
        }

        var info = WavReader.ReadInfo(TestData.Shared(Prefix + file));
        if (rows.Count == 0)
        {
            Assert.Null(info.Bext);
            return;
        }

        var row = rows[0];
        var bext = Assert.IsType<BroadcastExtension>(info.Bext);
        AssertBext(row, bext);
    }

    [SharedDataTheory]
    [MemberData(nameof(AllFiles))]
    public void Ixml_fields_match_the_expected_table(string file)
    {
        var rows = ExpectedTables.Read(Table, "## 3.").Where(r => r["file"] == file).ToList();
        if (file.EndsWith(".gz", StringComparison.Ordinal))
        {
            return;
        }

        var info = WavReader.ReadInfo(TestData.Shared(Prefix + file));
        if (rows.Count == 0)
        {
            Assert.Null(info.Ixml);
            return;
        }

        var row = rows[0];
        var x = Assert.IsType<IxmlMetadata>(info.Ixml);
        Assert.Equal(row["PROJECT"], x.Project);
        Assert.Equal(row["SCENE"], x.Scene);
        Assert.Equal(row["TAKE"], x.Take);
        Assert.Equal(row["TAPE"], x.Tape);
        Assert.Equal(row["CIRCLED"], x.Get("CIRCLED"));
        Assert.Equal(row["NOTE"], x.Note);
        Assert.Equal(row["FILE_UID"], x.FileUid);
        Assert.Equal(row["FAMILY_UID"], x.FamilyUid);

        var speed = Pair(row["SPEED (master/current)"]);
        Assert.Equal(speed[0].Trim(), x.MasterSpeed);
        Assert.Equal(speed.Length > 1 ? speed[1].Trim() : string.Empty, x.CurrentSpeed);
        var tc = Pair(row["TIMECODE_RATE / FLAG"]);
        Assert.Equal(tc[0].Trim(), x.TimecodeRate);
        Assert.Equal(tc.Length > 1 ? tc[1].Trim() : string.Empty, x.TimecodeFlag);

        var stamp = Pair(row["TIMESTAMP_SAMPLES_SINCE_MIDNIGHT (HI/LO)"]);
        if (stamp[0].Trim().Length > 0)
        {
            Assert.Equal(ulong.Parse(stamp[1].Trim(), CultureInfo.InvariantCulture), x.TimestampSamplesSinceMidnight);
        }
        else
        {
            Assert.Null(x.TimestampSamplesSinceMidnight);
        }

        Assert.Equal(int.Parse(row["TRACK_COUNT"], CultureInfo.InvariantCulture), x.TrackCount);
        var expectedTracks = row["TRACK_LIST (CHANNEL_INDEX:INTERLEAVE_INDEX=NAME)"].Split("; ");
        var tracks = x.Tracks;
        Assert.Equal(expectedTracks.Length, tracks.Count);
        for (var i = 0; i < tracks.Count; i++)
        {
            Assert.Equal(expectedTracks[i], $"{tracks[i].ChannelIndex}:{tracks[i].InterleaveIndex}={tracks[i].Name}");
        }

        var version = row["IXML_VERSION"];
        if (version.Contains("STEINBERG", StringComparison.Ordinal))
        {
            Assert.Contains(x.VendorBlocks, b => b.Key == "STEINBERG");
        }
        else
        {
            Assert.Equal(version, x.Version);
            Assert.DoesNotContain(x.VendorBlocks, b => b.Key == "STEINBERG");
        }
    }

    [SharedDataTheory]
    [MemberData(nameof(SmallFiles))]
    public void Rewriting_without_changes_gives_a_file_that_reads_back_identically(string file)
    {
        var source = TestData.Shared(Prefix + file);
        var dir = Directory.CreateTempSubdirectory("perche-rewrite-");
        try
        {
            var dest = Path.Combine(dir.FullName, Path.GetFileName(file));
            var before = WavReader.ReadInfo(source);
            var after = WavRewriter.Rewrite(source, dest);
            WavAssert.SameContent(before, after);
            WavAssert.SameAudio(source, dest);
            if (before.Diagnostics.Count == 0)
            {
                // A clean RIFF file is copied chunk for chunk: the bytes must be identical.
                Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(dest));
            }

            Assert.Single(Directory.GetFiles(dir.FullName));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [SharedDataFact]
    public void The_gzipped_RF64_file_is_streamed_with_ds64_sizes_and_the_chunks_after_its_data()
    {
        var path = TestData.Shared(Prefix + "rf64/Testfile_SEQ_RF64_Big.wav.gz");
        var info = WavReader.ReadInfo(path);
        var row = ExpectedTables.Read(Table, "## 1.").Single(r => r["file"] == "rf64/Testfile_SEQ_RF64_Big.wav.gz");
        AssertFormat(row, info);
        Assert.Equal(WavContainer.Rf64, info.Container);
        Assert.Equal(399_914_469L * 6, info.DataChunk.Size);
        Assert.True(info.DataChunk.Size > uint.MaxValue / 2);

        var bextRow = ExpectedTables.Read(Table, "## 2.").Single(r => r["file"] == "rf64/Testfile_SEQ_RF64_Big.wav.gz");
        var bext = Assert.IsType<BroadcastExtension>(info.Bext);
        AssertBext(bextRow, bext);
        Assert.Equal((short)0, bext.LoudnessValue);
        Assert.Equal((short)0, bext.MaxTruePeakLevel);
    }

    [SharedDataFact]
    public void The_RF64_file_rewritten_from_its_gzip_stream_stays_RF64_with_its_chunks_in_place()
    {
        // 2.4 GB once inflated: streamed through twice (chunk table, then copy), never held in memory.
        var source = TestData.Shared(Prefix + "rf64/Testfile_SEQ_RF64_Big.wav.gz");
        var dir = Directory.CreateTempSubdirectory("perche-rf64-");
        try
        {
            var dest = Path.Combine(dir.FullName, "rf64.wav");
            var before = WavReader.ReadInfo(source);
            var after = WavRewriter.Rewrite(source, dest);
            WavAssert.SameContent(before, after);
            Assert.Empty(after.Diagnostics);
            Assert.Equal(new FileInfo(dest).Length, after.Chunks[^1].End);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [SharedDataFact]
    public void Nuendo_files_carry_channel_masks_bext_v2_loudness_and_umid()
    {
        var five = WavReader.ReadInfo(TestData.Shared(Prefix + "nuendo/wavinfo Test Project - Audio - 5.1.wav"));
        Assert.Equal("5.1", five.Format.Layout.Name);
        Assert.Equal(-80.0, five.Bext!.LoudnessValueLufs);
        Assert.Equal(0.0, five.Bext.LoudnessRangeLu);
        Assert.Equal(-120.0, five.Bext.MaxTruePeakDbtp);
        Assert.Equal(-80.0, five.Bext.MaxMomentaryLufs);
        Assert.Equal(-80.0, five.Bext.MaxShortTermLufs);
        Assert.True(five.Bext.HasUmid);

        var seven = WavReader.ReadInfo(TestData.Shared(Prefix + "nuendo/wavinfo Test Project - Audio - 7.1.wav"));
        Assert.Equal("7.1", seven.Format.Layout.Name);
        Assert.Null(seven.Bext!.LoudnessValueLufs);
        Assert.Equal("L R C LFE Ls Rs Lss Rss", string.Join(' ', seven.Format.Layout.Speakers.Select(Perche.Core.Audio.ChannelLayout.ShortName)));

        var atmos = WavReader.ReadInfo(TestData.Shared(Prefix + "nuendo/wavinfo Test Project - Audio - Atmos 7.1.4.wav"));
        Assert.Equal("L R C LFE Ls Rs Lss Rss Ltf Rtf Ltr Rtr", atmos.Format.Layout.Name);

        var sdds = WavReader.ReadInfo(TestData.Shared(Prefix + "nuendo/wavinfo Test Project - Audio - 7.1 SDDS.wav"));
        Assert.Equal("L R C LFE Ls Rs Lc Rc", sdds.Format.Layout.Name);

        var foa = WavReader.ReadInfo(TestData.Shared(Prefix + "nuendo/wavinfo Test Project - Audio - 1OA.wav"));
        Assert.Equal(0u, foa.Format.ChannelMask);
        Assert.Equal(4, foa.Format.ChannelCount);
    }

    [SharedDataFact]
    public void Zoom_H4n_cues_and_lower_case_list_labels_are_read()
    {
        var info = WavReader.ReadInfo(TestData.Shared(Prefix + "cue_chunks/STE-000.wav"));
        Assert.Equal([(1u, 29616u, "01"), (2u, 74592u, "02"), (3u, 121200u, "03")], info.Cues.Select(c => (c.Id, c.SampleOffset, c.Label!)).ToArray());
    }

    [SharedDataFact]
    public void IZotope_RX_cues_carry_labels_utf8_notes_and_ranges()
    {
        var info = WavReader.ReadInfo(TestData.Shared(Prefix + "cue_chunks/izotoperx_cues_test.wav"));
        Assert.Equal([1u, 2u, 3u], info.Cues.Select(c => c.Id).ToArray());
        Assert.Equal([1000u, 5000u, 10000u], info.Cues.Select(c => c.SampleOffset).ToArray());
        Assert.Equal(["Marker 1", "Marker 2", "Marker 3"], info.Cues.Select(c => c.Label ?? string.Empty).ToArray());
        Assert.Null(info.Cues[0].Note);
        Assert.Equal("Marker Comment 1", info.Cues[1].Note);
        Assert.Equal("Лорем ипсум долор сит амет, тимеам вивендум хас ет, цу адолесценс дефинитионес еам.", info.Cues[2].Note);
        Assert.Equal(5000u, info.Cues[1].RangeLengthSamples);
        Assert.Equal(10000u, info.Cues[2].RangeLengthSamples);
    }

    [SharedDataFact]
    public void Sound_Grinder_INFO_tags_are_read_with_utf8_copyright()
    {
        var info = WavReader.ReadInfo(TestData.Shared(Prefix + "sound_grinder_pro/new_camera bumb 1.wav"));
        Assert.Equal("camera bumb 1", info.InfoTag("INAM"));
        Assert.Equal("Jamie Hardt", info.InfoTag("IART"));
        Assert.Equal("© 2010 Jamie Hardt", info.InfoTag("ICOP"));
        Assert.Equal("Test Sounds", info.InfoTag("IPRD"));
        Assert.Equal("Comments", info.InfoTag("ICMT"));
        Assert.Equal("Sound Grinder Pro", info.InfoTag("ISFT"));
        Assert.Equal("2010-12-28", info.InfoTag("ICRD"));
        Assert.Equal("JPH", info.InfoTag("IENG"));
        Assert.Equal("Sound Effect, movement, microphone, bump", info.InfoTag("IKEY"));
        Assert.Equal("Unknown", info.InfoTag("ISRC"));
    }

    [SharedDataFact]
    public void Recorder_description_key_values_are_read_without_their_vendor_prefix()
    {
        var sd = WavReader.ReadInfo(TestData.Shared(Prefix + "sounddevices/A101_1.WAV")).Bext!.DescriptionValues();
        Assert.Equal("A101", sd["SCENE"]);
        Assert.Equal("1", sd["TAKE"]);
        Assert.Equal("MKH516 A", sd["TRK1"]);
        Assert.Equal("023.976-ND", sd["SPEED"]);

        var gallery = WavReader.ReadInfo(TestData.Shared(Prefix + "metacorder/Sr001-2C-01_01.WAV")).Bext!;
        Assert.Equal("Tail Slate Cloth noise", gallery.DescriptionValues()["NOTE"]);
        Assert.Equal(new DateOnly(2019, 1, 1), gallery.ParsedOriginationDate);
        Assert.Equal(new TimeOnly(13, 37, 40), gallery.ParsedOriginationTime);
    }

    [SharedDataTheory]
    [InlineData("sounddevices/A101_1.WAV", "12:39:59:00", "23.976", 5)]
    [InlineData("sounddevices/A101_2.WAV", "12:40:04:00", "23.976", 10)]
    [InlineData("sounddevices/A101_3.WAV", "12:40:14:00", "23.976", 1)]
    [InlineData("sounddevices/A101_4.WAV", "12:40:15:00", "23.976", 3)]
    [InlineData("metacorder/Sr001-001-06_01.WAV", "13:36:06:04", "25", 11)]
    [InlineData("metacorder/Sr001-2C-01_01.WAV", "13:37:30:07", "25", 7)]
    [InlineData("zoom_F8/DISCRETE/Scene_1_2AG-T001.TAKE/Scene_1_2AG-T001_Tr1.WAV", "22:40:10:00", "25", 11)]
    [InlineData("protools/PT A101_4.A1.wav", "12:40:15:00", "23.976", 3)]
    public void Recorder_files_start_at_the_floored_timecode_their_reports_print(string file, string timecode, string rate, int wholeSeconds)
    {
        var info = WavReader.ReadInfo(TestData.Shared(Prefix + file));
        Assert.Equal(rate, WavTimecode.FrameRateOf(info)?.ToString());
        Assert.Equal(timecode, WavTimecode.StartOf(info)?.ToString());
        Assert.Equal(wholeSeconds, (int)Math.Floor(info.DurationSeconds));
    }

    private static string[] Pair(string cell) => $" {cell} ".Split(" / ");

    private static void AssertFormat(Dictionary<string, string> row, WavInfo info)
    {
        Assert.Equal(row["container"], info.Container.ToString().ToUpperInvariant());
        var order = row["chunks (order)"];
        var ids = new List<string>();
        for (var i = 0; i < order.Length; i += 5)
        {
            ids.Add(order.Substring(i, Math.Min(4, order.Length - i)).PadRight(4));
        }

        Assert.Equal(ids, info.Chunks.Select(c => c.Id.ToString()).ToList());
        Assert.Equal(Convert.ToInt32(row["fmt tag"], 16), info.Format.FormatTag);
        Assert.Equal(int.Parse(row["ch"], CultureInfo.InvariantCulture), info.Format.ChannelCount);
        Assert.Equal(int.Parse(row["rate"], CultureInfo.InvariantCulture), info.Format.SampleRateHz);
        Assert.Equal(int.Parse(row["bits"], CultureInfo.InvariantCulture), info.Format.BitsPerSample);
        Assert.Equal(long.Parse(row["frames (data/block_align)"], CultureInfo.InvariantCulture), info.FrameCount);
        if (row["channel mask"].Length > 0)
        {
            Assert.True(info.Format.IsExtensible);
            Assert.Equal(Convert.ToUInt32(row["channel mask"], 16), info.Format.ChannelMask);
        }
        else
        {
            Assert.False(info.Format.IsExtensible);
        }
    }

    private static void AssertBext(Dictionary<string, string> row, BroadcastExtension bext)
    {
        // The table shows values without the trailing line break recorders end the description with.
        Assert.Equal(row["description"].Replace("\\r\\n", "\r\n", StringComparison.Ordinal), bext.Description.TrimEnd('\r', '\n'));
        Assert.Equal(row["originator"], bext.Originator);
        Assert.Equal(row["originator_ref"], bext.OriginatorReference);
        Assert.Equal(row["date"], bext.OriginationDate);
        Assert.Equal(row["time"], bext.OriginationTime);
        Assert.Equal(ulong.Parse(row["time_reference (samples)"], CultureInfo.InvariantCulture), bext.TimeReferenceSamples);
        Assert.Equal(ushort.Parse(row["version"], CultureInfo.InvariantCulture), bext.Version);
        Assert.Equal(row["coding_history"], bext.CodingHistory.TrimEnd('\r', '\n'));
    }
}
