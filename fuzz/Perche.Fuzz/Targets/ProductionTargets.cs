using Perche.Core.Formats.Wav;
using Perche.Production.Mhl;
using Perche.Production.Report;

namespace Perche.Fuzz.Targets;

/// <summary>Targets for the readers of src/Perche.Production: ASC MHL and the sound report's recorder files.</summary>
public static class ProductionTargets
{
    /// <summary>An ASC MHL v2.0 generation file; what was read writes back and reads the same.</summary>
    public static void Mhl(byte[] data)
    {
        var generation = MhlXml.Read(data, "fuzz.mhl");
        var again = MhlXml.Read(MhlXml.Write(generation), "rewritten.mhl");
        FuzzCheck.That(again.SequenceNumber == generation.SequenceNumber && again.IgnorePatterns.Count == generation.IgnorePatterns.Count, "MHL round trip changed the generation");
    }

    /// <summary>An ASC MHL chain file (ascmhl_chain.xml).</summary>
    public static void MhlChainFile(byte[] data)
    {
        var links = MhlChain.Read(data, "ascmhl_chain.xml");
        var again = MhlChain.Read(MhlChain.Write(links), "rewritten.xml");
        FuzzCheck.That(again.Count == links.Count, "chain round trip changed the number of links");
    }

    /// <summary>A recorder file as the sound report reads it: the WAVE metadata, then the recorder's dialect.</summary>
    public static void RecorderFile(byte[] data)
    {
        var info = WavReader.ReadInfo(new MemoryStream(data, writable: false), "fuzz.wav");
        var file = RecorderFileReader.FromInfo(info, "/fuzz/A001.WAV", "A001.WAV");
        _ = (file.Scene, file.Take, file.Tape, file.Note, file.Circled, file.Recorder, file.Dialect);
    }
}
