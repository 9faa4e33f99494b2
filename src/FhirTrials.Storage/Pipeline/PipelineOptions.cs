using FhirTrials.Storage.Archives;

namespace FhirTrials.Storage.Pipeline;

public sealed record PipelineOptions
{
    /// <summary>Larger blobs are rejected from their properties, before any download.</summary>
    public long MaxBlobBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Where rejected and repeatedly failing documents are copied for ops to inspect.</summary>
    public string PoisonContainer { get; init; } = "incoming-poison";

    /// <summary>A document that failed this many times is copied to the poison container (it is still retried).</summary>
    public int PoisonAfterFailures { get; init; } = 3;

    /// <summary>How often a trial is merged again when concurrent ingestions of it keep committing first.</summary>
    public int MergeAttempts { get; init; } = 6;

    /// <summary>
    /// How many trials of a batch make their own point requests (unchanged check, aliases, merge commit) at once, and
    /// how many transactions of a batch are in flight: each is a round trip, so several at once multiply throughput.
    /// </summary>
    public int MaxConcurrentTrials { get; init; } = 16;

    /// <summary>
    /// Records of a document written together (<see cref="TrialBatchWriter"/>): index, history and resource rows of the
    /// whole batch share transactions, so the bigger the batch the fewer requests per trial, up to about 100 where one
    /// partition's rows of one batch fill a transaction; memory holds two batches' records.
    /// </summary>
    public int BatchTrials { get; init; } = 100;

    /// <summary>
    /// A batch is also closed once its records' JSON reaches this many characters: a batch's mapped resources and rows
    /// take about ten times that in memory, so a page of huge studies is written a few at a time.
    /// </summary>
    public int BatchRecordChars { get; init; } = 1_000_000;

    /// <summary>How much of a ZIP in the incoming container is opened (docs/hostile-documents.md).</summary>
    public ArchiveLimits Archives { get; init; } = new();

    public static PipelineOptions From(ServiceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new PipelineOptions { MaxBlobBytes = settings.MaxBlobBytes, PoisonContainer = settings.PoisonContainer, Archives = settings.Archives };
    }
}
