using Azure.Data.Tables;
using FhirTrials.Storage.Search;

namespace FhirTrials.Storage.Ingestion;

/// <summary>
/// Which blob versions (name, ETag) a watcher has finished with, kept in table storage so a restarted host ingests
/// nothing twice. Keys go through the index key encoding, which never emits a character Azure forbids in keys and
/// bounds long blob names with a hash.
/// </summary>
public sealed class BlobReceipts(TrialStorage storage)
{
    private readonly TrialStorage _storage = storage ?? throw new ArgumentNullException(nameof(storage));

    public async Task<bool> HasAsync(string blobName, string etag, CancellationToken cancellationToken = default)
    {
        var (partition, row) = Keys(blobName, etag);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey eq {row}");
        await foreach (var _ in _storage.Receipts.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        return false;
    }

    public async Task WriteAsync(string blobName, string etag, IngestionEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var (partition, row) = Keys(blobName, etag);
        var receipt = new TableEntity(partition, row)
        {
            ["EntryId"] = entry.EntryId,
            ["Outcome"] = entry.Outcome.ToString(),
            ["FinishedAt"] = entry.FinishedAt,
        };
        await _storage.Receipts.UpsertEntityAsync(receipt, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private static (string Partition, string Row) Keys(string blobName, string etag)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        ArgumentException.ThrowIfNullOrEmpty(etag);
        // A listing gives the ETag bare and a properties call quoted (as the header carries it): the same version.
        return (IndexRowKey.EncodeBounded(blobName).Encoded, IndexRowKey.EncodeBounded(etag.Trim('"')).Encoded);
    }
}
