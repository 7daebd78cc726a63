using Perche.Core;
using Perche.Core.Formats.Wav;
using Perche.Core.Time;

namespace Perche.Post.Conform;

/// <summary>One channel of a recording: the file it is in, its place in that file, its recorder track and name.</summary>
public sealed record RushChannel(string FilePath, int ChannelInFile, int FileChannelCount, int RecorderTrack, string Name);

/// <summary>
/// A recording (a take): one polyphonic file, or the family of mono files a recorder writes for one take (same
/// iXML FAMILY_UID, or same start and name stem). Times are exact: samples since midnight at the file's rate.
/// </summary>
public sealed class RushTake
{
    /// <summary>A stable identifier: the family UID, else the first file's path.</summary>
    public required string Key { get; init; }

    /// <summary>The files, in recorder-track order.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>Every channel of the take, in recorder-track order.</summary>
    public required IReadOnlyList<RushChannel> Channels { get; init; }

    /// <summary>Samples per second.</summary>
    public required int SampleRateHz { get; init; }

    /// <summary>The first sample's time since midnight (bext TimeReference).</summary>
    public required long StartSamples { get; init; }

    /// <summary>Length in samples (the shortest file of a family, so every channel covers it).</summary>
    public required long LengthSamples { get; init; }

    /// <summary>The recorder's timecode rate, when declared.</summary>
    public FrameRate? TimecodeRate { get; init; }

    /// <summary>Sound roll (iXML TAPE).</summary>
    public string Tape { get; init; } = string.Empty;

    /// <summary>Scene (iXML SCENE).</summary>
    public string Scene { get; init; } = string.Empty;

    /// <summary>Take (iXML TAKE).</summary>
    public string Take { get; init; } = string.Empty;

    /// <summary>Recording date as the recorder wrote it (bext OriginationDate, yyyy-mm-dd or yyyy:mm:dd).</summary>
    public string Date { get; init; } = string.Empty;

    /// <summary>True when the take is circled in the report.</summary>
    public bool Circled { get; init; }

    /// <summary>What the shoot's sound report (with the mixer's edits) says about the take, when it was consulted.</summary>
    public ShootTakeInfo? Report { get; init; }

    /// <summary>The first file's name without extension (S01T02, A101_1...).</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(this.Files[0]);

    /// <summary>The first sample's time since midnight.</summary>
    public RationalTime Start => RationalTime.FromSamples(this.StartSamples, this.SampleRateHz);

    /// <summary>The time just after the last sample.</summary>
    public RationalTime End => RationalTime.FromSamples(this.StartSamples + this.LengthSamples, this.SampleRateHz);

    /// <summary>Start and length.</summary>
    public TimeRange Range => new(this.Start, RationalTime.FromSamples(this.LengthSamples, this.SampleRateHz));

    /// <inheritdoc/>
    public override string ToString() => $"{this.Name} (roll {this.Tape}, scene {this.Scene}, take {this.Take})";
}

/// <summary>
/// The rushes of a production indexed by time: every take's timecode range, roll, scene/take and channels, read
/// from BWF bext and iXML headers (no audio is read). Lookups by source timecode are a binary search.
/// </summary>
public sealed class RushIndex
{
    private readonly RushTake[] byStart;
    private readonly long[] startTicks;
    private readonly long maxLengthTicks;

    // All takes are compared on one tick scale (the least common multiple of their sample rates, 48 kHz in practice).
    private readonly int tickRate;

    private Dictionary<string, RushTake>? byFile;

    private RushIndex(List<RushTake> takes, List<string> warnings)
    {
        takes.Sort((a, b) => a.Start.CompareTo(b.Start));
        this.byStart = [.. takes];
        this.Warnings = warnings;
        long rate = 1;
        foreach (var t in takes)
        {
            rate = rate / Gcd(rate, t.SampleRateHz) * t.SampleRateHz;
        }

        this.tickRate = (int)Math.Min(rate, int.MaxValue);
        this.startTicks = new long[takes.Count];
        for (var i = 0; i < takes.Count; i++)
        {
            var t = takes[i];
            this.startTicks[i] = t.StartSamples * (this.tickRate / t.SampleRateHz);
            this.maxLengthTicks = Math.Max(this.maxLengthTicks, t.LengthSamples * (this.tickRate / t.SampleRateHz));
        }
    }

    /// <summary>The takes, by start time.</summary>
    public IReadOnlyList<RushTake> Takes => this.byStart;

    /// <summary>The folder the index was built from (full path), or null for an index over given takes.</summary>
    public string? Folder { get; private init; }

    /// <summary>The take holding a file (full path compared as the index stored it), or null.</summary>
    public RushTake? TakeOfFile(string path)
    {
        if (this.byFile is null)
        {
            var map = new Dictionary<string, RushTake>(StringComparer.Ordinal);
            foreach (var t in this.byStart)
            {
                foreach (var f in t.Files)
                {
                    map.TryAdd(f, t);
                }
            }

            this.byFile = map;
        }

        return this.byFile.TryGetValue(Path.GetFullPath(path), out var take) ? take : null;
    }

    /// <summary>Files that could not be read or carry no time stamp, with the reason.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The timecode rate most takes declare, or null when none does.</summary>
    public FrameRate? CommonRate => this.byStart.Where(t => t.TimecodeRate is not null).GroupBy(t => t.TimecodeRate!.Value).OrderByDescending(g => g.Count()).Select(g => (FrameRate?)g.Key).FirstOrDefault();

    /// <summary>
    /// The same index with what the shoot's take index says about each take (circled, NG, false start, wild track,
    /// room tone, note, scene/take as the report reads them), for conform to weigh and to say in its reasons.
    /// </summary>
    public RushIndex WithShootIndex(ShootTakeIndex shoot)
    {
        ArgumentNullException.ThrowIfNull(shoot);
        var takes = new List<RushTake>(this.byStart.Length);
        foreach (var t in this.byStart)
        {
            var info = t.Files.Select(shoot.Find).FirstOrDefault(i => i is not null);
            takes.Add(info is null ? t : new RushTake
            {
                Key = t.Key,
                Files = t.Files,
                Channels = t.Channels,
                SampleRateHz = t.SampleRateHz,
                StartSamples = t.StartSamples,
                LengthSamples = t.LengthSamples,
                TimecodeRate = t.TimecodeRate,
                Tape = t.Tape.Length > 0 ? t.Tape : info.Tape,
                Scene = info.Scene.Length > 0 ? info.Scene : t.Scene,
                Take = info.Take.Length > 0 ? info.Take : t.Take,
                Date = t.Date,
                Circled = info.Circled,
                Report = info,
            });
        }

        return new RushIndex(takes, [.. this.Warnings]) { Folder = this.Folder };
    }

    /// <summary>An index over takes already described (tests, benchmarks, a take index from the sound report).</summary>
    public static RushIndex FromTakes(IEnumerable<RushTake> takes) => new([.. takes], []);

    /// <summary>Indexes every WAV/BWF file under <paramref name="folder"/>, grouping mono families into takes.</summary>
    /// <exception cref="PercheFormatException">The folder does not exist.</exception>
    public static RushIndex Build(string folder, IProgress<(int Done, int Total)>? progress = null)
    {
        if (!Directory.Exists(folder))
        {
            throw PercheFormatException.ForInput(folder, "the rushes folder does not exist");
        }

        var files = Directory.EnumerateFiles(Path.GetFullPath(folder), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".wav", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".bwf", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToArray();
        var warnings = new List<string>();
        var read = new (WavInfo? Info, string? Error)[files.Length];
        var done = 0;

        // Headers only, in parallel: an SSD or a RAID answers faster with a couple of reads in flight.
        Parallel.For(0, files.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, i =>
        {
            try
            {
                read[i] = (WavReader.ReadInfo(files[i]), null);
            }
            catch (PercheFormatException ex)
            {
                read[i] = (null, ex.Message);
            }

            progress?.Report((Interlocked.Increment(ref done), files.Length));
        });

        var singles = new List<(string Path, WavInfo Info)>();
        for (var i = 0; i < files.Length; i++)
        {
            if (read[i].Info is { } info)
            {
                if (WavTimecode.SamplesSinceMidnight(info) is null)
                {
                    warnings.Add($"{files[i]}: no time stamp (bext TimeReference or iXML): cannot be conformed by timecode");
                    continue;
                }

                singles.Add((files[i], info));
            }
            else
            {
                warnings.Add(read[i].Error!);
            }
        }

        var takes = new List<RushTake>();
        foreach (var family in singles.GroupBy(FamilyKey))
        {
            takes.Add(MakeTake(family.Key, [.. family]));
        }

        return new RushIndex(takes, warnings) { Folder = Path.GetFullPath(folder) };
    }

    /// <summary>The takes whose time range overlaps [start, end), in start order.</summary>
    public List<RushTake> Overlapping(RationalTime start, RationalTime end)
    {
        var result = new List<RushTake>();
        if (this.byStart.Length == 0)
        {
            return result;
        }

        var s = start.ToSamples(this.tickRate);
        var e = end.ToSamples(this.tickRate, MidpointRounding.ToPositiveInfinity);

        // Every take starting after 'end' is out; every take starting before 'start − longest' ends before 'start'.
        var lo = LowerBound(this.startTicks, s - this.maxLengthTicks);
        for (var i = lo; i < this.byStart.Length && this.startTicks[i] < e; i++)
        {
            var t = this.byStart[i];
            var tEnd = this.startTicks[i] + (t.LengthSamples * (this.tickRate / t.SampleRateHz));
            if (tEnd > s)
            {
                result.Add(t);
            }
        }

        return result;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private static int LowerBound(long[] sorted, long value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static string FamilyKey((string Path, WavInfo Info) f)
    {
        // Mono files of one take share the iXML family UID; without it, a polyphonic file is its own take.
        if (f.Info.Ixml is { } x && x.FamilyUid.Length > 0 && f.Info.Format.ChannelCount == 1)
        {
            return "family:" + x.FamilyUid + "@" + WavTimecode.SamplesSinceMidnight(f.Info);
        }

        return "file:" + f.Path;
    }

    private static RushTake MakeTake(string key, List<(string Path, WavInfo Info)> files)
    {
        var channels = new List<RushChannel>();
        foreach (var (path, info) in files)
        {
            var count = info.Format.ChannelCount;
            var tracks = info.Ixml?.Tracks ?? [];
            for (var ch = 1; ch <= count; ch++)
            {
                var track = tracks.FirstOrDefault(t => t.InterleaveIndex == ch) ?? (tracks.Count == count ? tracks[ch - 1] : null);
                var recorderTrack = track?.ChannelIndex ?? ch;
                var name = track is { Name.Length: > 0 } ? track.Name.Trim() : $"Ch {recorderTrack}";
                channels.Add(new RushChannel(path, ch, count, recorderTrack, name));
            }
        }

        channels.Sort((a, b) => a.RecorderTrack != b.RecorderTrack ? a.RecorderTrack.CompareTo(b.RecorderTrack) : string.CompareOrdinal(a.FilePath, b.FilePath));
        var first = files[0].Info;
        var x = first.Ixml;
        return new RushTake
        {
            Key = key,
            Files = [.. channels.Select(c => c.FilePath).Distinct()],
            Channels = channels,
            SampleRateHz = first.Format.SampleRateHz,
            StartSamples = (long)WavTimecode.SamplesSinceMidnight(first)!.Value,
            LengthSamples = files.Min(f => f.Info.FrameCount),
            TimecodeRate = WavTimecode.FrameRateOf(first),
            Tape = x?.Tape.Trim() ?? string.Empty,
            Scene = x?.Scene.Trim() ?? string.Empty,
            Take = x?.Take.Trim() ?? string.Empty,
            Date = first.Bext?.OriginationDate ?? string.Empty,
            Circled = x?.Circled == true,
        };
    }
}
