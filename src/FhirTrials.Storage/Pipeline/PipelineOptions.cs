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
    /// How many trials of one document (a CT.gov page) are written at once. They are different trials, and each write
    /// is a chain of storage round trips, so a few in flight multiply throughput while memory stays a few trials' worth.
    /// </summary>
    public int MaxConcurrentTrials { get; init; } = 4;

    /// <summary>How much of a ZIP in the incoming container is opened (docs/hostile-documents.md).</summary>
    public ArchiveLimits Archives { get; init; } = new();

    public static PipelineOptions From(ServiceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new PipelineOptions { MaxBlobBytes = settings.MaxBlobBytes, PoisonContainer = settings.PoisonContainer, Archives = settings.Archives };
    }
}
