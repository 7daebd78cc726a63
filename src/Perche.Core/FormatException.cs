namespace Perche.Core;

/// <summary>Where in an input a problem was found: a byte offset (binary formats) or a line (text formats).</summary>
public enum InputPositionKind
{
    /// <summary>No position is known (for example the file could not be opened).</summary>
    None,

    /// <summary><see cref="PercheFormatException.Position"/> is a zero-based byte offset.</summary>
    ByteOffset,

    /// <summary><see cref="PercheFormatException.Position"/> is a one-based line number.</summary>
    Line,
}

/// <summary>
/// The one exception every Perche reader throws for bad input: it names the input, the position and what
/// was expected, so the user can find the problem without a debugger. Front-ends print <see cref="Exception.Message"/>
/// and exit with code 2.
/// </summary>
public sealed class PercheFormatException : Exception
{
    /// <summary>Creates the error for a position in an input.</summary>
    /// <param name="inputName">The file path, or a name for a stream.</param>
    /// <param name="positionKind">What <paramref name="position"/> counts.</param>
    /// <param name="position">The byte offset or line number.</param>
    /// <param name="problem">What was expected and what was found.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public PercheFormatException(string inputName, InputPositionKind positionKind, long position, string problem, Exception? inner = null)
        : base(Compose(inputName, positionKind, position, problem), inner)
    {
        this.InputName = inputName;
        this.PositionKind = positionKind;
        this.Position = position;
        this.Problem = problem;
    }

    /// <summary>The file path, or a name for a stream.</summary>
    public string InputName { get; }

    /// <summary>What <see cref="Position"/> counts.</summary>
    public InputPositionKind PositionKind { get; }

    /// <summary>The byte offset or line number (see <see cref="PositionKind"/>).</summary>
    public long Position { get; }

    /// <summary>What was expected and what was found, without the input name and position.</summary>
    public string Problem { get; }

    /// <summary>An error at a byte offset of a binary input.</summary>
    public static PercheFormatException AtByte(string inputName, long byteOffset, string problem, Exception? inner = null)
        => new(inputName, InputPositionKind.ByteOffset, byteOffset, problem, inner);

    /// <summary>An error at a line of a text input.</summary>
    public static PercheFormatException AtLine(string inputName, long line, string problem, Exception? inner = null)
        => new(inputName, InputPositionKind.Line, line, problem, inner);

    /// <summary>An error about the input as a whole (missing, unreadable).</summary>
    public static PercheFormatException ForInput(string inputName, string problem, Exception? inner = null)
        => new(inputName, InputPositionKind.None, 0, problem, inner);

    private static string Compose(string inputName, InputPositionKind kind, long position, string problem) => kind switch
    {
        InputPositionKind.ByteOffset => $"{inputName}: at byte {position}: {problem}",
        InputPositionKind.Line => $"{inputName}: line {position}: {problem}",
        _ => $"{inputName}: {problem}",
    };
}
