using Perche.Core.Audio;
using Perche.Core.Formats.Wav;

// Generates samples/le-phare: the rushes of two scenes of a short film ("Le Phare") as a Sound
// Devices-style recorder would write them (bext + iXML, 25 fps, 48 kHz/24-bit), and a reel of the mix in
// 5.1 and stereo. Signals are synthesised (voice-like harmonics, room tone, sea ambience) with a fixed seed.
var root = args.Length > 0 ? args[0] : Path.Combine("samples", "le-phare");
var rushes = Path.Combine(root, "rushes", "SR001");
var mix = Path.Combine(root, "mix");
Directory.CreateDirectory(rushes);
Directory.CreateDirectory(mix);

const int Rate = 48000;
var rng = new Random(1234);

// Takes start at 10:00:00:00 and later, 25 fps NDF: TimeReference = seconds since midnight × 48000.
WriteTake(rushes, "S01T01", scene: "1", take: "1", circled: false, note: "avion au loin", startSeconds: 36000.0, seconds: 4.0, voicePitchHz: 180, channels: ["Boom", "Lav Marie"]);
WriteTake(rushes, "S01T02", scene: "1", take: "2", circled: true, note: "", startSeconds: 36074.52, seconds: 4.0, voicePitchHz: 185, channels: ["Boom", "Lav Marie"]);
WriteTake(rushes, "S02T01", scene: "2", take: "1", circled: true, note: "ambiance mer, vent fort", startSeconds: 37801.0, seconds: 3.0, voicePitchHz: 120, channels: ["Boom", "Lav Paul"]);
WriteMix(Path.Combine(mix, "LePhare_R1_51.wav"), ChannelLayout.Surround51, 4.0);
WriteMix(Path.Combine(mix, "LePhare_R1_20.wav"), ChannelLayout.Stereo, 4.0);

void WriteTake(string dir, string name, string scene, string take, bool circled, string note, double startSeconds, double seconds, double voicePitchHz, string[] channels)
{
    var frames = (int)(seconds * Rate);
    var audio = new float[frames * channels.Length];
    var voice = Voice(frames, voicePitchHz);
    var tone = Noise(frames, 0.0015f);
    for (var i = 0; i < frames; i++)
    {
        // Boom: voice at a distance plus room tone; lavalier: closer, brighter, less room.
        audio[(i * channels.Length) + 0] = (0.25f * voice[i]) + tone[i];
        audio[(i * channels.Length) + 1] = (0.45f * voice[i]) + (0.3f * tone[i]);
    }

    var ixml = IxmlMetadata.CreateEmpty();
    ixml.Set("IXML_VERSION", "1.61");
    ixml.Project = "Le Phare";
    ixml.Scene = scene;
    ixml.Take = take;
    ixml.Tape = "SR001";
    ixml.Circled = circled;
    ixml.Note = note;
    ixml.FileUid = $"PERCHEDEMO{name}";
    var speed = new System.Xml.Linq.XElement("SPEED",
        new System.Xml.Linq.XElement("MASTER_SPEED", "25/1"),
        new System.Xml.Linq.XElement("CURRENT_SPEED", "25/1"),
        new System.Xml.Linq.XElement("TIMECODE_RATE", "25/1"),
        new System.Xml.Linq.XElement("TIMECODE_FLAG", "NDF"),
        new System.Xml.Linq.XElement("FILE_SAMPLE_RATE", Rate),
        new System.Xml.Linq.XElement("AUDIO_BIT_DEPTH", 24),
        new System.Xml.Linq.XElement("TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI", 0),
        new System.Xml.Linq.XElement("TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO", (long)Math.Round(startSeconds * Rate)),
        new System.Xml.Linq.XElement("TIMESTAMP_SAMPLE_RATE", Rate));
    var tracks = new System.Xml.Linq.XElement("TRACK_LIST", new System.Xml.Linq.XElement("TRACK_COUNT", channels.Length));
    for (var c = 0; c < channels.Length; c++)
    {
        tracks.Add(new System.Xml.Linq.XElement("TRACK",
            new System.Xml.Linq.XElement("CHANNEL_INDEX", c + 1),
            new System.Xml.Linq.XElement("INTERLEAVE_INDEX", c + 1),
            new System.Xml.Linq.XElement("NAME", channels[c])));
    }

    ixml.Document.Root!.Add(speed, tracks, new System.Xml.Linq.XElement("FILE_SET",
        new System.Xml.Linq.XElement("TOTAL_FILES", 1),
        new System.Xml.Linq.XElement("FAMILY_UID", $"PERCHEDEMO{name}F"),
        new System.Xml.Linq.XElement("FILE_SET_INDEX", "A")));

    var trk = string.Concat(channels.Select((n, c) => $"sTRK{c + 1}={n}\r\n"));
    var bext = new BroadcastExtension
    {
        Description = $"sSPEED=025.000-ND\r\nsTAKE={take}\r\nsSCENE={scene}\r\nsTAPE=SR001\r\nsPROJECT=Le Phare\r\n{trk}sNOTE={note}\r\n",
        Originator = "Perche demo recorder",
        OriginatorReference = $"FRPERCHE{name}",
        OriginationDate = "2026-06-15",
        OriginationTime = TimeSpan.FromSeconds(Math.Floor(startSeconds)).ToString(@"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture),
        TimeReferenceSamples = (ulong)Math.Round(startSeconds * Rate),
        Version = 1,
        CodingHistory = $"A=PCM,F={Rate},W=24,M=stereo,T=Perche demo\r\n",
    };
    using var w = WavWriter.Create(Path.Combine(dir, name + ".WAV"), WavFormat.Create(SampleEncoding.PcmInt24, Rate, ChannelLayout.Discrete(channels.Length), extensible: false), new WavWriterOptions { Bext = bext, Ixml = ixml });
    w.WriteFrames(audio);
    w.Complete();
}

void WriteMix(string path, ChannelLayout layout, double seconds)
{
    var frames = (int)(seconds * Rate);
    var n = layout.ChannelCount;
    var audio = new float[frames * n];
    var voice = Voice(frames, 170);
    var sea = new float[n][];
    for (var c = 0; c < n; c++)
    {
        sea[c] = Sea(frames);
    }

    for (var i = 0; i < frames; i++)
    {
        var t = (double)i / Rate;
        for (var c = 0; c < n; c++)
        {
            var s = layout.Speakers[c] switch
            {
                Speaker.FrontCenter => 0.35f * voice[i],
                Speaker.LowFrequency => 0.2f * (float)Math.Sin(2 * Math.PI * 41 * t) * (0.5f + (0.5f * sea[0][i] * 4)),
                Speaker.FrontLeft or Speaker.FrontRight when n == 2 => (0.25f * voice[i]) + (0.5f * sea[c][i]),
                _ => 0.5f * sea[c][i],
            };
            audio[(i * n) + c] = s;
        }
    }

    using var w = WavWriter.Create(path, WavFormat.Create(SampleEncoding.PcmInt24, Rate, layout), new WavWriterOptions
    {
        Bext = new BroadcastExtension
        {
            Description = "Le Phare - reel 1 - print master (demo)",
            Originator = "Perche demo",
            OriginationDate = "2026-09-01",
            OriginationTime = "14:00:00",
            TimeReferenceSamples = 36000L * Rate,
            Version = 2,
        },
    });
    w.WriteFrames(audio);
    w.Complete();
}

float[] Voice(int frames, double pitchHz)
{
    // Harmonics of a gliding fundamental, shaped by two formant-like weights, gated into 4 Hz syllables.
    var v = new float[frames];
    var phase = 0.0;
    for (var i = 0; i < frames; i++)
    {
        var t = (double)i / Rate;
        var f0 = pitchHz * (1 + (0.08 * Math.Sin(2 * Math.PI * 0.7 * t)));
        phase += 2 * Math.PI * f0 / Rate;
        double s = 0;
        for (var h = 1; h <= 20; h++)
        {
            var fh = f0 * h;
            var weight = (1.0 / h) * (1 + (2 * Math.Exp(-Math.Pow((fh - 700) / 250, 2))) + (1.5 * Math.Exp(-Math.Pow((fh - 1800) / 400, 2))));
            s += weight * Math.Sin(h * phase);
        }

        var syllable = Math.Max(0, Math.Sin(2 * Math.PI * 4 * t));
        var phrase = t % 2.0 < 1.6 ? 1.0 : 0.0;
        v[i] = (float)(0.25 * s * syllable * syllable * phrase);
    }

    return v;
}

float[] Noise(int frames, float amplitude)
{
    var v = new float[frames];
    float b0 = 0, b1 = 0, b2 = 0;
    for (var i = 0; i < frames; i++)
    {
        // Pink-ish noise (three one-pole sections) for room tone.
        var white = (float)((rng.NextDouble() * 2) - 1);
        b0 = (0.99765f * b0) + (white * 0.0990460f);
        b1 = (0.96300f * b1) + (white * 0.2965164f);
        b2 = (0.57000f * b2) + (white * 1.0526913f);
        v[i] = amplitude * (b0 + b1 + b2 + (white * 0.1848f));
    }

    return v;
}

float[] Sea(int frames)
{
    var n = Noise(frames, 0.08f);
    for (var i = 0; i < frames; i++)
    {
        var t = (double)i / Rate;
        n[i] *= (float)(0.4 + (0.6 * Math.Pow(Math.Sin(Math.PI * t / 2.5), 2)));
    }

    return n;
}
