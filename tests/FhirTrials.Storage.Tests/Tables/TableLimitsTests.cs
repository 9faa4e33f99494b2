using Azure.Data.Tables;
using FhirTrials.Storage.Tables;

namespace FhirTrials.Storage.Tests.Tables;

public sealed class TableLimitsTests
{
    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\u0001b")]
    public void Keys_with_characters_Azure_forbids_are_rejected_naming_the_character(string key)
    {
        var error = Assert.Throws<TableLimitException>(() => TableLimits.ValidateKey(key, "RowKey"));

        Assert.Contains("position 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_over_512_characters_are_rejected()
    {
        Assert.Throws<TableLimitException>(() => TableLimits.ValidateKey(new string('k', 513), "PartitionKey"));
        TableLimits.ValidateKey(new string('k', 512), "PartitionKey");
    }

    [Fact]
    public void Entities_over_252_properties_64_KiB_per_property_or_1_MiB_are_rejected()
    {
        var many = new TableEntity("p", "r");
        for (var i = 0; i < 253; i++)
        {
            many["P" + i] = i;
        }

        var wide = new TableEntity("p", "r") { ["Text"] = new string('x', 33_000) };
        var heavy = new TableEntity("p", "r");
        for (var i = 0; i < 17; i++)
        {
            heavy["B" + i] = new byte[64 * 1024];
        }

        Assert.Contains("253 properties", Assert.Throws<TableLimitException>(() => TableLimits.Validate(many)).Message, StringComparison.Ordinal);
        Assert.Contains("per property", Assert.Throws<TableLimitException>(() => TableLimits.Validate(wide)).Message, StringComparison.Ordinal);
        Assert.Contains("per entity", Assert.Throws<TableLimitException>(() => TableLimits.Validate(heavy)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batches_hold_one_partition_and_at_most_100_operations()
    {
        var actions = Enumerable.Range(0, 250)
            .Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity($"p{i % 3}", $"r{i}")))
            .ToList();

        var chunks = TableBatch.Chunks(actions).ToList();

        Assert.All(chunks, c => Assert.InRange(c.Count, 1, 100));
        Assert.All(chunks, c => Assert.Single(c.Select(a => a.Entity.PartitionKey).Distinct()));
        Assert.Equal(250, chunks.Sum(c => c.Count));
    }

    [Fact]
    public void Batches_stay_under_4_MiB()
    {
        var actions = Enumerable.Range(0, 40)
            .Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", $"r{i}") { ["B"] = new byte[60_000], ["C"] = new byte[60_000] }))
            .ToList();

        var chunks = TableBatch.Chunks(actions).ToList();

        Assert.True(chunks.Count >= 2);
        Assert.All(chunks, c => Assert.True(c.Count * 120_000 <= TableLimits.MaxBatchBytes));
    }
}
