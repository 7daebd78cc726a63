using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Perche.Core.Tests.Support;
using Perche.Post.Adapters.Aaf;
using Perche.Post.Timelines;

namespace Perche.Post.Tests.Aaf;

/// <summary>
/// LibAAF's expected dumps as the oracle for operation-group parameters: each clip's constant gain (the Gain column,
/// printed to 0.1 dB) and its volume automation points (time and linear value, printed to 6 decimals).
/// </summary>
public partial class LibAafGainTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        if (TestData.SharedFolder is { } root)
        {
            foreach (var f in Directory.GetFiles(Path.Combine(root, "LibAAF", "test", "expected"), "*.expected").Order(StringComparer.Ordinal))
            {
                if (File.ReadAllText(f).Contains("Gain:", StringComparison.Ordinal) && Path.GetFileName(f) != "PR_Clip_length_beyond_EOF.aaf.expected")
                {
                    data.Add(Path.GetFileName(f)[..^".expected".Length]);
                }
            }
        }

        return data;
    }

    [SharedDataTheory]
    [MemberData(nameof(Files))]
    public void Clip_gain_and_volume_automation_match_the_expected_dump(string file)
    {
        // Per audio track, per clip: the printed gain (or null) and the automation values (or empty).
        var tracks = new List<List<(double? GainDb, List<(double Time, double Value)> Points)>>();
        foreach (var line in File.ReadAllLines(T.Path($"LibAAF/test/expected/{file}.expected")))
        {
            if (line.Contains("AudioTrack[", StringComparison.Ordinal))
            {
                tracks.Add([]);
            }
            else if (ClipLine().IsMatch(line) && tracks.Count > 0)
            {
                var g = GainColumn().Match(line);
                tracks[^1].Add((g.Success ? double.Parse(g.Groups[1].Value, CultureInfo.InvariantCulture) : null, []));
            }
            else if (PointLine().Match(line) is { Success: true } p && tracks.Count > 0 && tracks[^1].Count > 0)
            {
                tracks[^1][^1].Points.Add((double.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(p.Groups[2].Value, CultureInfo.InvariantCulture)));
            }
        }

        var ours = AafReader.ReadFile(T.Path($"LibAAF/test/aaf/{file}")).AudioTracks().Select(t => t.AllClips().ToList()).Where(t => t.Count > 0).ToList();
        var theirs = tracks.Where(t => t.Count > 0).ToList();
        Assert.Equal(theirs.Count, ours.Count);
        var compared = 0;
        for (var t = 0; t < theirs.Count; t++)
        {
            Assert.Equal(theirs[t].Count, ours[t].Count);
            for (var c = 0; c < theirs[t].Count; c++)
            {
                var (gainDb, points) = theirs[t][c];
                var clip = ours[t][c];
                if (gainDb is { } expected)
                {
                    var node = clip.Metadata["aaf_gain_db"];
                    Assert.NotNull(node);
                    var got = node is JsonValue v && v.TryGetValue<double>(out var d) ? d : double.NegativeInfinity;

                    // LibAAF prints a silent fader as -99.0 dB.
                    if (expected <= -99)
                    {
                        Assert.True(got <= -99, $"{file} track {t + 1} clip {c + 1}: {got} dB");
                    }
                    else
                    {
                        Assert.InRange(got, expected - 0.05, expected + 0.05);
                    }

                    compared++;
                }

                if (points.Count > 0)
                {
                    var ourPoints = Assert.IsType<JsonArray>(clip.Metadata["aaf_gain_points"]);
                    Assert.Equal(points.Count, ourPoints.Count);
                    for (var i = 0; i < points.Count; i++)
                    {
                        // Printed to 6 decimals: ours lies within half of the last digit.
                        Assert.InRange(ourPoints[i]!["time"]!.GetValue<double>(), points[i].Time - 6e-7, points[i].Time + 6e-7);
                        Assert.InRange(ourPoints[i]!["amplitude"]!.GetValue<double>(), points[i].Value - 6e-7, points[i].Value + 6e-7);
                    }

                    compared++;
                }
            }
        }

        Assert.True(compared > 0);
    }

    [GeneratedRegex(@"Clip \(\d+\):\s+Start:")]
    private static partial Regex ClipLine();

    [GeneratedRegex(@"Gain: ([+-]\d+\.\d) dB")]
    private static partial Regex GainColumn();

    [GeneratedRegex(@"_time: (-?\d+\.\d+)\s+_value: (-?\d+\.\d+)")]
    private static partial Regex PointLine();
}
