using System.Text;
using Perche.Preproduction.Formats.Fdx;
using Perche.Preproduction.Formats.Fountain;
using Perche.Preproduction.Formats.PlainText;

namespace Perche.Fuzz.Targets;

/// <summary>Targets for the screenplay readers of src/Perche.Preproduction.</summary>
public static class PreproductionTargets
{
    /// <summary>A Fountain screenplay.</summary>
    public static void Fountain(byte[] data) => Exercise(FountainReader.Parse(Encoding.UTF8.GetString(data), "fuzz.fountain"));

    /// <summary>A Final Draft .fdx screenplay.</summary>
    public static void Fdx(byte[] data) => Exercise(FdxReader.Read(new MemoryStream(data, writable: false), "fuzz.fdx"));

    /// <summary>A screenplay as plain text.</summary>
    public static void PlainText(byte[] data) => Exercise(PlainTextReader.Parse(Encoding.UTF8.GetString(data), "fuzz.txt"));

    private static void Exercise(Perche.Preproduction.Screenplay.Screenplay play)
    {
        _ = play.Title;
        _ = play.LengthPages;
        FuzzCheck.That(double.IsFinite(play.LengthPages) && play.LengthPages >= 0, $"length of {play.LengthPages} pages");
        foreach (var scene in play.Scenes)
        {
            _ = scene.ToString();
        }

        foreach (var (name, lines) in play.Characters)
        {
            FuzzCheck.That(lines >= 0 && name.Length > 0, $"character '{name}' with {lines} lines");
        }
    }
}
