using System.Globalization;
using System.Xml.Linq;
using Perche.Core.Audio;
using Perche.Core.Formats.Wav;

namespace Perche.Post.Tests.Conform;

/// <summary>Writes small recorder files with bext and iXML as a Sound Devices or Zoom recorder would (short, silent but for a marker tone).</summary>
internal static class RushFactory
{
    public const int Rate = 48000;

    /// <summary>A polyphonic take, or (mono = true) a family of mono files, starting at <paramref name="startTc"/> (25 fps NDF); track n at 0.1·n·<paramref name="gain"/>.</summary>
    public static List<string> WriteTake(string dir, string name, string tape, string scene, string take, string date, string startTc, double seconds, string[] channels, bool mono = false, float gain = 1)
    {
        Directory.CreateDirectory(dir);
        var parts = startTc.Split(':').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var startSamples = (long)((((parts[0] * 3600) + (parts[1] * 60) + parts[2]) * Rate) + (parts[3] * Rate / 25));
        var frames = (int)(seconds * Rate);
        var family = $"FAM{name}{date}";
        var written = new List<string>();
        var files = mono ? channels.Select((c, i) => (Path: Path.Combine(dir, $"{name}_{i + 1}.WAV"), Channels: new[] { (Index: i + 1, Name: c) })).ToList()
            : [(Path: Path.Combine(dir, name + ".WAV"), Channels: channels.Select((c, i) => (Index: i + 1, Name: c)).ToArray())];
        foreach (var (path, chans) in files)
        {
            var ixml = IxmlMetadata.CreateEmpty();
            ixml.Project = "Test";
            ixml.Scene = scene;
            ixml.Take = take;
            ixml.Tape = tape;
            var tracks = new XElement("TRACK_LIST", new XElement("TRACK_COUNT", chans.Length));
            for (var c = 0; c < chans.Length; c++)
            {
                tracks.Add(new XElement("TRACK", new XElement("CHANNEL_INDEX", chans[c].Index), new XElement("INTERLEAVE_INDEX", c + 1), new XElement("NAME", chans[c].Name)));
            }

            ixml.Document.Root!.Add(
                new XElement("SPEED", new XElement("TIMECODE_RATE", "25/1"), new XElement("TIMECODE_FLAG", "NDF"), new XElement("FILE_SAMPLE_RATE", Rate)),
                tracks,
                new XElement("FILE_SET", new XElement("TOTAL_FILES", files.Count), new XElement("FAMILY_UID", family), new XElement("FILE_SET_INDEX", "A")));
            var bext = new BroadcastExtension
            {
                Description = $"sSCENE={scene}\r\nsTAKE={take}\r\nsTAPE={tape}\r\n",
                Originator = "Test recorder",
                OriginationDate = date,
                OriginationTime = "10:00:00",
                TimeReferenceSamples = (ulong)startSamples,
                Version = 1,
            };
            using var w = WavWriter.Create(path, WavFormat.Create(SampleEncoding.PcmInt16, Rate, ChannelLayout.Discrete(chans.Length), extensible: false), new WavWriterOptions { Bext = bext, Ixml = ixml });
            // Each recorder track carries its own constant level (track n at 0.1·n), so a render shows which one it took.
            var audio = new float[frames * chans.Length];
            for (var i = 0; i < audio.Length; i++)
            {
                audio[i] = 0.1f * gain * chans[i % chans.Length].Index;
            }

            w.WriteFrames(audio);
            w.Complete();
            written.Add(path);
        }

        return written;
    }
}
