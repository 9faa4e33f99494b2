using System.Text;
using FhirTrials.Storage.WorkQueue;

namespace FhirTrials.Storage.Export;

/// <summary>
/// Runs exports on the work queue: the kick-off enqueues the first slice of every type; each slice writes one NDJSON
/// file of at most <see cref="ExportOptions.SliceResources"/> resources and enqueues the next, the last marks its type
/// done. Slices of different types run concurrently on whatever instances consume the queue.
/// </summary>
/// <remarks>
/// Crash-safe without duplicate lines: a slice first fixes its row range in its part row (insert-only, so of two
/// deliveries running at once one range wins), then writes its file from exactly that range (overwriting whatever a
/// crashed attempt wrote: same rows, same versions as of the transaction time, same lines), then marks it written,
/// and only then enqueues the next slice. A redelivered slice finds its part row and redoes what is missing.
/// </remarks>
public sealed class ExportRunner(TrialStorage storage, ExportJobs jobs, WorkQueueClient queue, ExportOptions options)
{
    private readonly ExportReader _reader = new(storage);

    public ExportOptions Options => options;

    public ExportJobs Jobs => jobs;

    /// <summary>Stores the job and enqueues the first slice of each of its types.</summary>
    public async Task StartAsync(ExportJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        await jobs.DeleteExpiredAsync(cancellationToken).ConfigureAwait(false);
        await jobs.CreateAsync(job, cancellationToken).ConfigureAwait(false);
        foreach (var type in job.Types)
        {
            await queue.EnqueueAsync(WorkItem.ForExport(new ExportSlice(job.Id, type, 0, null)), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task ProcessAsync(ExportSlice slice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slice);
        var job = await jobs.GetAsync(slice.Job, cancellationToken).ConfigureAwait(false);
        if (job is not { Status: ExportStatus.Running })
        {
            // Cancelled, failed, finished or removed: a late or duplicate message has nothing left to do.
            return;
        }

        var part = await jobs.GetPartAsync(job.Id, slice.Type, slice.Part, cancellationToken).ConfigureAwait(false);
        ExportPage? page = null;
        if (part is null)
        {
            page = await _reader.ReadAsync(job, slice.Type, slice.After, null, options.SliceResources, cancellationToken).ConfigureAwait(false);
            var claim = new ExportPart(slice.Type, slice.Part, -1, page.End ?? slice.After ?? "", page.More, null);
            part = await jobs.AddPartAsync(job.Id, claim, cancellationToken).ConfigureAwait(false);
            if (part != claim)
            {
                page = null;
            }
        }

        if (part.Count < 0)
        {
            var through = part.End.Length == 0 || part.End == slice.After ? null : part.End;
            page ??= through is null
                ? new ExportPage([], null, false, 0)
                : await _reader.ReadAsync(job, slice.Type, slice.After, through, options.SliceResources, cancellationToken).ConfigureAwait(false);
            string? blob = null;
            if (page.Lines.Count > 0)
            {
                blob = job.Id + "/" + ExportJobs.FileName(slice.Type, slice.Part);
                await storage.ExportFiles.GetBlobClient(blob).UploadAsync(new BinaryData(Ndjson(page.Lines)), overwrite: true, cancellationToken).ConfigureAwait(false);
            }

            part = part with { Count = page.Lines.Count, Blob = blob };
            await jobs.PutPartAsync(job.Id, part, cancellationToken).ConfigureAwait(false);
            if (await jobs.GetAsync(job.Id, cancellationToken).ConfigureAwait(false) is not { Status: ExportStatus.Running })
            {
                // Cancelled while this slice ran: the cancel deleted what existed then; this file came after.
                await jobs.DeleteAsync(job.Id, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        if (part.More)
        {
            await queue.EnqueueAsync(WorkItem.ForExport(new ExportSlice(job.Id, slice.Type, slice.Part + 1, part.End)), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await jobs.MarkTypeDoneAsync(job.Id, slice.Type, options.Retention, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A slice failed its last attempt: the export fails with the reason (the status request reports it).</summary>
    public Task FailAsync(ExportSlice slice, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slice);
        var now = jobs.Time.GetUtcNow();
        return jobs.UpdateAsync(slice.Job, job => job.Status == ExportStatus.Running
            ? job with { Status = ExportStatus.Failed, Error = $"{slice.Describe()} failed: {reason}", CompletedAt = now, ExpiresAt = now + options.Retention }
            : null, cancellationToken);
    }

    private static byte[] Ndjson(IReadOnlyList<string> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            // Stored JSON is compact; a line break inside would split a resource over two NDJSON lines.
            text.Append(line.Contains('\n', StringComparison.Ordinal) ? line.ReplaceLineEndings("") : line).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
