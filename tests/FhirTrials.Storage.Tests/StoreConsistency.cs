using Azure.Data.Tables;
using FhirTrials.Storage.Resources;

namespace FhirTrials.Storage.Tests;

/// <summary>What any write, finished or repaired, must leave: no claim pending, no version twice, no index row of a version that is not current.</summary>
public static class StoreConsistency
{
    /// <returns>The current version of every resource, keyed "type/id".</returns>
    public static async Task<Dictionary<string, int>> AssertAsync(TrialStorage storage, TableResourceStore store)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(store);
        var current = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in storage.Resources.QueryAsync<TableEntity>())
        {
            Assert.True(row.GetInt32("PendingVersion") is null or 0, $"{row.PartitionKey}/{row.RowKey} still has a pending version");
            var version = row.GetInt32("VersionId") ?? 0;
            current[$"{row.PartitionKey}/{row.RowKey}"] = version;
            var history = await store.HistoryAsync(row.PartitionKey, row.RowKey).ToListAsync();
            Assert.Equal(Enumerable.Range(1, version).Reverse().Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)), history.Select(h => h.VersionId));
        }

        await foreach (var row in storage.Index.QueryAsync<TableEntity>())
        {
            var type = row.PartitionKey[..row.PartitionKey.IndexOf('_', StringComparison.Ordinal)];
            var key = $"{type}/{row.GetString("Id")}";
            Assert.True(current.TryGetValue(key, out var version) && version == row.GetInt32("VersionId"), $"Index row {row.PartitionKey} {row.RowKey} points at a version that is not current");
        }

        return current;
    }
}
