namespace Perche.Fuzz;

/// <summary>
/// A reader returned a result that contradicts itself or its input (a wrong answer rather than a clear error).
/// Fuzzing reports it as a crash, like any exception other than <see cref="Perche.Core.PercheFormatException"/>.
/// </summary>
public sealed class FuzzInvariantException(string message) : Exception(message);

/// <summary>Invariant checks inside targets.</summary>
public static class FuzzCheck
{
    /// <summary>Fails the input with <paramref name="message"/> when <paramref name="condition"/> is false.</summary>
    public static void That(bool condition, string message)
    {
        if (!condition)
        {
            throw new FuzzInvariantException(message);
        }
    }
}
