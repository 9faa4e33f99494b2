using Azure;
using Azure.Storage.Queues.Models;

namespace FhirTrials.Storage.WorkQueue;

/// <summary>What became of one message the pump received.</summary>
public sealed record PumpedMessage(string MessageId, long DequeueCount, WorkItem? Item, WorkItemOutcome? Outcome, Exception? Error, bool Poisoned);

/// <summary>
/// Consumes the work queue in process (the Server host), as the Functions queue trigger does in Azure: receive a
/// batch, process its items concurrently, delete each one done; a failed item becomes visible again after
/// <see cref="WorkQueueOptions.RetryDelay"/>, and after <see cref="WorkQueueOptions.MaxAttempts"/> it is moved to the
/// poison queue (the processor has counted it as poisoned, with its reason, by then).
/// </summary>
public sealed class WorkQueuePump(WorkQueueClient queue, WorkItemProcessor processor)
{
    /// <summary>The most messages one receive returns (the queue service's limit).</summary>
    public const int MaxBatch = 32;

    private readonly WorkQueueClient _queue = queue ?? throw new ArgumentNullException(nameof(queue));
    private readonly WorkItemProcessor _processor = processor ?? throw new ArgumentNullException(nameof(processor));

    /// <summary>Receives up to <paramref name="concurrency"/> items and processes them together; an empty list: the queue was empty.</summary>
    public async Task<IReadOnlyList<PumpedMessage>> RunOnceAsync(int concurrency, CancellationToken cancellationToken = default)
    {
        var messages = (await _queue.Items.ReceiveMessagesAsync(
            Math.Clamp(concurrency, 1, MaxBatch), _processor.Options.VisibilityTimeout, cancellationToken).ConfigureAwait(false)).Value;
        return await Task.WhenAll(messages.Select(m => HandleAsync(m, cancellationToken))).ConfigureAwait(false);
    }

    private async Task<PumpedMessage> HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        WorkItem? item = null;
        try
        {
            item = WorkItem.Parse(message.MessageText);
            var outcome = await _processor.ProcessAsync(item, message.DequeueCount, cancellationToken).ConfigureAwait(false);
            await _queue.DeleteAsync(message, cancellationToken).ConfigureAwait(false);
            return new PumpedMessage(message.MessageId, message.DequeueCount, item, outcome, null, false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var poison = message.DequeueCount >= _processor.Options.MaxAttempts;
            try
            {
                if (poison)
                {
                    await _queue.PoisonAsync(message, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _queue.Items.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: _processor.Options.RetryDelay, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }
            catch (RequestFailedException)
            {
                // The queue itself failed too: the message reappears after its visibility timeout and is tried again.
            }

            return new PumpedMessage(message.MessageId, message.DequeueCount, item, null, e, poison);
        }
    }
}
