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

    private async Task<IngestionEntry> IngestArchiveAsync(BlobClient blob, BlobProperties properties, IngestionEntry entry, CancellationToken cancellationToken)
    {
        await using var archive = await TrialArchive.OpenAsync(blob, properties.ETag, properties.ContentLength, _options.Archives, cancellationToken).ConfigureAwait(false);
        entry = entry with { Format = "ZIP archive" };
        if (archive.Refusal is { } refusal)
        {
            return await RejectAsync(blob, entry with { Errors = [refusal] }, cancellationToken).ConfigureAwait(false);
        }

        var tally = new IngestionTally();
        var counts = new ArchiveTally(archive, 0, archive.TotalEntries);
        await IngestArchiveEntriesAsync(blob, archive, 0, archive.TotalEntries, tally, counts, cancellationToken).ConfigureAwait(false);
        var summary = counts.Complete(archive);
        if (summary.Documents == 0)
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
    /// </summary>
    internal async Task IngestArchiveEntriesAsync(BlobClient blob, TrialArchive archive, int from, int to, IngestionTally tally, ArchiveTally counts, CancellationToken cancellationToken)
    {
        var received = _time.GetUtcNow();
        var inFlight = new List<Task>();
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

                if (inFlight.Count >= Math.Max(1, _options.MaxConcurrentTrials))
                {
                    var done = await Task.WhenAny(inFlight).ConfigureAwait(false);
                    inFlight.Remove(done);
                    await done.ConfigureAwait(false);
                }

                inFlight.Add(IngestArchiveEntryAsync(blob, item, content, received, tally, counts, cancellationToken));
            }
        }
        finally
        {
            await Task.WhenAll(inFlight).ConfigureAwait(false);
        }
    }

    private async Task IngestArchiveEntryAsync(
        BlobClient blob, ArchiveEntry item, MemoryStream content, DateTimeOffset received, IngestionTally tally, ArchiveTally counts, CancellationToken cancellationToken)
    {
        await using var owned = content;
        var head = content.GetBuffer().AsSpan(0, (int)Math.Min(content.Length, 512));
        if (TrialDocumentReader.IdentifyBinary(head, out var isArchive) is { } kind)
        {
            counts.Skip(item.Name, isArchive ? $"a nested archive ({kind}); archives inside archives are not opened" : $"not a trial document ({kind})");
            return;
        }

        var name = $"{blob.Name}/{item.Name}";
        var uri = $"{blob.Uri}#{Uri.EscapeDataString(item.Name)}";
        await using var document = await TrialDocumentReader.ReadAsync(content, name, content.Length, cancellationToken: cancellationToken).ConfigureAwait(false);
        var changed = false;
        if (!document.IsRejected)
        {
            await foreach (var record in document.ReadRecordsAsync(cancellationToken).ConfigureAwait(false))
            {
                changed |= await WriteTrialAsync(name, uri, document.ContentHash!, record, received, tally, cancellationToken).ConfigureAwait(false);
            }
        }

        if (document.IsRejected)
        {
            counts.Reject(item.Name, document.RejectionReason!);
            return;
        }

        tally.AddWarnings(document.Warnings.Select(w => $"{item.Name}: {Describe(w)}"));
        counts.Read(changed);
    }
}
