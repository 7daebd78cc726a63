namespace Perche.Delivery.Profiles;

/// <summary>One file a profile asks for besides the PCM/BWF master: a codec and its bit rate.</summary>
public sealed class ProfileOutput
{
    /// <summary>Creates an output description.</summary>
    public ProfileOutput(string codec, int? bitrateKbps)
    {
        this.Codec = codec;
        this.BitrateKbps = bitrateKbps;
    }

    /// <summary>aac, opus, mp3, flac, ac3 or eac3.</summary>
    public string Codec { get; }

    /// <summary>Bit rate in kbit/s (null: the encoder's default; FLAC has none).</summary>
    public int? BitrateKbps { get; }

    /// <inheritdoc/>
    public override string ToString() => this.BitrateKbps is { } b ? $"{this.Codec} {b} kbit/s" : this.Codec;
}
