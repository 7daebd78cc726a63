using System.Globalization;
using System.Text;
using Perche.Core.Time;
using Perche.Post.Adapters;
using Perche.Post.Adapters.Edl;
using Perche.Post.Adapters.Otio;
using Perche.Post.Adapters.Reaper;
using Perche.Post.Timelines;

namespace Perche.Post.Conform;

/// <summary>Writes a conformed session: OTIO, a REAPER project, one EDL per audio track, and a CSV report.</summary>
public static class ConformOutput
{
    /// <summary>Writes every output into <paramref name="folder"/> (created if needed) and returns the paths written.</summary>
    public static List<string> Write(ConformResult result, string folder, string stem, FrameRate edlRate)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        var session = result.Session;

        var otio = Path.Combine(folder, stem + ".otio");
        OtioJsonWriter.WriteFile(session, otio);
        written.Add(otio);

        var rpp = Path.Combine(folder, stem + ".rpp");
        var sampleRate = result.Events.FirstOrDefault(e => e.Take is not null)?.Take!.SampleRateHz ?? 48000;
        RppWriter.WriteFile(session, rpp, sampleRate);
        written.Add(rpp);

        var n = 0;
        foreach (var track in session.AudioTracks())
        {
            n++;
            var edl = Path.Combine(folder, $"{stem}.{n:00}_{SafeName(track.Name)}.edl");
            EdlWriter.WriteFile(session, track, edlRate, edl);
            written.Add(edl);
        }

        // A mono review WAV per track at the recorders' rate, for a first listen against the picture.
        written.AddRange(ReviewRender.Write(session, folder, stem, sampleRate).Files);

        var csv = Path.Combine(folder, stem + ".conform.csv");
        SafeFile.WriteText(csv, Report(result, edlRate));
        written.Add(csv);
        return written;
    }

    /// <summary>The per-event report as CSV (event, clip, source/record timecodes, status, take, roll, scene, take, handles, reason).</summary>
    public static string Report(ConformResult result, FrameRate rate)
    {
        ArgumentNullException.ThrowIfNull(result);
        var inv = CultureInfo.InvariantCulture;
        var start = result.Session.GlobalStartTime ?? default;
        var sb = new StringBuilder("event,clip,reel,source_in,source_out,record_in,record_out,status,file,roll,scene,take,channels,handle_before_s,handle_after_s,candidates,reason\r\n");
        foreach (var e in result.Events)
        {
            var t = e.Take;
            sb.AppendJoin(',',
                Csv(e.EventId), Csv(e.ClipName), Csv(e.Reel),
                Timecode.FromRationalTime(e.Source.Start, rate), Timecode.FromRationalTime(e.Source.EndExclusive, rate),
                Timecode.FromRationalTime(TimeMath.Add(start, e.Record.Start), rate), Timecode.FromRationalTime(TimeMath.Add(start, e.Record.EndExclusive), rate),
                e.Status.ToString().ToLowerInvariant(),
                Csv(t is null ? string.Empty : string.Join(" ", t.Files.Select(Path.GetFileName))),
                Csv(t?.Tape ?? string.Empty), Csv(t?.Scene ?? string.Empty), Csv(t?.Take ?? string.Empty),
                t?.Channels.Count.ToString(inv) ?? "0",
                e.HandleBefore.ToSeconds().ToString("0.###", inv), e.HandleAfter.ToSeconds().ToString("0.###", inv),
                e.Candidates.Count.ToString(inv), Csv(e.Reason));
            sb.Append("\r\n");
        }

        return sb.ToString();
    }

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static string SafeName(string s)
    {
        var chars = s.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray();
        return new string(chars);
    }
}
