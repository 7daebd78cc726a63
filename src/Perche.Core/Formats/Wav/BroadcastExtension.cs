using System.Buffers.Binary;
using System.Globalization;

namespace Perche.Core.Formats.Wav;

/// <summary>
/// The <c>bext</c> chunk of a Broadcast Wave file (EBU Tech 3285 v2): description, originator, origination
/// date/time, TimeReference (samples since midnight), UMID, the v2 loudness fields and the coding history.
/// Mutable so that tools can edit a report's fields; <see cref="Parse"/> and <see cref="ToBytes"/> round-trip.
/// </summary>
public sealed class BroadcastExtension
{
    /// <summary>Size of the fixed part before CodingHistory.</summary>
    public const int FixedSize = 602;

    /// <summary>The value of a v2 loudness field that was not measured.</summary>
    public const short LoudnessUnset = 0x7FFF;

    /// <summary>Free description (256 bytes); recorders put `sSCENE=...` key-values here.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>Originator (32 bytes): the recorder or program.</summary>
    public string Originator { get; set; } = string.Empty;

    /// <summary>Originator reference (32 bytes): often a unique id.</summary>
    public string OriginatorReference { get; set; } = string.Empty;

    /// <summary>Origination date as written (10 bytes, "yyyy-mm-dd"; some recorders write "yyyy:mm:dd").</summary>
    public string OriginationDate { get; set; } = string.Empty;

    /// <summary>Origination time as written (8 bytes, "hh:mm:ss"; some write "hh-mm-ss").</summary>
    public string OriginationTime { get; set; } = string.Empty;

    /// <summary>Samples since midnight of the first sample (the start timecode source).</summary>
    public ulong TimeReferenceSamples { get; set; }

    /// <summary>Version of the chunk (0, 1 with UMID, 2 with loudness).</summary>
    public ushort Version { get; set; }

    /// <summary>The 64-byte SMPTE 330M UMID (all zero when absent).</summary>
    public byte[] Umid { get; set; } = new byte[64];

    /// <summary>Integrated loudness ×100 in LUFS (v2), or <see cref="LoudnessUnset"/>.</summary>
    public short LoudnessValue { get; set; } = LoudnessUnset;

    /// <summary>Loudness range ×100 in LU (v2), or <see cref="LoudnessUnset"/>.</summary>
    public short LoudnessRange { get; set; } = LoudnessUnset;

    /// <summary>Max true peak ×100 in dBTP (v2), or <see cref="LoudnessUnset"/>.</summary>
    public short MaxTruePeakLevel { get; set; } = LoudnessUnset;

    /// <summary>Max momentary loudness ×100 in LUFS (v2), or <see cref="LoudnessUnset"/>.</summary>
    public short MaxMomentaryLoudness { get; set; } = LoudnessUnset;

    /// <summary>Max short-term loudness ×100 in LUFS (v2), or <see cref="LoudnessUnset"/>.</summary>
    public short MaxShortTermLoudness { get; set; } = LoudnessUnset;

    /// <summary>The 180 reserved bytes, kept as read so that a rewrite does not lose them.</summary>
    public byte[] Reserved { get; set; } = new byte[180];

    /// <summary>Coding history lines ("A=PCM,F=48000,W=24,...").</summary>
    public string CodingHistory { get; set; } = string.Empty;

    /// <summary>True when the UMID holds any non-zero byte.</summary>
    public bool HasUmid => Array.Exists(this.Umid, b => b != 0);

    /// <summary>Integrated loudness in LUFS when the v2 field is set.</summary>
    public double? LoudnessValueLufs => Scaled(this.LoudnessValue);

    /// <summary>Loudness range in LU when the v2 field is set.</summary>
    public double? LoudnessRangeLu => Scaled(this.LoudnessRange);

    /// <summary>Max true peak in dBTP when the v2 field is set.</summary>
    public double? MaxTruePeakDbtp => Scaled(this.MaxTruePeakLevel);

    /// <summary>Max momentary loudness in LUFS when set.</summary>
    public double? MaxMomentaryLufs => Scaled(this.MaxMomentaryLoudness);

    /// <summary>Max short-term loudness in LUFS when set.</summary>
    public double? MaxShortTermLufs => Scaled(this.MaxShortTermLoudness);

    /// <summary>
    /// The origination date when it can be read, tolerating the separators real recorders use
    /// ("2019:01:01", "2019/01/01", "2019.01.01").
    /// </summary>
    public DateOnly? ParsedOriginationDate
    {
        get
        {
            var s = this.OriginationDate.Trim();
            if (s.Length != 10)
            {
                return null;
            }

            Span<char> norm = stackalloc char[10];
            s.AsSpan().CopyTo(norm);
            norm[4] = '-';
            norm[7] = '-';
            return DateOnly.TryParseExact(norm, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        }
    }

    /// <summary>The origination time when it can be read ("hh:mm:ss", "hh-mm-ss", "hh.mm.ss").</summary>
    public TimeOnly? ParsedOriginationTime
    {
        get
        {
            var s = this.OriginationTime.Trim();
            if (s.Length != 8)
            {
                return null;
            }

            Span<char> norm = stackalloc char[8];
            s.AsSpan().CopyTo(norm);
            norm[2] = ':';
            norm[5] = ':';
            return TimeOnly.TryParseExact(norm, "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
        }
    }

    /// <summary>
    /// The description's key-value lines (`sSCENE=12`, `dTAKE=3`, `SCENE=12`): keys without the one-letter
    /// prefix some recorders add (s: Sound Devices, g: Gallery, d: Pro Tools), in order, later keys win.
    /// </summary>
    public IReadOnlyDictionary<string, string> DescriptionValues()
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in this.Description.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = raw.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var key = raw[..eq].Trim();
            if (key.Length > 1 && key[0] is 's' or 'g' or 'd' or 'z' && char.IsUpper(key[1]))
            {
                key = key[1..];
            }

            result[key] = raw[(eq + 1)..].Trim();
        }

        return result;
    }

    /// <summary>Parses a bext payload.</summary>
    public static BroadcastExtension Parse(ReadOnlySpan<byte> payload, string inputName, long payloadOffset)
    {
        // v0 files written before the loudness fields existed still have the full 602-byte fixed part;
        // anything shorter cannot be laid out.
        if (payload.Length < FixedSize)
        {
            throw PercheFormatException.AtByte(inputName, payloadOffset, $"bext chunk is {payload.Length} bytes; expected at least {FixedSize}");
        }

        var b = new BroadcastExtension
        {
            Description = TextCodec.DecodeZeroTerminated(payload[..256]),
            Originator = TextCodec.DecodeZeroTerminated(payload.Slice(256, 32)),
            OriginatorReference = TextCodec.DecodeZeroTerminated(payload.Slice(288, 32)),
            OriginationDate = TextCodec.DecodeZeroTerminated(payload.Slice(320, 10)),
            OriginationTime = TextCodec.DecodeZeroTerminated(payload.Slice(330, 8)),
            TimeReferenceSamples = BinaryPrimitives.ReadUInt64LittleEndian(payload[338..]),
            Version = BinaryPrimitives.ReadUInt16LittleEndian(payload[346..]),
            Umid = payload.Slice(348, 64).ToArray(),
            LoudnessValue = BinaryPrimitives.ReadInt16LittleEndian(payload[412..]),
            LoudnessRange = BinaryPrimitives.ReadInt16LittleEndian(payload[414..]),
            MaxTruePeakLevel = BinaryPrimitives.ReadInt16LittleEndian(payload[416..]),
            MaxMomentaryLoudness = BinaryPrimitives.ReadInt16LittleEndian(payload[418..]),
            MaxShortTermLoudness = BinaryPrimitives.ReadInt16LittleEndian(payload[420..]),
            Reserved = payload.Slice(422, 180).ToArray(),
            CodingHistory = TextCodec.DecodeZeroTerminated(payload[FixedSize..]),
        };
        return b;
    }

    /// <summary>Serialises the chunk payload (without chunk header).</summary>
    public byte[] ToBytes()
    {
        var history = TextCodec.Encode(this.CodingHistory);
        var bytes = new byte[FixedSize + history.Length];
        var span = bytes.AsSpan();
        TextCodec.WriteFixed(span[..256], this.Description, "bext description");
        TextCodec.WriteFixed(span.Slice(256, 32), this.Originator, "bext originator");
        TextCodec.WriteFixed(span.Slice(288, 32), this.OriginatorReference, "bext originator reference");
        TextCodec.WriteFixed(span.Slice(320, 10), this.OriginationDate, "bext origination date");
        TextCodec.WriteFixed(span.Slice(330, 8), this.OriginationTime, "bext origination time");
        BinaryPrimitives.WriteUInt64LittleEndian(span[338..], this.TimeReferenceSamples);
        BinaryPrimitives.WriteUInt16LittleEndian(span[346..], this.Version);
        if (this.Umid.Length != 64)
        {
            throw new InvalidOperationException($"a UMID field is 64 bytes, got {this.Umid.Length}");
        }

        this.Umid.CopyTo(span[348..]);
        BinaryPrimitives.WriteInt16LittleEndian(span[412..], this.LoudnessValue);
        BinaryPrimitives.WriteInt16LittleEndian(span[414..], this.LoudnessRange);
        BinaryPrimitives.WriteInt16LittleEndian(span[416..], this.MaxTruePeakLevel);
        BinaryPrimitives.WriteInt16LittleEndian(span[418..], this.MaxMomentaryLoudness);
        BinaryPrimitives.WriteInt16LittleEndian(span[420..], this.MaxShortTermLoudness);
        this.Reserved.AsSpan(0, Math.Min(180, this.Reserved.Length)).CopyTo(span[422..]);
        history.CopyTo(span[FixedSize..]);
        return bytes;
    }

    /// <summary>Stores a measured value ×100 in a v2 loudness field, rounding to the nearest hundredth.</summary>
    public static short ToField(double value) =>
        double.IsFinite(value) ? (short)Math.Clamp(Math.Round(value * 100.0, MidpointRounding.AwayFromZero), short.MinValue, short.MaxValue - 1) : LoudnessUnset;

    private static double? Scaled(short field) => field == LoudnessUnset ? null : field / 100.0;
}
