using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace FhirTrials.Storage.Ingestion;

/// <summary>
/// One row per split upload (Ingestions table, partition <c>progress</c>, row = entry id) holding its counters and a
/// bitmap of the items already counted. Items finish concurrently on many instances: each merge reads the row, adds
/// its item's counts only if its bit is clear, sets the bit and replaces the row under the ETag it read, retrying on
/// 412. So no finished item is lost (a lost race re-reads and re-applies) and none is counted twice (a redelivered or
/// redone item finds its bit set), whatever order items, retries and crashes come in.
/// </summary>
public sealed class UploadProgressRows(TrialStorage storage)
{
    private const string Partition = "progress";
    private const string ProgressColumn = "Progress";
    private const string AppliedColumn = "Applied";

    /// <summary>One bit per item in one binary property (64 KiB): half a million items, 50 million studies at 100 per item.</summary>
    public const int MaxItems = 64 * 1024 * 8;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TrialStorage _storage = storage ?? throw new ArgumentNullException(nameof(storage));

    /// <summary>Creates the row unless an earlier attempt at the split did (its counts are then kept).</summary>
    public async Task CreateAsync(string entryId, UploadProgress progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (progress.ItemsTotal is < 1 or > MaxItems)
        {
            throw new ArgumentOutOfRangeException(nameof(progress), progress.ItemsTotal, $"An upload is split into 1 to {MaxItems} items.");
        }

        var row = new TableEntity(Partition, entryId)
        {
            [ProgressColumn] = JsonSerializer.Serialize(progress, Json),
            [AppliedColumn] = new byte[(progress.ItemsTotal + 7) / 8],
        };
        try
        {
            await _storage.Ingestions.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Split before (a redelivered blob event): the counts so far stand.
        }
    }

    public async Task<UploadProgress?> GetAsync(string entryId, CancellationToken cancellationToken = default)
    {
        var row = await _storage.Ingestions.GetEntityIfExistsAsync<TableEntity>(Partition, entryId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? Parse(row.Value!) : null;
    }

    /// <summary>Whether the item's counts are in the row already.</summary>
    public async Task<bool> IsAppliedAsync(string entryId, int item, CancellationToken cancellationToken = default)
    {
        var row = await _storage.Ingestions.GetEntityIfExistsAsync<TableEntity>(Partition, entryId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && IsSet(row.Value!.GetBinary(AppliedColumn), item);
    }

    /// <summary>Changes the counters that belong to no item (e.g. marking every item enqueued), under the ETag.</summary>
    public Task<UploadProgress> UpdateAsync(string entryId, Func<UploadProgress, UploadProgress> change, CancellationToken cancellationToken = default) =>
        MergeAsync(entryId, item: null, change, cancellationToken);

    /// <summary>Adds one item's counts once: returns the progress after the merge, or the current one if the item was counted already.</summary>
    public Task<UploadProgress> ApplyAsync(string entryId, int item, Func<UploadProgress, UploadProgress> change, CancellationToken cancellationToken = default) =>
        MergeAsync(entryId, item, change, cancellationToken);

    private async Task<UploadProgress> MergeAsync(string entryId, int? item, Func<UploadProgress, UploadProgress> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            var response = await _storage.Ingestions.GetEntityIfExistsAsync<TableEntity>(Partition, entryId, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!response.HasValue)
            {
                throw new InvalidOperationException($"The upload {entryId} has no progress row: it was never split, or its log was deleted.");
            }

            var row = response.Value!;
            var applied = row.GetBinary(AppliedColumn) ?? [];
            var current = Parse(row);
            if (item is { } index)
            {
                if (index < 0 || index >= current.ItemsTotal)
                {
                    throw new ArgumentOutOfRangeException(nameof(item), index, $"The upload {entryId} has {current.ItemsTotal} items.");
                }

                if (IsSet(applied, index))
                {
                    return current;
                }

                applied = [.. applied];
                applied[index / 8] |= (byte)(1 << (index % 8));
            }

            var next = change(current);
            row[ProgressColumn] = JsonSerializer.Serialize(next, Json);
            row[AppliedColumn] = applied;
            try
            {
                await _storage.Ingestions.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return next;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Another item finished first: merge again onto what it wrote.
            }
        }
    }

    private static bool IsSet(byte[]? applied, int item) =>
        applied is not null && item / 8 < applied.Length && (applied[item / 8] & (1 << (item % 8))) != 0;

    private static UploadProgress Parse(TableEntity row) =>
        JsonSerializer.Deserialize<UploadProgress>(row.GetString(ProgressColumn) ?? "{}", Json)
        ?? throw new InvalidDataException($"Progress row {row.RowKey} holds no progress.");
}
