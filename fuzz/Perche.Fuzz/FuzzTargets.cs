using Perche.Fuzz.Targets;

namespace Perche.Fuzz;

/// <summary>Every fuzz target, one per reader. A new reader adds its target here (and seeds under fuzz/seeds).</summary>
public static class FuzzTargets
{
    private const string Core = "Perche.Core";

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
