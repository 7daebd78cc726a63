using Perche.Core.Formats.Wav;

namespace Perche.Core.Tests.Formats.Wav;

/// <summary>Comparisons of two WAVE files' content.</summary>
internal static class WavAssert
{
    /// <summary>Same container, format, chunk order and sizes, and metadata.</summary>
    public static void SameContent(WavInfo expected, WavInfo actual)
    {
        Assert.Equal(expected.Container, actual.Container);
        Assert.Equal(expected.Format.ToString(), actual.Format.ToString());
        Assert.Equal(expected.Format.ChannelMask, actual.Format.ChannelMask);
        Assert.Equal(expected.FrameCount, actual.FrameCount);
        Assert.Equal(expected.Chunks.Select(c => (c.DisplayName, c.Size)), actual.Chunks.Select(c => (c.DisplayName, c.Size)));
        Assert.Equal(expected.Bext?.ToBytes(), actual.Bext?.ToBytes());
        Assert.Equal(expected.Ixml?.ToBytes(), actual.Ixml?.ToBytes());
        Assert.Equal(expected.Info, actual.Info);
        Assert.Equal(
            expected.Cues.Select(c => (c.Id, c.SampleOffset, c.Label, c.Note, c.RangeLengthSamples)),
            actual.Cues.Select(c => (c.Id, c.SampleOffset, c.Label, c.Note, c.RangeLengthSamples)));
    }

    /// <summary>The raw audio bytes of both files are identical.</summary>
    public static void SameAudio(string expectedPath, string actualPath)
    {
        using var a = WavReader.OpenSamples(expectedPath);
        using var b = WavReader.OpenSamples(actualPath);
        Assert.Equal(a.FrameCount, b.FrameCount);
        var bufA = new byte[a.Format.BlockAlign * 4096];
        var bufB = new byte[b.Format.BlockAlign * 4096];
        while (true)
        {
            var na = a.ReadRawFrames(bufA);
            var nb = b.ReadRawFrames(bufB);
            Assert.Equal(na, nb);
            if (na == 0)
            {
                break;
            }

            Assert.True(bufA.AsSpan(0, na * a.Format.BlockAlign).SequenceEqual(bufB.AsSpan(0, nb * b.Format.BlockAlign)));
        }
    }
}
