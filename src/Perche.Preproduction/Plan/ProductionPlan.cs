using Perche.Core.Time;
using Perche.Preproduction.Breakdown;
using Perche.Preproduction.Screenplay;

namespace Perche.Preproduction.Plan;

/// <summary>Options of a plan.</summary>
public sealed class PlanOptions
{
    /// <summary>Shooting days from the schedule; null: from the page count and the rates' pages per day.</summary>
    public int? ShootingDays { get; init; }

    /// <summary>The picture frame rate; the timecode rate follows it.</summary>
    public FrameRate PictureRate { get; init; } = FrameRate.Fps25;

    /// <summary>Cameras on set (one timecode box each).</summary>
    public int Cameras { get; init; } = 2;

    /// <summary>Delivery profiles ("cinema", "broadcast", "streaming", "web").</summary>
    public IReadOnlyList<string> Deliveries { get; init; } = ["cinema", "broadcast"];

    /// <summary>The rate card (default: the built-in example).</summary>
    public RateCard Rates { get; init; } = RateCard.Default;
}

/// <summary>A line of the plan: who or what, how many, for how many days, at what rate.</summary>
public sealed record PlanLine(string Section, string Key, string Label, int Quantity, double Days, double RatePerDay)
{
    /// <summary>Quantity × days × rate.</summary>
    public double Amount => this.Quantity * this.Days * this.RatePerDay;
}

/// <summary>The technical workflow sheet: formats, timecode, naming, backups, deliveries.</summary>
public sealed class WorkflowSheet
{
    /// <summary>Recording sample rate.</summary>
    public int SampleRateHz { get; init; }

    /// <summary>Bit depth ("24-bit integer" or "32-bit float").</summary>
    public string BitDepth { get; init; } = string.Empty;

    /// <summary>Why this bit depth.</summary>
    public string BitDepthReason { get; init; } = string.Empty;

    /// <summary>Timecode rate (the picture rate).</summary>
    public FrameRate TimecodeRate { get; init; }

    /// <summary>Polyphonic or mono files.</summary>
    public string FileLayout { get; init; } = string.Empty;

    /// <summary>Tracks on the recorder: mix L/R, booms, wireless, plants.</summary>
    public int RecorderTracks { get; init; }

    /// <summary>File naming pattern.</summary>
    public string FileNaming { get; init; } = string.Empty;

    /// <summary>Copies of every rush before a card is formatted.</summary>
    public int BackupCopies { get; init; }

    /// <summary>How the copies are made.</summary>
    public string BackupPolicy { get; init; } = string.Empty;

    /// <summary>Delivery profiles with their loudness targets.</summary>
    public IReadOnlyList<(string Profile, string Target)> Deliveries { get; init; } = [];
}

/// <summary>The plan of the sound department: crew, gear, shooting and post days, budget and workflow.</summary>
public sealed class ProductionPlan
{
    private ProductionPlan(SoundBreakdown breakdown, RateCard rates)
    {
        this.Breakdown = breakdown;
        this.Rates = rates;
    }

    /// <summary>The breakdown it was made from.</summary>
    public SoundBreakdown Breakdown { get; }

    /// <summary>The rate card used.</summary>
    public RateCard Rates { get; }

    /// <summary>Shooting days.</summary>
    public int ShootingDays { get; private set; }

    /// <summary>How the shooting days were obtained.</summary>
    public string ShootingDaysSource { get; private set; } = string.Empty;

    /// <summary>Days the 2nd assistant is needed (complex scenes).</summary>
    public int SecondAssistantDays { get; private set; }

    /// <summary>Estimated runtime in minutes (a page a minute).</summary>
    public double RuntimeMinutes { get; private set; }

    /// <summary>Wireless channels: the most speakers on screen in one scene, plus one spare.</summary>
    public int WirelessChannels { get; private set; }

    /// <summary>Lines likely to be re-recorded (ADR-risk dialogue plus voice-over).</summary>
    public int AdrLines { get; private set; }

    /// <summary>Crew lines.</summary>
    public List<PlanLine> Crew { get; } = [];

    /// <summary>Gear lines (rental per shooting day).</summary>
    public List<PlanLine> Gear { get; } = [];

    /// <summary>Post-production lines.</summary>
    public List<PlanLine> Post { get; } = [];

    /// <summary>The workflow sheet.</summary>
    public WorkflowSheet Workflow { get; private set; } = new();

    /// <summary>The total of every line.</summary>
    public double Total => this.Crew.Sum(l => l.Amount) + this.Gear.Sum(l => l.Amount) + this.Post.Sum(l => l.Amount);

    /// <summary>Builds the plan.</summary>
    public static ProductionPlan Build(SoundBreakdown breakdown, PlanOptions? options = null)
    {
        options ??= new PlanOptions();
        var r = options.Rates;
        var fr = breakdown.Language == ScriptLanguage.French;
        var plan = new ProductionPlan(breakdown, r);
        var pages = breakdown.Script.LengthPages;
        var pagesPerDay = Math.Max(0.1, r["productivity.pages-per-shooting-day"]);
        if (options.ShootingDays is { } days)
        {
            plan.ShootingDays = days;
            plan.ShootingDaysSource = fr ? "plan de travail" : "schedule";
        }
        else
        {
            plan.ShootingDays = Math.Max(1, (int)Math.Ceiling(pages / pagesPerDay));
            plan.ShootingDaysSource = fr ? $"{pages:F1} pages à {pagesPerDay:G} pages par jour" : $"{pages:F1} pages at {pagesPerDay:G} pages a day";
        }

        // The 2nd assistant comes on the days of the complex scenes: 4+ speakers, vehicles, playback, walla.
        var complexPages = breakdown.Scenes.Where(IsComplex).Sum(s => s.Scene.LengthPages);
        plan.SecondAssistantDays = complexPages <= 0 ? 0 : Math.Min(plan.ShootingDays, Math.Max(1, (int)Math.Ceiling(complexPages / pagesPerDay)));
        plan.RuntimeMinutes = Math.Max(1, Math.Round(pages, 1));
        plan.WirelessChannels = breakdown.MaxWireless + 1;
        plan.AdrLines = CountAdrLines(breakdown);

        var prep = r["productivity.prep-days"];
        plan.Crew.Add(new("crew", "production-sound-mixer", fr ? "Chef opérateur du son (préparation comprise)" : "Production sound mixer (prep included)", 1, plan.ShootingDays + prep, r["crew.production-sound-mixer"]));
        plan.Crew.Add(new("crew", "boom-operator", fr ? "Perchman" : "Boom operator", 1, plan.ShootingDays, r["crew.boom-operator"]));
        if (plan.SecondAssistantDays > 0)
        {
            plan.Crew.Add(new("crew", "second-assistant", fr ? "2e assistant son (séquences complexes)" : "2nd sound assistant (complex scenes)", 1, plan.SecondAssistantDays, r["crew.second-assistant"]));
        }

        var booms = Math.Max(1, breakdown.Scenes.Count == 0 ? 1 : breakdown.Scenes.Max(s => s.Mics.Booms));
        var plants = breakdown.Scenes.Count == 0 ? 0 : breakdown.Scenes.Max(s => s.Mics.PlantMics);
        var stereo = breakdown.Scenes.Any(s => s.Mics.StereoPair);
        var playback = breakdown.AllListed.Any(i => i.Category == SoundCategory.Playback);
        var d = plan.ShootingDays;
        plan.Gear.Add(new("gear", "recorder", fr ? "Enregistreur multipiste avec timecode" : "Multitrack recorder with timecode", 1, d, r["gear.recorder"]));
        plan.Gear.Add(new("gear", "boom-kit", fr ? "Perche complète (micro canon, suspension, bonnette)" : "Boom kit (shotgun, suspension, windshield)", booms + 1, d, r["gear.boom-kit"]));
        plan.Gear.Add(new("gear", "wireless-channel", fr ? $"Canaux HF ({breakdown.MaxWireless} personnages simultanés + 1 de secours)" : $"Wireless channels ({breakdown.MaxWireless} simultaneous speakers + 1 spare)", plan.WirelessChannels, d, r["gear.wireless-channel"]));
        if (plants > 0)
        {
            plan.Gear.Add(new("gear", "plant-mic", fr ? "Micros plantés (véhicules)" : "Plant mics (vehicles)", plants, d, r["gear.plant-mic"]));
        }

        if (stereo)
        {
            plan.Gear.Add(new("gear", "stereo-pair", fr ? "Couple stéréo M/S pour les sons seuls" : "M/S stereo pair for wild tracks", 1, d, r["gear.stereo-pair"]));
        }

        plan.Gear.Add(new("gear", "timecode-box", fr ? "Boîtiers timecode (un par caméra)" : "Timecode boxes (one per camera)", options.Cameras, d, r["gear.timecode-box"]));
        plan.Gear.Add(new("gear", "monitoring-receiver", fr ? "Retours casque réalisateur et scripte" : "Director and script supervisor headphone feeds", 2, d, r["gear.monitoring-receiver"]));
        if (playback)
        {
            plan.Gear.Add(new("gear", "playback-system", fr ? "Système de playback" : "Playback system", 1, d, r["gear.playback-system"]));
        }

        plan.Gear.Add(new("gear", "consumables", fr ? "Consommables (piles, adhésifs, fixations HF)" : "Consumables (batteries, tape, lavalier mounts)", 1, d, r["gear.consumables"]));

        var minutes = plan.RuntimeMinutes;
        var designItems = breakdown.AllListed.Count(i => i.Acquisition == Acquisition.Design);
        plan.Post.Add(new("post", "dialogue-editor", fr ? "Montage paroles" : "Dialogue edit", 1, Days(minutes / r["productivity.dialogue-edit-minutes-per-day"]), r["post.dialogue-editor"]));
        plan.Post.Add(new("post", "effects-editor", fr ? "Montage effets et ambiances" : "Effects and ambience edit", 1, Days(minutes / r["productivity.effects-edit-minutes-per-day"]), r["post.effects-editor"]));
        if (designItems > 0)
        {
            // A day of design for every five designed sounds (gunshots, explosions, score placeholders).
            plan.Post.Add(new("post", "sound-designer", fr ? $"Design sonore ({designItems} sons à construire)" : $"Sound design ({designItems} designed sounds)", 1, Days(designItems / 5.0), r["post.sound-designer"]));
        }

        plan.Post.Add(new("post", "foley-stage", fr ? "Bruitage (auditorium)" : "Foley stage", 1, Days(minutes / r["productivity.foley-minutes-per-day"]), r["post.foley-stage"]));
        if (plan.AdrLines > 0)
        {
            plan.Post.Add(new("post", "adr-stage", fr ? $"Post-synchronisation et voix off ({plan.AdrLines} répliques)" : $"ADR and voice-over ({plan.AdrLines} lines)", 1, Days(plan.AdrLines / r["productivity.adr-lines-per-day"]), r["post.adr-stage"]));
        }

        plan.Post.Add(new("post", "mix-stage", fr ? "Mixage" : "Mix", 1, Days(minutes / r["productivity.mix-minutes-per-day"]), r["post.mix-stage"]));
        plan.Workflow = BuildWorkflow(breakdown, options, booms, plants, fr);
        return plan;
    }

    /// <summary>A scene that needs the 2nd assistant.</summary>
    public static bool IsComplex(SceneBreakdown s) =>
        s.Mics.WirelessCount >= 4 || s.IsCarScene || s.Items.Any(i => i.Category == SoundCategory.Playback && i.Confidence >= 0.5) || (s.Items.Any(i => i.Key == "walla" && i.Confidence >= 0.5) && s.Mics.WirelessCount >= 2);

    // Half-day granularity: post is booked in half days.
    private static double Days(double exact) => Math.Max(0.5, Math.Ceiling(exact * 2) / 2);

    private static int CountAdrLines(SoundBreakdown breakdown)
    {
        var lines = 0;
        foreach (var scene in breakdown.Scenes)
        {
            var risky = breakdown.Listed(scene).Where(i => i.AdrRisk || i.Category == SoundCategory.VoiceOver).Select(i => i.Character).ToHashSet(StringComparer.Ordinal);
            if (risky.Count == 0)
            {
                continue;
            }

            string? current = null;
            foreach (var e in scene.Scene.Elements)
            {
                if (e.Kind == ElementKind.Character)
                {
                    current = e.Cue?.Name;
                }
                else if (e.Kind == ElementKind.Dialogue && current is not null && risky.Contains(current))
                {
                    lines++;
                }
            }
        }

        return lines;
    }

    private static WorkflowSheet BuildWorkflow(SoundBreakdown breakdown, PlanOptions options, int booms, int plants, bool fr)
    {
        var loud = breakdown.AllListed.Any(i => i.Key is "gunshot" or "explosion" or "bang" || i.Category == SoundCategory.Dialogue && i.Key == "efforts");
        var tracks = 2 + booms + breakdown.MaxWireless + plants;
        var deliveries = new List<(string, string)>();
        foreach (var profile in options.Deliveries)
        {
            deliveries.Add(profile.ToLowerInvariant() switch
            {
                "cinema" => ("cinema", fr ? "DCP 5.1, calibration 85 dBC (Leq(m) contrôlé pour les bandes-annonces)" : "DCP 5.1, 85 dBC calibration (Leq(m) checked for trailers)"),
                "broadcast" => ("broadcast", fr ? "EBU R128 : -23 LUFS ±0,5 LU, vrai crête ≤ -1 dBTP (PAD France : -3 dBTP)" : "EBU R128: -23 LUFS ±0.5 LU, true peak ≤ -1 dBTP"),
                "streaming" => ("streaming", fr ? "-27 LKFS dialogue (±2), vrai crête ≤ -2 dBTP" : "-27 LKFS dialogue-gated (±2), true peak ≤ -2 dBTP"),
                "web" => ("web", fr ? "-16 LUFS, vrai crête ≤ -1 dBTP" : "-16 LUFS, true peak ≤ -1 dBTP"),
                var other => (other, fr ? "profil à préciser" : "profile to be specified"),
            });
        }

        return new WorkflowSheet
        {
            SampleRateHz = 48000,
            BitDepth = loud ? (fr ? "32 bits flottant" : "32-bit float") : (fr ? "24 bits" : "24-bit"),
            BitDepthReason = loud
                ? (fr ? "des séquences à très fort niveau (tirs, explosions, cris) : le flottant évite la saturation" : "very loud scenes (shots, explosions, screams): float recording cannot clip")
                : (fr ? "dynamique de dialogue ordinaire" : "ordinary dialogue dynamics"),
            TimecodeRate = options.PictureRate,
            FileLayout = fr ? $"BWF polyphonique ({tracks} pistes : mix L/R, perche, HF, plantés), iXML scène/prise/notes" : $"polyphonic BWF ({tracks} tracks: mix L/R, boom, wireless, plants), iXML scene/take/notes",
            RecorderTracks = tracks,
            FileNaming = fr ? "S{séquence}T{prise}.WAV (ex. S01T02.WAV), dossier par bobine son (SR001)" : "S{scene}T{take}.WAV (e.g. S01T02.WAV), one folder per sound roll (SR001)",
            BackupCopies = 3,
            BackupPolicy = fr ? "enregistrement sur deux cartes ; copie vérifiée par somme de contrôle (MHL) sur deux disques le soir même, un disque part au laboratoire" : "recorder writes two cards; a checksum-verified (MHL) copy to two drives every evening, one drive goes to the lab",
            Deliveries = deliveries,
        };
    }
}
