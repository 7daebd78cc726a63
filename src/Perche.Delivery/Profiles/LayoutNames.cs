using Perche.Core.Audio;

namespace Perche.Delivery.Profiles;

/// <summary>The layout names profiles use, matched against a file's layout.</summary>
public static class LayoutNames
{
    /// <summary>The names a profile may list.</summary>
    public static IReadOnlyList<string> Known { get; } = ["mono", "stereo", "5.1", "5.0", "7.1"];

    /// <summary>True when <paramref name="name"/> designates <paramref name="layout"/>.</summary>
    public static bool Matches(string name, ChannelLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return name switch
        {
            "mono" => layout.ChannelCount == 1,
            "stereo" => layout.ChannelCount == 2,
            "5.1" => layout.ChannelCount == 6 && layout.Contains(Speaker.LowFrequency),
            "5.0" => layout.ChannelCount == 5,
            "7.1" => layout.ChannelCount == 8 && layout.Contains(Speaker.LowFrequency),
            _ => false,
        };
    }

    /// <summary>A short token for file names: 20, 51, 71, 10.</summary>
    public static string Token(ChannelLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return layout.ChannelCount switch
        {
            1 => "10",
            2 => "20",
            5 => "50",
            6 => "51",
            8 => "71",
            var n => $"{n}ch",
        };
    }
}
