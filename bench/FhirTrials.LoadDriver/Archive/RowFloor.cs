using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace FhirTrials.LoadDriver.Archive;

/// <summary>
/// The floor of our storage design (issue 14 item 6): the final rows and payload blobs our run left, written again
/// by the bare Azure SDK into fresh tables in the fewest requests the keys allow: one transaction per partition per
/// 100 rows (and 4 MiB), one request per blob, at the same concurrency as ours. Nothing is read back; nothing is
/// claimed or versioned.
/// </summary>
internal static class RowFloor
{
    private const int MaxBatchOperations = 100;

    // Azure's limit is 4 MiB per transaction; the rows' JSON is an estimate, so leave room for the batch's framing.
    private const long MaxBatchBytes = (4L * 1024 * 1024) - (256 * 1024);

    public sealed record Rows(IReadOnlyList<(string Table, IReadOnlyList<TableEntity> Rows)> Tables, IReadOnlyList<(string Container, string Name, BinaryData Content)> Blobs)
    {
        public int RowCount => Tables.Sum(t => t.Rows.Count);
    }

    public sealed record Result(TimeSpan Elapsed, long Requests, int Transactions, int RowCount, int BlobCount, IReadOnlyDictionary<string, long> Kinds)
    {
        /// <summary>The partition holding the most rows ("table/partition"), and how many: it sets the pace against Azure's 2,000 entities/s per partition.</summary>
        public (string Name, int Rows) Busiest { get; init; }

        /// <summary>Partitions written, over every table.</summary>
        public int Partitions { get; init; }
    }

    /// <summary>Every row of every table named with <paramref name="prefix"/>, and every blob of its payload container.</summary>
    public static async Task<Rows> ReadAsync(TableServiceClient tables, BlobServiceClient blobs, string prefix, CancellationToken cancellationToken)
    {
        var read = new List<(string, IReadOnlyList<TableEntity>)>();
        await foreach (var table in tables.QueryAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!table.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rows = new List<TableEntity>();
            await foreach (var row in tables.GetTableClient(table.Name).QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add(Fresh(row));
            }

            read.Add((table.Name[prefix.Length..], rows));
        }

        var payloads = new List<(string, string, BinaryData)>();
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: prefix.ToLowerInvariant(), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content;
                payloads.Add((container.Name[prefix.Length..], blob.Name, content));
            }
        }

        return new Rows(read, payloads);
    }

    /// <summary>Writes the rows under <paramref name="prefix"/> (tables created first, not timed) with <paramref name="concurrency"/> requests in flight.</summary>
    public static async Task<Result> WriteAsync(Rows rows, TableServiceClient tables, BlobServiceClient blobs, string prefix, int concurrency, CountingPolicy counter, CancellationToken cancellationToken)
    {
        var work = new List<Func<CancellationToken, Task>>();
        foreach (var (table, entities) in rows.Tables)
        {
            var client = tables.GetTableClient(prefix + table);
            await client.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            foreach (var batch in Batches(entities))
            {
                work.Add(ct => client.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct));
            }
        }

        var transactions = work.Count;
        foreach (var group in rows.Blobs.GroupBy(b => b.Container))
        {
            var container = blobs.GetBlobContainerClient(prefix.ToLowerInvariant() + group.Key);
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var (_, name, content) in group)
            {
                work.Add(ct => container.GetBlobClient(name).UploadAsync(content, overwrite: true, ct));
            }
        }

        var before = counter.Requests;
        var kinds = counter.Kinds();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (write, ct) => await write(ct).ConfigureAwait(false)).ConfigureAwait(false);
        clock.Stop();
        var spent = counter.Kinds().ToDictionary(k => k.Key, k => k.Value - kinds.GetValueOrDefault(k.Key), StringComparer.Ordinal);
        var partitions = rows.Tables.SelectMany(t => t.Rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal).Select(p => (Name: t.Table + "/" + p.Key, Rows: p.Count()))).ToList();
        return new Result(clock.Elapsed, counter.Requests - before, transactions, rows.RowCount, rows.Blobs.Count, spent)
        {
            Busiest = partitions.MaxBy(p => p.Rows),
            Partitions = partitions.Count,
        };
    }

    /// <summary>Rows of one partition together, 100 at most and under 4 MiB per transaction.</summary>
    private static IEnumerable<List<TableEntity>> Batches(IEnumerable<TableEntity> rows)
    {
        foreach (var partition in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
        {
            var batch = new List<TableEntity>();
            long bytes = 0;
            foreach (var row in partition)
            {
                var size = JsonSerializer.SerializeToUtf8Bytes(row.ToDictionary(p => p.Key, p => p.Value)).LongLength;
                if (batch.Count == MaxBatchOperations || (batch.Count > 0 && bytes + size > MaxBatchBytes))
                {
                    yield return batch;
                    (batch, bytes) = ([], 0);
                }

                batch.Add(row);
                bytes += size;
            }

            if (batch.Count > 0)
            {
                yield return batch;
            }
        }
    }

    /// <summary>The row's keys and properties, without the service's own (Timestamp, ETag).</summary>
    private static TableEntity Fresh(TableEntity row)
    {
        var fresh = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (var (name, value) in row)
        {
            if (name is not ("PartitionKey" or "RowKey" or "Timestamp") && !name.StartsWith("odata.", StringComparison.Ordinal))
            {
                fresh[name] = value;
            }
        }

        return fresh;
    }
}
