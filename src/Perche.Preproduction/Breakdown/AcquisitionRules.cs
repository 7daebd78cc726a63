using Perche.Preproduction.Screenplay;

namespace Perche.Preproduction.Breakdown;

/// <summary>
/// The rules that decide how each sound is obtained, with the reason a sound engineer would give. Keyed by the
/// sound key first, then by category; the reason is written in the script's language.
/// </summary>
public static class AcquisitionRules
{
    private static readonly Dictionary<string, (Acquisition Acquisition, string En, string Fr)> ByKey = new(StringComparer.Ordinal)
    {
        ["gunshot"] = (Acquisition.Design, "gunshots are never recorded live on set (blanks clip the recorder and cover the lines): library and design, a reference only on set", "un coup de feu ne s'enregistre jamais en direct au tournage (les balles à blanc saturent et couvrent le dialogue) : sonothèque et design, une simple référence au tournage"),
        ["bang"] = (Acquisition.Design, "a loud impact: built in post from library layers", "impact fort : construit en post-production à partir de la sonothèque"),
        ["explosion"] = (Acquisition.Design, "explosions are designed in post (layers of library and synthesis); on set only a guide", "une explosion se construit en post-production (couches de sonothèque et synthèse) ; au tournage, un simple témoin"),
        ["car-engine"] = (Acquisition.FieldRecording, "vehicles: record the picture car in a dedicated session (onboard engine, pass-bys, idle, start/stop)", "véhicules : enregistrer le véhicule de jeu lors d'une séance dédiée (moteur embarqué, passages, ralenti, démarrage/arrêt)"),
        ["truck"] = (Acquisition.FieldRecording, "vehicles: record the picture vehicle in a dedicated session", "véhicules : enregistrer le véhicule de jeu lors d'une séance dédiée"),
        ["motorbike"] = (Acquisition.FieldRecording, "vehicles: record the picture vehicle in a dedicated session", "véhicules : enregistrer le véhicule de jeu lors d'une séance dédiée"),
        ["boat"] = (Acquisition.FieldRecording, "vehicles: record the picture boat in a dedicated session", "véhicules : enregistrer le bateau de jeu lors d'une séance dédiée"),
        ["train"] = (Acquisition.Library, "trains: library or a field recording at a station; on set they only spoil takes", "trains : sonothèque ou prise de son en gare ; au tournage ils gâchent les prises"),
        ["plane"] = (Acquisition.Library, "aircraft: library; an aircraft over the set is a reason to hold the take", "avion : sonothèque ; un avion au-dessus du plateau, on attend pour tourner"),
        ["helicopter"] = (Acquisition.Library, "helicopter: library or field recording, never usable under dialogue on set", "hélicoptère : sonothèque ou prise de son dédiée, jamais exploitable sous le dialogue"),
        ["phone-ring"] = (Acquisition.Library, "ringtones are added in post so they never overlap the lines; on set the phone stays silent", "les sonneries s'ajoutent en post-production pour ne jamais chevaucher le dialogue ; au tournage le téléphone reste muet"),
        ["phone-vibrate"] = (Acquisition.FoleyStage, "a vibrating phone is performed on the Foley stage on the right surface", "le vibreur se refait au bruitage sur la bonne surface"),
        ["phone"] = (Acquisition.Library, "phone sounds (ring, buttons) are added in post; on set the phone stays silent", "les sons de téléphone (sonnerie, touches) s'ajoutent en post-production ; au tournage le téléphone reste muet"),
        ["doorbell"] = (Acquisition.Library, "bells and buzzers are added in post so they never overlap the lines", "sonnettes et interphones s'ajoutent en post-production pour ne jamais chevaucher le dialogue"),
        ["alarm"] = (Acquisition.Library, "alarms are added in post; a live alarm on set covers the dialogue", "les alarmes s'ajoutent en post-production ; une alarme réelle couvre le dialogue"),
        ["beep"] = (Acquisition.Library, "beeps are added in post", "les bips s'ajoutent en post-production"),
        ["siren"] = (Acquisition.Library, "sirens: library (doppler pass-bys); never live under lines", "sirènes : sonothèque (passages avec effet Doppler) ; jamais en direct sous le dialogue"),
        ["thunder"] = (Acquisition.Library, "thunder: library or storm field recordings", "tonnerre : sonothèque ou prises d'orage"),
        ["rain"] = (Acquisition.Library, "set rain (rain towers) is noise: the rain is built from library and field recordings; lines under it are at risk", "la pluie de tournage (rampes à pluie) n'est que du bruit : la pluie se construit avec la sonothèque et des prises dédiées ; le dialogue dessous est à risque"),
        ["storm"] = (Acquisition.Library, "storms are built in post from library layers; wind machines on set mask the lines", "l'orage se construit en post-production ; les ventilateurs du plateau masquent le dialogue"),
        ["wind"] = (Acquisition.WildTrackOnSet, "record a wild track of the real wind with a blimp and fur; a wind machine on set is unusable", "enregistrer un son seul du vent réel (suspension et bonnette) ; un ventilateur de plateau est inexploitable"),
        ["sea"] = (Acquisition.WildTrackOnSet, "sea and waves: a stereo wild track on location after the scene, library to complete", "mer et vagues : un son seul stéréo sur le lieu après la séquence, sonothèque en complément"),
        ["water"] = (Acquisition.FoleyStage, "water handled by the actors is performed on the Foley stage", "l'eau manipulée par les comédiens se refait au bruitage"),
        ["fire"] = (Acquisition.Library, "fire crackle: library or a close field recording", "crépitement du feu : sonothèque ou prise de proximité"),
        ["birds"] = (Acquisition.Library, "birds: library or a dawn field recording at the location", "oiseaux : sonothèque ou prise de son à l'aube sur le lieu"),
        ["seagull"] = (Acquisition.WildTrackOnSet, "seagulls: wild track on location, library to complete", "mouettes : son seul sur le lieu, sonothèque en complément"),
        ["crickets"] = (Acquisition.Library, "insects: library or a night field recording", "insectes : sonothèque ou prise de son de nuit"),
        ["dog-bark"] = (Acquisition.Library, "animals: library; a dog on set barks over the lines", "animaux : sonothèque ; un chien au tournage aboie sur le dialogue"),
        ["horse"] = (Acquisition.FieldRecording, "horses: record hooves and breaths in a dedicated session", "chevaux : enregistrer sabots et souffles lors d'une séance dédiée"),
        ["cat"] = (Acquisition.Library, "animals: library", "animaux : sonothèque"),
        ["traffic"] = (Acquisition.WildTrackOnSet, "traffic: a wild track on location, library to complete", "circulation : un son seul sur le lieu, sonothèque en complément"),
        ["walla"] = (Acquisition.Adr, "crowd walla: a loop group in post; on set the extras mime so the lines stay clean", "brouhaha de foule : un groupe de doublage en post-production ; au tournage la figuration mime pour garder le dialogue propre"),
        ["efforts"] = (Acquisition.SyncOnSet, "efforts and cries are recorded with the take; ADR if masked by effects", "efforts et cris s'enregistrent avec la prise ; post-synchro s'ils sont masqués par les effets"),
        ["silence"] = (Acquisition.RoomToneOnSet, "intentional silence needs a long, clean room tone (1 minute, crew still)", "un silence voulu demande une ambiance plateau longue et propre (1 minute, équipe immobile)"),
        ["room-tone"] = (Acquisition.RoomToneOnSet, "room tone: 30-60 s of the room after the scene, crew still, to fill dialogue edits", "ambiance plateau : 30 à 60 s du lieu après la séquence, équipe immobile, pour les raccords du montage paroles"),
        ["tv"] = (Acquisition.Library, "screens and radios play nothing on set; the programme is added in post", "écrans et radios restent muets au tournage ; le programme s'ajoute en post-production"),
        ["radio"] = (Acquisition.Library, "source music: a cleared track added in post; on set the radio stays silent", "musique d'ambiance : un titre libre de droits ajouté en post-production ; au tournage la radio reste muette"),
        ["music"] = (Acquisition.Library, "source music: a cleared track added in post; on set the music stays off", "musique d'ambiance : un titre libre de droits ajouté en post-production ; au tournage pas de musique"),
        ["score"] = (Acquisition.Design, "score: composed and added in post", "musique originale : composée et ajoutée en post-production"),
        ["song"] = (Acquisition.SyncOnSet, "singing on screen: playback on set (earpieces or speaker between lines) with the live voice recorded as a guide", "chant à l'image : playback au tournage (oreillettes ou enceinte) et voix directe enregistrée en témoin"),
        ["instrument"] = (Acquisition.SyncOnSet, "an instrument played on screen: playback on set, the live instrument recorded as a guide", "instrument joué à l'image : playback au tournage, l'instrument direct enregistré en témoin"),
    };

    /// <summary>Sets <see cref="SoundItem.Acquisition"/> and <see cref="SoundItem.Reason"/> from the rules.</summary>
    public static void Apply(SoundItem item, Scene scene, ScriptLanguage language, bool carScene)
    {
        var fr = language == ScriptLanguage.French;
        var baseKey = item.Key.StartsWith("ambience:", StringComparison.Ordinal) ? item.Key : item.Key;
        if (item.Category is SoundCategory.Dialogue && item.Delivery is { } delivery)
        {
            (item.Acquisition, item.Reason) = delivery switch
            {
                Delivery.OffScreen => (Acquisition.SyncOnSet, fr ? "réplique hors champ : enregistrée au tournage hors cadre (même acoustique), sons seuls si besoin" : "off-screen lines: recorded on set out of frame (same acoustics), wild lines if needed"),
                Delivery.Phone => (Acquisition.SyncOnSet, fr ? "téléphone : le côté à l'image en direct ; l'autre côté lu hors champ par le comédien et filtré en post-production" : "phone: the on-screen side in sync; the far side read off-set by the actor and filtered in post"),
                _ => (Acquisition.SyncOnSet, fr ? "réplique à l'image : perche + micro HF" : "on-screen lines: boom + wireless"),
            };
            if (item.AdrRisk)
            {
                item.Reason += fr ? " ; risque de post-synchro (" : "; ADR risk (";
                item.Reason += AdrRiskReason(scene, carScene, fr) + ")";
            }

            return;
        }

        if (item.Category == SoundCategory.VoiceOver)
        {
            item.Acquisition = Acquisition.Adr;
            item.Reason = fr ? "voix off : enregistrée en cabine en post-production (un témoin au tournage)" : "voice-over: recorded in a booth in post (a guide track on set)";
            return;
        }

        if (ByKey.TryGetValue(baseKey, out var rule))
        {
            item.Acquisition = rule.Acquisition;
            item.Reason = fr ? rule.Fr : rule.En;
            return;
        }

        if (item.Key.StartsWith("ambience:", StringComparison.Ordinal))
        {
            var exterior = scene.Heading.Setting is Setting.Exterior or Setting.InteriorExterior;
            var night = scene.Heading.TimeOfDay is TimeOfDay.Night or TimeOfDay.Dusk or TimeOfDay.Dawn;
            if (item.Key == "ambience:car")
            {
                item.Acquisition = Acquisition.FieldRecording;
                item.Reason = fr ? "intérieur voiture : enregistrer l'habitacle en roulant (séance véhicule), le dialogue sur micros plantés et HF" : "car interior: record the cabin while driving (vehicle session); lines on plant mics and wireless";
            }
            else if (exterior && night && item.Key == "ambience:city")
            {
                item.Acquisition = Acquisition.WildTrackOnSet;
                item.Reason = fr ? "extérieur nuit en ville : son seul d'ambiance quand la rue est calme, sonothèque en complément" : "exterior night city: wild track when the street is quiet, library to complete";
            }
            else if (exterior)
            {
                item.Acquisition = Acquisition.WildTrackOnSet;
                item.Reason = fr ? "ambiance extérieure : son seul stéréo sur le lieu après la séquence, sonothèque en complément" : "exterior ambience: a stereo wild track on location after the scene, library to complete";
            }
            else
            {
                item.Acquisition = Acquisition.Library;
                item.Reason = fr ? "ambiance intérieure : sonothèque (le lieu est coupé du dehors au tournage), l'ambiance plateau sert aux raccords" : "interior ambience: library (the set is shut off from outside); the room tone fills the edits";
            }

            return;
        }

        (item.Acquisition, item.Reason) = item.Category switch
        {
            SoundCategory.Foley => (Acquisition.FoleyStage, (fr ? "bruitage : refait à l'image en auditorium de bruitage (propre, contrôlable)" : "Foley: performed to picture on the Foley stage (clean, controllable)")
                + (item.Surface is { } s ? (fr ? $" ; surface : {s}" : $"; surface: {s}") : string.Empty)),
            SoundCategory.HardEffect => (Acquisition.Library, fr ? "effet : sonothèque, ou prise de son dédiée s'il est propre au film" : "effect: library, or a dedicated recording when it is specific to the film"),
            SoundCategory.Ambience => (Acquisition.Library, fr ? "ambiance : sonothèque ou son seul sur le lieu" : "ambience: library or a wild track on location"),
            SoundCategory.MusicSource => (Acquisition.Library, fr ? "musique d'ambiance : ajoutée en post-production" : "source music: added in post"),
            SoundCategory.MusicScore => (Acquisition.Design, fr ? "musique originale : composée" : "score: composed"),
            SoundCategory.Playback => (Acquisition.SyncOnSet, fr ? "playback au tournage" : "playback on set"),
            SoundCategory.RoomTone => (Acquisition.RoomToneOnSet, fr ? "ambiance plateau" : "room tone"),
            _ => (Acquisition.SyncOnSet, string.Empty),
        };
    }

    private static string AdrRiskReason(Scene scene, bool carScene, bool fr)
    {
        if (carScene)
        {
            return fr ? "dialogue en voiture en roulant : micros HF et plantés, bruit moteur et route" : "car dialogue at speed: lavaliers and plant mics, engine and road noise";
        }

        return scene.Heading.Weather switch
        {
            Weather.Rain => fr ? "pluie de tournage" : "set rain",
            Weather.Storm => fr ? "orage/tempête" : "storm",
            Weather.Wind => fr ? "vent" : "wind",
            _ => fr ? "lieu bruyant" : "noisy location",
        };
    }
}
