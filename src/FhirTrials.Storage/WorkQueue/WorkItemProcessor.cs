using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.Pipeline;

namespace FhirTrials.Storage.WorkQueue;

/// <summary>How an item ended on this attempt.</summary>
public enum WorkItemOutcome
{
    /// <summary>Its studies were written and counted in the upload's progress.</summary>
    Processed,

    /// <summary>A duplicate or redelivered message of an item counted already: nothing was read or written.</summary>
    AlreadyCounted,
}

/// <summary>
/// Processes one work item for whichever host consumes the queue: writes its slice through the pipeline, adds its
/// counts to the upload's progress once, and when it was the upload's last item writes the entry's totals and final
/// outcome. A failure is thrown so the queue tries the item again; on the last attempt the item is first counted as
/// poisoned, with the reason, so the rest of the upload still completes.
/// </summary>
public sealed class WorkItemProcessor
{
    private readonly IngestionPipeline _pipeline;
    private readonly TrialStorage _storage;
    private readonly WorkQueueOptions _options;
    private readonly TimeProvider _time;
    private readonly UploadProgressRows _progress;

    public WorkItemProcessor(IngestionPipeline pipeline, TrialStorage storage, WorkQueueOptions options, TimeProvider? time = null)
    {
        _pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? TimeProvider.System;
        _progress = new UploadProgressRows(storage);
    }

    public WorkQueueOptions Options => _options;

    /// <summary>Runs the export slices that come on the same queue; null in a host that does not serve exports.</summary>
    public Export.ExportRunner? Exports { get; init; }

    /// <param name="attempt">The message's dequeue count: 1 on first delivery.</param>
    public async Task<WorkItemOutcome> ProcessAsync(WorkItem item, long attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Export is { } slice)
        {
            return await ProcessExportAsync(slice, attempt, cancellationToken).ConfigureAwait(false);
        }

        if (await _progress.IsAppliedAsync(item.EntryId, item.Item, cancellationToken).ConfigureAwait(false))
        {
            // Counted before; the crash may have come before the entry's totals were written.
            await FinishIfCompleteAsync(item.EntryId, await _progress.GetAsync(item.EntryId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return WorkItemOutcome.AlreadyCounted;
        }

        SliceResult result;
        try
        {
            var blob = _storage.BlobService.GetBlobContainerClient(item.Container).GetBlobClient(item.BlobName);
            result = item.Archive
                ? await _pipeline.IngestArchiveSliceAsync(blob, item.BlobVersion, item.From, item.To, item.Directory, cancellationToken).ConfigureAwait(false)
                : await _pipeline.IngestSliceAsync(blob, item.BlobVersion, item.From, item.To, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (attempt >= _options.MaxAttempts && (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            await RecordPoisonedAsync(item, attempt, e.Message, cancellationToken).ConfigureAwait(false);
            throw;
        }

        var now = _time.GetUtcNow();
        var progress = await _progress.ApplyAsync(item.EntryId, item.Item, p => p with
        {
            ItemsDone = p.ItemsDone + 1,
            StudiesIngested = p.StudiesIngested + result.Ingested,
            StudiesUnchanged = p.StudiesUnchanged + result.Unchanged,
            StudiesRejected = p.StudiesRejected + result.Rejected,
            EntriesSkipped = p.EntriesSkipped + result.Skipped,
            ResourceCount = p.ResourceCount + result.ResourceCount,
            ChangedResourceCount = p.ChangedResourceCount + result.ChangedResourceCount,
            WarningCount = p.WarningCount + result.WarningCount,
            Warnings = UploadProgress.Append(p.Warnings, result.Warnings),
            Rejections = UploadProgress.Append(p.Rejections, result.Rejections.Select(r => $"{item.Describe()}: {r}")),
            UpdatedAt = now,
        }, cancellationToken).ConfigureAwait(false);
        await FinishIfCompleteAsync(item.EntryId, progress, cancellationToken).ConfigureAwait(false);
        return WorkItemOutcome.Processed;
    }

    private async Task<WorkItemOutcome> ProcessExportAsync(Export.ExportSlice slice, long attempt, CancellationToken cancellationToken)
    {
        var exports = Exports ?? throw new InvalidOperationException($"{slice.Describe()}: this host runs no exports.");
        try
        {
            await exports.ProcessAsync(slice, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (attempt >= _options.MaxAttempts && (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            await exports.FailAsync(slice, e.Message, cancellationToken).ConfigureAwait(false);
            throw;
        }

        return WorkItemOutcome.Processed;
    }

    /// <summary>
    /// The item goes to the poison queue after this attempt: its studies count as failed and its reason is kept, so
    /// the upload completes without it. Hosts also call this for an item they give up on without processing it.
    /// </summary>
    public async Task RecordPoisonedAsync(WorkItem item, long attempts, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Export is { } slice)
        {
            await (Exports?.FailAsync(slice, reason, cancellationToken) ?? Task.CompletedTask).ConfigureAwait(false);
            return;
        }

        var now = _time.GetUtcNow();
        var progress = await _progress.ApplyAsync(item.EntryId, item.Item, p => p with
        {
            ItemsDone = p.ItemsDone + 1,
            ItemsPoisoned = p.ItemsPoisoned + 1,
            StudiesFailed = p.StudiesFailed + item.Studies,
            Failures = UploadProgress.Append(p.Failures, [$"{item.Describe()} failed {attempts} times and went to the poison queue: {reason}"]),
            UpdatedAt = now,
        }, cancellationToken).ConfigureAwait(false);
        await FinishIfCompleteAsync(item.EntryId, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whoever counts the last item writes the entry's totals. Several may (a duplicate of the last item): each writes
    /// the same counts, taken from the one progress row.
    /// </summary>
    private async Task FinishIfCompleteAsync(string entryId, UploadProgress? progress, CancellationToken cancellationToken)
    {
        if (progress is not { IsComplete: true })
        {
            return;
        }

        var entry = await _pipeline.Log.FindAsync(entryId, cancellationToken).ConfigureAwait(false);
        if (entry is null || entry.Outcome is not (IngestionOutcome.Running or IngestionOutcome.Failed))
        {
            return;
        }

        var final = progress with { ElapsedSeconds = Math.Round((progress.UpdatedAt - entry.StartedAt).TotalSeconds, 1) };
        await _pipeline.Log.WriteAsync(entry with
        {
            Outcome = final.FinalOutcome(),
            FinishedAt = final.UpdatedAt,
            Progress = final,
            TrialCount = final.StudiesIngested + final.StudiesUnchanged,
            ResourceCount = final.ResourceCount,
            ChangedResourceCount = final.ChangedResourceCount,
            WarningCount = final.WarningCount,
            Warnings = [.. final.Warnings, .. final.Rejections],
            Errors = final.Failures,
        }, cancellationToken).ConfigureAwait(false);
    }
}
