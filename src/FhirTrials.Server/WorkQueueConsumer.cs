using FhirTrials.Storage.WorkQueue;

namespace FhirTrials.Server;

/// <summary>
/// Consumes the work queue in process, as the ProcessWorkItem function does in Azure: up to WorkQueueConcurrency
/// items at a time; when the queue is empty it waits one watch interval before asking again.
/// </summary>
internal sealed partial class WorkQueueConsumer(WorkQueuePump pump, HostSettings hostSettings, ILogger<WorkQueueConsumer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<PumpedMessage> pumped;
            try
            {
                pumped = await pump.RunOnceAsync(hostSettings.WorkQueueConcurrency, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogReceiveFailed(logger, e);
                pumped = [];
            }

            foreach (var message in pumped)
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

            if (pumped.Count == 0)
            {
                await Task.Delay(hostSettings.WatchInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Work {Item} of {BlobName}: {Outcome}.")]
    private static partial void LogItemDone(ILogger logger, string item, string blobName, WorkItemOutcome outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Work {Item} of {BlobName} failed (attempt {Attempt}; poisoned: {Poisoned}).")]
    private static partial void LogItemFailed(ILogger logger, string item, string? blobName, long attempt, bool poisoned, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Receiving from the work queue failed; retrying after the watch interval.")]
    private static partial void LogReceiveFailed(ILogger logger, Exception exception);
}
