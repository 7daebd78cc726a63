using Perche.Core;
using Perche.Core.Formats.Wav;
using Perche.Core.Time;

namespace Perche.Fuzz.Targets;

/// <summary>Targets for the WAVE readers of the kernel (src/Perche.Core/Formats/Wav).</summary>
public static class WavTargets
{
    private const string Name = "fuzz.wav";

    /// <summary>A whole file, read as a file would be (seekable), as a pipe would be, and its samples.</summary>
    public static void Wav(byte[] data)
    {
        WavInfo? seekable = null;
        PercheFormatException? seekableError = null;
        try
        {
            seekable = WavReader.ReadInfo(new MemoryStream(data, writable: false), Name);
            Exercise(seekable);
            FuzzCheck.That(seekable.DataChunk.PayloadOffset + seekable.DataChunk.Size <= data.Length, $"data chunk {seekable.DataChunk} runs past the {data.Length}-byte input");
            foreach (var c in seekable.Chunks)
            {
                FuzzCheck.That(c.HeaderOffset >= 12 && c.Size >= 0 && c.PayloadOffset + c.Size <= data.Length, $"chunk {c} lies outside the {data.Length}-byte input");
            }
        }
        catch (PercheFormatException ex)
        {
            seekableError = ex;
        }

        try
        {
            var piped = WavReader.ReadInfo(new NonSeekableStream(data), Name);
            Exercise(piped);
            if (seekable is not null)
            {
                // Both walks meet the same data chunk and fmt: a file must not change meaning when piped.
                FuzzCheck.That(piped.DataChunk.HeaderOffset == seekable.DataChunk.HeaderOffset && piped.DataChunk.Size == seekable.DataChunk.Size, $"data chunk differs: seekable {seekable.DataChunk}, piped {piped.DataChunk}");
                FuzzCheck.That(piped.Format.ToString() == seekable.Format.ToString(), "fmt differs between seekable and piped reads");
            }
        }
        catch (PercheFormatException) when (seekableError is not null)
        {
            // Refused both ways: the clear error is the answer (the seekable read names the byte best).
            throw seekableError;
        }
        catch (PercheFormatException)
        {
            // A pipe cannot check sizes against the file's length, so it may refuse what a file read accepts.
        }

        if (seekableError is null)
        {
            ReadAllSamples(data);
        }
    }

    /// <summary>A fmt payload; a parsed format must write back to the same format.</summary>
    public static void Fmt(byte[] data)
    {
        var format = WavFormat.Parse(data, Name, 20);
        _ = format.ToString();
        _ = format.Layout.Name;
        var bytes = new byte[format.PayloadSize];
        format.WriteTo(bytes);
        var again = WavFormat.Parse(bytes, "rewritten", 0);
        FuzzCheck.That(again.ToString() == format.ToString() && again.ChannelMask == format.ChannelMask, $"fmt round trip changed {format} into {again}");
    }

    /// <summary>A bext payload; what was read writes back and reads the same.</summary>
    public static void Bext(byte[] data)
    {
        var bext = BroadcastExtension.Parse(data, Name, 20);
        ExerciseBext(bext);
        var again = BroadcastExtension.Parse(bext.ToBytes(), "rewritten", 0);
        FuzzCheck.That(
            again.Description == bext.Description && again.Originator == bext.Originator && again.OriginatorReference == bext.OriginatorReference
            && again.OriginationDate == bext.OriginationDate && again.OriginationTime == bext.OriginationTime
            && again.TimeReferenceSamples == bext.TimeReferenceSamples && again.Version == bext.Version
            && again.LoudnessValue == bext.LoudnessValue && again.CodingHistory == bext.CodingHistory
            && again.Umid.AsSpan().SequenceEqual(bext.Umid),
            "bext round trip changed a field");
    }

    /// <summary>An iXML payload; every typed field, and a write/read round trip.</summary>
    public static void Ixml(byte[] data)
    {
        var ixml = IxmlMetadata.Parse(data, Name, 20);
        ExerciseIxml(ixml);
        var again = IxmlMetadata.Parse(ixml.ToBytes(), "rewritten", 0);
        FuzzCheck.That(
            again.Scene == ixml.Scene && again.Take == ixml.Take && again.Tape == ixml.Tape && again.Note == ixml.Note
            && again.TimecodeRate == ixml.TimecodeRate && again.Tracks.Count == ixml.Tracks.Count && again.Circled == ixml.Circled,
            "iXML round trip changed a field");
    }

    /// <summary>A LIST/INFO body.</summary>
    public static void InfoList(byte[] data)
    {
        var tags = Core.Formats.Wav.InfoList.Parse(data, Name, 24);
        FuzzCheck.That(tags.Count <= data.Length / 8, $"{tags.Count} INFO tags from {data.Length} bytes (each needs an 8-byte header)");
        var textBytes = 0L;
        foreach (var t in tags)
        {
            textBytes += t.Value.Length;
        }

        FuzzCheck.That(textBytes <= data.Length, $"INFO tags hold {textBytes} characters, more than the {data.Length}-byte input");
    }

    /// <summary>
    /// A cue payload and the LIST/adtl body that labels it, as one input: a 2-byte little-endian length of the cue
    /// payload, the cue payload, then the adtl body (after its "adtl" type). Then a write/read round trip.
    /// </summary>
    public static void Cue(byte[] data)
    {
        var span = data.AsSpan();
        var cueLength = span.Length >= 2 ? Math.Min(span.Length - 2, span[0] | (span[1] << 8)) : 0;
        var cuePayload = span.Length >= 2 ? span.Slice(2, cueLength) : [];
        var adtlBody = span.Length >= 2 ? span[(2 + cueLength)..] : span;
        var cues = cueLength > 0 ? CueChunks.ParseCue(cuePayload, Name, 20) : [];
        CueChunks.ApplyAdtl(adtlBody, cues, Name, 24 + cueLength);
        foreach (var c in cues)
        {
            _ = c.ToString();
        }

        var again = CueChunks.ParseCue(CueChunks.CueToBytes(cues), "rewritten", 0);
        FuzzCheck.That(again.Count == cues.Count, "cue round trip changed the number of points");
        if (CueChunks.AdtlToBytes(cues) is { } adtl)
        {
            CueChunks.ApplyAdtl(adtl.AsSpan(4), again, "rewritten", 4);
            FuzzCheck.That(again.Count == cues.Count, "adtl round trip added cue points");
            for (var i = 0; i < cues.Count; i++)
            {
                FuzzCheck.That(again[i].Label == cues[i].Label && again[i].Note == cues[i].Note && again[i].RangeText == cues[i].RangeText, $"adtl round trip changed the labels of cue {cues[i].Id}");
            }
        }
    }

    private static void ReadAllSamples(byte[] data)
    {
        using var reader = WavReader.OpenSamples(new MemoryStream(data, writable: false), Name, ownsStream: true);
        var channels = reader.Format.ChannelCount;
        var buffer = new float[channels * 64];
        long frames = 0;
        int n;
        while ((n = reader.ReadFrames(buffer)) > 0)
        {
            frames += n;
            for (var i = 0; i < n * channels; i++)
            {
                FuzzCheck.That(reader.Format.IsFloat || (buffer[i] >= -1f && buffer[i] <= 1f), $"PCM sample {buffer[i]} outside [-1, 1]");
            }
        }

        FuzzCheck.That(frames == reader.FrameCount, $"read {frames} frames of {reader.FrameCount}");
    }

    private static void Exercise(WavInfo info)
    {
        _ = info.Format.ToString();
        _ = info.Format.Layout.Name;
        _ = info.DurationSeconds;
        FuzzCheck.That(info.FrameCount >= 0, $"negative frame count {info.FrameCount}");
        foreach (var c in info.Chunks)
        {
            _ = c.ToString();
        }

        _ = info.InfoTag("INAM");
        foreach (var cue in info.Cues)
        {
            _ = cue.ToString();
        }

        if (info.Bext is { } b)
        {
            ExerciseBext(b);
        }

        if (info.Ixml is { } x)
        {
            ExerciseIxml(x);
        }

        _ = WavTimecode.FrameRateOf(info);
        _ = WavTimecode.SamplesSinceMidnight(info);
        _ = WavTimecode.StartOf(info)?.ToString();
        _ = WavTimecode.StartOf(info, FrameRate.Fps2997Df)?.ToString();
    }

    private static void ExerciseBext(BroadcastExtension b)
    {
        _ = b.DescriptionValues();
        _ = b.ParsedOriginationDate;
        _ = b.ParsedOriginationTime;
        _ = b.LoudnessValueLufs;
        _ = b.MaxTruePeakDbtp;
        _ = b.HasUmid;
    }

    private static void ExerciseIxml(IxmlMetadata x)
    {
        _ = (x.Version, x.Project, x.Scene, x.Take, x.Tape, x.Note, x.FileUid, x.UserBits);
        _ = (x.Circled, x.WildTrack, x.FalseStart, x.NoGood);
        _ = (x.MasterSpeed, x.CurrentSpeed, x.TimecodeRate, x.TimecodeFlag, x.FileSampleRate, x.TimestampSampleRate);
        _ = x.TimestampSamplesSinceMidnight;
        _ = (x.FamilyUid, x.FamilyName, x.TotalFiles, x.FileSetIndex, x.TrackCount);
        foreach (var t in x.Tracks)
        {
            _ = t.ToString();
        }

        foreach (var v in x.VendorBlocks)
        {
            _ = v.Value.Length;
        }
    }
}
