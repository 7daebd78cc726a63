using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Perche.Cli.Output;

/// <summary>
/// What a verb writes to: a Spectre console for human tables on stdout (plain text when redirected), the
/// error writer, and JSON helpers for <c>--json</c>. Verbs never touch <see cref="Console"/> directly, so tests
/// capture everything.
/// </summary>
internal sealed class CliContext
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public CliContext(TextWriter stdout, TextWriter stderr, bool interactive)
    {
        this.Out = stdout;
        this.Error = stderr;
        this.Interactive = interactive;
        this.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
        {
            this.Console.Profile.Width = 160;
        }
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>True when stdout is a terminal: progress bars and colours are shown.</summary>
    public bool Interactive { get; }

    public IAnsiConsole Console { get; }

    public void WriteJson(JsonNode node) => this.Out.WriteLine(node.ToJsonString(JsonOptions));

    public void ReportError(string message) => this.Error.WriteLine($"perche: error: {message}");

    /// <summary>A number for JSON: null when not finite (JSON has no infinity).</summary>
    public static JsonNode? Number(double value, int decimals = 2) =>
        double.IsFinite(value) ? JsonValue.Create(Math.Round(value, decimals)) : null;

    /// <summary>A number for tables: "-inf" for silence, "n/a" for undefined.</summary>
    public static string Format(double value, int decimals = 1)
    {
        if (double.IsNegativeInfinity(value))
        {
            return "-inf";
        }

        if (double.IsNaN(value))
        {
            return "n/a";
        }

        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
