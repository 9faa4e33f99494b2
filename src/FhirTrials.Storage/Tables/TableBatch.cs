using Azure;
using Azure.Data.Tables;

namespace FhirTrials.Storage.Tables;

/// <summary>
/// Submits many operations as Azure transactions: one partition per transaction, at most 100 operations and
/// 4 MiB each. Azurite would accept larger or cross-partition batches that Azure rejects, so the split happens here.
/// </summary>
public static class TableBatch
{
    // Headroom for the multipart envelope around each operation.
    private const int PerOperationOverhead = 1024;

    /// <summary>Replaces (or inserts) every entity.</summary>
    public static Task UpsertAsync(TableClient table, IEnumerable<TableEntity> entities, CancellationToken cancellationToken) =>
        SubmitAsync(table, entities.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);

    /// <summary>Deletes every entity; entities already gone are not an error (a retry may repeat a delete).</summary>
    public static async Task DeleteAsync(TableClient table, IEnumerable<TableEntity> entities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var chunk in Chunks(entities.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All))))
        {
            try
            {
                await table.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // One row was already deleted, which fails the whole transaction: delete one by one (404 is success there).
                foreach (var action in chunk)
                {
                    await table.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    public static async Task SubmitAsync(TableClient table, IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var chunk in Chunks(actions))
        {
            await table.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Groups actions into valid transactions: same partition, at most 100 operations and 4 MiB.</summary>
    public static IEnumerable<List<TableTransactionAction>> Chunks(IEnumerable<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        foreach (var partition in actions.GroupBy(a => a.Entity.PartitionKey, StringComparer.Ordinal))
        {
            var chunk = new List<TableTransactionAction>();
            long bytes = 0;
            foreach (var action in partition)
            {
                var size = PerOperationOverhead + Size(action.Entity);
                if (chunk.Count == TableLimits.MaxBatchOperations || (chunk.Count > 0 && bytes + size > TableLimits.MaxBatchBytes))
                {
                    yield return chunk;
                    chunk = [];
                    bytes = 0;
                }

                chunk.Add(action);
                bytes += size;
            }

            if (chunk.Count > 0)
            {
                yield return chunk;
            }
        }
    }

    private static long Size(ITableEntity entity)
    {
        if (entity is TableEntity table)
        {
            TableLimits.Validate(table);
            var properties = TableLimits.UserProperties(table).ToList();
            return Math.Max(TableLimits.EntitySize(table, properties), WireSize(properties));
        }

        TableLimits.ValidateKey(entity.PartitionKey, "PartitionKey");
        TableLimits.ValidateKey(entity.RowKey, "RowKey");
        return 0;
    }

    /// <summary>
    /// The 4 MiB limit is on the request body, where binary properties travel as base64 (a third larger than the
    /// entity size counts them) with their type annotation: batches of payload rows would pass it otherwise.
    /// </summary>
    private static long WireSize(List<KeyValuePair<string, object?>> properties) =>
        properties.Sum(p => (2L * p.Key.Length) + 64 + p.Value switch
        {
            byte[] bytes => (bytes.LongLength + 2) / 3 * 4,
            string text => System.Text.Encoding.UTF8.GetByteCount(text),
            _ => 32,
        });
}
