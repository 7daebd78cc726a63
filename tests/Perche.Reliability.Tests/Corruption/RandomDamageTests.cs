using FsCheck;
using FsCheck.Fluent;
using Perche.Fuzz;
using Perche.Reliability.Tests.Support;

namespace Perche.Reliability.Tests.Corruption;

/// <summary>
/// Property tests: real inputs (the fuzz seeds) with a few bytes overwritten, inserted or removed anywhere —
/// how a bad card, a broken copy or a buggy tool damages files — end in a result or the clear error.
/// </summary>
public sealed class RandomDamageTests
{
    public static TheoryData<string> Targets()
    {
        var data = new TheoryData<string>();
        foreach (var t in FuzzTargets.All)
        {
            data.Add(t.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Damaged_real_inputs_end_in_a_result_or_the_clear_error(string target)
    {
        var seeds = Paths.InputsIn(Path.Combine(Paths.Seeds, target)).Select(File.ReadAllBytes).Where(b => b.Length > 0).ToArray();
        Assert.NotEmpty(seeds);
        var damage = from seed in Gen.Elements(seeds)
                     from edits in Gen.Choose(1, 8)
                     from positions in Gen.Choose(0, int.MaxValue).ArrayOf(edits)
                     from values in Gen.Choose(0, 255).ArrayOf(edits)
                     from kind in Gen.Choose(0, 2)
                     select Damage(seed, positions, values, kind);
        var property = Prop.ForAll(damage.ToArbitrary(), bytes => ReaderAssert.Acceptable(target, bytes, $"{bytes.Length} damaged bytes"));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), property);
    }

    private static byte[] Damage(byte[] seed, int[] positions, int[] values, int kind)
    {
        var list = new List<byte>(seed);
        for (var i = 0; i < positions.Length; i++)
        {
            // Headers hold most of the structure: aim half of the edits at the first 256 bytes.
            var span = i % 2 == 0 ? Math.Min(list.Count, 256) : list.Count;
            var at = span == 0 ? 0 : positions[i] % span;
            switch (kind)
            {
                case 0 when list.Count > 0:
                    list[at] = (byte)values[i];
                    break;
                case 1:
                    list.Insert(at, (byte)values[i]);
                    break;
                case 2 when list.Count > 1:
                    list.RemoveAt(at);
                    break;
            }
        }

        return [.. list];
    }
}
