using Perche.Core.Tests.Support;
using Perche.Preproduction.Breakdown;
using Perche.Preproduction.Formats;
using Perche.Preproduction.Formats.Fountain;
using Perche.Preproduction.Screenplay;

namespace Perche.Preproduction.Tests;

public sealed class BreakdownTests
{
    private static SoundBreakdown Run(string text, string name = "t.fountain") => BreakdownEngine.Run(FountainReader.Parse(text, name));

    private static SoundItem Item(SoundBreakdown b, string scene, string key) =>
        b.Scenes.Single(s => s.Scene.Number == scene).Items.Single(i => i.Key == key);

    [Fact]
    public void Lexicon_inflections_match_conjugated_french_and_english_verbs()
    {
        var fr = Lexicon.For(ScriptLanguage.French);
        var en = Lexicon.For(ScriptLanguage.English);
        foreach (var (word, key) in new[] { ("claquent", "door-slam"), ("grinçait", "creak"), ("aboie", "dog-bark"), ("aboient", "dog-bark"), ("klaxonna", "car-horn"), ("hennissent", "horse"), ("sonné", "phone-ring"), ("ECLATE", "explosion") })
        {
            var (entry, _) = fr.Match(Tokenizer.Tokenize(word), 0);
            if (word == "ECLATE")
            {
                Assert.Null(entry);
                continue;
            }

            Assert.True(entry is not null, word);
            Assert.Equal(key, entry.Key);
        }

        foreach (var (word, key) in new[] { ("slammed", "door-slam"), ("slamming", "door-slam"), ("creaks", "creak"), ("barking", "dog-bark"), ("rang", "phone-ring"), ("honked", "car-horn"), ("cries", "efforts") })
        {
            var (entry, _) = en.Match(Tokenizer.Tokenize(word), 0);
            Assert.True(entry is not null, word);
            Assert.Equal(key, entry.Key);
        }
    }

    [Fact]
    public void Phrases_win_over_words_and_accents_are_optional()
    {
        var fr = Lexicon.For(ScriptLanguage.French);
        var tokens = Tokenizer.Tokenize("Un COUP DE FEU, puis une detonation.");
        var (entry, length) = fr.Match(tokens, 1);
        Assert.Equal("gunshot", entry!.Key);
        Assert.Equal(3, length);
        Assert.Equal("gunshot", fr.Match(tokens, 6).Entry!.Key);
        Assert.Equal(["l'", "orage"], Tokenizer.Tokenize("l’orage").Select(t => t.Folded));
    }

    [Fact]
    public void Capitalised_sound_words_are_more_certain_than_lower_case_ones()
    {
        var b = Run("INT. HOUSE - NIGHT\n\nThe door SLAMS. Somewhere a dog barks.\n");
        var slam = Item(b, "1", "door-slam");
        var bark = Item(b, "1", "dog-bark");
        Assert.Equal(EvidenceSource.Capitalised, slam.Evidence[0].Source);
        Assert.True(slam.Confidence > bark.Confidence);
        Assert.Equal("SLAMS", slam.Evidence[0].Text);
        Assert.Equal(3, slam.Evidence[0].Line);
        Assert.Equal(9, slam.Evidence[0].Start);
    }

    [Fact]
    public void Onomatopoeia_and_implied_sounds_are_found_with_their_reason()
    {
        var b = Run("EXT. COUNTRY ROAD - DAY\n\nBANG! Mark drives away.\n");
        Assert.Equal(EvidenceSource.Onomatopoeia, Item(b, "1", "bang").Evidence[0].Source);
        var engine = Item(b, "1", "car-engine");
        Assert.Equal(EvidenceSource.Implied, engine.Evidence[0].Source);
        Assert.Equal(Acquisition.FieldRecording, engine.Acquisition);
        Assert.Contains("vehicle", engine.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Gunshots_are_never_recorded_live_and_car_dialogue_is_an_ADR_risk()
    {
        var b = Run("INT. CAR (MOVING) - NIGHT\n\nTom drives. A gunshot outside.\n\nTOM\nGet down!\n\nANNA\nI can't!\n");
        var shot = Item(b, "1", "gunshot");
        Assert.Equal(Acquisition.Design, shot.Acquisition);
        Assert.Contains("never recorded live", shot.Reason, StringComparison.Ordinal);
        var tom = Item(b, "1", "dialogue:TOM");
        Assert.True(tom.AdrRisk);
        Assert.Contains("car dialogue at speed", tom.Reason, StringComparison.Ordinal);
        var scene = b.Scenes[0];
        Assert.True(scene.IsCarScene);
        Assert.Equal(2, scene.Mics.PlantMics);
        Assert.Equal(["TOM", "ANNA"], scene.Mics.Wireless);
        Assert.Equal(Acquisition.FieldRecording, Item(b, "1", "ambience:car").Acquisition);
    }

    [Fact]
    public void Exterior_night_city_is_a_wild_track_and_interiors_get_room_tone()
    {
        var b = Run("EXT. RUE - NUIT\n\nLa circulation au loin.\n\nINT. CUISINE - JOUR\n\nMarie lit.\n\nMARIE\nBonjour.\n");
        var street = Item(b, "1", "ambience:city");
        Assert.Equal(Acquisition.WildTrackOnSet, street.Acquisition);
        Assert.Contains("nuit en ville", street.Reason, StringComparison.Ordinal);
        Assert.Equal(Acquisition.RoomToneOnSet, Item(b, "2", "room-tone").Acquisition);
        Assert.DoesNotContain(b.Scenes[0].Items, i => i.Key == "room-tone");
    }

    [Fact]
    public void Voice_over_off_screen_and_phone_lines_are_separate_deliveries()
    {
        var b = Run("INT. BUREAU - JOUR\n\nLe téléphone sonne.\n\nLÉA\n(au téléphone)\nAllô ?\n\nKARIM (OFF)\nC'est moi.\n\nLÉA (V.O.)\nJe savais.\n");
        Assert.Equal(Delivery.Phone, Item(b, "1", "phone:LÉA").Delivery);
        Assert.Equal(Delivery.OffScreen, Item(b, "1", "dialogue-off:KARIM").Delivery);
        var vo = Item(b, "1", "vo:LÉA");
        Assert.Equal(SoundCategory.VoiceOver, vo.Category);
        Assert.Equal(Acquisition.Adr, vo.Acquisition);
        Assert.Equal(Acquisition.Library, Item(b, "1", "phone-ring").Acquisition);
        // The phone line is on screen (one wireless), the off-screen voice is not.
        Assert.Equal(["LÉA"], b.Scenes[0].Mics.Wireless);
    }

    [Fact]
    public void Footsteps_carry_the_surface_the_script_names()
    {
        var b = Run("EXT. ENTREPÔT - NUIT\n\nDes pas sur le gravier.\n");
        Assert.Equal("gravel", Item(b, "1", "footsteps").Surface);
    }

    [Fact]
    public void The_wind_howling_is_not_an_actor_crying()
    {
        var b = Run("EXT. FALAISE - NUIT\n\nLe vent hurle.\n");
        Assert.DoesNotContain(b.Scenes[0].Items, i => i.Key == "efforts");
    }

    [Fact]
    public void Demo_screenplay_hand_labelled_scenes_1_and_2_match_the_rushes()
    {
        var b = BreakdownEngine.Run(ScreenplayReader.Read(BreakdownEvaluationTests.Samples("le-phare/script/LePhare.fountain")));
        Assert.Equal(ScriptLanguage.French, b.Language);
        Assert.Equal(5, b.Scenes.Count);
        // Scene 1 (rushes S01T01-02, track "Lav Marie"; take 1 noted "avion au loin").
        var s1 = b.Scenes[0];
        Assert.Equal(["MARIE"], s1.Mics.Wireless);
        Assert.Equal(Acquisition.Library, s1.Items.Single(i => i.Key == "plane").Acquisition);
        Assert.Contains(s1.Items, i => i.Key == "phone:GARDE-CÔTES");
        // Scene 2 (rush S02T01, "Lav Paul", noted "ambiance mer, vent fort").
        var s2 = b.Scenes[1];
        Assert.Equal(["PAUL"], s2.Mics.Wireless);
        Assert.Equal(Weather.Wind, s2.Scene.Heading.Weather);
        Assert.Equal(Acquisition.WildTrackOnSet, s2.Items.Single(i => i.Key == "wind").Acquisition);
        Assert.Equal(Acquisition.WildTrackOnSet, s2.Items.Single(i => i.Key == "ambience:sea").Acquisition);
        Assert.True(s2.Items.Single(i => i.Key == "dialogue:PAUL").AdrRisk);
        Assert.True(s2.Mics.StereoPair);
    }

    [SharedDataFact]
    public void Big_Fish_breaks_down_every_scene()
    {
        var b = BreakdownEngine.Run(ScreenplayReader.Read(TestData.Shared("Fountain/FountainTests/Big Fish.fountain")));
        Assert.Equal(193, b.Scenes.Count);
        Assert.All(b.Scenes.Where(s => !s.Scene.IsOpening), s => Assert.Contains(s.Items, i => i.Key.StartsWith("ambience:", StringComparison.Ordinal)));
        Assert.Contains(b.AllListed, i => i.Key == "vo:EDWARD");
    }
}
