using System.Text.Json;
using Perche.Core.Audio;
using Perche.Delivery.Processing;
using Perche.Delivery.Profiles;
using Perche.Delivery.Tests.Support;

namespace Perche.Delivery.Tests;

public sealed class ReportTests
{
    private static DeliveryResult DeliverWithReports(Signals.TempFolder dir, string language)
    {
        var source = dir.File("prog.wav");
        Signals.Write(source, Signals.AtLoudnessAndPeak(ChannelLayout.Stereo, 4, -18, -2), ChannelLayout.Stereo);
        return DeliveryEngine.Deliver(source, ProfileCatalog.Load("/nonexistent").Get("ebu-r128"), new DeliveryOptions { OutputFolder = dir.File("out"), Encode = false, Language = language });
    }

    [Fact]
    public void Each_delivered_file_gets_a_self_contained_html_report_with_the_plot_and_every_criterion()
    {
        using var dir = new Signals.TempFolder();
        var result = DeliverWithReports(dir, "en");
        var master = result.Files[0];
        var html = File.ReadAllText(master.Reports.Single(r => r.EndsWith(".qc.html", StringComparison.Ordinal)));
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("<polyline", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.Contains("Delivery QC report", html, StringComparison.Ordinal);
        Assert.Contains("Maximum true peak", html, StringComparison.Ordinal);
        Assert.Contains("EBU R 128 v5 (2023)", html, StringComparison.Ordinal);
        Assert.Contains("PASS", html, StringComparison.Ordinal);
        Assert.Contains(DeliveryEngine.ToolVersion, html, StringComparison.Ordinal);
        foreach (var c in master.Criteria)
        {
            Assert.Contains(Reports.ReportText.Get(c.Id, "en"), html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_french_report_speaks_french()
    {
        using var dir = new Signals.TempFolder();
        var result = DeliverWithReports(dir, "fr");
        var html = File.ReadAllText(result.Files[0].Reports.Single(r => r.EndsWith(".html", StringComparison.Ordinal)));
        Assert.Contains("Rapport de contrôle qualité de livraison", html, StringComparison.Ordinal);
        Assert.Contains("Crête vraie maximale", html, StringComparison.Ordinal);
        Assert.Contains("CONFORME", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"fr\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pdf_and_json_reports_are_written_and_readable()
    {
        using var dir = new Signals.TempFolder();
        var result = DeliverWithReports(dir, "en");
        var master = result.Files[0];
        Assert.Empty(result.Errors);
        var pdf = master.Reports.Single(r => r.EndsWith(".qc.pdf", StringComparison.Ordinal));
        var bytes = File.ReadAllBytes(pdf);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
        Assert.True(bytes.Length > 5000);
        Assert.Contains("%%EOF", System.Text.Encoding.ASCII.GetString(bytes, bytes.Length - 32, 32), StringComparison.Ordinal);

        using var json = JsonDocument.Parse(File.ReadAllText(master.Reports.Single(r => r.EndsWith(".qc.json", StringComparison.Ordinal))));
        var root = json.RootElement;
        Assert.Equal("ebu-r128", root.GetProperty("profile").GetString());
        Assert.Equal("pass", root.GetProperty("verdict").GetString());
        Assert.Equal(-23.0, root.GetProperty("measurement").GetProperty("integratedLufs").GetDouble(), 0.1);
        Assert.Equal(-5.0, root.GetProperty("gainDb").GetDouble(), 0.05);
        Assert.Empty(Directory.GetFiles(dir.File("out"), ".*"));
    }
}
