using System.Diagnostics;
using FhirTrials.Storage;
using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.Pipeline;
using FhirTrials.Storage.WorkQueue;

namespace FhirTrials.Server;

/// <summary>
/// Polls the incoming container and hands every blob version (name, ETag) without a receipt to the upload splitter,
/// which ingests a small document inline and splits a large one into work items (<see cref="WorkQueueConsumer"/>
/// processes them). The receipt is written once that version is done with or split (Running): ingested, unchanged,
/// rejected, or failed as often as the pipeline's poison threshold (the Functions host's blob trigger stops there
/// too). A failed attempt below it gets no receipt, so the next scan retries it.
/// </summary>
internal sealed partial class BlobWatcher(
    UploadSplitter splitter, TrialStorage storage, ServiceSettings settings, PipelineOptions options, HostSettings hostSettings, ILogger<BlobWatcher> logger)
    : BackgroundService
{
    private readonly BlobReceipts _receipts = new(storage);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(hostSettings.WatchInterval);
        do
        {
            try
            {
                await ScanAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogScanFailed(logger, settings.IncomingContainer, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task ScanAsync(CancellationToken cancellationToken)
    {
        var container = storage.BlobService.GetBlobContainerClient(settings.IncomingContainer);
        await foreach (var item in container.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (item.Properties.ETag is not { } etag || await _receipts.HasAsync(item.Name, etag.ToString(), cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            try
            {
                await IngestAsync(container.GetBlobClient(item.Name), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // One blob's failure (e.g. storage briefly unavailable) must not stop the others; the next scan retries it.
                LogBlobFailed(logger, item.Name, e);
            }
        }
    }

    private async Task IngestAsync(Azure.Storage.Blobs.BlobClient blob, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var entry = await splitter.SplitOrIngestAsync(blob, cancellationToken).ConfigureAwait(false);
        LogIngestion(logger, blob.Name, entry.Outcome, clock.ElapsedMilliseconds, entry.Attempts, string.Join(" | ", entry.Errors));
        if (entry.Outcome != IngestionOutcome.Failed || entry.Attempts >= options.PoisonAfterFailures)
        {
            // Keyed by the version the pipeline read, which is what the log entry describes.
            await _receipts.WriteAsync(blob.Name, entry.BlobVersion, entry, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested blob {BlobName}: {Outcome} in {DurationMs} ms (attempt {Attempts}). {Errors}")]
    private static partial void LogIngestion(ILogger logger, string blobName, IngestionOutcome outcome, long durationMs, int attempts, string errors);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingesting blob {BlobName} failed; it is retried on the next scan.")]
    private static partial void LogBlobFailed(ILogger logger, string blobName, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Listing the incoming container {Container} failed; retrying on the next scan.")]
    private static partial void LogScanFailed(ILogger logger, string container, Exception exception);
}
