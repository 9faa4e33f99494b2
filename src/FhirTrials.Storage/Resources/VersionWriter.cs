using Azure;
using Azure.Data.Tables;
using FhirTrials.Storage.Search;
using FhirTrials.Storage.Tables;
using Resource = Hl7.Fhir.Model.Resource;

namespace FhirTrials.Storage.Resources;

/// <summary>
/// Writes one new version of a resource. Table Storage has no transactions across partitions, so the writes are
/// ordered so that every intermediate state is safe for readers and a repeat of the same write repairs it:
/// <list type="number">
/// <item>claim version N+1 on the current row (ETag-conditional: of two concurrent writers one claims, the other waits and retries);</item>
/// <item>the history row of N+1 (invisible to readers until committed: they never look above the current version);</item>
/// <item>the index rows of N+1 (they name their version, so rows of N stay valid meanwhile);</item>
/// <item>commit: the current row becomes N+1, conditional on the claim's ETag;</item>
/// <item>delete the index rows of N, then clear the "stale version" mark the commit left.</item>
/// </list>
/// A writer that dies leaves a claim: the same content resumes it, other content takes it over once it is older than
/// <see cref="AbandonPendingAfter"/>. A stale mark left behind is cleaned by the next write of the resource.
/// </summary>
internal sealed class VersionWriter(TrialStorage storage, VersionRows rows)
{
    public const string VersionColumn = VersionRows.VersionColumn;
    public const string LastUpdatedColumn = VersionRows.LastUpdatedColumn;
    public const string JsonColumn = VersionRows.JsonColumn;
    private const string HashColumn = VersionRows.HashColumn;
    private const string StaleColumn = VersionRows.StaleColumn;
    private const string PendingVersionColumn = VersionRows.PendingVersionColumn;
    private const string PendingHashColumn = VersionRows.PendingHashColumn;
    private const string PendingSinceColumn = VersionRows.PendingSinceColumn;
    private const int MaxAttempts = 12;

    public TimeSpan AbandonPendingAfter { get; set; } = TimeSpan.FromMinutes(2);

    public async Task<ResourceWriteResult> WriteAsync(Resource resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ResourceKeys.Validate(resource.TypeName, resource.Id);
        var (type, id) = (resource.TypeName, resource.Id!);
        var hash = FhirJson.ContentHash(resource);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var read = await storage.Resources.GetEntityIfExistsAsync<TableEntity>(type, id, cancellationToken: cancellationToken).ConfigureAwait(false);
            var current = read.HasValue ? read.Value : null;
            var committed = current?.GetInt32(VersionColumn) ?? 0;
            if (current is not null && (current.GetInt32(StaleColumn) ?? 0) > 0)
            {
                await RemoveStaleAsync(type, id, current.GetInt32(StaleColumn)!.Value, current.ETag, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var pending = current?.GetInt32(PendingVersionColumn) ?? 0;
            if (pending == 0 && committed > 0 && current!.GetString(HashColumn) == hash)
            {
                return new ResourceWriteResult(type, id, Text(committed), Changed: false);
            }

            var version = committed + 1;
            ETag? claim;
            if (pending > 0 && current!.GetString(PendingHashColumn) == hash)
            {
                // An earlier attempt with this content died, or a writer of the same content is at it: carry on.
                claim = current.ETag;
            }
            else if (pending > 0 && rows.Time.GetUtcNow() - (current!.GetDateTimeOffset(PendingSinceColumn) ?? default) < AbandonPendingAfter)
            {
                claim = null;
            }
            else
            {
                claim = await TryClaimAsync(type, id, current, version, hash, cancellationToken).ConfigureAwait(false);
                if (claim is not null && pending > 0)
                {
                    await DiscardAbandonedAsync(type, id, version, cancellationToken).ConfigureAwait(false);
                }
            }

            if (claim is null)
            {
                await BackoffAsync(attempt, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var data = await WriteHistoryAsync(resource, type, id, version, hash, fresh: pending == 0, cancellationToken).ConfigureAwait(false);
            if (data is null)
            {
                await BackoffAsync(attempt, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await TableBatch.UpsertAsync(storage.Index, IndexRows.BuildAll(type, id, version, data.Entries), cancellationToken).ConfigureAwait(false);
            await storage.Changes.UpsertEntityAsync(Changes.ChangeRows.Build(type, id, version, data.LastUpdated), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            var tag = await TryCommitAsync(type, id, version, hash, committed, data, claim.Value, cancellationToken).ConfigureAwait(false);
            if (tag is null)
            {
                await BackoffAsync(attempt, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (committed > 0)
            {
                await RemoveStaleAsync(type, id, committed, tag.Value, cancellationToken).ConfigureAwait(false);
            }

            return new ResourceWriteResult(type, id, Text(version), Changed: true);
        }

        throw new ResourceConflictException(
            $"{type}/{id} kept changing under concurrent writers; no version was written after {MaxAttempts} attempts. Retry the ingestion.");
    }

    private async Task<ETag?> TryClaimAsync(string type, string id, TableEntity? current, int version, string hash, CancellationToken cancellationToken)
    {
        var claim = rows.Claim(type, id, version, hash, first: current is null);
        try
        {
            if (current is null)
            {
                return (await storage.Resources.AddEntityAsync(claim, cancellationToken).ConfigureAwait(false)).Headers.ETag;
            }

            return (await storage.Resources.UpdateEntityAsync(claim, current.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false)).Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Takes over a version a dead writer claimed: its index rows and history row go first.</summary>
    private async Task DiscardAbandonedAsync(string type, string id, int version, CancellationToken cancellationToken)
    {
        var row = await ReadHistoryRowAsync(type, id, version, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return;
        }

        var entries = await rows.ReadEntriesAsync(row, cancellationToken).ConfigureAwait(false);
        await TableBatch.DeleteAsync(storage.Index, IndexRows.BuildAll(type, id, version, entries), cancellationToken).ConfigureAwait(false);
        try
        {
            await storage.History.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Rewritten meanwhile: the caller's next attempt looks again.
        }
    }

    /// <summary>
    /// Adds the history row of the claimed version; if an earlier attempt wrote it with the same content, reuses it as is.
    /// A claim made over no pending one (<paramref name="fresh"/>) cannot meet a row at its version, as every earlier
    /// claim of that version ended in its commit or is still pending: the row is added without reading first.
    /// </summary>
    private async Task<VersionData?> WriteHistoryAsync(
        Resource resource, string type, string id, int version, string hash, bool fresh, CancellationToken cancellationToken)
    {
        if (!fresh)
        {
            var existing = await ReadHistoryRowAsync(type, id, version, cancellationToken).ConfigureAwait(false);
            if (existing is not null && existing.GetString(HashColumn) == hash)
            {
                return await rows.ReadVersionDataAsync(existing, cancellationToken).ConfigureAwait(false);
            }

            if (existing is not null)
            {
                // Other content at a version claimed for this content was left by a writer that lost its claim; but if the
                // claim moved on meanwhile (this writer stalled past AbandonPendingAfter), the row may be another's: retry.
                var current = await storage.Resources.GetEntityIfExistsAsync<TableEntity>(type, id, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!current.HasValue || current.Value!.GetInt32(VersionColumn) >= version || current.Value.GetString(PendingHashColumn) != hash)
                {
                    return null;
                }

                await DiscardAbandonedAsync(type, id, version, cancellationToken).ConfigureAwait(false);
            }
        }

        var (row, data) = await rows.HistoryAsync(resource, id, version, hash, cancellationToken).ConfigureAwait(false);
        try
        {
            await storage.History.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            return data;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    private async Task<ETag?> TryCommitAsync(
        string type, string id, int version, string hash, int previous, VersionData data, ETag claim, CancellationToken cancellationToken)
    {
        var row = await rows.CommitAsync(type, id, version, hash, previous, data, cancellationToken).ConfigureAwait(false);
        try
        {
            return (await storage.Resources.UpdateEntityAsync(row, claim, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)).Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>Deletes the index rows of a superseded version, then clears the mark (a lost race on the mark is harmless).</summary>
    private async Task RemoveStaleAsync(string type, string id, int staleVersion, ETag currentTag, CancellationToken cancellationToken)
    {
        var row = await ReadHistoryRowAsync(type, id, staleVersion, cancellationToken).ConfigureAwait(false);
        if (row is not null)
        {
            var entries = await rows.ReadEntriesAsync(row, cancellationToken).ConfigureAwait(false);
            await TableBatch.DeleteAsync(storage.Index, IndexRows.BuildAll(type, id, staleVersion, entries), cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await storage.Resources.UpdateEntityAsync(new TableEntity(type, id) { [StaleColumn] = 0 }, currentTag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Another writer moved the row on; it cleans up whatever it finds marked.
        }
    }

    private async Task<TableEntity?> ReadHistoryRowAsync(string type, string id, int version, CancellationToken cancellationToken)
    {
        var row = await storage.History.GetEntityIfExistsAsync<TableEntity>(
            ResourceKeys.HistoryPartition(type), ResourceKeys.HistoryRow(id, version), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value : null;
    }

    private static Task BackoffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(
            TimeSpan.FromMilliseconds(Random.Shared.Next(20, 40) * (1 << Math.Min(attempt, 6))), cancellationToken);

    private static string Text(int version) => VersionRows.Text(version);
}
