using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FhirTrials.Core.Reading;
using FhirTrials.Storage.Archives;
using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.Pipeline;

namespace FhirTrials.Storage.WorkQueue;

/// <summary>
/// What a host does with a new blob (the blob trigger, the Server host's watcher): a document of at most
/// <see cref="WorkQueueOptions.StudiesPerItem"/> studies, or one the reader refuses, goes through the pipeline inline
/// as before; a larger one is counted, logged as Running with its progress row, and split into work items on the
/// queue, which <see cref="WorkItemProcessor"/> processes wherever the queue is consumed.
/// </summary>
/// <remarks>
/// Order, so a crash at any point is repaired by the blob's redelivery: progress row (create if absent), entry
/// (Running), every item enqueued, then the row marked enqueued. A redelivered blob whose row is not marked yet
/// enqueues every item again; a duplicate item finds its bit set in the progress row and counts nothing twice.
/// </remarks>
public sealed class UploadSplitter
{
    // Enqueuing is one round trip per item: a registry archive has thousands.
    private const int ConcurrentSends = 16;

    // A queue message holds 48 KiB of text (64 KiB in base64): an item naming more duplicates than this gets no
    // directory range and finds them itself by reading the whole directory (only a hostile archive comes near).
    private const int MaxDuplicatesPerItem = 2_000;

    private readonly IngestionPipeline _pipeline;
    private readonly WorkQueueClient _queue;
    private readonly WorkQueueOptions _options;
    private readonly PipelineOptions _pipelineOptions;
    private readonly TimeProvider _time;
    private readonly UploadProgressRows _progress;

    public UploadSplitter(IngestionPipeline pipeline, TrialStorage storage, WorkQueueClient queue, WorkQueueOptions options, PipelineOptions pipelineOptions, TimeProvider? time = null)
    {
        _pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
        ArgumentNullException.ThrowIfNull(storage);
        _queue = queue ?? throw new ArgumentNullException(nameof(queue));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _pipelineOptions = pipelineOptions ?? throw new ArgumentNullException(nameof(pipelineOptions));
        _time = time ?? TimeProvider.System;
        _progress = new UploadProgressRows(storage);
    }

    /// <summary>Never throws for a document or storage problem: a Failed entry means the blob should be delivered again.</summary>
    public async Task<IngestionEntry> SplitOrIngestAsync(BlobClient blob, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var started = _time.GetUtcNow();
        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return await _pipeline.IngestAsync(blob, cancellationToken).ConfigureAwait(false);
        }

        // An archive is read by range requests, entry by entry: MaxBlobBytes is for documents read whole.
        var isArchive = IngestionPipeline.IsArchiveBlob(blob.Name, properties.ContentType);
        if (!isArchive && properties.ContentLength > _pipelineOptions.MaxBlobBytes)
        {
            return await _pipeline.IngestAsync(blob, properties, cancellationToken).ConfigureAwait(false);
        }

        var version = properties.ETag.ToString();
        var entryId = IngestionLog.EntryIdFor(blob.Name, version);
        var previous = await _pipeline.Log.FindAsync(entryId, cancellationToken).ConfigureAwait(false);
        if (previous is not null && (previous.Outcome is not (IngestionOutcome.Failed or IngestionOutcome.Running) || previous.Progress is { Enqueued: true }))
        {
            return previous;
        }

        var entry = new IngestionEntry(entryId, blob.Name, version, IngestionOutcome.Running, previous?.StartedAt ?? started, started, (previous?.Attempts ?? 0) + 1)
        {
            SizeBytes = properties.ContentLength,
        };
        try
        {
            var progress = previous?.Progress;
            IReadOnlyList<DirectorySlice>? slices = null;
            if (progress is null)
            {
                var count = isArchive ? await CountArchiveAsync(blob, properties, cancellationToken).ConfigureAwait(false)
                    : await CountAsync(blob, properties, cancellationToken).ConfigureAwait(false);
                if (count.Archive && !isArchive)
                {
                    // A ZIP under another name, known from its first bytes.
                    count = await CountArchiveAsync(blob, properties, cancellationToken).ConfigureAwait(false);
                }

                if (count.Rejected || count.Studies <= _options.StudiesPerItem)
                {
                    return await _pipeline.IngestAsync(blob, properties, cancellationToken).ConfigureAwait(false);
                }

                progress = NewProgress(count.Studies, count.Warnings, started) with { Archive = count.Archive };
                slices = count.Slices;
                entry = entry with { ContentHash = count.ContentHash, Format = count.Format, Layout = count.Layout };
                await _progress.CreateAsync(entryId, progress, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                entry = entry with { ContentHash = previous!.ContentHash, Format = previous.Format, Layout = previous.Layout };
                if (progress.Archive)
                {
                    slices = (await CountArchiveAsync(blob, properties, cancellationToken).ConfigureAwait(false)).Slices;
                }
            }

            entry = entry with { Progress = progress };
            if (previous?.Outcome != IngestionOutcome.Running)
            {
                await _pipeline.Log.WriteAsync(entry, cancellationToken).ConfigureAwait(false);
            }

            await Parallel.ForEachAsync(
                Items(blob, version, entryId, progress, slices),
                new ParallelOptions { MaxDegreeOfParallelism = ConcurrentSends, CancellationToken = cancellationToken },
                async (item, token) => await _queue.EnqueueAsync(item, token).ConfigureAwait(false)).ConfigureAwait(false);
            progress = await _progress.UpdateAsync(entryId, p => p with { Enqueued = true }, cancellationToken).ConfigureAwait(false);
            return entry with { Progress = progress };
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failed = entry with { Outcome = IngestionOutcome.Failed, FinishedAt = _time.GetUtcNow(), Errors = [$"Attempt {entry.Attempts} at splitting the upload failed: {e.Message}"] };
            await _pipeline.Log.WriteAsync(failed, cancellationToken).ConfigureAwait(false);
            return failed;
        }
    }

    private UploadProgress NewProgress(int studies, IReadOnlyList<string> warnings, DateTimeOffset started) => new()
    {
        Studies = studies,
        StudiesPerItem = _options.StudiesPerItem,
        ItemsTotal = (studies + _options.StudiesPerItem - 1) / _options.StudiesPerItem,
        WarningCount = warnings.Count,
        Warnings = UploadProgress.Append([], warnings),
        UpdatedAt = started,
    };

    /// <param name="slices">An archive's directory range per item (null: each item reads the whole directory).</param>
    private static IEnumerable<WorkItem> Items(BlobClient blob, string version, string entryId, UploadProgress progress, IReadOnlyList<DirectorySlice>? slices)
    {
        for (var item = 0; item < progress.ItemsTotal; item++)
        {
            var from = item * progress.StudiesPerItem;
            yield return new WorkItem(blob.BlobContainerName, blob.Name, version, entryId, item, from, Math.Min(from + progress.StudiesPerItem, progress.Studies), progress.Archive)
            {
                Directory = slices?.Count == progress.ItemsTotal && (slices[item].Duplicates?.Count ?? 0) <= MaxDuplicatesPerItem ? slices[item] : null,
            };
        }
    }

    private sealed record Count(
        int Studies, bool Rejected, IReadOnlyList<string> Warnings, string? ContentHash, string? Format, string? Layout, bool Archive = false, IReadOnlyList<DirectorySlice>? Slices = null);

    /// <summary>Reads the version that was sized to its end, counting its studies; the records are dropped as they come.</summary>
    private static async Task<Count> CountAsync(BlobClient blob, BlobProperties properties, CancellationToken cancellationToken)
    {
        var download = await blob.DownloadStreamingAsync(
            new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = properties.ETag } }, cancellationToken).ConfigureAwait(false);
        await using var content = download.Value.Content;
        await using var document = await TrialDocumentReader.ReadAsync(content, blob.Name, properties.ContentLength, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (document.IsArchive)
        {
            return new Count(0, false, [], null, null, null, Archive: true);
        }

        if (!document.IsRejected)
        {
            await foreach (var _ in document.ReadRecordsAsync(cancellationToken).ConfigureAwait(false))
            {
            }
        }

        var warnings = document.Warnings.Select(w => w.Field is null ? w.Message : w.Field + ": " + w.Message).Distinct(StringComparer.Ordinal).ToList();
        return new Count(document.RecordCount, document.IsRejected, warnings, document.ContentHash, document.Format?.ToString(), document.Layout);
    }

    /// <summary>
    /// An archive's items are slices of its directory (entry index), so its entries are counted from the directory
    /// alone; the one reading of the whole directory per upload also finds each item's own range of it.
    /// </summary>
    private async Task<Count> CountArchiveAsync(BlobClient blob, BlobProperties properties, CancellationToken cancellationToken)
    {
        await using var archive = await TrialArchive.OpenAsync(blob, properties.ETag, properties.ContentLength, _pipelineOptions.Archives, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<DirectorySlice>? slices = null;
        if (archive.Refusal is null && archive.TotalEntries > _options.StudiesPerItem)
        {
            try
            {
                slices = await archive.SliceDirectoryAsync(_options.StudiesPerItem, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException)
            {
                // Records ZipArchive read but a plain walk cannot follow: each item then reads the whole directory, as before.
            }
        }

        return new Count(archive.TotalEntries, archive.Refusal is not null, [], null, "ZIP archive", null, Archive: true, slices);
    }
}
