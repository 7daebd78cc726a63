using System.Text;
using Perche.Core;
using Perche.Core.Tests.Support;
using Perche.Core.Time;
using Perche.Post.Adapters.Edl;
using Perche.Post.Timelines;

namespace Perche.Post.Tests.Edl;

/// <summary>EDL variants written inline: each case the issue lists, and each kind of bad line.</summary>
public class EdlParsingTests
{
    private static readonly FrameRate R24 = FrameRate.Fps24;

    private static Timeline Read(string text, FrameRate? rate = null, bool tolerant = false)
        => EdlReader.ReadString(text, "test.edl", new EdlReadOptions { Rate = rate ?? R24, Tolerant = tolerant });

    [Fact]
    public void Frame_number_edl_with_a_dissolve()
    {
        const string edl = "1 CLPA V C 113 170 0 57\n2 CLPA V C 170 170 57 57\n2 CLPB V D 027 162 189 57 84\n3 CLPB V C 189 381 84 276\n";
        var track = Read(edl).AllTracks().Single();
        Assert.Equal(276, T.F(track.Duration, R24));
        var kids = track.Children;
        Assert.Equal(4, kids.Count);
        Assert.Equal(57, T.F(((Clip)kids[0]).Duration, R24));
        var t = (Transition)kids[1];
        Assert.Equal(84, T.F(((Clip)kids[0]).Duration + t.OutOffset, R24));
        Assert.Equal(0, T.F(t.InOffset, R24));
        Assert.Equal(27, T.F(t.OutOffset, R24));
        Assert.Equal(27, T.F(((Clip)kids[2]).Duration, R24));
        Assert.Equal(192, T.F(((Clip)kids[3]).Duration, R24));
        Assert.Equal(113, T.F(((Clip)kids[0]).SourceRange!.Value.Start, R24));
    }

    [Fact]
    public void Tab_and_space_delimiters()
    {
        var clip = (Clip)Read("001  Z10 V  C\t\t01:00:04:05 01:00:05:12 00:59:53:11 00:59:54:18\n").AllTracks().Single().Children[0];
        Assert.Equal(86501, T.F(clip.SourceRange!.Value.Start, R24));
        Assert.Equal(31, T.F(clip.Duration, R24));
        Assert.Equal("Z10", clip.Reel);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Line_endings(string eol)
    {
        var text = string.Join(eol, "TITLE: ends", "FCM: NON-DROP FRAME", "001  A001C003 V C 10:00:01:00 10:00:02:00 01:00:00:00 01:00:01:00", "* FROM CLIP NAME: A001C003", "002  A001C004 V C 10:00:05:00 10:00:06:00 01:00:01:00 01:00:02:00", string.Empty);
        var tl = Read(text);
        Assert.Equal("ends", tl.Name);
        Assert.Equal(new[] { "A001C003", "A001C004" }, tl.AllTracks().Single().Items().Select(i => i.Name));
    }

    [Fact]
    public void Four_and_six_digit_event_numbers()
    {
        var tl = Read("0001  R1 V C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00\n000002  R2 V C 01:00:00:00 01:00:01:00 01:00:01:00 01:00:02:00\n");
        var clips = tl.AllTracks().Single().Items().Cast<Clip>().ToList();
        Assert.Equal(new[] { "0001", "000002" }, clips.Select(c => c.Metadata["cmx_3600"]!["event"]!.GetValue<string>()));
    }

    [Fact]
    public void Latin1_and_utf8_clip_names()
    {
        const string edl = "001  R1 V C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00\n* FROM CLIP NAME: Scène été\n";
        var fromLatin1 = EdlReader.DecodeText(Encoding.Latin1.GetBytes(edl));
        var fromUtf8 = EdlReader.DecodeText(Encoding.UTF8.GetBytes(edl));
        var fromBom = EdlReader.DecodeText([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(edl)]);
        Assert.Equal(edl, fromLatin1);
        Assert.Equal(edl, fromUtf8);
        Assert.Equal(edl, fromBom);
        Assert.Equal("Scène été", Read(fromLatin1).AllTracks().Single().Items().Single().Name);
    }

    [Fact]
    public void Audio_channel_fields_make_one_track_per_channel()
    {
        const string edl = """
            001  SR001 A  C 10:00:00:00 10:00:01:00 01:00:00:00 01:00:01:00
            002  SR001 A2 C 10:00:00:00 10:00:01:00 01:00:00:00 01:00:01:00
            003  SR001 A3 C 10:00:00:00 10:00:01:00 01:00:00:00 01:00:01:00
            004  SR001 A4 C 10:00:00:00 10:00:01:00 01:00:00:00 01:00:01:00
            005  CAM1  AA/V C 12:00:00:00 12:00:02:00 01:00:01:00 01:00:03:00
            006  CAM1  B C 12:00:00:00 12:00:01:00 01:00:03:00 01:00:04:00
            007  SR002 A C 10:00:00:00 10:00:01:00 01:00:04:00 01:00:05:00
            AUD  3    4
            """;
        var tl = Read(edl);
        Assert.Equal(new[] { "V", "A1", "A2", "A3", "A4" }, tl.AllTracks().Select(t => t.Name));
        var v = tl.VideoTracks().Single();
        Assert.Equal(new[] { "Gap", "Clip", "Clip" }, v.Items().Select(i => i.GetType().Name));
        var a3 = tl.AllTracks().Single(t => t.Name == "A3");
        Assert.Equal(new[] { "SR001", "SR002" }, a3.Items().OfType<Clip>().Select(c => c.Reel));
        var a1 = tl.AllTracks().Single(t => t.Name == "A1");
        Assert.Equal(new[] { "SR001", "CAM1", "CAM1", "SR002" }, a1.Items().OfType<Clip>().Select(c => c.Reel));
    }

    [Fact]
    public void Drop_frame_fcm_reads_semicolon_timecodes_at_2997()
    {
        const string edl = "FCM: DROP FRAME\n001  R1 V C 00:01:00;02 00:01:01;02 01:00:00;00 01:00:01;00\n";
        var tl = EdlReader.ReadString(edl, "df.edl", new EdlReadOptions { Rate = FrameRate.Fps2997Ndf });
        var clip = (Clip)tl.AllTracks().Single().Children[0];
        Assert.Equal(FrameRate.Fps2997Df, tl.Rate);

        // 00:01:00;02 is frame 1800 in drop-frame numbering (00;00 and 00;01 of minute 1 are skipped).
        Assert.Equal(1800, clip.SourceRange!.Value.Start.ToFrames(FrameRate.Fps2997Df));
        Assert.Equal(30, T.F(clip.Duration, FrameRate.Fps2997Df));
    }

    [Fact]
    public void Drop_frame_label_that_does_not_exist_is_an_error_with_the_line()
    {
        const string edl = "FCM: DROP FRAME\n\n001  R1 V C 00:01:00;00 00:01:01;02 01:00:00;00 01:00:01;02\n";
        var ex = Assert.Throws<PercheFormatException>(() => EdlReader.ReadString(edl, "df.edl", new EdlReadOptions { Rate = FrameRate.Fps2997Ndf }));
        Assert.Equal(3, ex.Position);
        Assert.Equal(InputPositionKind.Line, ex.PositionKind);
    }

    [Fact]
    public void Drop_frame_at_25_is_refused()
    {
        var ex = Assert.Throws<PercheFormatException>(() => Read("FCM: DROP FRAME\n", FrameRate.Fps25));
        Assert.Equal(1, ex.Position);
    }

    [Fact]
    public void Generators_black_and_bars()
    {
        const string edl = "001  BL V C 00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n002  BARS V C 00:00:00:00 00:00:01:00 01:00:01:00 01:00:02:00\n003  BLACK V C 00:00:00:00 00:00:01:00 01:00:02:00 01:00:03:00\n";
        var clips = Read(edl).AllTracks().Single().Items().Cast<Clip>().ToList();
        Assert.All(clips, c => Assert.Equal(MediaKind.Generator, c.Media.Kind));
        Assert.Equal(new[] { "black", "SMPTEBars", "black" }, clips.Select(c => c.Media.GeneratorKind));
    }

    [Fact]
    public void Reverse_speed_is_a_negative_warp()
    {
        const string edl = "001  R1 V C 01:00:10:00 01:00:09:00 01:00:00:00 01:00:01:00\nM2   R1       -024.0    01:00:10:00\n";
        var tl = Read(edl.Replace("01:00:10:00 01:00:09:00", "01:00:09:00 01:00:10:00", StringComparison.Ordinal));
        var clip = (Clip)tl.AllTracks().Single().Children[0];
        Assert.Equal(-1.0, clip.Effects.Single().TimeScalar, 9);
    }

    [Theory]
    [InlineData("001  R1 V C 01:00:00:00 01:00:01:00 01:00:00:00\n", "four timecodes")]
    [InlineData("001  R1 V X 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00\n", "unknown edit type")]
    [InlineData("001  R1 Q C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00\n", "unknown channel field")]
    [InlineData("001  R1 V C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:24\n", "frame")]
    [InlineData("001  R1 V C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:0l:00\n", "timecode")]
    [InlineData("001  R1 V C 01:00:00:00 01:00:01:00 01:00:01:00 01:00:00:00\n", "before record in")]
    [InlineData("001  R1 V C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00\nTHIS IS NOT EDL\n", "not an EDL line")]
    [InlineData("M2 R1 048.0 01:00:00:00\n", "M2 line before any event")]
    [InlineData("001  R1 V C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00\nM2 R1 fast 01:00:00:00\n", "M2 expects")]
    [InlineData("001  R1 V C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00\nAUD x\n", "AUD expects")]
    [InlineData("001  R1 V C 01:00:00:00 01:00:02:00 01:00:00:00 01:00:01:00\n", "the source lasts 48 frames but the record 24")]
    [InlineData("001  R1 V C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00\n002  R1 V C 01:00:00:00 01:00:01:00 01:00:00:12 01:00:01:12\n", "events overlap")]
    [InlineData("001  R1 V D 010 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00\n", "no zero-length cut")]
    [InlineData("001  R1 V C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00\n* ASC_SOP (1 2) (3)\n", "ASC_SOP expects")]
    public void Strict_mode_names_the_line_and_the_problem(string edl, string problem)
    {
        var ex = Assert.Throws<PercheFormatException>(() => Read(edl));
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("test.edl: line ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tolerant_mode_skips_bad_lines_and_reports_them()
    {
        const string edl = """
            TITLE: typo
            001  R1 V C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00
            * FROM CLIP NAME: good one
            002  R2 V C 01:00:00:00 01:00:01:0O 01:00:01:00 01:00:02:00
            * FROM CLIP NAME: broken
            A STRAY LINE
            003  R3 V C 01:00:00:00 01:00:01:00 01:00:02:00 01:00:03:00
            * FROM CLIP NAME: after
            """;
        var tl = Read(edl, tolerant: true);
        var items = tl.AllTracks().Single().Items().ToList();
        Assert.Equal(new[] { "good one", string.Empty, "after" }, items.Select(i => i is Gap ? string.Empty : i.Name));
        Assert.Equal(2, tl.Warnings.Count);
        Assert.Contains("line 4", tl.Warnings[0], StringComparison.Ordinal);
        Assert.Contains("line 6", tl.Warnings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_a_format_error_naming_it()
    {
        var ex = Assert.Throws<PercheFormatException>(() => EdlReader.ReadFile("/nonexistent/cut.edl"));
        Assert.Contains("/nonexistent/cut.edl", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rate_is_inferred_and_the_guess_reported()
    {
        var tl = EdlReader.ReadString("001  R1 V C 01:00:00:00 01:00:01:24 01:00:00:00 01:00:01:24\n", "x.edl");
        Assert.Equal(FrameRate.Fps25, tl.Rate);
        Assert.Contains(tl.Warnings, w => w.Contains("inferred", StringComparison.Ordinal));
    }

    [Fact]
    public void Empty_edl_is_an_empty_timeline()
    {
        var tl = Read("TITLE: nothing\nFCM: NON-DROP FRAME\n");
        Assert.Equal("nothing", tl.Name);
        Assert.Empty(tl.AllTracks());
    }
}

public class EdlRateInferenceTests
{
    [Fact]
    public void Lengths_that_only_agree_at_25_choose_25_even_without_a_frame_field_above_23()
    {
        // 12 → 2 s 00 is 38 frames at 25 but 36 at 24, while the record 0 → 1 s 13 is 38 at 25 and 37 at 24.
        var tl = EdlReader.ReadString("001  A001 V C 10:00:00:12 10:00:02:00 01:00:00:00 01:00:01:13\n", "x.edl");
        Assert.Equal(FrameRate.Fps25, tl.Rate);
    }

    [SharedDataFact]
    public void The_otio_samples_infer_the_rate_their_tests_use()
    {
        Assert.Equal(FrameRate.Fps24, EdlReader.ReadFile(T.Cmx("screening_example.edl")).Rate);
        Assert.Equal(FrameRate.Fps24, EdlReader.ReadFile(T.Cmx("speed_effects.edl")).Rate);
        Assert.Equal(FrameRate.Fps25, EdlReader.ReadFile(T.Cmx("25fps.edl")).Rate);
    }
}
