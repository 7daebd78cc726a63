using System.Text;
using Perche.Delivery.Profiles;

namespace Perche.Fuzz.Targets;

/// <summary>Targets for src/Perche.Delivery: the delivery profile files users write.</summary>
public static class DeliveryTargets
{
    /// <summary>A delivery profile (JSON).</summary>
    public static void Profile(byte[] data)
    {
        var profile = ProfileCatalog.Parse(Encoding.UTF8.GetString(data), "fuzz.json");
        FuzzCheck.That(!string.IsNullOrEmpty(profile.Id), "a profile without an id was accepted");
        _ = (profile.Name, profile.Medium, profile.Method);
    }
}
