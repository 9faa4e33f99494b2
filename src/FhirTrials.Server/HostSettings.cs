using FhirTrials.Storage;

namespace FhirTrials.Server;

/// <summary>Settings only the ASP.NET Core host has (the Functions host gets these from its blob and queue triggers).</summary>
internal sealed record HostSettings
{
    public const string WatchIncomingName = "WatchIncoming";
    public const string WatchIntervalSecondsName = "WatchIntervalSeconds";
    public const string SeedSamplesName = "SeedSamples";
    public const string ConsumeWorkQueueName = "ConsumeWorkQueue";
    public const string WorkQueueConcurrencyName = "WorkQueueConcurrency";

    /// <summary>Run the blob watcher on the incoming container.</summary>
    public bool WatchIncoming { get; init; } = true;

    public TimeSpan WatchInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Upload the repository's samples/ into the incoming container at start.</summary>
    public bool SeedSamples { get; init; }

    /// <summary>Process the work items of large uploads in this host (as the queue-triggered function does in Azure).</summary>
    public bool ConsumeWorkQueue { get; init; } = true;

    /// <summary>Work items processed at once by this host; each writes a few studies at a time itself.</summary>
    public int WorkQueueConcurrency { get; init; } = 4;

    /// <param name="isDevelopment">Seeding defaults to on in the Development environment or with development storage.</param>
    public static HostSettings From(Func<string, string?> lookup, ServiceSettings settings, bool isDevelopment)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(settings);
        var usesDevelopmentStorage = string.Equals(settings.StorageConnection, ServiceSettings.DevelopmentStorage, StringComparison.OrdinalIgnoreCase);
        return new HostSettings
        {
            WatchIncoming = Flag(lookup(WatchIncomingName), WatchIncomingName) ?? true,
            WatchInterval = double.TryParse(lookup(WatchIntervalSecondsName), System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromSeconds(2),
            SeedSamples = Flag(lookup(SeedSamplesName), SeedSamplesName) ?? (isDevelopment || usesDevelopmentStorage),
            ConsumeWorkQueue = Flag(lookup(ConsumeWorkQueueName), ConsumeWorkQueueName) ?? true,
            WorkQueueConcurrency = int.TryParse(lookup(WorkQueueConcurrencyName), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var concurrency) && concurrency > 0
                ? Math.Min(concurrency, FhirTrials.Storage.WorkQueue.WorkQueuePump.MaxBatch)
                : 4,
        };
    }

    private static bool? Flag(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? null
        : bool.TryParse(value, out var flag) ? flag
        : throw new InvalidOperationException($"The setting {name} must be true or false, not '{value}'.");
}
