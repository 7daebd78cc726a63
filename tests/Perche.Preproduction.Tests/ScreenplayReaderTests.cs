using System.Text;
using Perche.Core;
using Perche.Core.Tests.Support;
using Perche.Preproduction.Formats;
using Perche.Preproduction.Formats.Fdx;
using Perche.Preproduction.Formats.Fountain;
using Perche.Preproduction.Screenplay;

namespace Perche.Preproduction.Tests;

public sealed class ScreenplayReaderTests
{
    private static Screenplay.Screenplay Shared(string relative) => ScreenplayReader.Read(TestData.Shared(relative));

    [SharedDataFact]
    public void Big_Fish_title_page_has_six_entries_and_three_note_lines()
    {
        var s = Shared("Fountain/FountainTests/Big Fish.fountain");
        Assert.Equal(6, s.TitlePage.Count);
        Assert.Equal("Big Fish", s.Title);
        Assert.Equal(["written by"], s.TitleValue("Credit"));
        Assert.Equal(3, s.TitleValue("Notes").Count);
        Assert.Equal("FINAL PRODUCTION DRAFT", s.TitleValue("Notes")[0]);
    }

    [SharedDataFact]
    public void Big_Fish_has_192_headings_an_opening_and_Edward_speaks_most()
    {
        var s = Shared("Fountain/FountainTests/Big Fish.fountain");
        // grep: 190 lines start with "INT." or "EXT." (two of them "INT./EXT."), two with "EXT/INT."; the
        // "INTERCUT ..." lines are not headings.
        Assert.Equal(192, s.HeadedScenes.Count());
        Assert.Equal(4, s.HeadedScenes.Count(sc => sc.Heading.Setting == Setting.InteriorExterior));
        Assert.All(s.HeadedScenes, sc => Assert.NotEqual(Setting.Unknown, sc.Heading.Setting));
        Assert.True(s.Scenes[0].IsOpening);
        Assert.Equal(ScriptLanguage.English, s.Language);
        var first = s.Scenes[1];
        Assert.Equal(Setting.Interior, first.Heading.Setting);
        Assert.Equal("WILL\u2019S BEDROOM", first.Heading.Place);
        Assert.Equal(TimeOfDay.Night, first.Heading.TimeOfDay);
        Assert.Equal(("EDWARD", 307), s.Characters[0]);
        Assert.Equal(("WILL", 145), s.Characters[1]);
        // A 120-page feature: the page estimate lands within 5 % of it.
        Assert.InRange(s.LengthPages, 114, 126);
    }

    [SharedDataFact]
    public void Brick_and_Steel_txt_is_Fountain_with_a_two_line_title_centered_text_and_dual_dialogue()
    {
        var s = Shared("Fountain/FountainTests/Brick And Steel.txt");
        Assert.Equal(ScreenplayFormat.Fountain, s.Format);
        Assert.Equal(6, s.TitlePage.Count);
        Assert.Equal(2, s.TitleValue("Title").Count);
        Assert.True(s.Elements[50].IsCentered);
        Assert.True(s.Elements[51].IsCentered);
        Assert.True(s.Elements[18].IsDual);
        Assert.True(s.Elements[20].IsDual);
        Assert.Equal("\t*Did you know Brick and Steel are retired?*", s.Elements[27].Text);
        Assert.Equal(8, s.Scenes.Count);
        Assert.Equal(("STEEL", 11), s.Characters[0]);
    }

    [SharedDataFact]
    public void Scene_numbers_are_kept_verbatim_and_stripped_from_the_heading()
    {
        var elements = FountainReader.ParseElements(File.ReadAllText(TestData.Shared("Fountain/FountainTests/SceneNumbers.fountain"))).Elements;
        Assert.Equal(["1", "1A", "1a", "A1", "I-1-A", "1.", "110A"], elements.Select(e => e.SceneNumber));
        Assert.All(elements.Take(6), e => Assert.Equal("INT. HOUSE - DAY", e.Text));
        Assert.Equal("INT. HOUSE - DAY - FLASHBACK (1944)", elements[6].Text);
        var s = Shared("screenplain/tests/files/scene-numbers.fountain");
        Assert.Equal(["1", "2", "3", "4", "2-B"], s.Scenes.Select(sc => sc.Number));
    }

    [SharedDataFact]
    public void Real_Final_Draft_sample_04_and_its_Fountain_twin_give_the_same_scenes_and_characters()
    {
        var fdx = Shared("scripttool/testdata/sample-04.fdx");
        var fountain = Shared("scripttool/testdata/sample-04.fountain");
        Assert.Equal(ScreenplayFormat.FinalDraft, fdx.Format);
        Assert.Equal(["INT. STUDIO APARTMENT - NIGHT", "EXT. PARK - DAY"], fdx.Scenes.Select(sc => sc.Heading.Text));
        Assert.Equal(fountain.Scenes.Select(sc => sc.Heading.Text), fdx.Scenes.Select(sc => sc.Heading.Text));
        Assert.Equal([("AUTHOR", 2), ("DOG", 2)], fdx.Characters);
        Assert.Equal(fountain.Characters, fdx.Characters);
        Assert.Equal(fountain.Elements.Select(e => e.Kind), fdx.Elements.Select(e => e.Kind));
        Assert.Equal("SAMPLE 04", fdx.Title);
        Assert.Equal(["Jane Doe"], fdx.TitleValue("Author"));
        Assert.Equal(["Jane Doe"], fountain.TitleValue("Author"));
        Assert.Equal([("DOG", 2), ("AUTHOR", 1)], fdx.Scenes[1].Speakers);
    }

    [SharedDataFact]
    public void Final_Draft_dual_dialogue_flags_both_cues()
    {
        var s = Shared("screenplain/examples/Brick-and-Steel.fdx");
        var dual = s.Elements.Where(e => e.IsDual).Select(e => e.Text).ToList();
        Assert.Equal(["STEEL", "BRICK"], dual);
        Assert.Equal(8, s.Scenes.Count);
    }

    [SharedDataFact]
    public void Plain_text_sample_04_reads_its_free_title_page_and_two_scenes()
    {
        var s = Shared("scripttool/testdata/sample-04.txt");
        Assert.Equal(ScreenplayFormat.PlainText, s.Format);
        Assert.Equal("SAMPLE 03", s.Title);
        Assert.Equal(["Jane Doe"], s.TitleValue("Author"));
        Assert.Equal(2, s.Scenes.Count);
        Assert.Equal([("AUTHOR", 2), ("DOG", 2)], s.Characters);
    }

    [SharedDataFact]
    public void Indented_plain_text_is_classified_by_column_and_warns_when_there_is_no_heading()
    {
        var s = Shared("scripttool/testdata/testplay-02.txt");
        Assert.Equal(
            [ElementKind.Action, ElementKind.Action, ElementKind.Character, ElementKind.Parenthetical, ElementKind.Dialogue, ElementKind.Transition],
            s.Elements.Select(e => e.Kind));
        Assert.Single(s.Scenes);
        Assert.Contains(s.Warnings, w => w.Contains("no scene headings", StringComparison.Ordinal));
    }

    [SharedDataFact]
    public void Utf8_bom_and_crlf_fountain_read_like_the_plain_file()
    {
        var s = Shared("screenplain/tests/files/utf-8-bom.fountain");
        Assert.Equal("UTF-8 (BOM)", s.EncodingName);
        Assert.DoesNotContain('\uFEFF', s.Elements[0].Text);
    }

    [Fact]
    public void French_conventions_headings_extensions_and_transitions()
    {
        var text = "SÉQ. 12 - INT. CUISINE - NUIT\n\nMarie entre.\n\nMARIE (OFF)\nTu es là ?\n\nPAUL (V.O.)\nJe pensais à elle.\n\nPAUL (SUITE)\nEncore.\n\nFONDU AU NOIR.\n\n3. EXT./INT. VOITURE / JOUR - PLUIE\n\nLa pluie tombe.\n\nCOUPE FRANCHE\n\nINT/EXT GARE - CRÉPUSCULE\n\nLe train part.\n";
        var s = FountainReader.Parse(text, "fr.fountain");
        Assert.Equal(ScriptLanguage.French, s.Language);
        Assert.Equal(["12", "3", "3"], s.Scenes.Select(sc => sc.Number));
        Assert.Equal(Setting.Interior, s.Scenes[0].Heading.Setting);
        Assert.Equal("CUISINE", s.Scenes[0].Heading.Place);
        Assert.Equal(TimeOfDay.Night, s.Scenes[0].Heading.TimeOfDay);
        Assert.Equal(Setting.InteriorExterior, s.Scenes[1].Heading.Setting);
        Assert.Equal(Weather.Rain, s.Scenes[1].Heading.Weather);
        Assert.Equal(TimeOfDay.Day, s.Scenes[1].Heading.TimeOfDay);
        Assert.Equal(TimeOfDay.Dusk, s.Scenes[2].Heading.TimeOfDay);
        var cues = s.Elements.Where(e => e.Kind == ElementKind.Character).Select(e => e.Cue!).ToList();
        Assert.Equal([Delivery.OffScreen, Delivery.VoiceOver, Delivery.OnScreen], cues.Select(c => c.Delivery));
        Assert.True(cues[2].IsContinued);
        Assert.Equal(2, s.Elements.Count(e => e.Kind == ElementKind.Transition));
    }

    [Fact]
    public void English_extensions_map_to_deliveries()
    {
        Assert.Equal(Delivery.OffScreen, CharacterCue.Parse("EVE (O.S.)").Delivery);
        Assert.Equal(Delivery.OffScreen, CharacterCue.Parse("EVE (O.C.)").Delivery);
        Assert.Equal(Delivery.VoiceOver, CharacterCue.Parse("EDWARD (V.O.)(CONT\u2019D)").Delivery);
        Assert.True(CharacterCue.Parse("EDWARD (V.O.)(CONT\u2019D)").IsContinued);
        Assert.Equal(Delivery.Phone, CharacterCue.Parse("JIM (ON PHONE)").Delivery);
        Assert.Equal(Delivery.OffScreen, CharacterCue.Parse("MARIE (HC)").Delivery);
        Assert.Equal("MCDUCK", CharacterCue.Parse("@McDUCK").Name);
    }

    [Fact]
    public void Malformed_fdx_names_the_line()
    {
        var xml = "<?xml version=\"1.0\"?>\n<FinalDraft Version=\"3\">\n<Content>\n<Paragraph Type=\"Action\"><Text>Hi</Text>\n</Content>\n</FinalDraft>\n";
        var ex = Assert.Throws<PercheFormatException>(() => FdxReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "bad.fdx"));
        Assert.Equal(InputPositionKind.Line, ex.PositionKind);
        Assert.Equal(5, ex.Position);
        Assert.StartsWith("bad.fdx: line 5:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xml_that_is_not_final_draft_is_rejected()
    {
        var ex = Assert.Throws<PercheFormatException>(() => FdxReader.Read(new MemoryStream(Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\n<svg/>")), "x.fdx"));
        Assert.Contains("FinalDraft", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_script_is_an_error()
    {
        var ex = Assert.Throws<PercheFormatException>(() => FountainReader.Parse("\n\n  \n", "empty.fountain"));
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_1252_file_is_decoded_and_the_fallback_is_said()
    {
        var path = Path.Combine(Path.GetTempPath(), $"perche-1252-{Guid.NewGuid():N}.fountain");
        try
        {
            // "EXT. FORÊT - NUIT" and "Hélène" in Windows-1252: 0xCA and 0xE9 are not valid UTF-8 here.
            File.WriteAllBytes(path, [.. Encoding.Latin1.GetBytes("EXT. FOR"), 0xCA, .. Encoding.Latin1.GetBytes("T - NUIT\n\nH"), 0xE9, .. Encoding.Latin1.GetBytes("l\u00e8ne court.\n")]);
            var s = ScreenplayReader.Read(path);
            Assert.Equal("Windows-1252", s.EncodingName);
            Assert.Equal("FORÊT", s.Scenes[0].Heading.Place);
            Assert.Contains(s.Warnings, w => w.Contains("Windows-1252", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Binary_input_and_missing_file_are_errors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"perche-bin-{Guid.NewGuid():N}.fountain");
        try
        {
            File.WriteAllBytes(path, [0x52, 0x49, 0x46, 0x46, 0x00, 0x01]);
            var ex = Assert.Throws<PercheFormatException>(() => ScreenplayReader.Read(path));
            Assert.Equal(4, ex.Position);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Throws<PercheFormatException>(() => ScreenplayReader.Read("/nonexistent/script.fountain"));
    }
}
