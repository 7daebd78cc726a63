using System.Text;
using Perche.Core;
using Perche.Core.Tests.Support;
using Perche.Post.Adapters;
using Perche.Post.Adapters.Edl;
using Perche.Post.Adapters.Fcp7Xml;
using Perche.Post.Adapters.FcpxXml;
using Perche.Post.Adapters.Otio;

namespace Perche.Post.Tests;

/// <summary>Damaged edit files: every reader either reads them or throws PercheFormatException, never anything else.</summary>
public class RobustnessTests
{
    [SharedDataFact]
    public void Mutated_edls_read_or_fail_cleanly_in_both_modes()
    {
        var original = File.ReadAllText(T.Cmx("screening_example.edl"));
        var random = new Random(36);
        const string alphabet = "0123456789:;ABCDVW* \t\r\n-.";
        for (var i = 0; i < 400; i++)
        {
            var chars = original.ToCharArray();
            for (var k = 0; k < 3; k++)
            {
                chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);
            Clean(() => EdlReader.ReadString(text, "m.edl", new EdlReadOptions { Rate = Core.Time.FrameRate.Fps24 }));
            var tolerant = EdlReader.ReadString(text, "m.edl", new EdlReadOptions { Rate = Core.Time.FrameRate.Fps24, Tolerant = true });
            Assert.NotNull(tolerant);
        }
    }

    [SharedDataTheory]
    [InlineData("OpenTimelineIO/tests/sample_data/transition.otio")]
    [InlineData("otio-fcp-adapter/tests/sample_data/premiere_example.xml")]
    [InlineData("otio-fcpx-xml-adapter/tests/sample_data/fcpx_project.fcpxml")]
    public void Truncated_files_fail_cleanly(string relative)
    {
        var bytes = File.ReadAllBytes(T.Path(relative));
        foreach (var fraction in new[] { 0.0, 0.1, 0.5, 0.9, 0.99 })
        {
            var cut = bytes[..(int)(bytes.Length * fraction)];
            var ex = Assert.Throws<PercheFormatException>(() =>
            {
                using var s = new MemoryStream(cut);
                _ = relative.EndsWith(".otio", StringComparison.Ordinal) ? OtioJsonReader.ReadString(Encoding.UTF8.GetString(cut), "cut")
                    : relative.EndsWith(".xml", StringComparison.Ordinal) ? Fcp7XmlReader.Read(s, "cut")
                    : FcpxXmlReader.Read(s, "cut");
            });
            Assert.StartsWith("cut", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Unknown_formats_and_missing_files_are_named()
    {
        var path = Path.Combine(Path.GetTempPath(), "perche-unknown-" + Guid.NewGuid().ToString("N") + ".bin");
        File.WriteAllBytes(path, [1, 2, 3, 4]);
        try
        {
            var ex = Assert.Throws<PercheFormatException>(() => TimelineFile.Read(path));
            Assert.Contains("not an edit file", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Contains("no such file", Assert.Throws<PercheFormatException>(() => TimelineFile.Read("/nonexistent/cut.aaf")).Message, StringComparison.Ordinal);
    }

    private static void Clean(Action read)
    {
        try
        {
            read();
        }
        catch (PercheFormatException)
        {
        }
    }
}
