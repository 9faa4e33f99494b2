namespace FhirTrials.Storage.WorkQueue;

public sealed record WorkQueueOptions
{
    /// <summary>Studies per work item; a document with at most this many is ingested inline, as one piece.</summary>
    public int StudiesPerItem { get; init; } = 100;

    /// <summary>Attempts at an item before it is poisoned (host.json extensions.queues.maxDequeueCount says the same).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>How long a received item stays invisible to other consumers: longer than an item takes.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a failed item waits before it is tried again (host.json extensions.queues.visibilityTimeout).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    public static WorkQueueOptions From(ServiceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new WorkQueueOptions { StudiesPerItem = settings.WorkItemStudies, MaxAttempts = settings.WorkItemMaxAttempts };
    }
}
