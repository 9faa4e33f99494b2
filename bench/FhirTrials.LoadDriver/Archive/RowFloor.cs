using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace FhirTrials.LoadDriver.Archive;

/// <summary>
/// The floor of our storage design (issue 14 item 6): the final rows and payload blobs our run left
/// (<see cref="FinalRows"/>, rebuilt from the writes Azurite accepted from it and checked against Azurite by
/// <see cref="FloorCheck"/>), written again by the bare Azure SDK into fresh tables in the fewest requests the keys
/// allow: one transaction per partition per 100 rows (and 4 MiB), one request per blob, at the same concurrency as
/// ours. Nothing is read back; nothing is claimed or versioned.
/// </summary>
internal static class RowFloor
{
    private const int MaxBatchOperations = 100;

    // Azure's limit is 4 MiB per transaction; the rows' JSON is an estimate, so leave room for the batch's framing.
    private const long MaxBatchBytes = (4L * 1024 * 1024) - (256 * 1024);

    public sealed record Result(TimeSpan Elapsed, long Requests, int Transactions, long RowCount, int BlobCount, IReadOnlyDictionary<string, long> Kinds)
    {
        /// <summary>The partition holding the most rows ("table/partition"), and how many: it sets the pace against Azure's 2,000 entities/s per partition.</summary>
        public (string Name, int Rows) Busiest { get; init; }

        /// <summary>Partitions written, over every table.</summary>
        public int Partitions { get; init; }
    }

    /// <summary>Writes the rows under <paramref name="prefix"/> (tables created first, not timed) with <paramref name="concurrency"/> requests in flight.</summary>
    public static async Task<Result> WriteAsync(FinalRows rows, TableServiceClient tables, BlobServiceClient blobs, string prefix, int concurrency, CountingPolicy counter, CancellationToken cancellationToken)
    {
        var work = new List<Func<CancellationToken, Task>>();
        foreach (var (table, partitions) in rows.Tables)
        {
            var client = tables.GetTableClient(prefix + table);
            await client.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            foreach (var (partitionKey, partition) in partitions)
            {
                foreach (var batch in Batches(partition))
                {
                    // The entities are made as each transaction goes out: all of them at once would be the run's every row in memory.
                    work.Add(ct => client.SubmitTransactionAsync(
                        batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, FinalRows.Entity(partitionKey, r.Key, r.Value))), ct));
                }
            }
        }

        var transactions = work.Count;
        foreach (var group in rows.Blobs.GroupBy(b => b.Key.Container, StringComparer.Ordinal))
        {
            var container = blobs.GetBlobContainerClient(prefix.ToLowerInvariant() + group.Key);
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var ((_, name), content) in group)
            {
                work.Add(ct => container.GetBlobClient(name).UploadAsync(new BinaryData(content), overwrite: true, ct));
            }
        }

        var before = counter.Requests;
        var kinds = counter.Kinds();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (write, ct) => await write(ct).ConfigureAwait(false)).ConfigureAwait(false);
        clock.Stop();
        var spent = counter.Kinds().ToDictionary(k => k.Key, k => k.Value - kinds.GetValueOrDefault(k.Key), StringComparer.Ordinal);
        var written = rows.Tables.SelectMany(t => t.Value.Where(p => p.Value.Count > 0).Select(p => (Name: t.Key + "/" + p.Key, Rows: p.Value.Count))).ToList();
        return new Result(clock.Elapsed, counter.Requests - before, transactions, rows.RowCount, rows.Blobs.Count, spent)
        {
            Busiest = written.MaxBy(p => p.Rows),
            Partitions = written.Count,
        };
    }

    /// <summary>Rows of one partition together, 100 at most and under 4 MiB per transaction (the JSON sent, as the size).</summary>
    private static IEnumerable<List<KeyValuePair<string, byte[]>>> Batches(Dictionary<string, byte[]> partition)
    {
        var batch = new List<KeyValuePair<string, byte[]>>();
        long bytes = 0;
        foreach (var row in partition)
        {
            if (batch.Count == MaxBatchOperations || (batch.Count > 0 && bytes + row.Value.Length > MaxBatchBytes))
            {
                yield return batch;
                (batch, bytes) = ([], 0);
            }

            batch.Add(row);
            bytes += row.Value.Length;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}
