using System.Globalization;
using System.Xml.Linq;
using Perche.Core.Audio;
using Perche.Core.Formats.Wav;
using Perche.Core.Time;
using Perche.Post.Adapters.Edl;
using Perche.Post.Conform;
using Perche.Post.Cues;
using Perche.Preproduction.Breakdown;
using Perche.Core.Tests.Support;
using Perche.Preproduction.Formats.Fountain;
using Perche.Post.Timelines;

namespace Perche.Post.Tests.Cues;

/// <summary>
/// Four generated takes whose channels are clean, noisy, clipped or off mic, conformed to a cut; a two-scene script
/// and breakdown hints: the exact ADR and Foley cue lists, their IDs kept across runs, and their CSV and PDF.
/// </summary>
public sealed class CueTests : IDisposable
{
    private const int Sr = 48000;
    private static readonly FrameRate R25 = FrameRate.Fps25;
    private readonly string root = Path.Combine(Path.GetTempPath(), "perche-cues-" + Guid.NewGuid().ToString("N"));

    private enum Kind
    {
        Clean,
        Noisy,
        Clipped,
        Quiet,
    }

    public CueTests()
    {
        string[] chans = ["Boom", "Lav Marie", "Lav Paul"];
        this.Take("S01T01", "1", "1", "10:00:00:00", Kind.Clean, Kind.Clean, Kind.Clean);
        this.Take("S01T02", "1", "2", "10:01:00:00", Kind.Noisy, Kind.Clipped, Kind.Clean);
        this.Take("S02T01", "2", "1", "10:02:00:00", Kind.Quiet, Kind.Clean, Kind.Quiet);
        this.Take("S02T02", "2", "2", "10:03:00:00", Kind.Clean, Kind.Clean, Kind.Clean);
    }

    public void Dispose() => Directory.Delete(this.root, recursive: true);

    private const string Edl = """
        TITLE: CUES
        FCM: NON-DROP FRAME
        001  A001 V C 10:00:00:00 10:00:04:00 01:00:00:00 01:00:04:00
        * FROM CLIP NAME: 1-1
        002  A002 V C 10:01:00:00 10:01:04:00 01:00:04:00 01:00:08:00
        * FROM CLIP NAME: 1-2
        003  A003 V C 10:02:00:00 10:02:04:00 01:00:08:00 01:00:12:00
        * FROM CLIP NAME: 2-1
        004  A004 V C 10:03:00:00 10:03:04:00 01:00:12:00 01:00:16:00
        * FROM CLIP NAME: 2-2
        """;

    internal const string Script = """
        Title: Cues

        INT. PHARE - SALLE DE VEILLE - NUIT

        MARIE
        Phare de Kerlan, j'écoute.

        PAUL
        Le bateau est amarré.

        EXT. GALERIE DU PHARE - NUIT - VENT

        PAUL
        Marie ! Le vent se lève !

        MARIE
        Rentre !
        """;

    private static readonly BreakdownHint[] Hints =
    [
        new("2", "dialogue:PAUL", SoundCategory.Dialogue, "Paul", true, "PAUL", null, "wind on the gallery"),
        new("2", "props", SoundCategory.Foley, "rambarde", false, null, null, string.Empty),
        new("1", "footsteps", SoundCategory.Foley, "pas", false, null, "wood", string.Empty),
    ];

    private void Take(string name, string scene, string take, string tc, params Kind[] kinds)
    {
        var dir = Path.Combine(this.root, "SR001");
        Directory.CreateDirectory(dir);
        string[] names = ["Boom", "Lav Marie", "Lav Paul"];
        var ixml = IxmlMetadata.CreateEmpty();
        ixml.Scene = scene;
        ixml.Take = take;
        ixml.Tape = "SR001";
        var tracks = new XElement("TRACK_LIST", new XElement("TRACK_COUNT", 3));
        for (var c = 0; c < 3; c++)
        {
            tracks.Add(new XElement("TRACK", new XElement("CHANNEL_INDEX", c + 1), new XElement("INTERLEAVE_INDEX", c + 1), new XElement("NAME", names[c])));
        }

        ixml.Document.Root!.Add(new XElement("SPEED", new XElement("TIMECODE_RATE", "25/1"), new XElement("TIMECODE_FLAG", "NDF"), new XElement("FILE_SAMPLE_RATE", Sr)), tracks);
        var tcFrames = Timecode.Parse(tc, R25).TotalFrames;
        var bext = new BroadcastExtension { Description = "test", OriginationDate = "2026-06-15", OriginationTime = "10:00:00", TimeReferenceSamples = (ulong)(tcFrames * (Sr / 25)), Version = 1 };
        using var w = WavWriter.Create(Path.Combine(dir, name + ".WAV"), WavFormat.Create(SampleEncoding.PcmInt24, Sr, ChannelLayout.Discrete(3), extensible: false), new WavWriterOptions { Bext = bext, Ixml = ixml });
        var frames = 4 * Sr;
        var audio = new float[frames * 3];
        var noise = new Random(7);
        for (var i = 0; i < frames; i++)
        {
            // Half a second of "speech" (a 300 Hz tone), half a second of pause, and so on.
            var talking = (i / (Sr / 2)) % 2 == 0;
            var tone = Math.Sin(2 * Math.PI * 300 * i / Sr);
            for (var c = 0; c < 3; c++)
            {
                audio[(i * 3) + c] = kinds[c] switch
                {
                    Kind.Clean => (float)((talking ? 0.3 * tone : 0) + (0.001 * (noise.NextDouble() - 0.5))),
                    Kind.Noisy => (float)((talking ? 0.3 * tone : 0) + (0.3 * (noise.NextDouble() - 0.5))),
                    Kind.Clipped => (float)Math.Clamp(talking ? 1.5 * tone : 0.001 * (noise.NextDouble() - 0.5), -1, 1),
                    _ => (float)((talking ? 0.009 * tone : 0) + (0.00003 * (noise.NextDouble() - 0.5))),
                };
            }
        }

        w.WriteFrames(audio);
        w.Complete();
    }

    private List<SessionEvent> Events()
    {
        var cut = EdlReader.ReadString(Edl, "cues.edl", new EdlReadOptions { Rate = R25 });
        var result = Conformer.Run(cut, RushIndex.Build(this.root));
        Assert.Equal(4, result.MatchedCount);
        return SessionEvent.From(result.Session);
    }

    private static ScriptDialogue Dialogue() => ScriptDialogue.From(FountainReader.Parse(Script, "cues.fountain"));

    [Fact]
    public void Adr_cues_come_from_the_channels_that_carry_each_character_and_the_breakdown_risks()
    {
        var cues = CueBuilder.Build(this.Events(), Dialogue(), Hints);
        var got = cues.Adr.Select(c => (c.Id, c.Character, c.EventId, c.ReasonCodes, c.Line, TimeMath.Frames(c.Record.Start, R25), TimeMath.Frames(c.Record.Duration, R25))).ToList();
        (string, string, string, string, string, long, long)[] expected =
        [
            ("MA001", "MARIE", "002", "NOISE+CLIP", "Phare de Kerlan, j'écoute.", 100, 100),
            ("PA001", "PAUL", "003", "OFFMIC+RISK", "Marie ! Le vent se lève !", 200, 100),
            ("PA002", "PAUL", "004", "RISK", "Marie ! Le vent se lève !", 300, 100),
        ];
        Assert.Equal(expected, got);
        Assert.Empty(cues.Warnings);

        // The measurements behind them: the clipped lavalier, the boom 0.3 of noise under 0.3 of tone.
        var e002 = cues.Measurements["E002"];
        var lav = e002.Single(m => m.Channel.Name == "Lav Marie");
        Assert.True(lav.Levels.ClippedRuns >= 8, $"{lav.Levels.ClippedRuns} clipped runs");
        Assert.Equal(0.0, lav.Levels.PeakDbfs, 2);
        var boom = e002.Single(m => m.Channel.Name == "Boom");
        Assert.InRange(boom.Levels.SnrDb, 5, 15);
        var clean = cues.Measurements["E001"].Single(m => m.Channel.Name == "Boom").Levels;
        Assert.Equal(20 * Math.Log10(0.3 / Math.Sqrt(2)), clean.SpeechDbfs, 0);
        Assert.Contains("breakdown: Paul — wind on the gallery", cues.Adr[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Foley_cues_cover_each_scene_run_per_character_and_prop()
    {
        var cues = CueBuilder.Build(this.Events(), Dialogue(), Hints, new CueOptions { AnalyzeAudio = false });
        var got = cues.Foley.Select(c => (c.Id, c.Scene, c.Kind, c.Character, c.Description, c.Surface, TimeMath.Frames(c.Record.Start, R25), TimeMath.Frames(c.Record.Duration, R25))).ToList();
        (string, string, FoleyKind, string, string, string, long, long)[] expected =
        [
            ("FS001", "1", FoleyKind.Footsteps, "MARIE", "pas", "wood", 0, 200),
            ("CL001", "1", FoleyKind.Cloth, "MARIE", "cloth", string.Empty, 0, 200),
            ("FS002", "1", FoleyKind.Footsteps, "PAUL", "pas", "wood", 0, 200),
            ("CL002", "1", FoleyKind.Cloth, "PAUL", "cloth", string.Empty, 0, 200),
            ("FS003", "2", FoleyKind.Footsteps, "PAUL", "footsteps", string.Empty, 200, 200),
            ("CL003", "2", FoleyKind.Cloth, "PAUL", "cloth", string.Empty, 200, 200),
            ("PR001", "2", FoleyKind.Props, string.Empty, "rambarde", string.Empty, 200, 200),
        ];
        Assert.Equal(expected, got);

        // Scene 2 has a breakdown that lists only PAUL on screen: MARIE gets no footsteps there; scene 1 has none, so the script's speakers count.
        // Without audio analysis only the breakdown's risks make ADR cues.
        Assert.Equal(["PA001", "PA002"], cues.Adr.Select(c => c.Id));
    }

    [Fact]
    public void Cue_ids_survive_a_new_run_and_new_cues_continue_the_numbering()
    {
        var events = this.Events();
        var first = CueBuilder.Build(events, Dialogue(), Hints);

        // The next cut drops scene 1's first event and brings event 002's material back under a new material ID.
        var moved = events[1] with { Material = "R009", EventId = "007" };
        var second = CueBuilder.Build([events[2], events[3], moved], Dialogue(), Hints, new CueOptions { PreviousAdr = first.Adr, PreviousFoley = first.Foley });
        Assert.Equal(["PA001", "PA002", "MA002"], second.Adr.Select(c => c.Id));
        Assert.Equal("FS003", second.Foley.First(c => c.Scene == "2" && c.Character == "PAUL").Id);
    }

    [Fact]
    public void Cue_lists_export_as_csv_and_pdf()
    {
        var cues = CueBuilder.Build(this.Events(), Dialogue(), Hints);
        var start = Timecode.Parse("01:00:00:00", R25).ToRationalTime();
        var csv = CueExport.AdrCsv(cues.Adr, R25, start).Split("\r\n");
        Assert.Equal("cue,character,tc_in,tc_out,duration_s,scene,take,event,reason,line,detail", csv[0]);
        Assert.StartsWith("MA001,MARIE,01:00:04:00,01:00:08:00,4.00,1,2,002,NOISE+CLIP,\"Phare de Kerlan, j'écoute.\",", csv[1], StringComparison.Ordinal);
        Assert.Equal("FS001,1,footsteps,MARIE,pas,wood,01:00:00:00,01:00:08:00,8.00", CueExport.FoleyCsv(cues.Foley, R25, start).Split("\r\n")[1]);

        var pdf = Path.Combine(this.root, "adr.pdf");
        CueExport.WriteAdrPdf(pdf, "Cues", cues.Adr, R25, start);
        var bytes = File.ReadAllBytes(pdf);
        Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);
        Assert.False(File.Exists(pdf + ".tmp"));
        Assert.True(bytes.Length > 1000);
    }

    [ProgramFact("pdftotext")]
    public void The_adr_pdf_reads_back_with_every_cue()
    {
        var cues = CueBuilder.Build(this.Events(), Dialogue(), Hints);
        var pdf = Path.Combine(this.root, "adr.pdf");
        CueExport.WriteAdrPdf(pdf, "Cues", cues.Adr, R25, Timecode.Parse("01:00:00:00", R25).ToRationalTime());
        var psi = new System.Diagnostics.ProcessStartInfo("pdftotext", ["-layout", pdf, "-"]) { RedirectStandardOutput = true };
        using var p = System.Diagnostics.Process.Start(psi)!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Contains("Cues — ADR cue list", text, StringComparison.Ordinal);
        foreach (var id in new[] { "MA001", "PA001", "PA002", "01:00:04:00", "NOISE+CLIP", "OFFMIC+RISK" })
        {
            Assert.Contains(id, text, StringComparison.Ordinal);
        }

        Assert.Contains("page 1 / 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Initials_and_scene_keys()
    {
        Assert.Equal("GC", CueText.Initials("GARDE-CÔTES"));
        Assert.Equal("MA", CueText.Initials("Marie"));
        Assert.Equal("MAR", CueText.Initials("MARIE", 3));
        Assert.Equal("12A", CueText.SceneKey(" 012a "));
        Assert.Equal("MARIE", CueBuilder.LavCharacter("Lav Marie"));
        Assert.Null(CueBuilder.LavCharacter("Boom"));
        _ = CultureInfo.InvariantCulture;
    }
}
