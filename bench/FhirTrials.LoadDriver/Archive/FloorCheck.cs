using System.Globalization;
using Azure.Data.Tables;

namespace FhirTrials.LoadDriver.Archive;

/// <summary>
/// Checks that the floor's rows (<see cref="FinalRows"/>, rebuilt from our accepted writes) are the rows Azurite holds
/// for our run, without reading every table through Azurite's query path (which scans the whole table per page):
/// every table our run has is in the rebuilt set, or empty; in each table a few partitions of at most one page are
/// queried whole (one scan each) and must hold exactly the rebuilt row keys, each row with the same properties; and a
/// random sample of rows over every table is point read and compared property by property. A write the capture missed
/// or misread shows as a missing, extra or different row in a sampled partition or row.
/// </summary>
internal static class FloorCheck
{
    public sealed record Outcome(int Tables, int Partitions, int RowsCompared, IReadOnlyList<string> Differences);

    public static async Task<Outcome> VerifyAsync(FinalRows rows, TableServiceClient tables, string prefix, int partitionsPerTable, int sampledRows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(tables);
        var differences = new List<string>();
        var random = new Random(14);
        var (tableCount, partitionCount, compared) = (0, 0, 0);
        await foreach (var table in tables.QueryAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!table.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            tableCount++;
            var client = tables.GetTableClient(table.Name);
            var name = table.Name[prefix.Length..];
            if (!rows.Tables.TryGetValue(name, out var partitions) || partitions.Values.All(p => p.Count == 0))
            {
                await foreach (var row in client.QueryAsync<TableEntity>(maxPerPage: 1, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    differences.Add($"{name}: holds rows ({row.PartitionKey}/{row.RowKey}...) but no write to it was captured");
                    break;
                }

                continue;
            }

            var small = partitions.Where(p => p.Value.Count is > 0 and <= 1000).Select(p => p.Key).ToList();
            foreach (var partitionKey in small.OrderBy(_ => random.Next()).Take(partitionsPerTable))
            {
                partitionCount++;
                var expected = partitions[partitionKey];
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
                await foreach (var row in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    seen.Add(row.RowKey);
                    compared++;
                    Compare(name, row, expected.GetValueOrDefault(row.RowKey), differences);
                }

                differences.AddRange(expected.Keys.Where(k => !seen.Contains(k)).Take(5).Select(k => $"{name}/{partitionKey}/{k}: rebuilt but not in Azurite"));
            }
        }

        var sample = Sample(rows, sampledRows, random);
        await Parallel.ForEachAsync(sample, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (row, ct) =>
        {
            var stored = await tables.GetTableClient(prefix + row.Table).GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: ct).ConfigureAwait(false);
            lock (differences)
            {
                compared++;
                if (stored.HasValue)
                {
                    Compare(row.Table, stored.Value!, row.Json, differences);
                }
                else
                {
                    differences.Add($"{row.Table}/{row.PartitionKey}/{row.RowKey}: rebuilt but not in Azurite");
                }
            }
        }).ConfigureAwait(false);
        return new Outcome(tableCount, partitionCount, compared, differences);
    }

    /// <summary>Differences between a stored row and the rebuilt one (null: not rebuilt), ignoring the service's Timestamp and ETag.</summary>
    public static void Compare(string table, TableEntity stored, byte[]? rebuiltJson, List<string> differences)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(differences);
        var where = $"{table}/{stored.PartitionKey}/{stored.RowKey}";
        if (rebuiltJson is null)
        {
            differences.Add($"{where}: in Azurite but not rebuilt");
            return;
        }

        var rebuilt = FinalRows.Entity(stored.PartitionKey, stored.RowKey, rebuiltJson);
        foreach (var name in stored.Keys.Union(rebuilt.Keys).Where(n => n != "Timestamp" && !n.StartsWith("odata.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var (a, b) = (Canonical(stored.TryGetValue(name, out var x) ? x : null), Canonical(rebuilt.TryGetValue(name, out var y) ? y : null));
            if (!string.Equals(a, b, StringComparison.Ordinal))
            {
                differences.Add($"{where}: {name} is {Shorten(a)} in Azurite, {Shorten(b)} rebuilt");
            }
        }
    }

    private static List<(string Table, string PartitionKey, string RowKey, byte[] Json)> Sample(FinalRows rows, int count, Random random)
    {
        // Reservoir sampling: one pass over the row keys, no list of every row.
        var sample = new List<(string, string, string, byte[])>(count);
        long seen = 0;
        foreach (var (table, partitions) in rows.Tables)
        {
            foreach (var (partitionKey, partition) in partitions)
            {
                foreach (var (rowKey, json) in partition)
                {
                    seen++;
                    if (sample.Count < count)
                    {
                        sample.Add((table, partitionKey, rowKey, json));
                    }
                    else if (random.NextInt64(seen) is var at && at < count)
                    {
                        sample[(int)at] = (table, partitionKey, rowKey, json);
                    }
                }
            }
        }

        return sample;
    }

    /// <summary>A value as text, the same whichever .NET type the SDK read it as (Int32/Int64, byte[]/BinaryData, DateTime/DateTimeOffset).</summary>
    private static string? Canonical(object? value) => value switch
    {
        null => null,
        byte[] bytes => "binary:" + Convert.ToBase64String(bytes),
        BinaryData data => "binary:" + Convert.ToBase64String(data.ToArray()),
        DateTimeOffset time => "time:" + time.UtcTicks.ToString(CultureInfo.InvariantCulture),
        DateTime time => "time:" + time.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string Shorten(string? text) => text is null ? "(none)" : text.Length <= 60 ? text : text[..60] + "...";
}
