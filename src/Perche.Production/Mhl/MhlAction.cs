namespace Perche.Production.Mhl;

/// <summary>What a generation did with a hash (ASC MHL v2.0 <c>action</c> attribute).</summary>
public enum MhlAction
{
    /// <summary>First time the file was hashed in this history.</summary>
    Original,

    /// <summary>Re-hashed and equal to the hash recorded before.</summary>
    Verified,

    /// <summary>Re-hashed and different from the hash recorded before.</summary>
    Failed,
}
