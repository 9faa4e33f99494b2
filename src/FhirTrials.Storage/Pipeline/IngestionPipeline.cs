using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FhirTrials.Core.Fhir;
using FhirTrials.Core.Reading;
using FhirTrials.Core.Records;
using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.Resources;

namespace FhirTrials.Storage.Pipeline;

/// <summary>
/// Blob in, versioned FHIR resources out: size check from the blob's properties, download, read, store each trial's
/// record as one of its sources, merge and write the trial, log the outcome. Both hosts call it. It never throws for a
/// document problem or a storage failure: the returned log entry says what happened (Failed means retry).
/// </summary>
public sealed class IngestionPipeline
{
    private readonly TrialStorage _storage;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _time;
    private readonly TrialSources _sources;
    private readonly TrialAliases _aliases;
    private readonly TrialMerge _merge;

    public IngestionPipeline(TrialStorage storage, TableResourceStore store, PipelineOptions options, TimeProvider? time = null)
    {
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
        ArgumentNullException.ThrowIfNull(store);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? TimeProvider.System;
        _sources = new TrialSources(storage);
        _aliases = new TrialAliases(storage);
        _merge = new TrialMerge(_sources, store, options, _time);
        Log = new IngestionLog(storage);
    }

    public IngestionLog Log { get; }

    public Task<IngestionEntry> IngestAsync(string container, string blobName, CancellationToken cancellationToken = default) =>
        IngestAsync(_storage.BlobService.GetBlobContainerClient(container).GetBlobClient(blobName), cancellationToken);

    public async Task<IngestionEntry> IngestAsync(BlobClient blob, CancellationToken cancellationToken = default)
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
            entry = properties.ContentLength > _options.MaxBlobBytes
                ? await RejectAsync(blob, entry with
                {
                    Errors = [$"The blob is {Size(properties.ContentLength)}, over the {Size(_options.MaxBlobBytes)} limit; it was not read."],
                }, cancellationToken).ConfigureAwait(false)
                : await ProcessAsync(blob, properties.ETag, entry, cancellationToken).ConfigureAwait(false);
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

    private async Task<IngestionEntry> ProcessAsync(BlobClient blob, ETag version, IngestionEntry entry, CancellationToken cancellationToken)
    {
        var download = await blob.DownloadContentAsync(
            new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = version } }, cancellationToken).ConfigureAwait(false);
        var read = TrialDocumentReader.Read(download.Value.Content.ToMemory(), blob.Name);
        entry = entry with
        {
            ContentHash = read.ContentHash,
            Format = read.Format?.ToString(),
            Layout = read.Layout,
            Warnings = [.. read.Warnings.Select(Describe)],
        };
        if (read.IsRejected)
        {
            return await RejectAsync(blob, entry with { Errors = [read.RejectionReason!] }, cancellationToken, download.Value.Content).ConfigureAwait(false);
        }

        var trialKeys = new List<string>();
        var resources = new List<IngestedResource>();
        var warnings = entry.Warnings.ToList();
        foreach (var record in read.Records)
        {
            var trialKey = await _aliases.ResolveAsync(record, cancellationToken).ConfigureAwait(false) ?? TrialKey.For(record);
            warnings.AddRange(await _aliases.RegisterAsync(record, trialKey, cancellationToken).ConfigureAwait(false));
            warnings.AddRange(record.Warnings.Select(Describe));
            var earlier = await _sources.GetAsync(trialKey, blob.Name, cancellationToken).ConfigureAwait(false);
            var received = earlier?.ContentHash == read.ContentHash ? earlier.Received : _time.GetUtcNow();
            await _sources.PutAsync(
                new SourceRecord(trialKey, blob.Name, read.ContentHash, received, blob.Uri.ToString(), TrialRecordJson.Serialize(record)),
                cancellationToken).ConfigureAwait(false);
            trialKeys.Add(trialKey);
            resources.AddRange(await _merge.RunAsync(trialKey, cancellationToken).ConfigureAwait(false) ?? []);
        }

        var outcome = !resources.Any(r => r.Changed)
            ? IngestionOutcome.Unchanged
            : warnings.Count > 0 ? IngestionOutcome.IngestedWithWarnings : IngestionOutcome.Ingested;
        return entry with { Outcome = outcome, TrialKeys = trialKeys, Resources = resources, Warnings = warnings, Errors = [] };
    }

    private async Task<IngestionEntry> RejectAsync(BlobClient blob, IngestionEntry entry, CancellationToken cancellationToken, BinaryData? content = null) =>
        await TryCopyToPoisonAsync(blob, entry with { Outcome = IngestionOutcome.Rejected }, cancellationToken, content).ConfigureAwait(false);

    /// <summary>
    /// Keeps the blob version for ops to inspect, under the entry id so versions never overwrite each other: the bytes
    /// already read when there are some, else a server-side copy. A failed copy is logged, never hidden.
    /// </summary>
    private async Task<IngestionEntry> TryCopyToPoisonAsync(BlobClient blob, IngestionEntry entry, CancellationToken cancellationToken, BinaryData? content = null)
    {
        var target = _storage.BlobService.GetBlobContainerClient(_options.PoisonContainer).GetBlobClient($"{entry.EntryId}/{blob.Name}");
        try
        {
            if (content is not null)
            {
                await target.UploadAsync(content, overwrite: true, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var copy = await target.StartCopyFromUriAsync(blob.Uri, cancellationToken: cancellationToken).ConfigureAwait(false);
                await copy.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
            }

            return entry with { PoisonCopy = $"{_options.PoisonContainer}/{target.Name}" };
        }
        catch (RequestFailedException e)
        {
            return entry with { Errors = [.. entry.Errors, $"Copying the blob to the poison container {_options.PoisonContainer} failed: {e.Message}"] };
        }
    }

    private static string Describe(ReadWarning warning) =>
        (warning.Field is null ? "" : warning.Field + ": ") + warning.Message + (warning.Line is { } line ? $" (line {line})" : "");

    private static string Size(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MiB ({bytes} bytes)" : $"{bytes} bytes";
}
