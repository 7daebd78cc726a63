namespace Perche.Delivery.Profiles;

/// <summary>
/// One value of a delivery profile with where it comes from: every number a profile holds cites its source and
/// says whether that source is primary (the publisher's own document, confirmed) or secondary (unconfirmed).
/// </summary>
public sealed class ProfileField<T>
{
    /// <summary>Creates a field.</summary>
    public ProfileField(T value, string source, bool confirmed)
    {
        this.Value = value;
        this.Source = source;
        this.Confirmed = confirmed;
    }

    /// <summary>The value.</summary>
    public T Value { get; }

    /// <summary>The citation (document, section, address).</summary>
    public string Source { get; }

    /// <summary>True when read in a primary document; false for a secondary source.</summary>
    public bool Confirmed { get; }
}
