using Perche.Core.Tests.Support;
using Perche.Preproduction.Formats.Fountain;
using Perche.Preproduction.Screenplay;

namespace Perche.Preproduction.Tests;

/// <summary>
/// The element expectations of the Fountain reference parser (nyousefi/Fountain's tests, transcribed in
/// ../shared/testdata/expected/fountain-nyousefi.md): element kinds at the same flat indices.
/// </summary>
public sealed class FountainReaderTests
{
    private static List<ScriptElement> Elements(string file) =>
        FountainReader.ParseElements(File.ReadAllText(TestData.Shared("Fountain/FountainTests/" + file))).Elements;

    public static TheoryData<string, int, ElementKind> ReferenceKinds() => new()
    {
        { "Big Fish.fountain", 11, ElementKind.SceneHeading }, { "Big Fish.fountain", 17, ElementKind.SceneHeading },
        { "Big Fish.fountain", 31, ElementKind.SceneHeading }, { "Big Fish.fountain", 50, ElementKind.SceneHeading },
        { "Big Fish.fountain", 6, ElementKind.Character }, { "Big Fish.fountain", 9, ElementKind.Character },
        { "Big Fish.fountain", 13, ElementKind.Character }, { "Big Fish.fountain", 19, ElementKind.Character },
        { "Big Fish.fountain", 39, ElementKind.Character },
        { "Big Fish.fountain", 7, ElementKind.Dialogue }, { "Big Fish.fountain", 10, ElementKind.Dialogue },
        { "Big Fish.fountain", 14, ElementKind.Dialogue }, { "Big Fish.fountain", 16, ElementKind.Dialogue },
        { "Big Fish.fountain", 20, ElementKind.Dialogue }, { "Big Fish.fountain", 24, ElementKind.Dialogue },
        { "Big Fish.fountain", 15, ElementKind.Parenthetical }, { "Big Fish.fountain", 23, ElementKind.Parenthetical },
        { "Big Fish.fountain", 40, ElementKind.Parenthetical }, { "Big Fish.fountain", 70, ElementKind.Parenthetical },
        { "Big Fish.fountain", 209, ElementKind.Transition }, { "Big Fish.fountain", 1, ElementKind.PageBreak },
        { "Big Fish.fountain", 0, ElementKind.Action }, { "Big Fish.fountain", 3, ElementKind.Action },
        { "Big Fish.fountain", 38, ElementKind.Action },
        { "Boneyard.fountain", 1, ElementKind.Boneyard }, { "Boneyard.fountain", 2, ElementKind.Boneyard },
        { "Brick And Steel.txt", 0, ElementKind.SceneHeading }, { "Brick And Steel.txt", 23, ElementKind.SceneHeading },
        { "Brick And Steel.txt", 32, ElementKind.SceneHeading }, { "Brick And Steel.txt", 40, ElementKind.SceneHeading },
        { "Brick And Steel.txt", 49, ElementKind.SceneHeading }, { "Brick And Steel.txt", 55, ElementKind.SceneHeading },
        { "Brick And Steel.txt", 3, ElementKind.Character }, { "Brick And Steel.txt", 5, ElementKind.Character },
        { "Brick And Steel.txt", 18, ElementKind.Character }, { "Brick And Steel.txt", 20, ElementKind.Character },
        { "Brick And Steel.txt", 25, ElementKind.Character },
        { "Brick And Steel.txt", 4, ElementKind.Dialogue }, { "Brick And Steel.txt", 12, ElementKind.Dialogue },
        { "Brick And Steel.txt", 27, ElementKind.Dialogue },
        { "Brick And Steel.txt", 11, ElementKind.Parenthetical }, { "Brick And Steel.txt", 26, ElementKind.Parenthetical },
        { "Brick And Steel.txt", 22, ElementKind.Transition }, { "Brick And Steel.txt", 31, ElementKind.Transition },
        { "Brick And Steel.txt", 68, ElementKind.Transition }, { "Brick And Steel.txt", 77, ElementKind.Transition },
        { "Brick And Steel.txt", 1, ElementKind.Action }, { "Brick And Steel.txt", 16, ElementKind.Action },
        { "Brick And Steel.txt", 30, ElementKind.Action }, { "Brick And Steel.txt", 52, ElementKind.Action },
        { "CenteredText.fountain", 0, ElementKind.Action }, { "CenteredText.fountain", 1, ElementKind.Transition },
        { "CenteredText.fountain", 2, ElementKind.Action }, { "CenteredText.fountain", 3, ElementKind.Action },
        { "Dialogue.fountain", 0, ElementKind.Character }, { "Dialogue.fountain", 2, ElementKind.Character },
        { "Dialogue.fountain", 9, ElementKind.Character }, { "Dialogue.fountain", 20, ElementKind.Character },
        { "Dialogue.fountain", 23, ElementKind.Character }, { "Dialogue.fountain", 27, ElementKind.Character },
        { "Dialogue.fountain", 18, ElementKind.Character }, { "Dialogue.fountain", 16, ElementKind.Character },
        { "Dialogue.fountain", 5, ElementKind.Parenthetical }, { "Dialogue.fountain", 15, ElementKind.Parenthetical },
        { "Dialogue.fountain", 28, ElementKind.Parenthetical },
        { "Dialogue.fountain", 1, ElementKind.Dialogue }, { "Dialogue.fountain", 12, ElementKind.Dialogue },
        { "Dialogue.fountain", 8, ElementKind.Dialogue }, { "Dialogue.fountain", 26, ElementKind.Dialogue },
        { "Dialogue.fountain", 29, ElementKind.Dialogue },
        { "ForcedElements.fountain", 0, ElementKind.Action }, { "ForcedElements.fountain", 1, ElementKind.Character },
        { "ForcedElements.fountain", 4, ElementKind.Lyrics },
        { "Indenting.fountain", 0, ElementKind.Transition }, { "Indenting.fountain", 3, ElementKind.Character },
        { "Indenting.fountain", 4, ElementKind.Dialogue }, { "Indenting.fountain", 6, ElementKind.Parenthetical },
        { "MultilineAction.fountain", 0, ElementKind.Action }, { "MultilineAction.fountain", 1, ElementKind.Action },
        { "MultilineAction.fountain", 2, ElementKind.Action },
        { "Notes.fountain", 1, ElementKind.Note },
        { "PageBreaks.fountain", 1, ElementKind.PageBreak }, { "PageBreaks.fountain", 3, ElementKind.PageBreak },
        { "SceneHeaders.fountain", 0, ElementKind.SceneHeading }, { "SceneHeaders.fountain", 1, ElementKind.SceneHeading },
        { "SceneHeaders.fountain", 2, ElementKind.SceneHeading }, { "SceneHeaders.fountain", 3, ElementKind.SceneHeading },
        { "SceneHeaders.fountain", 4, ElementKind.SceneHeading }, { "SceneHeaders.fountain", 6, ElementKind.SceneHeading },
        { "SceneHeaders.fountain", 7, ElementKind.SceneHeading }, { "SceneHeaders.fountain", 8, ElementKind.SceneHeading },
        { "SceneHeaders.fountain", 11, ElementKind.SceneHeading }, { "SceneHeaders.fountain", 12, ElementKind.SceneHeading },
        { "SceneHeaders.fountain", 13, ElementKind.SceneHeading }, { "SceneHeaders.fountain", 14, ElementKind.SceneHeading },
        { "SceneHeaders.fountain", 18, ElementKind.SceneHeading },
        { "SectionHeaders.fountain", 0, ElementKind.Section }, { "SectionHeaders.fountain", 1, ElementKind.Section },
        { "SectionHeaders.fountain", 2, ElementKind.Section }, { "SectionHeaders.fountain", 3, ElementKind.Section },
        { "SectionHeaders.fountain", 4, ElementKind.Section }, { "SectionHeaders.fountain", 5, ElementKind.Section },
        { "SectionHeaders.fountain", 6, ElementKind.Section },
        { "Synopses.fountain", 1, ElementKind.Synopsis }, { "Synopses.fountain", 3, ElementKind.Synopsis },
        { "Synopses.fountain", 5, ElementKind.Synopsis },
        { "Transitions.fountain", 0, ElementKind.Transition }, { "Transitions.fountain", 1, ElementKind.Transition },
        { "Transitions.fountain", 2, ElementKind.Transition }, { "Transitions.fountain", 3, ElementKind.Transition },
        { "Transitions.fountain", 5, ElementKind.Transition }, { "Transitions.fountain", 6, ElementKind.Transition },
    };

    [SharedDataTheory]
    [MemberData(nameof(ReferenceKinds))]
    public void Element_kind_matches_the_reference_parser(string file, int index, ElementKind kind)
    {
        var elements = Elements(file);
        Assert.True(index < elements.Count, $"{file} has {elements.Count} elements");
        Assert.Equal(kind, elements[index].Kind);
    }

    public static TheoryData<string, int, ElementKind> ReferenceNotKinds() => new()
    {
        { "SceneHeaders.fountain", 15, ElementKind.SceneHeading }, { "SceneHeaders.fountain", 16, ElementKind.SceneHeading },
        { "SceneHeaders.fountain", 17, ElementKind.SceneHeading }, { "Transitions.fountain", 4, ElementKind.Transition },
    };

    [SharedDataTheory]
    [MemberData(nameof(ReferenceNotKinds))]
    public void Element_is_not_of_the_kind_the_reference_parser_rejects(string file, int index, ElementKind kind)
    {
        Assert.NotEqual(kind, Elements(file)[index].Kind);
    }
}
