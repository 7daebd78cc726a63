using Perche.Fuzz.Targets;

namespace Perche.Fuzz;

/// <summary>Every fuzz target, one per reader. A new reader adds its target here (and seeds under fuzz/seeds).</summary>
public static class FuzzTargets
{
    private const string Core = "Perche.Core";
    private const string Post = "Perche.Post";
    private const string Preproduction = "Perche.Preproduction";
    private const string Production = "Perche.Production";
    private const string Delivery = "Perche.Delivery";
    private const string Project = "Perche.Project";

    /// <summary>All targets, in the order the CI smoke runs them.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("wav", "a whole RIFF/RF64/BW64 WAVE file: chunk walk, metadata, timecode, audio samples (seekable and streamed)", [Core], WavTargets.Wav),
        new("fmt", "a fmt chunk payload (PCM, float, WAVE_FORMAT_EXTENSIBLE)", [Core], WavTargets.Fmt),
        new("bext", "a bext chunk payload (EBU Tech 3285), with a write/read round trip", [Core], WavTargets.Bext),
        new("ixml", "an iXML chunk payload, every typed field, with a write/read round trip", [Core], WavTargets.Ixml),
        new("info-list", "a LIST/INFO body", [Core], WavTargets.InfoList),
        new("cue", "a cue chunk payload and a LIST/adtl body labelling it, with a write/read round trip", [Core], WavTargets.Cue),
        new("timecode", "text: a frame rate on the first line (optionally '|' and a DF/NDF flag), timecodes on the next lines", [Core], TimeTargets.Timecode),
        new("edl", "a CMX 3600 EDL (strict, then tolerant), listed and written back as OTIO", [Post, Core], PostTargets.Edl),
        new("otio", "an OpenTimelineIO JSON timeline, listed and round-tripped", [Post, Core], PostTargets.Otio),
        new("fcp-xml", "a Final Cut Pro 7 / Premiere XML (xmeml) sequence", [Post, Core], PostTargets.Fcp7Xml),
        new("fcpxml", "a Final Cut Pro X FCPXML document", [Post, Core], PostTargets.Fcpxml),
        new("cfb", "a compound file (the container of AAF): FAT chains, directory tree, every stream", [Post], PostTargets.Cfb),
        new("fountain", "a Fountain screenplay", [Preproduction], PreproductionTargets.Fountain),
        new("fdx", "a Final Draft .fdx screenplay", [Preproduction], PreproductionTargets.Fdx),
        new("plain-text", "a screenplay as plain text", [Preproduction], PreproductionTargets.PlainText),
        new("mhl", "an ASC MHL v2.0 generation file, written back and read again", [Production], ProductionTargets.Mhl),
        new("mhl-chain", "an ASC MHL chain file (ascmhl_chain.xml)", [Production], ProductionTargets.MhlChainFile),
        new("recorder-file", "a recorder WAVE file as the sound report reads it (iXML, bext dialects)", [Production, Core], ProductionTargets.RecorderFile),
        new("profile", "a delivery profile (JSON)", [Delivery], DeliveryTargets.Profile),
        new("store-url", "a project's store.url: a path, a postgres:// URL or a connection string", [Project], ProjectTargets.StoreUrl) { IsClearError = ProjectTargets.IsClearError },
        new("project-import", "a project dump (perche project export) imported into a new SQLite project", [Project], ProjectImportTarget.Import) { IsClearError = ProjectTargets.IsClearError },
        new("aaf", "an AAF file read into a timeline (mobs, slots, sequences, source clips)", [Post, Core], PostTargets.Aaf),
    ];

    /// <summary>The target of that name, or null.</summary>
    public static FuzzTarget? Find(string name)
    {
        foreach (var t in All)
        {
            if (string.Equals(t.Name, name, StringComparison.Ordinal))
            {
                return t;
            }
        }

        return null;
    }
}
