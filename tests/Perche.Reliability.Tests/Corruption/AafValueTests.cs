using Perche.Reliability.Tests.Support;

namespace Perche.Reliability.Tests.Corruption;

/// <summary>
/// AAF lengths and positions are Int64 edit units read straight from the file: a damaged value must be refused where
/// it is read, naming the object, not surface later as another exception from the time types.
/// </summary>
public sealed class AafValueTests
{
    [Fact]
    public void A_clip_with_a_huge_negative_length_is_refused_naming_the_object()
    {
        // Found by the CI fuzz smoke: the length reached TimeRange, which threw ArgumentOutOfRangeException.
        var input = File.ReadAllBytes(Path.Combine(Paths.Corpus, "aaf", "b54f4254847416b5.bin"));
        var result = ReaderAssert.ClearError("aaf", input, "negative source clip length", "is not a length in edit units");
        Assert.Contains("property 0x0202", result.Detail, StringComparison.Ordinal);
    }
}
