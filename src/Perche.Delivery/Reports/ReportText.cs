namespace Perche.Delivery.Reports;

/// <summary>The words of the QC report, in English and French.</summary>
public static class ReportText
{
    private static readonly Dictionary<string, (string En, string Fr)> Texts = new(StringComparer.Ordinal)
    {
        ["title"] = ("Delivery QC report", "Rapport de contrôle qualité de livraison"),
        ["profile"] = ("Profile", "Profil"),
        ["medium"] = ("Medium", "Support"),
        ["tool"] = ("Tool", "Outil"),
        ["date"] = ("Date (UTC)", "Date (UTC)"),
        ["source"] = ("Source (never modified)", "Source (jamais modifiée)"),
        ["file"] = ("File", "Fichier"),
        ["format"] = ("Format", "Format"),
        ["duration"] = ("Duration", "Durée"),
        ["verdict"] = ("Verdict", "Verdict"),
        ["criterion"] = ("Criterion", "Critère"),
        ["measured"] = ("Measured", "Mesuré"),
        ["required"] = ("Required", "Exigé"),
        ["sourceCitation"] = ("Source of the requirement", "Source de l'exigence"),
        ["processing"] = ("Processing", "Traitements"),
        ["plot"] = ("Loudness over time", "Sonie au cours du temps"),
        ["momentary"] = ("Momentary (400 ms)", "Momentanée (400 ms)"),
        ["shortTerm"] = ("Short-term (3 s)", "Court terme (3 s)"),
        ["integrated"] = ("Integrated", "Intégrée"),
        ["targetBand"] = ("Target band", "Plage cible"),
        ["channels"] = ("True peak per channel", "Crête vraie par canal"),
        ["confirmed"] = ("confirmed", "confirmée"),
        ["unconfirmed"] = ("secondary source", "source secondaire"),
        ["outputs"] = ("Outputs re-measured after writing", "Fichiers re-mesurés après écriture"),
        ["Pass"] = ("PASS", "CONFORME"),
        ["Fail"] = ("FAIL", "NON CONFORME"),
        ["Warn"] = ("WARN", "ATTENTION"),
        ["Info"] = ("info", "info"),
        ["level"] = ("Programme level", "Niveau du programme"),
        ["integratedBs1770"] = ("Integrated loudness (BS.1770 gated)", "Sonie intégrée (BS.1770, seuillée)"),
        ["speechShare"] = ("Speech share (open detector)", "Part de parole (détecteur ouvert)"),
        ["dialogueLoudness"] = ("Dialogue-gated loudness (approximation)", "Sonie sur la parole (approximation)"),
        ["truePeak"] = ("Maximum true peak", "Crête vraie maximale"),
        ["samplePeak"] = ("Maximum sample peak", "Crête d'échantillon maximale"),
        ["loudnessRange"] = ("Loudness range (LRA)", "Plage de sonie (LRA)"),
        ["loudnessRangeMin"] = ("Loudness range, minimum", "Plage de sonie, minimum"),
        ["loudnessRangeMax"] = ("Loudness range, maximum", "Plage de sonie, maximum"),
        ["maxShortTerm"] = ("Maximum short-term loudness", "Sonie court terme maximale"),
        ["maxMomentary"] = ("Maximum momentary loudness", "Sonie momentanée maximale"),
        ["layout"] = ("Channel layout", "Configuration des canaux"),
        ["sampleRate"] = ("Sample rate", "Fréquence d'échantillonnage"),
        ["bitDepth"] = ("Bit depth", "Résolution"),
        ["clipping"] = ("Digital clipping", "Écrêtage numérique"),
        ["dcOffset"] = ("DC offset (worst channel)", "Composante continue (pire canal)"),
        ["silentChannels"] = ("Silent channels", "Canaux muets"),
        ["lfeAbove120Hz"] = ("LFE content above 120 Hz", "Contenu du LFE au-dessus de 120 Hz"),
        ["phaseCorrelation"] = ("L/R phase correlation", "Corrélation de phase G/D"),
        ["monoCompatibility"] = ("Mono fold-down level change", "Variation de niveau du repli mono"),
        ["leadingSilence"] = ("Leading silence", "Silence en tête"),
        ["channelMatch"] = ("Identical to its channel of the interleaved file", "Identique à son canal du fichier entrelacé"),
        ["trailingSilence"] = ("Trailing silence", "Silence en queue"),
        ["dialogueNote"] = (
            "Dialogue-gated values come from Perche's open speech detector (DSP, documented): an approximation of proprietary dialogue gating, not Dolby Dialogue Intelligence.",
            "Les valeurs sur la parole viennent du détecteur de parole ouvert de Perche (DSP, documenté) : une approximation du filtrage propriétaire, pas le Dolby Dialogue Intelligence."),
    };

    /// <summary>The text for <paramref name="key"/> in <paramref name="language"/> (en or fr); the key itself when unknown.</summary>
    public static string Get(string key, string language) =>
        Texts.TryGetValue(key, out var t) ? (language == "fr" ? t.Fr : t.En) : key;

    /// <summary>True for a supported language.</summary>
    public static bool IsSupported(string language) => language is "en" or "fr";
}
