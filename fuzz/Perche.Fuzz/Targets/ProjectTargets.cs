using System.Text;
using Perche.Project;

namespace Perche.Fuzz.Targets;

/// <summary>Targets for src/Perche.Project: what a project folder holds as text.</summary>
public static class ProjectTargets
{
    /// <summary>The store location of store.url: a path, a postgres:// URL or a connection string.</summary>
    public static void StoreUrl(byte[] data)
    {
        var location = StoreLocation.Parse(Encoding.UTF8.GetString(data));
        _ = location.ToString();
    }

    /// <summary>The project store's own clear error, besides PercheFormatException.</summary>
    public static bool IsClearError(Exception ex) => ex is ProjectStoreException or Perche.Core.PercheFormatException;
}
