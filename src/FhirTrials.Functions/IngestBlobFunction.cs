using Azure.Storage.Blobs;
using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.WorkQueue;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FhirTrials.Functions;

/// <summary>
/// A blob in the incoming container (docs/adr/0002: Event Grid source) is ingested inline when it holds a few studies,
/// or split into work items for ProcessWorkItem (docs/adr/0005). A bad document is logged and poisoned by the
/// pipeline and never retried; an infrastructure failure is thrown so the runtime retries, up to host.json's
/// poisonBlobThreshold (the pipeline's own limit, checked by a test).
/// </summary>
public sealed class IngestBlobFunction(UploadSplitter splitter, ILogger<IngestBlobFunction> logger)
{
    [Function("IngestBlob")]
    public async Task RunAsync(
        [BlobTrigger("%IncomingContainer%/{name}", Connection = "TrialStorage", Source = BlobTriggerSource.EventGrid)] BlobClient blob,
        string name,
        CancellationToken cancellationToken)
    {
        var entry = await splitter.SplitOrIngestAsync(blob, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Ingested {Blob}: {Outcome} in {Duration}", name, entry.Outcome, entry.Duration);
        if (entry.Outcome == IngestionOutcome.Failed)
        {
            throw new InvalidOperationException($"Ingestion of {name} failed (attempt {entry.Attempts}): {string.Join("; ", entry.Errors)}");
        }
    }
}
