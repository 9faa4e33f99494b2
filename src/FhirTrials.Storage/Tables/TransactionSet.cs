using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace FhirTrials.Storage.Tables;

/// <summary>What a <see cref="TransactionSet"/> did: the ETag each applied operation left, and the operations it refused.</summary>
public sealed class TransactionOutcome
{
    public ConcurrentDictionary<(string PartitionKey, string RowKey), ETag> Applied { get; } = new();

    public ConcurrentBag<TableTransactionAction> Refused { get; } = [];
}

/// <summary>
/// Operations of many entities submitted as few transactions as the keys allow (<see cref="TableBatch.Chunks"/>),
/// partitions concurrently. A transaction fails as a whole when one operation is refused (the row exists, its ETag
/// moved on, it is gone): that operation is set aside and the rest resubmitted, so one shared resource claimed by
/// another writer costs one more request, not a fall back to one request per row.
/// </summary>
public static class TransactionSet
{
    // Past this many refusals in one transaction, the rest are set aside too: each resubmission is a round trip.
    private const int MaxResubmits = 8;

    public static async Task<TransactionOutcome> SubmitAsync(
        TableClient table, IEnumerable<TableTransactionAction> actions, int parallelism, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var outcome = new TransactionOutcome();
        await Parallel.ForEachAsync(
            TableBatch.Chunks(actions),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            async (chunk, ct) => await SubmitChunkAsync(table, chunk, outcome, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return outcome;
    }

    private static async Task SubmitChunkAsync(TableClient table, List<TableTransactionAction> chunk, TransactionOutcome outcome, CancellationToken cancellationToken)
    {
        for (var resubmits = 0; chunk.Count > 0; resubmits++)
        {
            try
            {
                var responses = (await table.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false)).Value;
                for (var i = 0; i < chunk.Count; i++)
                {
                    outcome.Applied[(chunk[i].Entity.PartitionKey, chunk[i].Entity.RowKey)] = responses[i].Headers.ETag ?? default;
                }

                return;
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
            {
                if (e.FailedTransactionActionIndex is not { } failed || failed >= chunk.Count || resubmits >= MaxResubmits)
                {
                    // Which operation failed is unknown (or too many did): the caller takes each of them the slow way.
                    foreach (var action in chunk)
                    {
                        outcome.Refused.Add(action);
                    }

                    return;
                }

                outcome.Refused.Add(chunk[failed]);
                chunk = [.. chunk.Where((_, i) => i != failed)];
            }
        }
    }
}
