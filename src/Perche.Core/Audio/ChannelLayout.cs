namespace Perche.Core.Audio;

/// <summary>
/// The speaker position of each channel of a file, in file order, with the WAVE_FORMAT_EXTENSIBLE mask it
/// corresponds to (0 when the channels are not positional).
/// </summary>
public sealed class ChannelLayout : IEquatable<ChannelLayout>
{
    private static readonly string[] ShortNames =
    [
        "?", "L", "R", "C", "LFE", "Ls", "Rs", "Lc", "Rc", "Cs", "Lss", "Rss",
        "Tc", "Ltf", "Tfc", "Rtf", "Ltr", "Tbc", "Rtr",
    ];

    private readonly Speaker[] speakers;

    /// <summary>Creates a layout from speakers in file channel order.</summary>
    public ChannelLayout(string name, IEnumerable<Speaker> speakers)
    {
        ArgumentNullException.ThrowIfNull(speakers);
        this.Name = name;
        this.speakers = [.. speakers];
        uint mask = 0;
        foreach (var s in this.speakers)
        {
            if (s != Speaker.Unknown)
            {
                mask |= 1u << ((int)s - 1);
            }
        }

        this.ChannelMask = mask;
    }

    /// <summary>One channel, centre.</summary>
    public static ChannelLayout Mono { get; } = new("mono", [Speaker.FrontCenter]);

    /// <summary>L R.</summary>
    public static ChannelLayout Stereo { get; } = new("stereo", [Speaker.FrontLeft, Speaker.FrontRight]);

    /// <summary>L R C.</summary>
    public static ChannelLayout Lrc { get; } = new("LCR", [Speaker.FrontLeft, Speaker.FrontRight, Speaker.FrontCenter]);

    /// <summary>5.0 in film file order L R C Ls Rs.</summary>
    public static ChannelLayout Surround50 { get; } = new("5.0", [Speaker.FrontLeft, Speaker.FrontRight, Speaker.FrontCenter, Speaker.BackLeft, Speaker.BackRight]);

    /// <summary>5.1 in WAV/SMPTE order L R C LFE Ls Rs.</summary>
    public static ChannelLayout Surround51 { get; } = new("5.1", [Speaker.FrontLeft, Speaker.FrontRight, Speaker.FrontCenter, Speaker.LowFrequency, Speaker.BackLeft, Speaker.BackRight]);

    /// <summary>7.1 in WAV order L R C LFE Lrs Rrs Lss Rss.</summary>
    public static ChannelLayout Surround71 { get; } = new("7.1", [Speaker.FrontLeft, Speaker.FrontRight, Speaker.FrontCenter, Speaker.LowFrequency, Speaker.BackLeft, Speaker.BackRight, Speaker.SideLeft, Speaker.SideRight]);

    /// <summary>A short human name ("5.1", "stereo", or the speaker list).</summary>
    public string Name { get; }

    /// <summary>Number of channels.</summary>
    public int ChannelCount => this.speakers.Length;

    /// <summary>The speaker of each channel, in file order.</summary>
    public IReadOnlyList<Speaker> Speakers => this.speakers;

    /// <summary>The WAVE_FORMAT_EXTENSIBLE mask of the positional channels.</summary>
    public uint ChannelMask { get; }

    /// <summary>True when the layout has a channel at <paramref name="speaker"/>.</summary>
    public bool Contains(Speaker speaker) => Array.IndexOf(this.speakers, speaker) >= 0;

    /// <summary>Short label of a speaker as printed on a console ("L", "Ls", "LFE").</summary>
    public static string ShortName(Speaker speaker) => ShortNames[(int)speaker];

    /// <summary>
    /// The layout for a channel mask and count: speakers in increasing bit order, extra channels beyond the
    /// mask's bits are <see cref="Speaker.Unknown"/>. A zero mask gives the default layout for the count.
    /// </summary>
    public static ChannelLayout FromMask(uint channelMask, int channelCount)
    {
        if (channelMask == 0)
        {
            return Default(channelCount);
        }

        var list = new List<Speaker>(channelCount);
        for (var bit = 0; bit < 18 && list.Count < channelCount; bit++)
        {
            if ((channelMask & (1u << bit)) != 0)
            {
                list.Add((Speaker)(bit + 1));
            }
        }

        while (list.Count < channelCount)
        {
            list.Add(Speaker.Unknown);
        }

        var known = KnownByMask(channelMask, channelCount);
        return known ?? new ChannelLayout(Describe(list), list);
    }

    /// <summary>The usual layout for a channel count when the file declares none.</summary>
    public static ChannelLayout Default(int channelCount) => channelCount switch
    {
        1 => Mono,
        2 => Stereo,
        3 => Lrc,
        5 => Surround50,
        6 => Surround51,
        8 => Surround71,
        _ => Discrete(channelCount),
    };

    /// <summary>Channels without positions (each measured with weight 1 by loudness meters).</summary>
    public static ChannelLayout Discrete(int channelCount) => new($"{channelCount} discrete", Enumerable.Repeat(Speaker.Unknown, channelCount));

    /// <inheritdoc/>
    public bool Equals(ChannelLayout? other) => other is not null && this.speakers.AsSpan().SequenceEqual(other.speakers);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => this.Equals(obj as ChannelLayout);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var s in this.speakers)
        {
            hash.Add(s);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => this.Name;

    private static ChannelLayout? KnownByMask(uint mask, int count)
    {
        foreach (var l in new[] { Mono, Stereo, Lrc, Surround50, Surround51, Surround71 })
        {
            if (l.ChannelMask == mask && l.ChannelCount == count)
            {
                return l;
            }
        }

        return null;
    }

    private static string Describe(List<Speaker> list)
    {
        var names = new string[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            names[i] = ShortName(list[i]);
        }

        return string.Join(' ', names);
    }
}
