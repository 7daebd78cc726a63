using System.Buffers.Binary;
using System.Text;
using Perche.Reliability.Tests.Support;

namespace Perche.Reliability.Tests.Corruption;

/// <summary>Many cue points and labels: reading stays linear in the size of the chunk.</summary>
public sealed class CueBombTests
{
    [Fact]
    public void A_hundred_thousand_labels_for_distinct_cues_read_in_linear_time()
    {
        // Each label names a cue id of its own: a reader that searches the list for every label is quadratic.
        const int count = 100_000;
        var adtl = new byte[count * 12];
        for (var i = 0; i < count; i++)
        {
            var s = adtl.AsSpan(i * 12);
            Encoding.ASCII.GetBytes("labl").CopyTo(s);
            BinaryPrimitives.WriteUInt32LittleEndian(s[4..], 4);
            BinaryPrimitives.WriteUInt32LittleEndian(s[8..], (uint)i);
        }

        var input = new byte[2 + adtl.Length];
        adtl.CopyTo(input, 2);
        var result = ReaderAssert.Reads("cue", input, $"{count} labels");
        Assert.True(result.ElapsedSeconds < 5, $"{count} labels took {result.ElapsedSeconds:F1} s");
    }
}
