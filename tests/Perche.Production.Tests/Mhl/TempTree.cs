using System.Text;

namespace Perche.Production.Tests.Mhl;

/// <summary>A temporary folder deleted after the test.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree(string name = "root")
    {
        this.Base = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "perche-prod-" + Guid.NewGuid().ToString("N")[..10]);
        this.Root = System.IO.Path.Combine(this.Base, name);
        Directory.CreateDirectory(this.Root);
    }

    public string Base { get; }

    public string Root { get; }

    public string Path(string rel) => System.IO.Path.Combine(this.Root, rel.Replace('/', System.IO.Path.DirectorySeparatorChar));

    public void Write(string rel, string text) => this.Write(rel, Encoding.UTF8.GetBytes(text));

    public void Write(string rel, byte[] bytes)
    {
        var p = this.Path(rel);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        File.WriteAllBytes(p, bytes);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(this.Base, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
