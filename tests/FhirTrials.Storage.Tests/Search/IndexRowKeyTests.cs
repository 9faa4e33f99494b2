using FhirTrials.Storage.Search;
using FhirTrials.Storage.Tables;

namespace FhirTrials.Storage.Tests.Search;

public sealed class IndexRowKeyTests
{
    private static readonly string[] Awkward =
    [
        "", " ", "a", "a b", "a/b", "a.b", "a.", "a#", "a\"", "a?", "a>", "a[", "a\\", "a~", "a\u007f", "a\u0085", "a\t",
        "http://loinc.org|1234-5", "ResearchStudy/123", "é", "z", "o'brien", "x' or '1' eq '1", "\U0001F600",
    ];

    [Fact]
    public void Encoded_keys_never_hold_a_character_Azure_forbids()
    {
        foreach (var key in Awkward)
        {
            Assert.DoesNotContain(IndexRowKey.Encode(key), TableLimits.IsForbiddenKeyChar);
        }
    }

    [Fact]
    public void Encoding_keeps_ordinal_order_and_row_keys_sort_by_key_then_id()
    {
        var random = new Random(7);
        var alphabet = "ab ./#?\\\"~>[\t\u007f\u0090é0".ToCharArray();
        var keys = Awkward.Concat(Enumerable.Range(0, 2000).Select(_ =>
            new string(Enumerable.Range(0, random.Next(0, 6)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()))).Distinct().ToList();

        var byKey = keys.Order(StringComparer.Ordinal).ToList();
        var byEncoded = keys.OrderBy(IndexRowKey.Encode, StringComparer.Ordinal).ToList();
        Assert.Equal(byKey, byEncoded);

        var rows = keys.SelectMany(k => new[] { (Key: k, Id: "id-2"), (Key: k, Id: "id-10") })
            .OrderBy(r => IndexRowKey.RowKey(IndexRowKey.Encode(r.Key), r.Id, 1), StringComparer.Ordinal).ToList();
        Assert.Equal(rows.OrderBy(r => r.Key, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal), rows);
    }

    [Fact]
    public void Very_long_keys_are_cut_to_fit_a_row_key_with_id_and_version()
    {
        var (encoded, truncated) = IndexRowKey.EncodeBounded(new string('/', 5000));

        Assert.True(truncated);
        var rowKey = IndexRowKey.RowKey(encoded, new string('a', 64), int.MaxValue);
        TableLimits.ValidateKey(rowKey, "RowKey");
    }
}
