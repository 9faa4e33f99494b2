using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FhirTrials.Core.Reading;
using FhirTrials.Core.Records;
using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.Resources;

namespace FhirTrials.Storage.Pipeline;

/// <summary>
/// Blob in, versioned FHIR resources out: size check from the blob's properties, streamed download and read, store each trial's
/// record as one of its sources, merge and write the trial, log the outcome. Both hosts call it. It never throws for a
/// document problem or a storage failure: the returned log entry says what happened (Failed means retry).
/// </summary>
public sealed partial class IngestionPipeline
{
    private readonly TrialStorage _storage;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _time;
    private readonly TrialBatchWriter _writer;

    public IngestionPipeline(TrialStorage storage, TableResourceStore store, PipelineOptions options, TimeProvider? time = null)
    {
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
        ArgumentNullException.ThrowIfNull(store);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? TimeProvider.System;
        var resources = new BulkVersionWriter(storage, store.Rows, store.Writer) { Parallelism = Math.Max(1, options.MaxConcurrentTrials) };
        _writer = new TrialBatchWriter(new TrialSources(storage), new TrialAliases(storage), resources, options, _time);
        Log = new IngestionLog(storage);
    }

    public IngestionLog Log { get; }

    public Task<IngestionEntry> IngestAsync(string container, string blobName, CancellationToken cancellationToken = default) =>
        IngestAsync(_storage.BlobService.GetBlobContainerClient(container).GetBlobClient(blobName), cancellationToken);

    public Task<IngestionEntry> IngestAsync(BlobClient blob, CancellationToken cancellationToken = default) => IngestAsync(blob, null, cancellationToken);

    /// <param name="known">The blob's properties when the caller (the splitter) has just read them: not asked for again.</param>
    internal async Task<IngestionEntry> IngestAsync(BlobClient blob, BlobProperties? known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var started = _time.GetUtcNow();
        BlobProperties properties;
        try
        {
            properties = known ?? (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            var gone = new IngestionEntry(IngestionLog.EntryIdFor(blob.Name, "missing"), blob.Name, "missing", IngestionOutcome.Failed, started, started, 1)
            {
                Errors = [$"The blob {blob.Name} does not exist (deleted before it was processed)."],
            };
            await Log.WriteAsync(gone, cancellationToken).ConfigureAwait(false);
            return gone;
        }

        var version = properties.ETag.ToString();
        var entryId = IngestionLog.EntryIdFor(blob.Name, version);
        var previous = await Log.FindAsync(entryId, cancellationToken).ConfigureAwait(false);
        if (previous is not null && previous.Outcome != IngestionOutcome.Failed)
        {
            // The same blob version delivered again (trigger retries, rescans): it is done already.
            return previous;
        }

        var entry = new IngestionEntry(entryId, blob.Name, version, IngestionOutcome.Failed, started, started, (previous?.Attempts ?? 0) + 1)
        {
            SizeBytes = properties.ContentLength,
        };
        try
        {
            entry = IsArchiveBlob(blob.Name, properties.ContentType)
                ? await IngestArchiveAsync(blob, properties, entry, cancellationToken).ConfigureAwait(false)
                : properties.ContentLength > _options.MaxBlobBytes
                ? await RejectAsync(blob, entry with
                {
                    Errors = [$"The blob is {ByteSize.Describe(properties.ContentLength, exact: true)}, over the {ByteSize.Describe(_options.MaxBlobBytes)} limit for one document (setting MaxBlobBytes); it was not read."],
                }, cancellationToken).ConfigureAwait(false)
                : await ProcessAsync(blob, properties, entry, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            entry = entry with { Outcome = IngestionOutcome.Failed, Errors = [.. entry.Errors, $"Attempt {entry.Attempts} failed: {e.Message}"] };
            if (entry.Attempts >= _options.PoisonAfterFailures)
            {
                entry = await TryCopyToPoisonAsync(blob, entry, cancellationToken).ConfigureAwait(false);
            }
        }

        entry = entry with { FinishedAt = _time.GetUtcNow() };
        await Log.WriteAsync(entry, cancellationToken).ConfigureAwait(false);
        return entry;
    }

    /// <summary>
    /// Streams the blob version that was sized (ETag condition) into the reader: a CT.gov page is read study by study
    /// and each trial is written as it arrives, a few at a time, so memory stays bounded whatever the page holds.
    /// </summary>
    private async Task<IngestionEntry> ProcessAsync(BlobClient blob, BlobProperties properties, IngestionEntry entry, CancellationToken cancellationToken)
    {
        var download = await blob.DownloadStreamingAsync(
            new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = properties.ETag } }, cancellationToken).ConfigureAwait(false);
        await using var content = download.Value.Content;
        await using var document = await TrialDocumentReader.ReadAsync(content, blob.Name, properties.ContentLength, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (document.IsArchive)
        {
            // A ZIP under another name: opened by range reads instead, this download dropped.
            await content.DisposeAsync().ConfigureAwait(false);
            return await IngestArchiveAsync(blob, properties, entry, cancellationToken).ConfigureAwait(false);
        }

        entry = entry with { ContentHash = document.ContentHash, Format = document.Format?.ToString(), Layout = document.Layout };
        if (document.IsRejected)
        {
            return await RejectUnreadableAsync(blob, document, entry, cancellationToken).ConfigureAwait(false);
        }

        var tally = new IngestionTally();
        // When the blob version was written, not when this attempt runs: a retry maps the same Provenance, so the
        // versions a failed attempt claimed are resumed rather than contended.
        var received = properties.LastModified;
        var batch = new List<TrialInput>();
        var batchChars = 0L;
        Task writing = Task.CompletedTask;
        try
        {
            // One batch is written while the next is read, so memory holds two batches whatever the document holds.
            await foreach (var record in document.ReadRecordsAsync(cancellationToken).ConfigureAwait(false))
            {
                batch.Add(new TrialInput(record, blob.Name, document.ContentHash!, blob.Uri.ToString()));
                batchChars += batch[^1].RecordJson.Length;
                if (batch.Count >= Math.Max(1, _options.BatchTrials) || batchChars >= _options.BatchRecordChars)
                {
                    await writing.ConfigureAwait(false);
                    writing = WriteBatchAsync(batch, received, tally, cancellationToken);
                    (batch, batchChars) = ([], 0);
                }
            }
        }
        finally
        {
            // Nothing of this document may still be writing once its entry is logged, even when a batch failed.
            await writing.ConfigureAwait(false);
        }

        await WriteBatchAsync(batch, received, tally, cancellationToken).ConfigureAwait(false);

        // The reader's verdict is final only once every record has been read (a page broken after some studies).
        entry = entry with { Layout = document.Layout };
        if (document.IsRejected)
        {
            return await RejectUnreadableAsync(blob, document, entry, cancellationToken).ConfigureAwait(false);
        }

        tally.AddWarnings(document.Warnings.Select(Describe));
        return tally.Complete(entry);
    }

    /// <summary>Writes a batch of records (any number, none included) and adds what each came to to the tally.</summary>
    private async Task<TrialOutput[]> WriteBatchAsync(List<TrialInput> inputs, DateTimeOffset received, IngestionTally tally, CancellationToken cancellationToken)
    {
        if (inputs.Count == 0)
        {
            return [];
        }

        var outputs = await _writer.WriteAsync(inputs, received, cancellationToken).ConfigureAwait(false);
        foreach (var (input, output) in inputs.Zip(outputs))
        {
            Count(input, output, tally);
        }

        return outputs;
    }

    /// <summary>What one record came to, in the tally: the write's warnings, the record's own, the trial and its resources.</summary>
    private static void Count(TrialInput input, TrialOutput output, IngestionTally tally)
    {
        tally.AddWarnings(output.Warnings);
        tally.AddWarnings(input.Record.Warnings.Select(Describe));
        tally.AddTrial(output.TrialKey, output.Resources);
    }

    /// <summary>The reader refused the document, at its first bytes or part-way through: its reason and warnings are logged.</summary>
    private Task<IngestionEntry> RejectUnreadableAsync(BlobClient blob, StreamedDocument document, IngestionEntry entry, CancellationToken cancellationToken) =>
        RejectAsync(blob, entry with
        {
            Errors = [document.RejectionReason!],
            Warnings = [.. document.Warnings.Select(Describe).Distinct(StringComparer.Ordinal).Take(IngestionEntry.MaxListedWarnings)],
        }, cancellationToken);

    private async Task<IngestionEntry> RejectAsync(BlobClient blob, IngestionEntry entry, CancellationToken cancellationToken) =>
        await TryCopyToPoisonAsync(blob, entry with { Outcome = IngestionOutcome.Rejected }, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Keeps the blob version for ops to inspect, under the entry id so versions never overwrite each other: a
    /// server-side copy (nothing passes through this process), of exactly the version that was read. A failed copy is
    /// logged, never hidden.
    /// </summary>
    private async Task<IngestionEntry> TryCopyToPoisonAsync(BlobClient blob, IngestionEntry entry, CancellationToken cancellationToken)
    {
        var target = _storage.BlobService.GetBlobContainerClient(_options.PoisonContainer).GetBlobClient($"{entry.EntryId}/{blob.Name}");
        try
        {
            var options = new BlobCopyFromUriOptions { SourceConditions = new BlobRequestConditions { IfMatch = new ETag(entry.BlobVersion) } };
            var copy = await target.StartCopyFromUriAsync(blob.Uri, options, cancellationToken).ConfigureAwait(false);
            await copy.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
            return entry with { PoisonCopy = $"{_options.PoisonContainer}/{target.Name}" };
        }
        catch (RequestFailedException e)
        {
            return entry with { Errors = [.. entry.Errors, $"Copying the blob to the poison container {_options.PoisonContainer} failed: {e.Message}"] };
        }
    }

    private static string Describe(ReadWarning warning)
    {
        // Some readers already start the message with the field; it is said once.
        var field = warning.Field is null || warning.Message.StartsWith(warning.Field + ":", StringComparison.Ordinal) ? "" : warning.Field + ": ";
        var line = warning.Line is { } at && !warning.Message.Contains($"(line {at})", StringComparison.Ordinal) ? $" (line {at})" : "";
        return field + warning.Message + line;
    }
}
