using Perche.Preproduction.Breakdown;
using Perche.Preproduction.Screenplay;

namespace Perche.Preproduction.Output;

/// <summary>Category and acquisition names in French and English, as a sound department writes them.</summary>
public static class Names
{
    /// <summary>The name of a category.</summary>
    public static string Of(SoundCategory c, ScriptLanguage l) => l == ScriptLanguage.French
        ? c switch
        {
            SoundCategory.Dialogue => "Dialogue",
            SoundCategory.VoiceOver => "Voix off",
            SoundCategory.Ambience => "Ambiance",
            SoundCategory.RoomTone => "Ambiance plateau",
            SoundCategory.HardEffect => "Effet",
            SoundCategory.Foley => "Bruitage",
            SoundCategory.MusicSource => "Musique d'ambiance",
            SoundCategory.MusicScore => "Musique originale",
            _ => "Playback",
        }
        : c switch
        {
            SoundCategory.Dialogue => "Dialogue",
            SoundCategory.VoiceOver => "Voice-over",
            SoundCategory.Ambience => "Ambience",
            SoundCategory.RoomTone => "Room tone",
            SoundCategory.HardEffect => "Hard effect",
            SoundCategory.Foley => "Foley",
            SoundCategory.MusicSource => "Source music",
            SoundCategory.MusicScore => "Score",
            _ => "Playback",
        };

    /// <summary>The name of an acquisition.</summary>
    public static string Of(Acquisition a, ScriptLanguage l) => l == ScriptLanguage.French
        ? a switch
        {
            Acquisition.SyncOnSet => "Direct au tournage",
            Acquisition.WildTrackOnSet => "Son seul au tournage",
            Acquisition.RoomToneOnSet => "Ambiance plateau au tournage",
            Acquisition.Adr => "Post-synchro / studio",
            Acquisition.FoleyStage => "Auditorium de bruitage",
            Acquisition.Library => "Sonothèque",
            Acquisition.FieldRecording => "Prise de son dédiée",
            _ => "Design / synthèse",
        }
        : a switch
        {
            Acquisition.SyncOnSet => "Sync on set",
            Acquisition.WildTrackOnSet => "Wild track on set",
            Acquisition.RoomToneOnSet => "Room tone on set",
            Acquisition.Adr => "ADR / studio",
            Acquisition.FoleyStage => "Foley stage",
            Acquisition.Library => "Library",
            Acquisition.FieldRecording => "Field recording",
            _ => "Design / synthesis",
        };

    /// <summary>A camelCase name for JSON ("hardEffect", "wildTrackOnSet").</summary>
    public static string Json<T>(T value)
        where T : struct, Enum
    {
        var s = value.ToString();
        return char.ToLowerInvariant(s[0]) + s[1..];
    }
}
