using Perche.Core;
using Perche.Production.Mhl;
using Perche.Production.Offload;

namespace Perche.Reliability.Tests.Kill;

/// <summary>
/// What a kill between the two files of an ASC MHL append leaves behind: the new generation without the chain that
/// commits it. Found by the offload kill test (20 rounds, one loss): the rerun refused the destination with "the
/// ascmhl folder holds generations but no chain file", so the user could not finish the offload.
/// </summary>
public sealed class InterruptedOffloadTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("perche-interrupted-offload-").FullName;

    public void Dispose() => Directory.Delete(this.root, recursive: true);

    [Fact]
    public void A_first_generation_without_its_chain_is_no_history_and_the_rerun_completes()
    {
        var card = Path.Combine(this.root, "SR001");
        Directory.CreateDirectory(card);
        File.WriteAllBytes(Path.Combine(card, "S01T01.WAV"), [.. Enumerable.Range(0, 4096).Select(i => (byte)i)]);
        var dest = Path.Combine(this.root, "d1");
        Assert.True(OffloadEngine.Run(new OffloadOptions { Source = card, Destinations = [dest] }).Passed);

        // The state of a kill after the generation's rename, before the chain's.
        var history = Path.Combine(dest, "SR001", "ascmhl");
        File.Delete(Path.Combine(history, "ascmhl_chain.xml"));
        Assert.False(MhlHistory.Load(Path.Combine(dest, "SR001")).Exists);

        var rerun = OffloadEngine.Run(new OffloadOptions { Source = card, Destinations = [dest] });
        Assert.True(rerun.Passed, rerun.Destinations[0].Error);
        var check = MhlVerifier.Verify(Path.Combine(dest, "SR001"), seal: false);
        Assert.True(check.Passed);
        Assert.Equal(1, check.Count(FileVerdict.Verified));
    }

    [Fact]
    public void A_later_generation_without_a_chain_is_still_refused_as_a_lost_chain()
    {
        var history = Path.Combine(this.root, "SR001", "ascmhl");
        Directory.CreateDirectory(history);
        File.WriteAllText(Path.Combine(history, "0002_SR001_2026-11-30_120000Z.mhl"), "<hashlist/>");
        var ex = Assert.Throws<PercheFormatException>(() => MhlHistory.Load(Path.Combine(this.root, "SR001")));
        Assert.Contains("no chain file", ex.Message, StringComparison.Ordinal);
    }
}
