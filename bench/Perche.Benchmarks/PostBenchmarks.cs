using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Perche.Core.Time;
using Perche.Post.Adapters.Edl;
using Perche.Post.Conform;
using Perche.Post.Timelines;

namespace Perche.Benchmarks;

/// <summary>
/// Post: parsing a 2,000-event CMX 3600 EDL, and conforming it against 10,000 indexed takes (20 shooting days of
/// 500 takes with overlapping timecodes, 3 channels each). Issue 6 asks for the conform in under a second.
/// </summary>
[MemoryDiagnoser]
public class PostBenchmarks
{
    private const int Events = 2000;
    private const int Days = 20;
    private const int TakesPerDay = 500;
    private string edl = string.Empty;
    private Timeline timeline = null!;
    private RushIndex index = null!;
    private List<RushTake> takes = null!;

    [GlobalSetup]
    public void Setup()
    {
        (this.takes, this.edl) = Generate();
        this.timeline = EdlReader.ReadString(this.edl, "bench.edl", new EdlReadOptions { Rate = FrameRate.Fps25 });
        this.index = RushIndex.FromTakes(this.takes);
    }

    [Benchmark(Description = "EDL parse, 2,000 events")]
    public Timeline ParseEdl() => EdlReader.ReadString(this.edl, "bench.edl", new EdlReadOptions { Rate = FrameRate.Fps25 });

    [Benchmark(Description = "index 10,000 takes")]
    public RushIndex IndexTakes() => RushIndex.FromTakes(this.takes);

    [Benchmark(Description = "conform 2,000 events vs 10,000 takes")]
    public ConformResult Conform() => Conformer.Run(this.timeline, this.index);

    [Benchmark(Description = "parse + index + conform")]
    public ConformResult EndToEnd() => Conformer.Run(EdlReader.ReadString(this.edl, "bench.edl", new EdlReadOptions { Rate = FrameRate.Fps25 }), RushIndex.FromTakes(this.takes));

    /// <summary>Deterministic data: takes every ~70 s from 08:00 on each day; events cut 2–6 s out of random takes.</summary>
    internal static (List<RushTake> Takes, string Edl) Generate()
    {
        var random = new Random(2026);
        var takes = new List<RushTake>(Days * TakesPerDay);
        string[] names = ["Boom", "Lav A", "Lav B"];
        for (var day = 0; day < Days; day++)
        {
            var roll = $"SR{day + 1:000}";
            for (var t = 0; t < TakesPerDay; t++)
            {
                var startSeconds = (8 * 3600) + (t * 70) + random.Next(0, 5);
                var scene = (day * 25) + (t / 20) + 1;
                var take = (t % 20) + 1;
                var file = $"/rushes/{roll}/S{scene:000}T{take:00}.WAV";
                takes.Add(new RushTake
                {
                    Key = file,
                    Files = [file],
                    Channels = [.. names.Select((n, i) => new RushChannel(file, i + 1, 3, i + 1, n))],
                    SampleRateHz = 48000,
                    StartSamples = startSeconds * 48000L,
                    LengthSamples = 60 * 48000L,
                    TimecodeRate = FrameRate.Fps25,
                    Tape = roll,
                    Scene = scene.ToString(CultureInfo.InvariantCulture),
                    Take = take.ToString(CultureInfo.InvariantCulture),
                    Date = $"2026-06-{day + 1:00}",
                });
            }
        }

        var sb = new StringBuilder("TITLE: BENCH 2000\r\nFCM: NON-DROP FRAME\r\n");
        var rate = FrameRate.Fps25;
        var record = Timecode.Parse("01:00:00:00", rate).TotalFrames;
        for (var e = 1; e <= Events; e++)
        {
            var take = takes[random.Next(takes.Count)];
            var lengthFrames = random.Next(50, 150);
            var inFrames = (take.StartSamples / 1920) + random.Next(0, (int)((take.LengthSamples / 1920) - lengthFrames));
            string Tc(long f) => Timecode.FromFrames(f, rate).ToString();
            sb.Append(CultureInfo.InvariantCulture, $"{e:0000}  A{e % 100:000}     V     C        {Tc(inFrames)} {Tc(inFrames + lengthFrames)} {Tc(record)} {Tc(record + lengthFrames)}\r\n");

            // Half the clips are named by slate (an assistant's sync), half by camera.
            sb.Append(e % 2 == 0 ? $"* FROM CLIP NAME: {take.Scene}-{take.Take}\r\n" : $"* FROM CLIP NAME: A{e % 100:000}C{e % 37:000}\r\n");
            record += lengthFrames;
        }

        return (takes, sb.ToString());
    }
}
