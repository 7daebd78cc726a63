using System.Globalization;
using System.Text.Json.Nodes;
using Perche.Core.Tests.Support;
using Perche.Production.Hashing;
using Perche.Production.Mhl;
using Perche.Production.Offload;
using Perche.Production.Tests.Mhl;

namespace Perche.Production.Tests.Offload;

/// <summary>The final offload report (CSV, JSON, PDF) and the per-destination progress.</summary>
public class OffloadReportTests
{
    private static readonly MhlCreator Creator = new() { HostName = "cart.local", ToolVersion = "test", Clock = () => new DateTimeOffset(2026, 3, 2, 18, 30, 0, TimeSpan.Zero) };

    // A card of two takes copied to a good drive and to a full one.
    private static OffloadResult Offload(TempTree t, IProgress<OffloadProgress>? progress = null, bool full = true)
    {
        var rng = new Random(3);
        foreach (var (name, size) in new[] { ("S01T01.WAV", 300_001), ("S01T02.WAV", 1_000_000) })
        {
            var bytes = new byte[size];
            rng.NextBytes(bytes);
            t.Write(name, bytes);
        }

        var fullDest = Path.Combine(t.Base, "FULL");
        return OffloadEngine.Run(new OffloadOptions
        {
            Source = t.Root,
            Destinations = [Path.Combine(t.Base, "A"), fullDest],
            Kinds = [HashKind.Xxh64, HashKind.Md5],
            Creator = Creator,
            BlockSizeBytes = 64 * 1024,
            Progress = progress,
            FreeSpace = p => full && p.StartsWith(fullDest, StringComparison.Ordinal) ? 1000 : long.MaxValue,
        });
    }

    [Fact]
    public void Csv_has_a_row_per_file_with_its_digests_and_a_status_per_destination_and_ends_with_the_throughput()
    {
        using var t = new TempTree("SR001");
        var r = Offload(t);
        var path = Path.Combine(t.Base, "offload.csv");
        OffloadReportWriter.WriteCsv(r, path);
        var lines = File.ReadAllLines(path);
        Assert.Equal(4, lines.Length);
        Assert.Equal($"file,size_bytes,xxh64,md5,{r.Destinations[0].Root},{r.Destinations[1].Root},problems", lines[0]);
        var xxh = ContentHasher.OfFile(HashKind.Xxh64, t.Path("S01T01.WAV"));
        var md5 = ContentHasher.OfFile(HashKind.Md5, t.Path("S01T01.WAV"));
        Assert.Equal($"S01T01.WAV,300001,{xxh},{md5},verified,failed,", lines[1]);
        Assert.StartsWith("S01T02.WAV,1000000,", lines[2], StringComparison.Ordinal);
        Assert.Contains("2 files, ", lines[3], StringComparison.Ordinal);
        Assert.Contains("1 verified", lines[3], StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"({r.ThroughputBytesPerSecond / 1e6:F1} MB/s of source)"), lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Json_carries_bytes_time_throughput_and_the_reason_a_destination_failed()
    {
        using var t = new TempTree("SR001");
        var r = Offload(t);
        var path = Path.Combine(t.Base, "offload.json");
        OffloadReportWriter.WriteJson(r, path);
        var j = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.False(j["passed"]!.GetValue<bool>());
        Assert.Equal(1_300_001, j["bytesRead"]!.GetValue<long>());
        Assert.Equal(1_300_001, j["bytesWritten"]!.GetValue<long>());
        var seconds = j["elapsedSeconds"]!.GetValue<double>();
        Assert.True(seconds > 0);
        Assert.Equal(Math.Round(r.BytesRead / r.ElapsedSeconds / 1e6, 1), j["throughputMegabytesPerSecond"]!.GetValue<double>());
        var dests = j["destinations"]!.AsArray();
        Assert.True(dests[0]!["verified"]!.GetValue<bool>());
        Assert.EndsWith(".mhl", dests[0]!["generation"]!.GetValue<string>(), StringComparison.Ordinal);

        // Both copies on the good drive were written and re-read unbuffered wherever the file system allows it.
        Assert.Equal(OperatingSystem.IsLinux() && OffloadTests.UnbufferedWorksIn(t.Base) ? 2 : 0, dests[0]!["unbufferedCopies"]!.GetValue<int>());
        Assert.Equal(0, dests[1]!["unbufferedCopies"]!.GetValue<int>());
        Assert.False(dests[1]!["verified"]!.GetValue<bool>());
        Assert.Null(dests[1]!["generation"]);
        Assert.Contains("destination is full: 1.2 MiB to copy, 1000 bytes free", dests[1]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var f = j["files"]!.AsArray()[1]!;
        Assert.Equal("S01T02.WAV", f["path"]!.GetValue<string>());
        Assert.Equal(ContentHasher.OfFile(HashKind.Md5, t.Path("S01T02.WAV")), f["digests"]!["md5"]!.GetValue<string>());
        Assert.Equal(["verified", "failed"], f["status"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [ProgramFact("pdftotext")]
    public void Pdf_lists_the_destinations_the_files_and_the_throughput()
    {
        using var t = new TempTree("SR001");
        var r = Offload(t);
        var path = Path.Combine(t.Base, "offload.pdf");
        OffloadReportWriter.WritePdf(r, path);
        var (code, text, _) = ExternalProgram.Run("pdftotext", "-layout", path, "-");
        Assert.Equal(0, code);
        Assert.Contains("Offload report — SR001", text, StringComparison.Ordinal);
        Assert.Contains(r.Destinations[0].Root + ": verified", text, StringComparison.Ordinal);
        Assert.Contains("FAILED destination is full", text, StringComparison.Ordinal);
        Assert.Contains("S01T02.WAV 1,000,000 B xxh64:" + ContentHasher.OfFile(HashKind.Xxh64, t.Path("S01T02.WAV")), text, StringComparison.Ordinal);
        Assert.Contains("MB/s of source", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_is_reported_per_destination_for_the_copy_and_the_verification()
    {
        using var t = new TempTree("SR001");
        var events = new List<OffloadProgress>();
        var r = Offload(t, new SyncProgress(p =>
        {
            lock (events)
            {
                events.Add(p);
            }
        }), full: false);
        Assert.True(r.Passed);
        for (var d = 0; d < 2; d++)
        {
            var mine = events.Where(e => e.DestinationIndex == d).ToList();
            Assert.All(mine, e => Assert.Equal(1_300_001, e.TotalBytes));

            // Copy and verification each reach the whole card, never go back, never pass it.
            Assert.Equal(1_300_001, mine.Max(e => e.BytesCopied));
            Assert.Equal(1_300_001, mine.Max(e => e.BytesVerified));
            Assert.True(mine.Select(e => e.BytesCopied).Zip(mine.Skip(1).Select(e => e.BytesCopied)).All(p => p.First <= p.Second));
            Assert.Contains(mine, e => e.CurrentFile == "S01T01.WAV");
            Assert.Contains(mine, e => e.CurrentFile == "S01T02.WAV");
        }
    }

    private sealed class SyncProgress(Action<OffloadProgress> action) : IProgress<OffloadProgress>
    {
        public void Report(OffloadProgress value) => action(value);
    }
}
