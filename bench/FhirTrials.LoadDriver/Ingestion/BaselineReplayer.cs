using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace FhirTrials.LoadDriver.Ingestion;

/// <summary>
/// The baseline: a document's storage requests made with the bare Azure SDK against the baseline's own tables (same
/// keys, same entities, so reads find rows of the same size) and the same incoming blobs. No reading, mapping or
/// merging; conditional writes use <c>If-Match: *</c> as the baseline keeps no ETags.
/// </summary>
internal sealed class BaselineReplayer(TableServiceClient tables, BlobServiceClient blobs, Func<string, string> tableName, Func<string, string> containerName)
{
    private readonly ConcurrentDictionary<string, TableClient> _tables = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BlobContainerClient> _containers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _mismatchSamples = new();
    private int _statusMismatches;

    /// <summary>Steps whose answer differed from ours (e.g. a write ours lost to a concurrent writer that the baseline's <c>*</c> won).</summary>
    public int StatusMismatches => Volatile.Read(ref _statusMismatches);

    /// <summary>The first few differing answers, to print.</summary>
    public IEnumerable<string> MismatchSamples => _mismatchSamples;

    public async Task RunAsync(IReadOnlyList<ReplayStep> steps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(steps);
        foreach (var step in steps)
        {
            int status;
            try
            {
                status = await RunAsync(step, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e)
            {
                status = e.Status;
            }

            if (status != step.ExpectedStatus)
            {
                if (Interlocked.Increment(ref _statusMismatches) <= 10)
                {
                    _mismatchSamples.Enqueue($"{step.Kind} {step.Target} ({step.PartitionKey ?? step.Entity?.PartitionKey}, {step.RowKey ?? step.Entity?.RowKey}): ours {step.ExpectedStatus}, baseline {status}");
                }
            }
        }
    }

    private async Task<int> RunAsync(ReplayStep step, CancellationToken cancellationToken)
    {
        switch (step.Kind)
        {
            case StepKind.BlobProperties:
                return (await Blob(step).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).GetRawResponse().Status;
            case StepKind.BlobDownload:
                return (await Blob(step).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).GetRawResponse().Status;
            case StepKind.BlobUpload:
                return (await Blob(step).UploadAsync(new BinaryData(step.Upload!), overwrite: true, cancellationToken).ConfigureAwait(false)).GetRawResponse().Status;
            case StepKind.PointRead:
                return (await Table(step).GetEntityIfExistsAsync<TableEntity>(step.PartitionKey!, step.RowKey!, step.Select, cancellationToken).ConfigureAwait(false))
                    .GetRawResponse().Status;
            case StepKind.Query:
                var pages = 0;
                var status = 200;
                await foreach (var page in Table(step).QueryAsync<TableEntity>(step.Filter, step.Top, step.Select, cancellationToken).AsPages().ConfigureAwait(false))
                {
                    status = page.GetRawResponse().Status;
                    if (++pages == step.Pages)
                    {
                        break;
                    }
                }

                return status;
            case StepKind.Insert:
                return (await Table(step).AddEntityAsync(step.Entity!, cancellationToken).ConfigureAwait(false)).Status;
            case StepKind.Upsert:
                return (await Table(step).UpsertEntityAsync(step.Entity!, step.Mode, cancellationToken).ConfigureAwait(false)).Status;
            case StepKind.Update:
                return (await Table(step).UpdateEntityAsync(step.Entity!, ETag.All, step.Mode, cancellationToken).ConfigureAwait(false)).Status;
            case StepKind.Delete:
                return (await Table(step).DeleteEntityAsync(step.PartitionKey!, step.RowKey!, ETag.All, cancellationToken).ConfigureAwait(false)).Status;
            case StepKind.Batch:
                return (await Table(step).SubmitTransactionAsync(step.Actions!, cancellationToken).ConfigureAwait(false)).GetRawResponse().Status;
            default:
                throw new InvalidOperationException($"No replay for {step.Kind}.");
        }
    }

    private TableClient Table(ReplayStep step) =>
        _tables.GetOrAdd(step.Target, name => tables.GetTableClient(tableName(name)));

    private BlobClient Blob(ReplayStep step) =>
        _containers.GetOrAdd(step.Target, name => blobs.GetBlobContainerClient(containerName(name))).GetBlobClient(step.BlobName);
}
