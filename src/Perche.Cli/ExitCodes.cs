namespace Perche.Cli;

/// <summary>The exit codes every verb uses.</summary>
internal static class ExitCodes
{
    /// <summary>Everything went well.</summary>
    public const int Ok = 0;

    /// <summary>A check failed (for example a master out of spec).</summary>
    public const int CheckFailed = 1;

    /// <summary>Bad usage or unreadable input.</summary>
    public const int BadInput = 2;
}
