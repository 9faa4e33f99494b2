using FhirTrials.Storage.WorkQueue;

namespace FhirTrials.Server;

/// <summary>
/// Consumes the work queue in process, as the ProcessWorkItem function does in Azure: up to WorkQueueConcurrency
/// items in flight, a freed slot filled at once; when the queue is empty it asks again after one watch interval.
/// </summary>
internal sealed partial class WorkQueueConsumer(WorkQueuePump pump, HostSettings hostSettings, ILogger<WorkQueueConsumer> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        pump.RunAsync(hostSettings.WorkQueueConcurrency, hostSettings.WatchInterval, Report, e => LogReceiveFailed(logger, e), stoppingToken);

    private void Report(PumpedMessage message)
    {
        if (message.Error is { } error)
        {
            LogItemFailed(logger, message.Item?.Describe() ?? message.MessageId, message.Item?.BlobName, message.DequeueCount, message.Poisoned, error);
        }
        else
        {
            LogItemDone(logger, message.Item!.Describe(), message.Item.BlobName, message.Outcome!.Value);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Work {Item} of {BlobName}: {Outcome}.")]
    private static partial void LogItemDone(ILogger logger, string item, string blobName, WorkItemOutcome outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Work {Item} of {BlobName} failed (attempt {Attempt}; poisoned: {Poisoned}).")]
    private static partial void LogItemFailed(ILogger logger, string item, string? blobName, long attempt, bool poisoned, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Receiving from the work queue failed; retrying after the watch interval.")]
    private static partial void LogReceiveFailed(ILogger logger, Exception exception);
}
