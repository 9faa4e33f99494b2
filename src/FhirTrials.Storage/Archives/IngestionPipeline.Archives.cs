using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FhirTrials.Core.Reading;
using FhirTrials.Storage.Archives;
using FhirTrials.Storage.Ingestion;

namespace FhirTrials.Storage.Pipeline;

/// <summary>
/// A ZIP of trial documents: each accepted entry is read as a document named "{blob}/{entry}" (its own source of
/// its trials, so an entry edited in next week's download replaces only its own record) and its trials are written by
/// the same per-trial path as a single document. Entries are inflated one after another from the shared range
/// stream; the documents read from them are written a few at a time.
/// </summary>
public sealed partial class IngestionPipeline
{
    /// <summary>ZIPs are known by name or content type before any byte is read (then MaxBlobBytes does not apply).</summary>
    public static bool IsArchiveBlob(string blobName, string? contentType) =>
        blobName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
        || contentType is "application/zip" or "application/x-zip-compressed";

    /// <summary>
    /// Ingests the archive's entries with index in [<paramref name="from"/>, <paramref name="to"/>) (all by default) and
    /// returns the entry's log entry with their counts: a work item of a large archive calls it for its own slice and
    /// costs the directory and its entries' bytes only. An archive of which nothing could be read is rejected whole.
    /// </summary>
    internal async Task<IngestionEntry> IngestArchiveAsync(
        BlobClient blob, BlobProperties properties, IngestionEntry entry, CancellationToken cancellationToken, int from = 0, int to = int.MaxValue)
    {
        await using var archive = await TrialArchive.OpenAsync(blob, properties.ETag, properties.ContentLength, _options.Archives, cancellationToken).ConfigureAwait(false);
        entry = entry with { Format = "ZIP archive" };
        if (archive.Refusal is { } refusal)
        {
            return await RejectAsync(blob, entry with { Errors = [refusal] }, cancellationToken).ConfigureAwait(false);
        }

        var tally = new IngestionTally();
        var counts = new ArchiveTally(archive, from, to);
        await IngestArchiveEntriesAsync(blob, archive, from, to, properties.LastModified, tally, counts, cancellationToken).ConfigureAwait(false);
        var summary = counts.Complete(archive);
        if (summary.Documents == 0 && from <= 0 && to >= archive.TotalEntries)
        {
            return await RejectAsync(blob, entry with
            {
                Archive = summary,
                Errors = [$"The ZIP archive holds no trial document that could be read ({summary.Describe()})."],
                Warnings = counts.Refusals,
            }, cancellationToken).ConfigureAwait(false);
        }

        tally.AddWarnings(counts.Refusals);
        return tally.Complete(entry) with { Archive = summary };
    }

    /// <summary>
    /// Reads and writes the accepted entries with archive index in [<paramref name="from"/>, <paramref name="to"/>):
    /// a slice costs the directory and its own entries' bytes, so a large archive can be shared out by index range.
    /// Entries are inflated one after another; their records go to the batch writer in batches across entries, one
    /// batch written while the next is read. An entry counts as read once every record of it is written.
    /// </summary>
    internal async Task IngestArchiveEntriesAsync(
        BlobClient blob, TrialArchive archive, int from, int to, DateTimeOffset received, IngestionTally tally, ArchiveTally counts, CancellationToken cancellationToken)
    {
        var batch = new ArchiveBatch();
        Task writing = Task.CompletedTask;
        try
        {
            foreach (var item in archive.EntriesBetween(from, to))
            {
                MemoryStream content;
                try
                {
                    content = await archive.ReadEntryAsync(item, cancellationToken).ConfigureAwait(false);
                }
                catch (ArchiveLimitException e)
                {
                    counts.Reject(item.Name, e.Message);
                    continue;
                }
                catch (InvalidDataException e)
                {
                    counts.Reject(item.Name, $"it cannot be unpacked: {e.Message}");
                    continue;
                }

                await using var owned = content;
                var head = content.GetBuffer().AsSpan(0, (int)Math.Min(content.Length, 512));
                if (TrialDocumentReader.IdentifyBinary(head, out var isArchive) is { } kind)
                {
                    counts.Skip(item.Name, isArchive ? $"a nested archive ({kind}); archives inside archives are not opened" : $"not a trial document ({kind})");
                    continue;
                }

                var name = $"{blob.Name}/{item.Name}";
                var uri = $"{blob.Uri}#{Uri.EscapeDataString(item.Name)}";
                await using var document = await TrialDocumentReader.ReadAsync(content, name, content.Length, cancellationToken: cancellationToken).ConfigureAwait(false);
                var read = new ArchiveBatch.EntryRead(item.Name);
                if (!document.IsRejected)
                {
                    await foreach (var record in document.ReadRecordsAsync(cancellationToken).ConfigureAwait(false))
                    {
                        batch.Add(new TrialInput(record, name, document.ContentHash!, uri), read);
                        if (batch.Count >= Math.Max(1, _options.BatchTrials))
                        {
                            await writing.ConfigureAwait(false);
                            writing = WriteArchiveBatchAsync(batch, received, tally, counts, cancellationToken);
                            batch = new ArchiveBatch();
                        }
                    }
                }

                if (document.IsRejected)
                {
                    counts.Reject(item.Name, document.RejectionReason!);
                    continue;
                }

                tally.AddWarnings(document.Warnings.Select(w => $"{item.Name}: {Describe(w)}"));
                batch.Complete(read);
            }
        }
        finally
        {
            // Nothing of the archive may still be writing once its counts are taken, even when a batch failed.
            await writing.ConfigureAwait(false);
        }

        await WriteArchiveBatchAsync(batch, received, tally, counts, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteArchiveBatchAsync(ArchiveBatch batch, DateTimeOffset received, IngestionTally tally, ArchiveTally counts, CancellationToken cancellationToken)
    {
        var outputs = await WriteBatchAsync(batch.Inputs, received, tally, cancellationToken).ConfigureAwait(false);
        foreach (var read in batch.Written(outputs))
        {
            counts.Read(read.Changed);
        }
    }
}
