namespace Perche.Production.Report;

/// <summary>Headings of a sound report in one language (French and English, as on set in France).</summary>
public sealed class ReportLabels
{
    /// <summary>English headings.</summary>
    public static ReportLabels English { get; } = new()
    {
        Title = "Sound report", Production = "Production", Date = "Date", SoundMixer = "Sound mixer", BoomOperator = "Boom operator",
        Recorder = "Recorder", TimecodeRate = "Timecode rate", FileFormat = "Sample rate / bit depth", Media = "Sound roll", ToneReference = "Tone / reference",
        File = "File(s)", Roll = "Roll", Scene = "Scene", Take = "Take", Circled = "Circled", StartTc = "Start TC", Duration = "Duration",
        FrameRate = "FPS", SampleRate = "Sample rate", BitDepth = "Bits", Channels = "Ch", Tracks = "Tracks", Flags = "Flags", Notes = "Notes",
        Qc = "QC", WildTrack = "wild track", RoomTone = "room tone", FalseStart = "false start", NoGood = "no good", Unreadable = "Unreadable files",
        Findings = "Findings", Takes = "takes", Page = "Page",
    };

    /// <summary>French headings (rapport son).</summary>
    public static ReportLabels French { get; } = new()
    {
        Title = "Rapport son", Production = "Production", Date = "Date", SoundMixer = "Chef opérateur du son", BoomOperator = "Perchman",
        Recorder = "Enregistreur", TimecodeRate = "Cadence TC", FileFormat = "Fréquence / résolution", Media = "Bobine son", ToneReference = "Niveau de référence",
        File = "Fichier(s)", Roll = "Bobine", Scene = "Séq.", Take = "Prise", Circled = "Cerclée", StartTc = "TC début", Duration = "Durée",
        FrameRate = "i/s", SampleRate = "Fréquence", BitDepth = "Bits", Channels = "Voies", Tracks = "Pistes", Flags = "Indications", Notes = "Remarques",
        Qc = "Contrôle", WildTrack = "son seul", RoomTone = "ambiance plateau", FalseStart = "faux départ", NoGood = "à ne pas tirer", Unreadable = "Fichiers illisibles",
        Findings = "Constats", Takes = "prises", Page = "Page",
    };

    /// <summary>The labels for a language code ("fr", "en").</summary>
    public static ReportLabels For(string? language) =>
        language is not null && language.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? French : English;

#pragma warning disable CS1591 // One heading per property; the names say which.
    public required string Title { get; init; }
    public required string Production { get; init; }
    public required string Date { get; init; }
    public required string SoundMixer { get; init; }
    public required string BoomOperator { get; init; }
    public required string Recorder { get; init; }
    public required string TimecodeRate { get; init; }
    public required string FileFormat { get; init; }
    public required string Media { get; init; }
    public required string ToneReference { get; init; }
    public required string File { get; init; }
    public required string Roll { get; init; }
    public required string Scene { get; init; }
    public required string Take { get; init; }
    public required string Circled { get; init; }
    public required string StartTc { get; init; }
    public required string Duration { get; init; }
    public required string FrameRate { get; init; }
    public required string SampleRate { get; init; }
    public required string BitDepth { get; init; }
    public required string Channels { get; init; }
    public required string Tracks { get; init; }
    public required string Flags { get; init; }
    public required string Notes { get; init; }
    public required string Qc { get; init; }
    public required string WildTrack { get; init; }
    public required string RoomTone { get; init; }
    public required string FalseStart { get; init; }
    public required string NoGood { get; init; }
    public required string Unreadable { get; init; }
    public required string Findings { get; init; }
    public required string Takes { get; init; }
    public required string Page { get; init; }
#pragma warning restore CS1591
}
