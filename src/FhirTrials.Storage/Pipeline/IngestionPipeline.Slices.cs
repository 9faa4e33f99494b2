using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FhirTrials.Core.Reading;
using FhirTrials.Storage.Archives;
using FhirTrials.Storage.Ingestion;

namespace FhirTrials.Storage.Pipeline;

/// <summary>Part of a document at a time, for the work items of a large upload (docs/storage-design.md, "Work queue").</summary>
public sealed partial class IngestionPipeline
{
    // The per-document tally completes an entry; a slice only reads its counts back.
    private static readonly IngestionEntry StudyTemplate = new("study", "study", "study", IngestionOutcome.Failed, default, default, 1);

    /// <summary>
    /// Reads the blob version <paramref name="blobVersion"/> (ETag condition) and writes its studies [from, to) as
    /// <see cref="IngestAsync(BlobClient, CancellationToken)"/> writes each of a page's: the same write path, so a
    /// repeated slice writes nothing it wrote before. Throws on storage failures (the queue retries the item); a
    /// replaced blob or a document that refuses or ends early is an answer (rejected studies with the reason).
    /// </summary>
    public async Task<SliceResult> IngestSliceAsync(BlobClient blob, string blobVersion, int from, int to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(to, from);
        var studies = to - from;
        Response<BlobDownloadStreamingResult> download;
        try
        {
            download = await blob.DownloadStreamingAsync(
                new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = new ETag(blobVersion) } }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return SliceResult.AllRejected(studies, $"The blob {blob.Name} was replaced or deleted after it was split (version {blobVersion}); a new version is an upload of its own.");
        }

        await using var content = download.Value.Content;
        await using var document = await TrialDocumentReader.ReadAsync(content, blob.Name, download.Value.Details.ContentLength, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (document.IsRejected)
        {
            return SliceResult.AllRejected(studies, document.RejectionReason!);
        }

        var tally = new SliceTally();
        // The blob version's time, as for a whole document: a redone item maps the same Provenance.
        var received = download.Value.Details.LastModified;
        var batch = new List<TrialInput>();
        var index = -1;
        await foreach (var record in document.ReadRecordsAsync(cancellationToken).ConfigureAwait(false))
        {
            // Records before the slice are parsed and dropped: a streamed reader has no index to seek by.
            if (++index < from)
            {
                continue;
            }

            if (index >= to)
            {
                break;
            }

            batch.Add(new TrialInput(record, blob.Name, document.ContentHash!, blob.Uri.ToString()));
            if (batch.Count >= Math.Max(1, _options.BatchTrials))
            {
                await WriteStudiesAsync(batch, received, tally, cancellationToken).ConfigureAwait(false);
                batch = [];
            }
        }

        await WriteStudiesAsync(batch, received, tally, cancellationToken).ConfigureAwait(false);
        var ended = document.RejectionReason
            ?? string.Create(CultureInfo.InvariantCulture, $"The document holds {index + 1} studies, fewer than when it was split; studies {index + 1} to {to - 1} were not found.");
        return tally.Complete(studies, tally.Written < studies ? ended : null);
    }

    /// <summary>
    /// Entries [from, to) (archive index) of the ZIP blob version <paramref name="blobVersion"/>, each entry a document
    /// written as <see cref="IngestAsync(BlobClient, CancellationToken)"/> writes an archive's: the slice's own
    /// directory records (<paramref name="directory"/>, found by the splitter; the whole directory when null, as items
    /// queued before it existed) and its entries are read by range requests, nothing else.
    /// </summary>
    public async Task<SliceResult> IngestArchiveSliceAsync(
        BlobClient blob, string blobVersion, int from, int to, DirectorySlice? directory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(to, from);
        var replaced = $"The blob {blob.Name} was replaced or deleted after it was split (version {blobVersion}); a new version is an upload of its own.";
        TrialArchive archive;
        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(new BlobRequestConditions { IfMatch = new ETag(blobVersion) }, cancellationToken).ConfigureAwait(false)).Value;
            archive = directory is null
                ? await TrialArchive.OpenAsync(blob, properties.ETag, properties.ContentLength, _options.Archives, cancellationToken).ConfigureAwait(false)
                : await TrialArchive.OpenSliceAsync(blob, properties.ETag, properties.ContentLength, directory, from, to, _options.Archives, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return SliceResult.AllRejected(to - from, replaced);
        }

        await using (archive.ConfigureAwait(false))
        {
            if (archive.Refusal is { } refusal)
            {
                return SliceResult.AllRejected(to - from, refusal);
            }

            var tally = new IngestionTally();
            var counts = new ArchiveTally(archive, from, to);
            await IngestArchiveEntriesAsync(blob, archive, from, to, properties.LastModified, tally, counts, cancellationToken).ConfigureAwait(false);
            var summary = counts.Complete(archive);
            var written = tally.Complete(StudyTemplate);
            return new SliceResult
            {
                Studies = to - from,
                Ingested = summary.Ingested,
                Unchanged = summary.Unchanged,
                Rejected = summary.Rejected,
                Skipped = summary.Skipped,
                ResourceCount = written.ResourceCount,
                ChangedResourceCount = written.ChangedResourceCount,
                WarningCount = written.WarningCount,
                Warnings = UploadProgress.Append([], written.Warnings),
                Rejections = UploadProgress.Append([], counts.Refusals),
            };
        }
    }

    /// <summary>A batch of the slice's studies written together; each study counted as ingested or unchanged.</summary>
    private async Task WriteStudiesAsync(List<TrialInput> batch, DateTimeOffset received, SliceTally slice, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var outputs = await _writer.WriteAsync(batch, received, cancellationToken).ConfigureAwait(false);
        foreach (var (input, output) in batch.Zip(outputs))
        {
            var study = new IngestionTally();
            Count(input, output, study);
            slice.Add(study.Complete(StudyTemplate));
        }
    }
}
