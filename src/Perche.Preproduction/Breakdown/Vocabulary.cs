namespace Perche.Preproduction.Breakdown;

/// <summary>
/// The small word lists the breakdown needs besides the lexicons: place words that set an ambience, footstep
/// surfaces, onomatopoeia, phone words in parentheticals and capitalised words that are not sounds. Folded
/// (lower case, no accents), French and English together.
/// </summary>
internal static class Vocabulary
{
    /// <summary>Place word → ambience key. The first match in the heading's place wins.</summary>
    public static readonly (string Word, string Ambience)[] Places =
    [
        ("voiture", "car"), ("car", "car"), ("taxi", "car"), ("truck", "car"), ("camion", "car"), ("van", "car"), ("fourgon", "car"),
        ("camionnette", "car"), ("ambulance", "car"), ("cruiser", "car"), ("berline", "car"), ("sedan", "car"), ("clio", "car"), ("bus", "car"), ("pickup", "car"), ("jeep", "car"), ("limousine", "car"), ("limo", "car"), ("cab", "car"),
        ("phare", "sea"), ("lighthouse", "sea"), ("plage", "sea"), ("beach", "sea"), ("mer", "sea"), ("sea", "sea"), ("ocean", "sea"),
        ("port", "sea"), ("harbour", "sea"), ("harbor", "sea"), ("falaise", "sea"), ("cliff", "sea"), ("cliffs", "sea"), ("cote", "sea"),
        ("coast", "sea"), ("ponton", "sea"), ("quai", "sea"), ("wharf", "sea"), ("digue", "sea"), ("pier", "sea"), ("jetee", "sea"), ("dock", "sea"), ("docks", "sea"),
        ("foret", "forest"), ("forest", "forest"), ("woods", "forest"), ("bois", "forest"), ("jungle", "forest"),
        ("bar", "bar"), ("cafe", "bar"), ("restaurant", "bar"), ("pub", "bar"), ("brasserie", "bar"), ("bistrot", "bar"),
        ("diner", "bar"), ("cantine", "bar"), ("nightclub", "bar"), ("club", "bar"), ("boite", "bar"), ("cafeteria", "bar"),
        ("gas station", "city"), ("station-service", "city"), ("station service", "city"), ("gare", "station"), ("station", "station"), ("metro", "station"), ("subway", "station"), ("aeroport", "airport"), ("airport", "airport"),
        ("hopital", "hospital"), ("hospital", "hospital"), ("clinique", "hospital"), ("clinic", "hospital"),
        ("eglise", "church"), ("church", "church"), ("chapelle", "church"), ("chapel", "church"), ("cathedrale", "church"),
        ("bureau", "office"), ("office", "office"), ("open-space", "office"), ("commissariat", "office"), ("precinct", "office"),
        ("usine", "factory"), ("factory", "factory"), ("atelier", "factory"), ("workshop", "factory"), ("garage", "factory"),
        ("rue", "city"), ("street", "city"), ("avenue", "city"), ("boulevard", "city"), ("ville", "city"), ("city", "city"),
        ("downtown", "city"), ("parking", "city"), ("carrefour", "city"), ("trottoir", "city"), ("sidewalk", "city"), ("alley", "city"),
        ("ruelle", "city"), ("place", "city"), ("square", "city"), ("quartier", "city"), ("highway", "city"), ("autoroute", "city"),
        ("campagne", "country"), ("countryside", "country"), ("champ", "country"), ("champs", "country"), ("field", "country"),
        ("fields", "country"), ("ferme", "country"), ("farm", "country"), ("prairie", "country"), ("meadow", "country"),
        ("jardin", "country"), ("garden", "country"), ("verger", "country"), ("vineyard", "country"), ("vigne", "country"),
        ("riviere", "river"), ("river", "river"), ("lac", "river"), ("lake", "river"), ("etang", "river"), ("pond", "river"),
        ("cuisine", "house"), ("kitchen", "house"), ("chambre", "house"), ("bedroom", "house"), ("salon", "house"), ("living", "house"),
        ("appartement", "house"), ("apartment", "house"), ("maison", "house"), ("house", "house"), ("home", "house"), ("hall", "house"),
        ("couloir", "house"), ("hallway", "house"), ("bathroom", "house"), ("grenier", "house"), ("cave", "house"),
    ];

    /// <summary>Footstep surfaces found in a scene's text or place.</summary>
    public static readonly (string Word, string Surface)[] Surfaces =
    [
        ("gravier", "gravel"), ("gravel", "gravel"), ("sable", "sand"), ("sand", "sand"), ("neige", "snow"), ("snow", "snow"),
        ("parquet", "wood"), ("plancher", "wood"), ("wooden", "wood"), ("floorboards", "wood"), ("escalier", "stairs"), ("escaliers", "stairs"),
        ("marches", "stairs"), ("stairs", "stairs"), ("staircase", "stairs"), ("steps", "stairs"), ("carrelage", "tiles"), ("tiles", "tiles"),
        ("boue", "mud"), ("mud", "mud"), ("feuilles", "leaves"), ("leaves", "leaves"), ("pave", "cobbles"), ("paves", "cobbles"),
        ("cobblestones", "cobbles"), ("trottoir", "pavement"), ("pavement", "pavement"), ("sidewalk", "pavement"), ("rochers", "rock"),
        ("rocks", "rock"), ("flaques", "puddles"), ("puddles", "puddles"), ("herbe", "grass"), ("grass", "grass"), ("metal", "metal"),
        ("passerelle", "metal"), ("catwalk", "metal"), ("moquette", "carpet"), ("carpet", "carpet"),
    ];

    /// <summary>Onomatopoeia → (key, category name). Matched as whole words.</summary>
    public static readonly Dictionary<string, (string Key, SoundCategory Category)> Onomatopoeia = new(StringComparer.Ordinal)
    {
        ["bang"] = ("bang", SoundCategory.HardEffect), ["boom"] = ("explosion", SoundCategory.HardEffect), ["boum"] = ("explosion", SoundCategory.HardEffect),
        ["kaboom"] = ("explosion", SoundCategory.HardEffect), ["crash"] = ("crash", SoundCategory.HardEffect), ["vroom"] = ("car-engine", SoundCategory.HardEffect),
        ["vroum"] = ("car-engine", SoundCategory.HardEffect), ["dring"] = ("phone-ring", SoundCategory.HardEffect), ["driiing"] = ("phone-ring", SoundCategory.HardEffect),
        ["ding"] = ("bell", SoundCategory.HardEffect), ["dong"] = ("bell", SoundCategory.HardEffect), ["toc"] = ("door-knock", SoundCategory.Foley),
        ["knock"] = ("door-knock", SoundCategory.Foley), ["tic-tac"] = ("clock", SoundCategory.HardEffect), ["tick-tock"] = ("clock", SoundCategory.HardEffect),
        ["bip"] = ("beep", SoundCategory.HardEffect), ["beep"] = ("beep", SoundCategory.HardEffect), ["splash"] = ("water", SoundCategory.Foley),
        ["plouf"] = ("water", SoundCategory.Foley), ["clac"] = ("door-slam", SoundCategory.HardEffect), ["clic"] = ("click", SoundCategory.Foley),
        ["click"] = ("click", SoundCategory.Foley), ["crac"] = ("creak", SoundCategory.Foley), ["crack"] = ("creak", SoundCategory.Foley),
        ["paf"] = ("fight", SoundCategory.Foley), ["bam"] = ("bang", SoundCategory.HardEffect), ["pan"] = ("gunshot", SoundCategory.HardEffect),
        ["whoosh"] = ("whoosh", SoundCategory.HardEffect), ["woosh"] = ("whoosh", SoundCategory.HardEffect), ["buzz"] = ("hum", SoundCategory.HardEffect),
        ["bzz"] = ("hum", SoundCategory.HardEffect), ["woof"] = ("dog-bark", SoundCategory.HardEffect), ["ouaf"] = ("dog-bark", SoundCategory.HardEffect),
        ["wouf"] = ("dog-bark", SoundCategory.HardEffect), ["miaou"] = ("cat", SoundCategory.HardEffect), ["meow"] = ("cat", SoundCategory.HardEffect),
        ["screech"] = ("tyres-screech", SoundCategory.HardEffect), ["thud"] = ("body-fall", SoundCategory.Foley), ["thump"] = ("body-fall", SoundCategory.Foley),
        ["boing"] = ("cartoon", SoundCategory.HardEffect), ["pow"] = ("fight", SoundCategory.Foley), ["wham"] = ("fight", SoundCategory.Foley),
        ["tut-tut"] = ("car-horn", SoundCategory.HardEffect), ["pouet"] = ("car-horn", SoundCategory.HardEffect), ["honk"] = ("car-horn", SoundCategory.HardEffect),
        ["ploc"] = ("water", SoundCategory.Foley), ["drip"] = ("water", SoundCategory.Foley), ["snap"] = ("creak", SoundCategory.Foley),
        ["crunch"] = ("creak", SoundCategory.Foley), ["zip"] = ("cloth", SoundCategory.Foley), ["zzz"] = ("hum", SoundCategory.HardEffect),
    };

    /// <summary>Onomatopoeia that are also ordinary words: only counted when capitalised or followed by '!'.</summary>
    public static readonly HashSet<string> AmbiguousOnomatopoeia = new(StringComparer.Ordinal)
    {
        "pan", "ding", "dong", "crash", "splash", "click", "crack", "snap", "crunch", "zip", "buzz", "drip", "knock", "thud", "thump", "honk", "screech", "boom",
    };

    /// <summary>Subjects that cry, howl or scream without being actors: "le vent hurle", "gulls cry".</summary>
    public static readonly HashSet<string> NonHumanSubjects = new(StringComparer.Ordinal)
    {
        "vent", "wind", "sirene", "siren", "sirens", "sirenes", "mouettes", "mouette", "gulls", "seagulls", "goelands", "chien", "chiens",
        "dog", "dogs", "loup", "loups", "wolf", "wolves", "tempete", "storm", "moteur", "engine", "alarme", "alarm", "oiseaux", "birds",
    };

    /// <summary>Words of a parenthetical or cue that put a line on a phone, radio or speaker.</summary>
    public static readonly string[] PhoneWords = ["phone", "telephone", "tel", "portable", "cellphone", "filtered", "filtre", "radio", "talkie", "intercom", "interphone", "haut-parleur", "speaker"];

    /// <summary>Capitalised words that are screenplay furniture, not sounds.</summary>
    public static readonly HashSet<string> NotSounds = new(StringComparer.Ordinal)
    {
        "int", "ext", "pov", "insert", "close", "closeup", "angle", "back", "cut", "fade", "super", "title", "titles", "credits", "intercut",
        "flashback", "montage", "series", "shots", "shot", "later", "continuous", "cont'd", "contd", "vo", "os", "oc", "off", "hc", "we", "see",
        "hear", "on", "the", "a", "an", "and", "of", "to", "in", "at", "le", "la", "les", "de", "du", "des", "et", "un", "une", "sur", "dans",
        "plan", "gros", "serre", "large", "fin", "end", "the", "noir", "black", "ecran", "screen", "sous-titre", "carton", "retour", "suite",
        "tv", "ok", "usa", "fbi", "cia", "nyc", "la", "dvd", "cd", "sms", "gps", "ii", "iii", "iv", "jour", "nuit", "day", "night", "matin",
        "soir", "morning", "evening", "dawn", "dusk", "aube", "through", "with", "his", "her", "its", "their", "sa", "son", "ses", "leur",
        "into", "from", "il", "elle", "ils", "elles", "is", "est", "no", "non", "yes", "oui", "not", "pas", "ne", "all", "tout", "toute",
    };
}
