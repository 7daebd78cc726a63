namespace Perche.Core.Tests.Time;

/// <summary>Theory data naming every standard rate by its text, so each rate shows as its own test case.</summary>
public static class StandardRates
{
    /// <summary>The twelve standard production rates.</summary>
    public static TheoryData<string> All => new()
    {
        "23.976", "24", "25", "29.97 DF", "29.97 NDF", "30", "47.952", "48", "50", "59.94 DF", "59.94 NDF", "60",
    };
}
