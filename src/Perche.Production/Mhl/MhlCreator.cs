using System.Reflection;

namespace Perche.Production.Mhl;

/// <summary>Who writes a generation and with which clock (tests freeze it to reproduce the reference files).</summary>
public sealed class MhlCreator
{
    /// <summary>Host name written into creatorinfo.</summary>
    public string HostName { get; init; } = Environment.MachineName;

    /// <summary>Tool name.</summary>
    public string ToolName { get; init; } = "perche";

    /// <summary>Tool version.</summary>
    public string ToolVersion { get; init; } = typeof(MhlCreator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    /// <summary>The clock (UTC, whole seconds as the format stores them).</summary>
    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;

    /// <summary>Optional location ("Studio B", "Set: lighthouse").</summary>
    public string? Location { get; init; }

    /// <summary>Optional comment.</summary>
    public string? Comment { get; init; }

    /// <summary>The default creator.</summary>
    public static MhlCreator Default() => new();

    /// <summary>Now, truncated to the second.</summary>
    public DateTimeOffset Now()
    {
        var t = this.Clock().ToUniversalTime();
        return new DateTimeOffset(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    /// <summary>An empty generation stamped with this creator.</summary>
    public MhlGeneration NewGeneration(string process)
    {
        var g = new MhlGeneration
        {
            CreationDate = this.Now(),
            HostName = this.HostName,
            ToolName = this.ToolName,
            ToolVersion = this.ToolVersion,
            Process = process,
            Location = this.Location,
            Comment = this.Comment,
        };
        g.IgnorePatterns.AddRange(FolderWalk.DefaultIgnorePatterns);
        return g;
    }
}
