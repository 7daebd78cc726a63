namespace Perche.Fuzz;

/// <summary>
/// One reader under fuzzing. <see cref="Run"/> feeds it one input and exercises what a caller would use of the
/// result; it may throw <see cref="Perche.Core.PercheFormatException"/> (the clear error for bad input) and
/// nothing else. Any other exception, a hang or runaway memory is a bug in the reader.
/// </summary>
/// <param name="Name">The target's name on the command line and its folder under tests/corpus and fuzz/seeds.</param>
/// <param name="Description">What the target reads.</param>
/// <param name="Assemblies">The assemblies SharpFuzz instruments for this target (file names without .dll).</param>
/// <param name="Run">Reads one input; throws only <see cref="Perche.Core.PercheFormatException"/> on bad input.</param>
public sealed record FuzzTarget(string Name, string Description, IReadOnlyList<string> Assemblies, Action<byte[]> Run)
{
    /// <summary>
    /// Which exceptions are the library's clear error for bad input: <see cref="Perche.Core.PercheFormatException"/>
    /// unless a library documents another one (the project store's <c>ProjectStoreException</c>).
    /// </summary>
    public Func<Exception, bool> IsClearError { get; init; } = static ex => ex is Perche.Core.PercheFormatException;
}
