namespace Perche.Post.Adapters.Edl;

/// <summary>One CMX 3600 event line with the notes that follow it, before it is laid out on tracks.</summary>
internal sealed class EdlEvent
{
    public required string Number { get; init; }

    public required string Reel { get; init; }

    public required int Line { get; init; }

    /// <summary>True when the channel field names picture (V, B, A/V...).</summary>
    public bool Video { get; set; }

    /// <summary>Audio channels, 1-based (A → 1, AA → 1 and 2, A3 → 3, AUD 3 4 → 3 and 4).</summary>
    public SortedSet<int> AudioChannels { get; } = [];

    /// <summary>C, D, W (with <see cref="WipeCode"/>), or K.</summary>
    public char EditType { get; set; } = 'C';

    /// <summary>The wipe pattern field as written (W001), or the key field.</summary>
    public string WipeCode { get; set; } = string.Empty;

    /// <summary>The transition length in frames (D/W/K events).</summary>
    public long TransitionFrames { get; set; }

    public long SourceIn { get; set; }

    public long SourceOut { get; set; }

    public long RecordIn { get; set; }

    public long RecordOut { get; set; }

    public string ClipName { get; set; } = string.Empty;

    public string ToClipName { get; set; } = string.Empty;

    public string SourceFile { get; set; } = string.Empty;

    /// <summary>M2 speed in frames per second of source (0 = freeze), when an M2 line names this event's reel.</summary>
    public double? SpeedFps { get; set; }

    public bool FreezeFrame { get; set; }

    public List<(long RecordFrame, string Color, string Name, int Line)> Locators { get; } = [];

    public List<string> Comments { get; } = [];

    public double[]? CdlSlope { get; set; }

    public double[]? CdlOffset { get; set; }

    public double[]? CdlPower { get; set; }

    public double? CdlSaturation { get; set; }

    public long SourceDuration => this.SourceOut - this.SourceIn;

    public long RecordDuration => this.RecordOut - this.RecordIn;
}
