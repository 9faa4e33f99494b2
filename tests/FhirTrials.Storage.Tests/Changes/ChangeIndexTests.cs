using System.Globalization;
using Azure.Data.Tables;
using FhirTrials.Storage.Changes;
using FhirTrials.Storage.Resources;
using FhirTrials.TestSupport;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace FhirTrials.Storage.Tests.Changes;

public sealed class ChangeIndexTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static List<Resource> Studies(int count, string title) =>
        [.. Enumerable.Range(0, count).Select(i => (Resource)TestIndexer.Study("s" + i.ToString("D3", CultureInfo.InvariantCulture), $"{title} {i}"))];

    private static async Task<List<TableEntity>> ChangeRowsAsync(TrialStorage storage) =>
        await storage.Changes.QueryAsync<TableEntity>().ToListAsync();

    [Fact]
    public async Task The_one_resource_writer_writes_a_change_row_for_every_version_at_its_lastUpdated()
    {
        var (storage, _) = await TestStorage.CreateAsync(azurite);
        var store = new TableResourceStore(storage, TestIndexer.Extract);

        await store.WriteAsync(TestIndexer.Study("s1", "First"));
        await store.WriteAsync(TestIndexer.Study("s1", "Second"));
        await store.WriteAsync(TestIndexer.Study("s1", "Second"));

        var rows = await ChangeRowsAsync(storage);
        var history = await store.HistoryAsync("ResearchStudy", "s1").ToListAsync();
        // Newest first, one per version (the unchanged third write wrote none), each at its version's lastUpdated.
        Assert.Equal([2, 1], rows.Select(r => r.GetInt32(ChangeRows.VersionColumn)!.Value));
        Assert.Equal(history.Select(h => h.LastUpdated), rows.Select(r => r.GetDateTimeOffset(ChangeRows.LastUpdatedColumn)!.Value));
        Assert.All(rows, r => Assert.Equal(("ResearchStudy", "s1"), (r.PartitionKey, r.GetString(ChangeRows.IdColumn))));
    }

    [Fact]
    public async Task The_bulk_writer_writes_a_change_row_for_every_version_it_writes()
    {
        var (storage, _) = await TestStorage.CreateAsync(azurite);
        var store = new TableResourceStore(storage, TestIndexer.Extract);
        var writer = new BulkVersionWriter(storage, store.Rows, store.Writer);
        await writer.WriteAsync(Studies(30, "Trial"), _ => true, CancellationToken.None);
        var next = Studies(30, "Trial");
        ((ResearchStudy)next[4]).Title = "Amended trial 4";

        await writer.WriteAsync(next, _ => false, CancellationToken.None);

        var rows = await ChangeRowsAsync(storage);
        Assert.Equal(31, rows.Count);
        Assert.Equal(30, rows.Count(r => r.GetInt32(ChangeRows.VersionColumn) == 1));
        var amended = Assert.Single(rows, r => r.GetInt32(ChangeRows.VersionColumn) == 2);
        Assert.Equal("s004", amended.GetString(ChangeRows.IdColumn));
        Assert.Equal((await store.ReadAsync("ResearchStudy", "s004"))!.LastUpdated, amended.GetDateTimeOffset(ChangeRows.LastUpdatedColumn));
        // The newest change sorts first in the partition.
        Assert.Equal("s004", rows[0].GetString(ChangeRows.IdColumn));
    }

    [Fact]
    public async Task Changes_since_T_read_only_the_rows_written_after_T_in_one_query()
    {
        var (storage, policy) = await TestStorage.CreateAsync(azurite);
        var store = new TableResourceStore(storage, TestIndexer.Extract);
        var writer = new BulkVersionWriter(storage, store.Rows, store.Writer);
        await writer.WriteAsync(Studies(200, "Trial"), _ => true, CancellationToken.None);
        // The bulk writer stamps each resource as it gets to it: T is the latest of them.
        var since = (await ChangeRowsAsync(storage)).Max(r => r.GetDateTimeOffset(ChangeRows.LastUpdatedColumn)!.Value);
        await Task.Delay(5);
        foreach (var id in new[] { "s010", "s020", "s030" })
        {
            await store.WriteAsync(TestIndexer.Study(id, "Changed " + id));
        }

        policy.ClearRequests();
        var reader = new ChangeReader(storage);
        var changes = await reader.ChangesAsync("ResearchStudy", since, DateTimeOffset.UtcNow).ToListAsync();

        Assert.Equal(["s030", "s020", "s010"], changes.Select(c => c.Id));
        var query = Assert.Single(policy.Requests);
        Assert.Contains(storage.Names.Changes, query, StringComparison.Ordinal);
        Assert.All(changes, c => Assert.True(c.LastUpdated > since));
        Assert.Equal(changes.Select(c => c.RowKey).Order(StringComparer.Ordinal), changes.Select(c => c.RowKey));
        Assert.StartsWith(ChangeRows.TimeKey(changes[0].LastUpdated) + " s030 ", changes[0].RowKey, StringComparison.Ordinal);
        var versions = await Task.WhenAll(changes.Select(c => reader.VersionAsync(c)));
        Assert.Equal(["Changed s030", "Changed s020", "Changed s010"], versions.Select(v => ((ResearchStudy)FhirJson.Parse(v!.Json)).Title));
    }

    [Fact]
    public async Task A_change_row_of_a_version_not_committed_is_not_read_as_a_version()
    {
        var (storage, _) = await TestStorage.CreateAsync(azurite);
        var store = new TableResourceStore(storage, TestIndexer.Extract);
        await store.WriteAsync(TestIndexer.Study("s1", "First"));
        // What a writer that died after its index rows and before its commit leaves: a change row of version 2.
        var pending = ChangeRows.Build("ResearchStudy", "s1", 2, DateTimeOffset.UtcNow);
        await storage.Changes.AddEntityAsync(pending);

        var reader = new ChangeReader(storage);
        var changes = await reader.ChangesAsync("ResearchStudy", null, DateTimeOffset.UtcNow.AddMinutes(1)).ToListAsync();

        Assert.Equal([2, 1], changes.Select(c => c.Version));
        Assert.Null(await reader.VersionAsync(changes[0]));
        Assert.Equal("1", (await reader.VersionAsync(changes[1]))!.VersionId);
    }
}
