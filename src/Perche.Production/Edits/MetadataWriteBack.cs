using System.Text;
using Perche.Core;
using Perche.Core.Formats.Wav;
using Perche.Production.Hashing;
using Perche.Production.Report;

namespace Perche.Production.Edits;

/// <summary>The outcome of writing edits into one file.</summary>
public sealed class WriteBackResult
{
    /// <summary>The file.</summary>
    public required string Path { get; init; }

    /// <summary>xxh64 of the data chunk payload before.</summary>
    public required string AudioXxh64Before { get; init; }

    /// <summary>xxh64 of the data chunk payload after (equal, or the file was left untouched).</summary>
    public required string AudioXxh64After { get; init; }
}

/// <summary>
/// Writes report edits into the recorder files' iXML (CIRCLED, NOTE, WILD_TRACK, FALSE_START, NO_GOOD, TAKE_TYPE)
/// and bext description key lines, through the kernel's <see cref="WavRewriter"/>: a new file is written beside
/// the original, its audio bytes are hashed and compared with the original's, and only then does it replace the
/// original. Unknown chunks are copied byte for byte. The audio is never re-encoded.
/// </summary>
public static class MetadataWriteBack
{
    /// <summary>Writes one take's edit into all its files.</summary>
    public static List<WriteBackResult> Write(TakeEntry take, TakeEdit edit)
    {
        ArgumentNullException.ThrowIfNull(take);
        ArgumentNullException.ThrowIfNull(edit);
        var results = new List<WriteBackResult>();
        foreach (var f in take.Files)
        {
            results.Add(WriteFile(f.Path, edit));
        }

        return results;
    }

    /// <summary>Writes an edit into one file.</summary>
    public static WriteBackResult WriteFile(string path, TakeEdit edit)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(edit);
        var info = WavReader.ReadInfo(path);
        var before = AudioHash(path, info);
        var ixml = info.Ixml ?? IxmlMetadata.CreateEmpty();
        if (edit.Circled is { } c)
        {
            ixml.Circled = c;
        }

        if (edit.WildTrack is { } w)
        {
            ixml.WildTrack = w;
        }

        if (edit.FalseStart is { } fs)
        {
            ixml.FalseStart = fs;
        }

        if (edit.NoGood is { } ng)
        {
            ixml.NoGood = ng;
        }

        if (edit.Note is { } note)
        {
            ixml.Note = note;
        }

        if (edit.RoomTone == true && !ixml.Note.Contains("room tone", StringComparison.OrdinalIgnoreCase))
        {
            // iXML has no room-tone flag; the convention on set is a note.
            ixml.Note = ixml.Note.Length == 0 ? "room tone" : ixml.Note + " (room tone)";
        }

        var metadata = new WavMetadataEdit { Ixml = ixml };
        if (info.Bext is { } bext)
        {
            var edited = CloneWithDescription(bext, edit);
            if (edited is not null)
            {
                metadata.Bext = edited;
            }
        }

        var temp = path + ".perche-edit";
        try
        {
            var written = WavRewriter.Rewrite(path, temp, metadata);
            var after = AudioHash(temp, written);
            if (after != before || written.FrameCount != info.FrameCount)
            {
                throw PercheFormatException.ForInput(path, $"rewrite changed the audio (xxh64 {before} before, {after} after); the original was left untouched");
            }

            File.Move(temp, path, overwrite: true);
            return new WriteBackResult { Path = path, AudioXxh64Before = before, AudioXxh64After = after };
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>xxh64 of a file's data chunk payload: the audio bytes exactly as stored.</summary>
    public static string AudioHash(string path, WavInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        using var h = new ContentHasher(HashKind.Xxh64);
        using var stream = WavReader.OpenStream(path);
        var buffer = new byte[1 << 20];
        long skip = info.DataChunk.PayloadOffset;
        while (skip > 0)
        {
            var n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, skip));
            if (n <= 0)
            {
                throw PercheFormatException.AtByte(path, info.DataChunk.PayloadOffset - skip, "file ends before its data chunk");
            }

            skip -= n;
        }

        var left = info.DataChunk.Size;
        while (left > 0)
        {
            var n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n <= 0)
            {
                throw PercheFormatException.AtByte(path, info.DataChunk.PayloadOffset + info.DataChunk.Size - left, "file ends inside its data chunk");
            }

            h.Append(buffer.AsSpan(0, n));
            left -= n;
        }

        return h.Finish();
    }

    // The recorder's own key lines are updated where they exist (keeping its prefix letter), so tools that read
    // only bext see the same circle and note.
    private static BroadcastExtension? CloneWithDescription(BroadcastExtension bext, TakeEdit edit)
    {
        var lines = bext.Description.Split("\r\n", StringSplitOptions.None).SelectMany(l => l.Split('\n')).ToList();
        var changed = false;
        void SetKey(string key, string value)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                var eq = lines[i].IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    continue;
                }

                var k = lines[i][..eq];
                if (k == key || (k.Length == key.Length + 1 && char.IsLower(k[0]) && k[1..] == key))
                {
                    lines[i] = k + "=" + value;
                    changed = true;
                }
            }
        }

        if (edit.Circled is { } c)
        {
            SetKey("CIRCLED", c ? "TRUE" : "FALSE");
        }

        if (edit.Note is { } note)
        {
            SetKey("NOTE", note.Replace('\r', ' ').Replace('\n', ' '));
        }

        if (!changed)
        {
            return null;
        }

        var text = string.Join("\r\n", lines);
        if (Encoding.Latin1.GetByteCount(text) > 256)
        {
            // The description is 256 bytes; a long note stays in iXML only.
            return null;
        }

        return new BroadcastExtension
        {
            Description = text,
            Originator = bext.Originator,
            OriginatorReference = bext.OriginatorReference,
            OriginationDate = bext.OriginationDate,
            OriginationTime = bext.OriginationTime,
            TimeReferenceSamples = bext.TimeReferenceSamples,
            Version = bext.Version,
            Umid = bext.Umid,
            LoudnessValue = bext.LoudnessValue,
            LoudnessRange = bext.LoudnessRange,
            MaxTruePeakLevel = bext.MaxTruePeakLevel,
            MaxMomentaryLoudness = bext.MaxMomentaryLoudness,
            MaxShortTermLoudness = bext.MaxShortTermLoudness,
            Reserved = bext.Reserved,
            CodingHistory = bext.CodingHistory,
        };
    }
}
