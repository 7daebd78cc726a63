using System.Text;
using Perche.Core.Tests.Support;
using Perche.Production.Mhl;
using Perche.Production.Report;
using Perche.Production.Tests.Mhl;

namespace Perche.Production.Tests.Report;

public class ReportOutputTests
{
    private static SoundReport Build(TempTree t, int takes = 3)
    {
        for (var i = 1; i <= takes; i++)
        {
            RecorderWav.Write(t.Path($"S01T{i:00}.WAV"), "1", i.ToString(System.Globalization.CultureInfo.InvariantCulture), 36000 + (i * 10), [RecorderWav.Sine(0.5, 0.25), RecorderWav.Sine(0.5, 0.1, seed: 2)],
                ["Boom", "Lav Marie"], note: i == 2 ? "avion, \"au loin\" <bruit>" : null, circled: i == 2);
        }

        return SoundReportBuilder.Build(t.Root, new ReportOptions { SoundMixer = "Jeanne Son", BoomOperator = "Paul Perche", ToneReference = "1 kHz -18 dBFS" });
    }

    [Fact]
    public void Csv_has_the_header_fields_and_one_quoted_row_per_take()
    {
        using var t = new TempTree();
        var r = Build(t);
        var csv = CsvReportWriter.Write(r, ReportLabels.French);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Production,Le Phare", lines[0]);
        Assert.Equal("Chef opérateur du son,Jeanne Son", lines[2]);
        Assert.StartsWith("Fichier(s),Bobine,Séq.,Prise,Cerclée,TC début", lines[9], StringComparison.Ordinal);
        Assert.Equal("S01T01.WAV,SR001,1,1,,10:00:10:00,0:00:00,25,48,24,2,1:Boom 2:Lav Marie,,,", lines[10]);
        Assert.Equal("S01T02.WAV,SR001,1,2,O,10:00:20:00,0:00:00,25,48,24,2,1:Boom 2:Lav Marie,,\"avion, \"\"au loin\"\" <bruit>\",", lines[11]);
        Assert.Equal(13, lines.Length);

        var path = t.Path("out/report.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        CsvReportWriter.WriteFile(r, ReportLabels.English, path);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
    }

    [Fact]
    public void Html_is_self_contained_escaped_and_circles_the_take()
    {
        using var t = new TempTree();
        var html = HtmlReportWriter.Write(Build(t), ReportLabels.French);
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Rapport son</h1>", html, StringComparison.Ordinal);
        Assert.Contains("avion, &quot;au loin&quot; &lt;bruit&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"circ\">2</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, html.Split("<tr").Length - 1 - 9 - 1);
    }

    [SharedDataFact]
    public void Ale_lists_the_sound_devices_takes_at_23_976()
    {
        var r = SoundReportBuilder.Build(TestData.Shared("wavinfo/tests/test_files/sounddevices"));
        var ale = AleWriter.Write(r);
        var lines = ale.Split('\n');
        Assert.Equal("Heading", lines[0]);
        Assert.Contains("FPS\t23.976", lines, StringComparer.Ordinal);
        Assert.Contains("AUDIO_FORMAT\t48khz", lines, StringComparer.Ordinal);
        var columns = lines[Array.IndexOf(lines, "Column") + 1].Split('\t');
        var data = lines.SkipWhile(l => l != "Data").Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
        Assert.All(data, d => Assert.Equal(columns.Length, d.Length));
        var take2 = data.Single(d => d[0] == "A101-2");
        Assert.Equal("A1A2", take2[Array.IndexOf(columns, "Tracks")]);
        Assert.Equal("12:40:04:00", take2[Array.IndexOf(columns, "Start")]);
        Assert.Equal("12:40:14:00", take2[Array.IndexOf(columns, "End")]);
        Assert.Equal("18Y12M31", take2[Array.IndexOf(columns, "Soundroll")]);
        Assert.Equal("MKH516 A, Boom", take2[Array.IndexOf(columns, "Track Names")]);
    }

    [Fact]
    public void Pdf_is_a_readable_document_with_more_pages_for_more_takes()
    {
        using var t = new TempTree();
        var r = Build(t);
        using var ms = new MemoryStream();
        PdfReportWriter.Write(r, ReportLabels.French, ms);
        var bytes = ms.ToArray();
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5));
        ms.Position = 0;
        using (var doc = PdfSharp.Pdf.IO.PdfReader.Open(ms, PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import))
        {
            Assert.Equal(1, doc.PageCount);
        }

        // 120 takes do not fit one A4 page: the table continues with its headings on the next pages.
        var many = new SoundReport { Source = t.Root };
        for (var i = 0; i < 120; i++)
        {
            many.Takes.Add(r.Takes[i % r.Takes.Count]);
        }

        using var ms2 = new MemoryStream();
        PdfReportWriter.Write(many, ReportLabels.English, ms2);
        ms2.Position = 0;
        using var doc2 = PdfSharp.Pdf.IO.PdfReader.Open(ms2, PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        Assert.InRange(doc2.PageCount, 3, 6);
    }

    [ProgramFact("pdftotext")]
    public void Pdf_text_holds_the_headings_and_the_takes()
    {
        using var t = new TempTree();
        var path = t.Path("report.pdf");
        PdfReportWriter.WriteFile(Build(t), ReportLabels.French, path);
        var (code, text, _) = ExternalProgram.Run("pdftotext", "-layout", path, "-");
        Assert.Equal(0, code);
        Assert.Contains("Rapport son", text, StringComparison.Ordinal);
        Assert.Contains("Le Phare", text, StringComparison.Ordinal);
        Assert.Contains("Jeanne Son", text, StringComparison.Ordinal);
        Assert.Contains("10:00:20:00", text, StringComparison.Ordinal);
        Assert.Contains("Lav Marie", text, StringComparison.Ordinal);
        Assert.Contains("Page 1 / 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_file_is_listed_and_the_others_are_reported()
    {
        using var t = new TempTree();
        Build(t, 2);
        var bytes = File.ReadAllBytes(t.Path("S01T01.WAV"));
        File.WriteAllBytes(t.Path("S01T03.WAV"), bytes[..30]);
        var r = SoundReportBuilder.Build(t.Root);
        Assert.Equal(2, r.Takes.Count);
        var bad = Assert.Single(r.Unreadable);
        Assert.Equal("S01T03.WAV", bad.RelativePath);
        Assert.Contains("S01T03.WAV", bad.Problem, StringComparison.Ordinal);
        Assert.Contains("byte", bad.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Five_hundred_files_are_read_and_grouped()
    {
        using var t = new TempTree();
        var bytes = File.ReadAllBytes(Path.Combine(TestData.RepositoryRoot, "samples/le-phare/rushes/SR001/S01T01.WAV"));
        for (var i = 0; i < 500; i++)
        {
            t.Write($"card/F{i:000}.WAV", bytes);
        }

        var r = SoundReportBuilder.Build(t.Path("card"));
        Assert.Equal(500, r.Takes.Count);
    }
}
