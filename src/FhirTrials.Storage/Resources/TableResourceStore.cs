using System.Runtime.CompilerServices;
using System.Text;
using Azure.Data.Tables;
using FhirTrials.Core.Search;
using Resource = Hl7.Fhir.Model.Resource;

namespace FhirTrials.Storage.Resources;

/// <summary>
/// Versioned FHIR resources in Table Storage: the current version (one point read by type and id), every version
/// (history, newest first; vread is one point read) and their search index rows. See <see cref="VersionWriter"/>
/// for the write order that keeps readers consistent under faults and concurrent writers.
/// </summary>
public sealed class TableResourceStore
{
    private readonly TrialStorage _storage;
    private readonly VersionWriter _writer;

    /// <param name="indexer">The search index entries of a resource (the api's SearchIndexer.Extract in production).</param>
    /// <param name="time">Clock for meta.lastUpdated; the system clock when null.</param>
    public TableResourceStore(TrialStorage storage, Func<Resource, IReadOnlyList<IndexEntry>> indexer, TimeProvider? time = null)
    {
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
        ArgumentNullException.ThrowIfNull(indexer);
        Rows = new VersionRows(storage, indexer, time ?? TimeProvider.System);
        _writer = new VersionWriter(storage, Rows);
    }

    internal VersionRows Rows { get; }

    internal VersionWriter Writer => _writer;

    /// <summary>How long a claimed but uncommitted version blocks other writers before they take it over (a crashed writer).</summary>
    public TimeSpan AbandonPendingAfter
    {
        get => _writer.AbandonPendingAfter;
        init => _writer.AbandonPendingAfter = value;
    }

    /// <summary>
    /// Stores the resource as a new version (versionId and lastUpdated set here), unless its content, ignoring meta
    /// versionId/lastUpdated/source, equals the current version. Safe to repeat after any failure.
    /// </summary>
    public Task<ResourceWriteResult> WriteAsync(Resource resource, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(resource, cancellationToken);

    /// <summary>The current version, or null when there is none (an invalid id is simply not found).</summary>
    public async Task<StoredResource?> ReadAsync(string resourceType, string id, CancellationToken cancellationToken = default)
    {
        if (!ResourceKeys.IsValid(resourceType, id))
        {
            return null;
        }

        var row = await _storage.Resources.GetEntityIfExistsAsync<TableEntity>(resourceType, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value!.GetInt32(VersionWriter.VersionColumn) is > 0
            ? await ToStoredAsync(resourceType, id, row.Value, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>One version (vread), or null when it does not exist or is not committed yet.</summary>
    public async Task<StoredResource?> ReadVersionAsync(string resourceType, string id, string versionId, CancellationToken cancellationToken = default)
    {
        if (!ResourceKeys.IsValid(resourceType, id) || !ResourceKeys.TryParseVersion(versionId, out var version)
            || version > await CurrentVersionAsync(resourceType, id, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var row = await _storage.History.GetEntityIfExistsAsync<TableEntity>(
            ResourceKeys.HistoryPartition(resourceType), ResourceKeys.HistoryRow(id, version), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? await ToStoredAsync(resourceType, id, row.Value!, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Every committed version, newest first (one partition query).</summary>
    public async IAsyncEnumerable<StoredResource> HistoryAsync(
        string resourceType, string id, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!ResourceKeys.IsValid(resourceType, id))
        {
            yield break;
        }

        var current = await CurrentVersionAsync(resourceType, id, cancellationToken).ConfigureAwait(false);
        if (current == 0)
        {
            yield break;
        }

        // Versions above the current one are claimed by a writer but not committed: invisible to readers.
        var (from, to) = ResourceKeys.HistoryRange(id, current);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {ResourceKeys.HistoryPartition(resourceType)} and RowKey ge {from} and RowKey lt {to}");
        await foreach (var row in _storage.History.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return await ToStoredAsync(resourceType, id, row, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The current version number, 0 when the resource does not exist.</summary>
    public async Task<int> CurrentVersionAsync(string resourceType, string id, CancellationToken cancellationToken = default)
    {
        if (!ResourceKeys.IsValid(resourceType, id))
        {
            return 0;
        }

        var row = await _storage.Resources.GetEntityIfExistsAsync<TableEntity>(
            resourceType, id, [VersionWriter.VersionColumn], cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value!.GetInt32(VersionWriter.VersionColumn) ?? 0 : 0;
    }

    private async Task<StoredResource> ToStoredAsync(string resourceType, string id, TableEntity row, CancellationToken cancellationToken)
    {
        var json = await Tables.PayloadColumns.ReadAsync(row, VersionWriter.JsonColumn, _storage.Payloads, cancellationToken).ConfigureAwait(false);
        return new StoredResource(
            resourceType,
            id,
            (row.GetInt32(VersionWriter.VersionColumn) ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
            row.GetDateTimeOffset(VersionWriter.LastUpdatedColumn) ?? default,
            Encoding.UTF8.GetString(json));
    }
}
