using Perche.Production.Edits;
using Perche.Production.Report;
using Perche.Production.Store;
using Perche.Project;

namespace Perche.Post.Conform;

/// <summary>What the shoot's sound report says about one take, after the mixer's edits.</summary>
/// <param name="Scene">Scene as the report reads it.</param>
/// <param name="Take">Take as the report reads it.</param>
/// <param name="Tape">Sound roll.</param>
/// <param name="Circled">Circled (printed).</param>
/// <param name="NoGood">Marked no good.</param>
/// <param name="FalseStart">A false start.</param>
/// <param name="WildTrack">Recorded without picture.</param>
/// <param name="RoomTone">Room tone.</param>
/// <param name="Note">The mixer's note.</param>
public sealed record ShootTakeInfo(string Scene, string Take, string Tape, bool Circled, bool NoGood, bool FalseStart, bool WildTrack, bool RoomTone, string Note)
{
    /// <summary>True when the take is not sync sound for picture (wild track or room tone).</summary>
    public bool IsNotSync => this.WildTrack || this.RoomTone;
}

/// <summary>
/// The shoot's take index: the sound report of the rushes (Production's reader and recorder dialects) with the
/// mixer's edits applied from the project store, or from the edits file beside the rushes outside a project.
/// </summary>
public sealed class ShootTakeIndex
{
    private readonly Dictionary<string, ShootTakeInfo> byFile;

    private ShootTakeIndex(Dictionary<string, ShootTakeInfo> byFile, int editCount)
    {
        this.byFile = byFile;
        this.EditCount = editCount;
    }

    /// <summary>How many of the mixer's edits were applied.</summary>
    public int EditCount { get; }

    /// <summary>How many takes the report lists.</summary>
    public int TakeCount => this.byFile.Values.Distinct().Count();

    /// <summary>The take a file belongs to, or null.</summary>
    public ShootTakeInfo? Find(string path) => this.byFile.TryGetValue(Path.GetFullPath(path), out var info) ? info : null;

    /// <summary>
    /// Reads the report of <paramref name="rushesFolder"/> and applies the edits of <paramref name="project"/> (or the
    /// folder's edits file when null). Returns null when no edit exists anywhere: the files alone add nothing the
    /// rushes index did not read.
    /// </summary>
    /// <exception cref="Perche.Core.PercheFormatException">The folder does not exist.</exception>
    public static ShootTakeIndex? Load(string rushesFolder, ProjectStore? project)
    {
        ArgumentNullException.ThrowIfNull(rushesFolder);
        var edits = ShootStore.Open(rushesFolder, project).LoadEdits();
        if (edits.Count == 0)
        {
            return null;
        }

        var report = SoundReportBuilder.Build(rushesFolder);
        ReportEditing.Apply(report, edits);
        return FromReport(report, edits.Count);
    }

    /// <summary>The index of a report already built (and edited).</summary>
    public static ShootTakeIndex FromReport(SoundReport report, int editCount = 0)
    {
        ArgumentNullException.ThrowIfNull(report);
        var map = new Dictionary<string, ShootTakeInfo>(StringComparer.Ordinal);
        foreach (var t in report.Takes)
        {
            var info = new ShootTakeInfo(t.Scene.Trim(), t.Take.Trim(), t.Tape.Trim(), t.Circled, t.NoGood, t.FalseStart, t.WildTrack, t.RoomTone, t.Note.Trim());
            foreach (var f in t.Files)
            {
                map[Path.GetFullPath(f.Path)] = info;
            }
        }

        return new ShootTakeIndex(map, editCount);
    }
}
