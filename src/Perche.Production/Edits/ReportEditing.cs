using System.Text.RegularExpressions;
using Perche.Production.Report;

namespace Perche.Production.Edits;

/// <summary>Finds takes by what the mixer types ("12A/3", a file name, a key) and applies edits to a report.</summary>
public static class ReportEditing
{
    /// <summary>
    /// The takes a selector names: "SCENE/TAKE" (as slated; several when a take exists as poly and mono split),
    /// a file name of the take, or a take key.
    /// </summary>
    public static List<TakeEntry> Find(SoundReport report, string selector)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(selector);
        var byKey = report.Takes.Where(t => t.Key == selector).ToList();
        if (byKey.Count > 0)
        {
            return byKey;
        }

        var byFile = report.Takes.Where(t => t.Files.Any(f => string.Equals(f.FileName, selector, StringComparison.OrdinalIgnoreCase) || f.RelativePath == selector)).ToList();
        if (byFile.Count > 0)
        {
            return byFile;
        }

        var slash = selector.LastIndexOf('/');
        if (slash > 0)
        {
            var scene = selector[..slash];
            var take = selector[(slash + 1)..];
            return report.Takes.Where(t => string.Equals(t.Scene, scene, StringComparison.OrdinalIgnoreCase) && SameTake(t.Take, take)).ToList();
        }

        return [];
    }

    /// <summary>Applies stored edits to the report's takes (by key).</summary>
    public static void Apply(SoundReport report, IEnumerable<TakeEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(edits);
        var byKey = report.Takes.ToLookup(t => t.Key, StringComparer.Ordinal);
        foreach (var e in edits)
        {
            foreach (var t in byKey[e.TakeKey])
            {
                Apply(t, e);
            }
        }
    }

    /// <summary>Applies one edit to one take.</summary>
    public static void Apply(TakeEntry take, TakeEdit edit)
    {
        ArgumentNullException.ThrowIfNull(take);
        ArgumentNullException.ThrowIfNull(edit);
        take.Circled = edit.Circled ?? take.Circled;
        take.WildTrack = edit.WildTrack ?? take.WildTrack;
        take.RoomTone = edit.RoomTone ?? take.RoomTone;
        take.FalseStart = edit.FalseStart ?? take.FalseStart;
        take.NoGood = edit.NoGood ?? take.NoGood;
        take.Note = edit.Note ?? take.Note;
    }

    // "3" and "03" and "003" are the same take on a slate.
    private static bool SameTake(string a, string b) =>
        string.Equals(a, b, StringComparison.OrdinalIgnoreCase)
        || (Regex.IsMatch(a, "^[0-9]+$") && Regex.IsMatch(b, "^[0-9]+$") && a.TrimStart('0') == b.TrimStart('0'));
}
