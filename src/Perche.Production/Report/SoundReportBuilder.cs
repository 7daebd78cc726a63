using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Perche.Core;

namespace Perche.Production.Report;

/// <summary>
/// Builds a sound report from a card or folder: reads every WAV/BWF header (in parallel, no audio), groups the
/// mono files of one take into a family, orders takes by recording date and start time, and fills the header
/// from what the files agree on. Unreadable files are listed, the others still reported.
/// </summary>
public static partial class SoundReportBuilder
{
    /// <summary>The recorder files under a folder (or the file itself), in ordinal path order.</summary>
    public static List<string> FindFiles(string folderOrFile)
    {
        ArgumentNullException.ThrowIfNull(folderOrFile);
        if (File.Exists(folderOrFile))
        {
            return [folderOrFile];
        }

        if (!Directory.Exists(folderOrFile))
        {
            throw PercheFormatException.ForInput(folderOrFile, "folder not found");
        }

        var files = new List<string>();
        foreach (var f in Directory.EnumerateFiles(folderOrFile, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(f);
            if (name.StartsWith("._", StringComparison.Ordinal) || f.Contains(Path.DirectorySeparatorChar + "ascmhl" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                // macOS resource forks and hash-list folders are not recordings.
                continue;
            }

            if (name.EndsWith(".wav", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".bwf", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rf64", StringComparison.OrdinalIgnoreCase))
            {
                files.Add(f);
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>Reads and groups the files of <paramref name="folderOrFile"/>.</summary>
    public static SoundReport Build(string folderOrFile, ReportOptions? options = null)
    {
        options ??= new ReportOptions();
        var root = File.Exists(folderOrFile) ? Path.GetDirectoryName(Path.GetFullPath(folderOrFile))! : Path.GetFullPath(folderOrFile);
        var paths = FindFiles(folderOrFile);
        var files = new RecorderFile?[paths.Count];
        var errors = new ConcurrentDictionary<int, string>();
        Parallel.For(0, paths.Count, i =>
        {
            try
            {
                files[i] = RecorderFileReader.Read(paths[i], Path.GetRelativePath(root, paths[i]).Replace('\\', '/'));
            }
            catch (PercheFormatException ex)
            {
                errors[i] = ex.Message;
            }
        });
        var report = new SoundReport { Source = root };
        for (var i = 0; i < paths.Count; i++)
        {
            if (errors.TryGetValue(i, out var message))
            {
                report.Unreadable.Add(new UnreadableFile { RelativePath = Path.GetRelativePath(root, paths[i]).Replace('\\', '/'), Problem = message });
            }
        }

        Group(report, files.Where(f => f is not null).Select(f => f!).ToList());
        FillHeader(report, options);
        return report;
    }

    /// <summary>Groups files into takes (exposed for tests and other front-ends).</summary>
    public static void Group(SoundReport report, List<RecorderFile> files)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(files);
        var groups = new Dictionary<string, List<TakeEntry>>(StringComparer.Ordinal);
        foreach (var f in files)
        {
            var key = FamilyKey(f);
            if (!groups.TryGetValue(key, out var candidates))
            {
                candidates = [];
                groups[key] = candidates;
            }

            // Files of one family join the same take unless a recorder channel would appear twice (a poly file and
            // its own mono split side by side are two recordings of the take, listed separately).
            var channels = f.Tracks.Select(t => t.ChannelIndex).ToHashSet();
            var take = candidates.FirstOrDefault(t => !t.Tracks.Any(x => channels.Contains(x.ChannelIndex)));
            if (take is null)
            {
                // Keys outlive the card (edits are kept in the project): recorder UIDs are unique, paths only within a roll.
                var takeKey = f.FamilyUid.Length > 0 && candidates.Count == 0 ? f.FamilyUid
                    : f.FileUid.Length > 0 ? f.FileUid
                    : $"{f.Tape}/{f.RelativePath}";
                take = new TakeEntry { Key = takeKey };
                candidates.Add(take);
                report.Takes.Add(take);
            }

            take.Files.Add(f);
            take.Tracks.AddRange(f.Tracks);
        }

        foreach (var t in report.Takes)
        {
            t.Tracks.Sort((a, b) => a.ChannelIndex.CompareTo(b.ChannelIndex));
            t.Scene = t.Files.Select(f => f.Scene).FirstOrDefault(s => s.Length > 0) ?? string.Empty;
            t.Take = t.Files.Select(f => f.Take).FirstOrDefault(s => s.Length > 0) ?? string.Empty;
            t.Tape = t.Files.Select(f => f.Tape).FirstOrDefault(s => s.Length > 0) ?? string.Empty;
            t.Note = string.Join(" / ", t.Files.Select(f => f.Note).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal));
            t.Circled = t.Files.Any(f => f.Circled);
            t.WildTrack = t.Files.Any(f => f.WildTrack);
            t.FalseStart = t.Files.Any(f => f.FalseStart);
            t.NoGood = t.Files.Any(f => f.NoGood);
            t.RoomTone = t.Files.Any(f => f.RoomTone);
        }

        report.Takes.Sort(CompareTakes);
    }

    private static int CompareTakes(TakeEntry a, TakeEntry b)
    {
        var c = Nullable.Compare(a.RecordedOn, b.RecordedOn);
        if (c != 0)
        {
            return c;
        }

        var sa = a.First.TimeReferenceSamples is { } ra && a.SampleRateHz > 0 ? (double)ra / a.SampleRateHz : double.MaxValue;
        var sb = b.First.TimeReferenceSamples is { } rb && b.SampleRateHz > 0 ? (double)rb / b.SampleRateHz : double.MaxValue;
        c = sa.CompareTo(sb);
        return c != 0 ? c : string.CompareOrdinal(a.First.RelativePath, b.First.RelativePath);
    }

    private static string FamilyKey(RecorderFile f)
    {
        if (f.FamilyUid.Length > 0)
        {
            return "uid:" + f.FamilyUid;
        }

        if (f.ChannelCount == 1)
        {
            // Without a family UID, mono files of one take share a folder, a base name, a start and a length.
            var dir = Path.GetDirectoryName(f.RelativePath) ?? string.Empty;
            var stem = MonoSuffix().Replace(Path.GetFileNameWithoutExtension(f.Path), string.Empty);
            return string.Create(CultureInfo.InvariantCulture, $"mono:{dir}|{stem}|{f.TimeReferenceSamples}|{f.FrameCount}");
        }

        return "file:" + f.RelativePath;
    }

    private static void FillHeader(SoundReport report, ReportOptions options)
    {
        var files = report.Takes.SelectMany(t => t.Files).ToList();
        static string Distinct(IEnumerable<string> values) => string.Join(", ", values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal));
        var h = report.Header;
        h.Production = options.Production ?? files.GroupBy(f => f.Project).Where(g => g.Key.Length > 0).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault() ?? string.Empty;
        h.Date = Distinct(files.Where(f => f.RecordedOn is not null).Select(f => f.RecordedOn!.Value).Distinct().Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        h.SoundMixer = options.SoundMixer ?? string.Empty;
        h.BoomOperator = options.BoomOperator ?? string.Empty;
        h.Recorder = Distinct(files.Select(f => f.Recorder));
        h.TimecodeRate = Distinct(files.Where(f => f.FrameRate is not null).Select(f => ReportFormat.Rate(f.FrameRate!.Value)));
        h.FileFormat = Distinct(files.Select(f => ReportFormat.SampleFormat(f.SampleRateHz, f.BitsPerSample, f.IsFloat)));
        h.Media = Distinct(report.Takes.Select(t => t.Tape));
        h.ToneReference = options.ToneReference ?? string.Empty;
    }

    [GeneratedRegex(@"(_Tr[0-9LR]+(_[LRD])?|_\d{1,2}|\.A\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex MonoSuffix();
}
