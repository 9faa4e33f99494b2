using FhirTrials.Storage.Ingestion;
using FhirTrials.TestSupport;

namespace FhirTrials.Storage.Tests.Ingestion;

public sealed class BlobReceiptsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static IngestionEntry Entry(string blob, string version) =>
        new(IngestionLog.EntryIdFor(blob, version), blob, version, IngestionOutcome.Ingested, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1);

    [Theory]
    [InlineData("plain.txt")]
    [InlineData("folder/sub\\page #1?.html")]
    [InlineData("tab\tand control\u0001.txt")]
    public async Task A_receipt_is_found_again_by_name_and_ETag_even_with_characters_Azure_forbids_in_keys(string blob)
    {
        var (storage, _) = await TestStorage.CreateAsync(azurite);
        var receipts = new BlobReceipts(storage);
        Assert.False(await receipts.HasAsync(blob, "\"0x1\""));

        await receipts.WriteAsync(blob, "\"0x1\"", Entry(blob, "\"0x1\""));

        // A properties call gives the ETag quoted, a listing bare: both name the same version.
        Assert.True(await receipts.HasAsync(blob, "\"0x1\""));
        Assert.True(await receipts.HasAsync(blob, "0x1"));
        Assert.False(await receipts.HasAsync(blob, "0x2"));
        Assert.False(await receipts.HasAsync(blob + "x", "0x1"));
    }

    [Fact]
    public async Task A_blob_name_longer_than_the_key_limit_still_gets_a_distinct_receipt()
    {
        var (storage, _) = await TestStorage.CreateAsync(azurite);
        var receipts = new BlobReceipts(storage);
        var longName = new string('a', 1000);

        await receipts.WriteAsync(longName + "1", "0x1", Entry(longName + "1", "0x1"));

        Assert.True(await receipts.HasAsync(longName + "1", "0x1"));
        Assert.False(await receipts.HasAsync(longName + "2", "0x1"));
    }
}
