using Azure.Data.Tables;
using FhirTrials.Storage.Tables;
using FhirTrials.TestSupport;

namespace FhirTrials.Storage.Tests.Tables;

public sealed class TableBatchTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Upserting_250_rows_over_3_partitions_then_deleting_them_with_some_already_gone_leaves_none()
    {
        var (storage, policy) = await TestStorage.CreateAsync(azurite);
        var table = storage.Index;
        var rows = Enumerable.Range(0, 250).Select(i => new TableEntity($"p{i % 3}", $"r{i:D3}") { ["V"] = i }).ToList();

        await TableBatch.UpsertAsync(table, rows, CancellationToken.None);
        Assert.Equal(250, await table.QueryAsync<TableEntity>().CountAsync());
        Assert.All(policy.Requests.Where(r => r.StartsWith("POST", StringComparison.Ordinal)), r => Assert.Contains("$batch", r, StringComparison.Ordinal));

        await table.DeleteEntityAsync("p0", "r000");
        await TableBatch.DeleteAsync(table, rows, CancellationToken.None);

        Assert.Equal(0, await table.QueryAsync<TableEntity>().CountAsync());
    }

    [Fact]
    public async Task Provisioning_twice_is_harmless_and_creates_every_table_and_container()
    {
        var (storage, _) = await TestStorage.CreateAsync(azurite, StorageNames.Container("in"));

        await StorageProvisioner.EnsureCreatedAsync(storage, []);

        foreach (var name in storage.Names.AllTables)
        {
            Assert.Equal(name, Assert.Single(await storage.TableService.QueryAsync(t => t.Name == name).ToListAsync()).Name);
        }

        Assert.True((await storage.Payloads.ExistsAsync()).Value);
    }
}
