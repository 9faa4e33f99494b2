using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;

namespace FhirTrials.Storage.Export;

/// <summary>
/// Export state in the Exports table: one row per job (partition <c>job</c>, row = job id; updates If-Match its ETag,
/// as slices finish concurrently on many instances) and one row per written slice (partition = job id, row = type +
/// part number), which the manifest lists. Output files are blobs <c>{job}/{type}-{part}.ndjson</c>.
/// </summary>
public sealed class ExportJobs(TrialStorage storage, TimeProvider time)
{
    /// <summary>The clock of job times, which the runner's failures use too.</summary>
    public TimeProvider Time => time;

    private const string JobPartition = "job";
    private const int MaxAttempts = 20;

    public Azure.Storage.Blobs.BlobContainerClient Files => storage.ExportFiles;

    public static bool IsJobId(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);

    public static string NewJobId() => Guid.NewGuid().ToString("N");

    public static string FileName(string type, int part) => $"{type}-{part.ToString("D6", CultureInfo.InvariantCulture)}.ndjson";

    public async Task CreateAsync(ExportJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        await storage.ExportFiles.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await storage.Exports.AddEntityAsync(ToRow(job), cancellationToken).ConfigureAwait(false);
    }

    public async Task<ExportJob?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!IsJobId(id))
        {
            return null;
        }

        var row = await storage.Exports.GetEntityIfExistsAsync<TableEntity>(JobPartition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? FromRow(row.Value!) : null;
    }

    /// <summary>Changes the job row with <paramref name="change"/> (null: leave it), If-Match the row read, until it lands.</summary>
    public async Task<ExportJob?> UpdateAsync(string id, Func<ExportJob, ExportJob?> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var row = await storage.Exports.GetEntityIfExistsAsync<TableEntity>(JobPartition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!row.HasValue)
            {
                return null;
            }

            var job = FromRow(row.Value!);
            var changed = change(job);
            if (changed is null || changed == job)
            {
                return job;
            }

            try
            {
                await storage.Exports.UpdateEntityAsync(ToRow(changed), row.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return changed;
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                await Task.Delay(Random.Shared.Next(5, 40) * attempt, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new InvalidOperationException($"Export {id}: the job row kept changing; no update after {MaxAttempts} attempts.");
    }

    /// <summary>Records that <paramref name="type"/> is written; the last type completes the job.</summary>
    public Task<ExportJob?> MarkTypeDoneAsync(string id, string type, TimeSpan retention, CancellationToken cancellationToken = default) =>
        UpdateAsync(id, job =>
        {
            if (job.Status != ExportStatus.Running || job.DoneTypes.Contains(type))
            {
                return null;
            }

            var done = job.DoneTypes.Append(type).ToList();
            var now = time.GetUtcNow();
            return done.Count < job.Types.Count
                ? job with { DoneTypes = done }
                : job with { DoneTypes = done, Status = ExportStatus.Completed, CompletedAt = now, ExpiresAt = now + retention };
        }, cancellationToken);

    public async Task<ExportPart?> GetPartAsync(string id, string type, int part, CancellationToken cancellationToken = default)
    {
        var row = await storage.Exports.GetEntityIfExistsAsync<TableEntity>(id, PartKey(type, part), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? PartFromRow(row.Value!) : null;
    }

    /// <summary>Inserts the part row unless one exists; returns the row that stands (this one, or the one found).</summary>
    public async Task<ExportPart> AddPartAsync(string id, ExportPart part, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(part);
        try
        {
            await storage.Exports.AddEntityAsync(PartRow(id, part), cancellationToken).ConfigureAwait(false);
            return part;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await GetPartAsync(id, part.Type, part.Part, cancellationToken).ConfigureAwait(false) ?? part;
        }
    }

    public Task PutPartAsync(string id, ExportPart part, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(part);
        return storage.Exports.UpsertEntityAsync(PartRow(id, part), TableUpdateMode.Replace, cancellationToken);
    }

    private static TableEntity PartRow(string id, ExportPart part) =>
        new(id, PartKey(part.Type, part.Part))
        {
            ["Type"] = part.Type,
            ["Part"] = part.Part,
            ["Count"] = part.Count,
            ["End"] = part.End,
            ["More"] = part.More,
            ["Blob"] = part.Blob,
        };

    /// <summary>Every slice written so far, by type then part (one partition query).</summary>
    public async Task<List<ExportPart>> PartsAsync(string id, CancellationToken cancellationToken = default)
    {
        var parts = new List<ExportPart>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id}");
        await foreach (var row in storage.Exports.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            parts.Add(PartFromRow(row));
        }

        return parts;
    }

    /// <summary>Deletes a job's files, its slice rows and then its row (a slice still running finds no job and stops).</summary>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await foreach (var blob in storage.ExportFiles.GetBlobsAsync(BlobTraits.None, BlobStates.None, id + "/", cancellationToken).ConfigureAwait(false))
        {
            await storage.ExportFiles.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var rows = new List<TableEntity>();
        await foreach (var row in storage.Exports.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        await Tables.TableBatch.DeleteAsync(storage.Exports, rows, cancellationToken).ConfigureAwait(false);
        await storage.Exports.DeleteEntityAsync(JobPartition, id, ETag.All, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the jobs whose retention ran out (called at every kick-off; one query of the job partition).</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var expired = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {JobPartition} and ExpiresAt lt {now}");
        await foreach (var row in storage.Exports.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            expired.Add(row.RowKey);
        }

        foreach (var id in expired)
        {
            await DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        }

        return expired.Count;
    }

    public bool IsExpired(ExportJob job) => job?.ExpiresAt is { } expires && expires <= time.GetUtcNow();

    private static string PartKey(string type, int part) => type + " " + part.ToString("D6", CultureInfo.InvariantCulture);

    private static TableEntity ToRow(ExportJob job) => new(JobPartition, job.Id)
    {
        ["Status"] = job.Status.ToString(),
        ["Types"] = string.Join(',', job.Types),
        ["DoneTypes"] = string.Join(',', job.DoneTypes),
        ["Since"] = job.Since,
        ["TransactionTime"] = job.TransactionTime,
        ["Request"] = job.Request,
        ["CompletedAt"] = job.CompletedAt,
        ["ExpiresAt"] = job.ExpiresAt,
        ["Error"] = job.Error,
    };

    private static ExportJob FromRow(TableEntity row) => new(
        row.RowKey,
        Enum.Parse<ExportStatus>(row.GetString("Status")),
        Split(row.GetString("Types")),
        Split(row.GetString("DoneTypes")),
        row.GetDateTimeOffset("Since"),
        row.GetDateTimeOffset("TransactionTime") ?? default,
        row.GetString("Request") ?? "",
        row.GetDateTimeOffset("CompletedAt"),
        row.GetDateTimeOffset("ExpiresAt"),
        row.GetString("Error"));

    private static ExportPart PartFromRow(TableEntity row) => new(
        row.GetString("Type"), row.GetInt32("Part") ?? 0, row.GetInt32("Count") ?? 0, row.GetString("End") ?? "", row.GetBoolean("More") ?? false, row.GetString("Blob"));

    private static List<string> Split(string? list) => [.. (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)];
}
