using System.Text;
using Perche.Production.Hashing;

namespace Perche.Production.Tests.Mhl;

/// <summary>The known-answer vectors ascmhl's own tests assert (testdata INDEX.md section 5).</summary>
public class HashVectorTests
{
    private static readonly byte[] Input = Encoding.ASCII.GetBytes("media-hash-list");

    [Theory]
    [InlineData(HashKind.Md5, "9db0fc9f30f5ee70041a7538809e2858")]
    [InlineData(HashKind.Sha1, "7b57673ac5633937a55b59009ad0c57ee08188b7")]
    [InlineData(HashKind.Xxh64, "584b2ea1974f2b7c")]
    [InlineData(HashKind.Xxh3, "6d4cbd75905c81aa")]
    [InlineData(HashKind.Xxh128, "61a67c014f703a456ee7a776fd8c06bd")]
    [InlineData(HashKind.C4, "c456LycWwpMMS7VDZEKvYv2L1uJS6s4qAFnaJdnQiy5JVbBFZMA8aLDS6SPaJjLqxXH4qZdnbuktopMt9frtC2qL1R")]
    public void Media_hash_list_string_hashes_to_the_reference_value(HashKind kind, string expected) =>
        Assert.Equal(expected, ContentHasher.Of(kind, Input));

    [Fact]
    public void Incremental_hashing_in_odd_pieces_equals_one_shot()
    {
        var data = new byte[100_003];
        new Random(7).NextBytes(data);
        foreach (var kind in Enum.GetValues<HashKind>())
        {
            using var h = new ContentHasher(kind);
            for (var i = 0; i < data.Length; i += 997)
            {
                h.Append(data.AsSpan(i, Math.Min(997, data.Length - i)));
            }

            Assert.Equal(ContentHasher.Of(kind, data), h.Finish());
        }
    }

    [Theory]
    [InlineData(HashKind.Md5, "88abf5c156ff637c6380ae461fc50c3f")]
    [InlineData(HashKind.Sha1, "22ad6b98111f6571c9ae1449988260b920960c16")]
    [InlineData(HashKind.Xxh64, "c4e803e454029ee4")]
    [InlineData(HashKind.Xxh3, "d908e88da5ad4928")]
    [InlineData(HashKind.Xxh128, "9041108a28887a9d35b4eac5bbaa5794")]
    public void Hash_of_a_hash_list_sorts_decodes_and_concatenates(HashKind kind, string expected) =>
        Assert.Equal(expected, ContentHasher.OfHashList(kind, ["bb", "aa10", "aa01", "aa"]));

    [Fact]
    public void Hash_of_an_empty_list_is_the_hash_of_nothing() =>
        Assert.Equal(ContentHasher.Of(HashKind.Xxh64, []), ContentHasher.OfHashList(HashKind.Xxh64, []));

    [Fact]
    public void C4_round_trips_through_its_bytes()
    {
        var c4 = ContentHasher.Of(HashKind.C4, Input);
        var sha512 = System.Security.Cryptography.SHA512.HashData(Input);
        Assert.Equal(sha512, ContentHasher.BytesOf(HashKind.C4, c4));
    }

    [Fact]
    public void Unknown_hash_format_names_the_format()
    {
        var ex = Assert.Throws<ArgumentException>(() => HashKinds.ParseList("xxh64,crc99"));
        Assert.Contains("crc99", ex.Message, StringComparison.Ordinal);
        Assert.Equal([HashKind.Xxh64, HashKind.Md5], HashKinds.ParseList("xxh64, md5,xxh64"));
    }
}
