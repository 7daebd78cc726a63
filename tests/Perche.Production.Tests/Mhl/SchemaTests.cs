using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Perche.Core.Tests.Support;
using Perche.Production.Hashing;
using Perche.Production.Mhl;
using Perche.Production.Offload;

namespace Perche.Production.Tests.Mhl;

/// <summary>What Perche writes validates against the ASC MHL v2.0 schemas (mhl/xsd).</summary>
public class SchemaTests
{
    private static XmlSchemaSet Schemas()
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        foreach (var name in new[] { "ASCMHL.xsd", "ASCMHLDirectory.xsd" })
        {
            using var reader = XmlReader.Create(TestData.Shared("mhl/xsd/" + name), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            set.Add(null, reader);
        }

        set.Compile();
        return set;
    }

    private static List<string> Validate(XmlSchemaSet set, string path)
    {
        var errors = new List<string>();
        var doc = XDocument.Load(path, LoadOptions.SetLineInfo);
        doc.Validate(set, (_, e) => errors.Add($"{path}:{e.Exception?.LineNumber}: {e.Message}"));
        return errors;
    }

    [SharedDataFact]
    public void Reference_example_validates_so_the_check_itself_works()
    {
        var set = Schemas();
        Assert.Empty(Validate(set, TestData.Shared("mhl/xsd/examples/0001_TEST01_2019-10-11_155603.mhl")));
        Assert.Empty(Validate(set, TestData.Shared("mhl/xsd/examples/ascmhl_chain.xml")));
        using var t = new TempTree();
        File.WriteAllText(t.Path("bad.mhl"), "<hashlist version=\"2.0\" xmlns=\"urn:ASC:MHL:v2.0\"><processinfo/></hashlist>");
        Assert.NotEmpty(Validate(set, t.Path("bad.mhl")));
    }

    [SharedDataFact]
    public void Offload_generations_and_chains_with_every_hash_format_validate()
    {
        var set = Schemas();
        using var t = new TempTree("ROLL");
        t.Write("a/b.wav", new byte[4096]);
        t.Write("c.txt", "c");
        Directory.CreateDirectory(t.Path("empty"));
        var result = OffloadEngine.Run(new OffloadOptions
        {
            Source = t.Root,
            Destinations = [Path.Combine(t.Base, "A")],
            Kinds = [HashKind.Xxh64, HashKind.Xxh3, HashKind.Xxh128, HashKind.Md5, HashKind.Sha1, HashKind.C4],
        });
        Assert.True(result.Passed);
        var dest = result.Destinations[0].Root;
        MhlVerifier.Verify(dest, seal: true);
        var files = Directory.GetFiles(Path.Combine(dest, "ascmhl"));
        Assert.Equal(3, files.Length);
        foreach (var f in files)
        {
            Assert.Empty(Validate(set, f));
        }
    }
}
