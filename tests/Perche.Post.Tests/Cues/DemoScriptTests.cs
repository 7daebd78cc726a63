using Perche.Post.Cues;
using Perche.Preproduction.Formats;
using Perche.Preproduction.Screenplay;

namespace Perche.Post.Tests.Cues;

/// <summary>The demo screenplay's dialogue as the cue lists read it.</summary>
public sealed class DemoScriptTests
{
    private static string DemoScript()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Perche.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir!.FullName, "samples", "le-phare", "script", "LePhare.fountain");
    }

    [Fact]
    public void Lines_carry_character_delivery_and_place_in_the_scene()
    {
        var d = ScriptDialogue.From(ScreenplayReader.Read(DemoScript()));
        var scene1 = d.Lines("1");
        Assert.Equal([("MARIE", Delivery.OnScreen), ("GARDE-CÔTES", Delivery.OffScreen), ("MARIE", Delivery.OnScreen)], scene1.Select(l => (l.Character, l.Delivery)));
        Assert.Equal("Phare de Kerlan, j'écoute.", scene1[0].Text);
        Assert.Equal(["PAUL", "MARIE"], d.Speakers("2"));
        Assert.Equal(Delivery.OffScreen, d.Lines("2")[1].Delivery);

        // Places are the middles of the lines in the scene's spoken text, in order.
        Assert.True(scene1[0].PositionInScene < scene1[1].PositionInScene && scene1[1].PositionInScene < scene1[2].PositionInScene);
        Assert.InRange(scene1[2].PositionInScene, 0.9, 1.0);
    }
}
