using Azure.Data.Tables;
using FhirTrials.Storage.Changes;
using FhirTrials.Storage.Resources;

namespace FhirTrials.Storage.Export;

/// <summary>The rows one slice reads and the resource versions it exports from them.</summary>
/// <param name="End">Row key of the last row read; null when there was none.</param>
public sealed record ExportPage(IReadOnlyList<string> Lines, string? End, bool More, int RowsRead);

/// <summary>
/// Reads one slice of a type as of the job's transaction time. Without <c>_since</c>: a page of the type's current
/// rows (the Resources partition in id order), a resource changed after the transaction time exported at the version
/// current then. With <c>_since</c>: a page of the change index after that instant, each resource once (at its newest
/// version up to the transaction time), so the cost follows what changed, not the store.
/// </summary>
public sealed class ExportReader(TrialStorage storage)
{
    private const int Parallelism = 16;
    private readonly ChangeReader _changes = new(storage);

    /// <param name="after">Last row key of the previous slice (exclusive); null: from the first row.</param>
    /// <param name="through">Read up to this row key (inclusive) rather than <paramref name="take"/> rows: a slice read again.</param>
    public async Task<ExportPage> ReadAsync(
        ExportJob job, string type, string? after, string? through, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var keys = new List<string>();
        var list = new List<Func<CancellationToken, Task<string?>>>();
        if (job.Since is null)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {type}");
            filter += after is null ? "" : " and " + TableClient.CreateQueryFilter($"RowKey gt {after}");
            filter += through is null ? "" : " and " + TableClient.CreateQueryFilter($"RowKey le {through}");
            await foreach (var row in storage.Resources.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(take, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                keys.Add(row.RowKey);
                list.Add(ct => CurrentAtAsync(type, row, job.TransactionTime, ct));
                if (through is null && keys.Count == take)
                {
                    break;
                }
            }
        }
        else
        {
            await foreach (var change in _changes.ChangesAsync(type, job.Since, job.TransactionTime, after, through, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                keys.Add(change.RowKey);
                list.Add(async ct => (await _changes.VersionAsync(change, job.TransactionTime, ct).ConfigureAwait(false))?.Json);
                if (through is null && keys.Count == take)
                {
                    break;
                }
            }
        }

        var results = new string?[list.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, list.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await list[i](ct).ConfigureAwait(false)).ConfigureAwait(false);
        return new ExportPage([.. results.OfType<string>()], keys.Count > 0 ? keys[^1] : null, through is null && keys.Count == take, keys.Count);
    }

    private async Task<string?> CurrentAtAsync(string type, TableEntity row, DateTimeOffset instant, CancellationToken cancellationToken)
    {
        if ((row.GetInt32(VersionRows.VersionColumn) ?? 0) == 0)
        {
            return null;
        }

        if (row.GetDateTimeOffset(VersionRows.LastUpdatedColumn) <= instant)
        {
            return (await _changes.ToStoredAsync(type, row.RowKey, row, cancellationToken).ConfigureAwait(false)).Json;
        }

        return (await _changes.VersionAtAsync(type, row.RowKey, instant, cancellationToken).ConfigureAwait(false))?.Json;
    }
}
