using Perche.Core.Tests.Support;
using Perche.Preproduction.Formats;
using Perche.Preproduction.Screenplay;

namespace Perche.Preproduction.Tests;

/// <summary>
/// screenplain's fixtures (../shared/testdata/screenplain/tests/files): for each Fountain source with an FDX that
/// screenplain wrote from it, our Fountain reader and our FDX reader must give the same elements (kind and text).
/// </summary>
public sealed class ScreenplainFixtureTests
{
    public static TheoryData<string> Pairs() => new()
    {
        "dialogue", "dialogue-with-blank-line", "dual-dialogue", "extended-characters", "forced-action", "indentation",
        "parenthetical", "simple", "utf-8-bom",
    };

    [SharedDataTheory]
    [MemberData(nameof(Pairs))]
    public void Fountain_and_its_screenplain_fdx_give_the_same_elements(string name)
    {
        var fountain = ScreenplayReader.Read(TestData.Shared($"screenplain/tests/files/{name}.fountain"));
        var fdx = ScreenplayReader.Read(TestData.Shared($"screenplain/tests/files/{name}.fdx"));
        Assert.Equal(Describe(fountain), Describe(fdx));
    }

    private static List<string> Describe(Screenplay.Screenplay s) =>
        s.Elements.Where(e => e.Kind is not (ElementKind.PageBreak or ElementKind.Note or ElementKind.Boneyard))
            .Select(e => $"{e.Kind}{(e.IsDual ? " dual" : string.Empty)}: {Normalise(e.Text)}").ToList();

    // screenplain writes emphasis as styles and joins lines with spaces; compare the words.
    private static string Normalise(string text) =>
        string.Join(' ', text.Replace("*", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal)
            .Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
