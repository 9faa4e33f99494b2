using Azure.Data.Tables;
using FhirTrials.TestSupport;

namespace FhirTrials.Storage.Tests.Emulator;

public sealed class AzuriteFixtureTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task An_entity_written_through_the_Azure_SDK_reads_back()
    {
        var table = azurite.TableService().GetTableClient(StorageNames.Table());
        await table.CreateAsync();

        await table.AddEntityAsync(new TableEntity("p", "r") { ["Title"] = "Hôpital européen" });
        var read = await table.GetEntityAsync<TableEntity>("p", "r");

        Assert.Equal("Hôpital européen", read.Value.GetString("Title"));
    }

    [Fact]
    public async Task A_blob_written_through_the_Azure_SDK_reads_back()
    {
        var container = azurite.BlobService().GetBlobContainerClient(StorageNames.Container());
        await container.CreateAsync();

        await container.GetBlobClient("a.txt").UploadAsync(BinaryData.FromString("NCT05032131"));
        var read = await container.GetBlobClient("a.txt").DownloadContentAsync();

        Assert.Equal("NCT05032131", read.Value.Content.ToString());
    }

    [Fact]
    public void The_emulator_listens_on_free_loopback_ports_not_the_default_ones()
    {
        Assert.InRange(azurite.Process.TablePort, 1, 65535);
        Assert.NotEqual(10002, azurite.Process.TablePort);
        Assert.Contains($"127.0.0.1:{azurite.Process.TablePort}", azurite.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_names_never_repeat_and_are_valid()
    {
        var tables = Enumerable.Range(0, 50).Select(_ => StorageNames.Table("Resources")).ToList();
        Assert.Equal(tables.Count, tables.Distinct().Count());
        Assert.All(tables, t => Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,62}$", t));
        Assert.Matches("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$", StorageNames.Container("Incoming"));
    }
}
