using System.Globalization;
using FhirTrials.Storage.WorkQueue;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FhirTrials.Functions;

/// <summary>
/// One work item of a large upload (docs/adr/0005): the platform runs as many of these at once as it scales out to.
/// A failure is thrown so the runtime tries the message again; after host.json's maxDequeueCount it moves it to the
/// <c>{WorkQueue}-poison</c> queue, and on that last attempt the processor has logged the item as poisoned first.
/// </summary>
public sealed class ProcessWorkItemFunction(WorkItemProcessor processor, ILogger<ProcessWorkItemFunction> logger)
{
    [Function("ProcessWorkItem")]
    public async Task RunAsync(
        [QueueTrigger("%WorkQueue%", Connection = "TrialStorage")] string message,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var item = WorkItem.Parse(message);
        var attempt = DequeueCount(context);
        var outcome = await processor.ProcessAsync(item, attempt, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Work {Item} of {Blob}: {Outcome} (attempt {Attempt})", item.Describe(), item.BlobName, outcome, attempt);
    }

    // The queue extension sends the message's dequeue count as trigger metadata (an integer over the worker protocol).
    private static long DequeueCount(FunctionContext context) =>
        context.BindingContext.BindingData.TryGetValue("DequeueCount", out var value)
        && long.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : 1;
}
