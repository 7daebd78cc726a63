using Perche.Core.Audio;
using Perche.Core.Formats.Wav;

namespace Perche.Production.Tests.Report;

/// <summary>Writes small synthetic recorder files with a slate, as a Sound Devices-style recorder would.</summary>
internal static class RecorderWav
{
    public const int Rate = 48000;

    public static void Write(string path, string scene, string take, double startSeconds, float[][] channels, string[] names,
        string tape = "SR001", string? note = null, bool? circled = null, string? familyUid = null, int[]? channelIndices = null, int bits = 24, int rate = Rate,
        string timecodeRate = "25/1")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var frames = channels[0].Length;
        var n = channels.Length;
        var ixml = IxmlMetadata.CreateEmpty();
        ixml.Project = "Le Phare";
        if (scene.Length > 0)
        {
            ixml.Scene = scene;
        }

        if (take.Length > 0)
        {
            ixml.Take = take;
        }

        ixml.Tape = tape;
        if (note is not null)
        {
            ixml.Note = note;
        }

        if (circled is not null)
        {
            ixml.Circled = circled;
        }

        var doc = ixml.Document.Root!;
        doc.Add(new System.Xml.Linq.XElement("SPEED",
            new System.Xml.Linq.XElement("TIMECODE_RATE", timecodeRate),
            new System.Xml.Linq.XElement("TIMECODE_FLAG", "NDF")));
        if (familyUid is not null)
        {
            doc.Add(new System.Xml.Linq.XElement("FILE_SET", new System.Xml.Linq.XElement("FAMILY_UID", familyUid), new System.Xml.Linq.XElement("TOTAL_FILES", "2")));
        }

        var list = new System.Xml.Linq.XElement("TRACK_LIST", new System.Xml.Linq.XElement("TRACK_COUNT", n));
        for (var c = 0; c < n; c++)
        {
            list.Add(new System.Xml.Linq.XElement("TRACK",
                new System.Xml.Linq.XElement("CHANNEL_INDEX", channelIndices?[c] ?? c + 1),
                new System.Xml.Linq.XElement("INTERLEAVE_INDEX", c + 1),
                new System.Xml.Linq.XElement("NAME", names[c])));
        }

        doc.Add(list);
        var bext = new BroadcastExtension
        {
            Description = $"sSCENE={scene}\r\nsTAKE={take}\r\nsTAPE={tape}\r\nsNOTE={note}\r\n",
            Originator = "Sound Dev: 833 test",
            OriginationDate = "2026-06-15",
            OriginationTime = "10:00:00",
            TimeReferenceSamples = (ulong)Math.Round(startSeconds * rate),
            Version = 1,
        };
        var encoding = bits switch { 16 => SampleEncoding.PcmInt16, 32 => SampleEncoding.Float32, _ => SampleEncoding.PcmInt24 };
        var format = WavFormat.Create(encoding, rate, n == 1 ? ChannelLayout.Mono : n == 2 ? ChannelLayout.Stereo : ChannelLayout.Discrete(n));
        using var w = WavWriter.Create(path, format, new WavWriterOptions { Bext = bext, Ixml = ixml });
        var inter = new float[frames * n];
        for (var i = 0; i < frames; i++)
        {
            for (var c = 0; c < n; c++)
            {
                inter[(i * n) + c] = channels[c][i];
            }
        }

        w.WriteFrames(inter);
        w.Complete();
    }

    public static float[] Sine(double seconds, double amplitude, double frequencyHz = 997, int rate = Rate, double noise = 1e-4, int seed = 1)
    {
        var n = (int)(seconds * rate);
        var x = new float[n];
        var rng = new Random(seed);
        for (var i = 0; i < n; i++)
        {
            x[i] = (float)((amplitude * Math.Sin(2 * Math.PI * frequencyHz * i / rate)) + (noise * (rng.NextDouble() - 0.5)));
        }

        return x;
    }
}
