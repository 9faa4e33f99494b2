using System.Runtime.CompilerServices;
using System.Text;
using Azure.Data.Tables;
using FhirTrials.Storage.Resources;
using FhirTrials.Storage.Tables;

namespace FhirTrials.Storage.Changes;

/// <summary>One row of the change index: a version of a resource and when it was written.</summary>
public sealed record ChangeRow(string ResourceType, string Id, int Version, DateTimeOffset LastUpdated, string RowKey);

/// <summary>
/// Reads the change index: the rows of a time range (newest first, one partition range query per type), and the
/// version a row names when it really is a committed version (see <see cref="ChangeRows"/>).
/// </summary>
public sealed class ChangeReader(TrialStorage storage)
{
    // $select returns only what it names: the row key is the cursor.
    private static readonly string[] RowColumns = ["RowKey", ChangeRows.IdColumn, ChangeRows.VersionColumn, ChangeRows.LastUpdatedColumn];
    private static readonly string[] CurrentColumns = [VersionRows.VersionColumn, VersionRows.LastUpdatedColumn];

    /// <summary>Rows with <paramref name="since"/> &lt; lastUpdated &lt;= <paramref name="until"/>, newest first, after the row key <paramref name="after"/>.</summary>
    /// <param name="through">Up to this row key (inclusive).</param>
    /// <param name="afterInclusive">Start at <paramref name="after"/> itself (a cursor over several types' partitions).</param>
    public async IAsyncEnumerable<ChangeRow> ChangesAsync(
        string resourceType, DateTimeOffset? since, DateTimeOffset until, string? after = null, string? through = null,
        bool afterInclusive = false, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (from, to) = ChangeRows.Range(since, until);
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {resourceType} and RowKey ge {from} and RowKey lt {to}")
            : afterInclusive
                ? TableClient.CreateQueryFilter($"PartitionKey eq {resourceType} and RowKey ge {after} and RowKey ge {from} and RowKey lt {to}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {resourceType} and RowKey gt {after} and RowKey ge {from} and RowKey lt {to}");
        if (through is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey le {through}");
        }

        await foreach (var row in storage.Changes.QueryAsync<TableEntity>(filter, select: RowColumns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new ChangeRow(resourceType, row.GetString(ChangeRows.IdColumn), row.GetInt32(ChangeRows.VersionColumn) ?? 0,
                row.GetDateTimeOffset(ChangeRows.LastUpdatedColumn) ?? default, row.RowKey);
        }
    }

    /// <summary>
    /// The version the row names, if it is committed and was written at the row's instant (a row left by a writer whose
    /// claim was taken over names a version number written again later); otherwise null. With <paramref name="newestAt"/>,
    /// also null when a later version was written by then (its own row stands for the resource): each resource once.
    /// </summary>
    /// <remarks>A change to the current version, the usual case, costs one point read.</remarks>
    public async Task<StoredResource?> VersionAsync(ChangeRow change, DateTimeOffset? newestAt = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var read = await storage.Resources.GetEntityIfExistsAsync<TableEntity>(change.ResourceType, change.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
        var current = read.HasValue ? read.Value! : null;
        var version = current?.GetInt32(VersionRows.VersionColumn) ?? 0;
        if (version < change.Version)
        {
            return null;
        }

        if (version == change.Version)
        {
            return current!.GetDateTimeOffset(VersionRows.LastUpdatedColumn) == change.LastUpdated
                ? await ToStoredAsync(change.ResourceType, change.Id, current, cancellationToken).ConfigureAwait(false)
                : null;
        }

        if (newestAt is { } instant)
        {
            var next = await HistoryRowAsync(change.ResourceType, change.Id, change.Version + 1, cancellationToken).ConfigureAwait(false);
            if (next is not null && next.GetDateTimeOffset(VersionRows.LastUpdatedColumn) <= instant)
            {
                return null;
            }
        }

        var history = await HistoryRowAsync(change.ResourceType, change.Id, change.Version, cancellationToken).ConfigureAwait(false);
        return history is not null && history.GetDateTimeOffset(VersionRows.LastUpdatedColumn) == change.LastUpdated
            ? await ToStoredAsync(change.ResourceType, change.Id, history, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>
    /// The version of a resource that was current at <paramref name="instant"/> (its newest committed version written
    /// then or before), or null when it did not exist yet.
    /// </summary>
    public async Task<StoredResource?> VersionAtAsync(string resourceType, string id, DateTimeOffset instant, CancellationToken cancellationToken = default)
    {
        var current = await CurrentAsync(resourceType, id, cancellationToken).ConfigureAwait(false);
        if (current.Version == 0)
        {
            return null;
        }

        var (from, to) = ResourceKeys.HistoryRange(id, current.Version);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {ResourceKeys.HistoryPartition(resourceType)} and RowKey ge {from} and RowKey lt {to} and LastUpdated le {instant}");
        await foreach (var row in storage.History.QueryAsync<TableEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return await ToStoredAsync(resourceType, id, row, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private async Task<(int Version, DateTimeOffset? LastUpdated)> CurrentAsync(string resourceType, string id, CancellationToken cancellationToken)
    {
        var row = await storage.Resources.GetEntityIfExistsAsync<TableEntity>(resourceType, id, CurrentColumns, cancellationToken).ConfigureAwait(false);
        return row.HasValue ? (row.Value!.GetInt32(VersionRows.VersionColumn) ?? 0, row.Value.GetDateTimeOffset(VersionRows.LastUpdatedColumn)) : (0, null);
    }

    private async Task<TableEntity?> HistoryRowAsync(string resourceType, string id, int version, CancellationToken cancellationToken)
    {
        var row = await storage.History.GetEntityIfExistsAsync<TableEntity>(
            ResourceKeys.HistoryPartition(resourceType), ResourceKeys.HistoryRow(id, version), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value : null;
    }

    internal async Task<StoredResource> ToStoredAsync(string resourceType, string id, TableEntity row, CancellationToken cancellationToken)
    {
        var json = await PayloadColumns.ReadAsync(row, VersionRows.JsonColumn, storage.Payloads, cancellationToken).ConfigureAwait(false);
        return new StoredResource(resourceType, id, VersionRows.Text(row.GetInt32(VersionRows.VersionColumn) ?? 0),
            row.GetDateTimeOffset(VersionRows.LastUpdatedColumn) ?? default, Encoding.UTF8.GetString(json));
    }
}
