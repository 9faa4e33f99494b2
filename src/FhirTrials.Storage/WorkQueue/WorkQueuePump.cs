using Azure;
using Azure.Storage.Queues.Models;

namespace FhirTrials.Storage.WorkQueue;

/// <summary>What became of one message the pump received.</summary>
public sealed record PumpedMessage(string MessageId, long DequeueCount, WorkItem? Item, WorkItemOutcome? Outcome, Exception? Error, bool Poisoned);

/// <summary>
/// Consumes the work queue in process (the Server host), as the Functions queue trigger does in Azure: keep up to N
/// items in flight (<see cref="RunAsync"/>, receiving again as soon as a slot frees, as the trigger's batchSize and
/// newBatchThreshold do), delete each one done; a failed item becomes visible again after
/// <see cref="WorkQueueOptions.RetryDelay"/>, and after <see cref="WorkQueueOptions.MaxAttempts"/> it is moved to the
/// poison queue (the processor has counted it as poisoned, with its reason, by then).
/// </summary>
public sealed class WorkQueuePump(WorkQueueClient queue, WorkItemProcessor processor)
{
    /// <summary>The most messages one receive returns (the queue service's limit).</summary>
    public const int MaxBatch = 32;

    private readonly WorkQueueClient _queue = queue ?? throw new ArgumentNullException(nameof(queue));
    private readonly WorkItemProcessor _processor = processor ?? throw new ArgumentNullException(nameof(processor));

    /// <summary>
    /// Consumes the queue until <paramref name="cancellationToken"/> is cancelled, with up to <paramref name="concurrency"/>
    /// items in flight: a slot freed by a finished item is filled by the next receive, so one slow item holds only its
    /// own slot. When the queue gives nothing, asks again after <paramref name="idleDelay"/> or when an item finishes.
    /// On cancellation the items in flight see the token and are awaited.
    /// </summary>
    /// <param name="done">Told of every message handled, in the order they finish.</param>
    /// <param name="receiveFailed">Told when receiving fails; the pump goes on after <paramref name="idleDelay"/>.</param>
    public async Task RunAsync(int concurrency, TimeSpan idleDelay, Action<PumpedMessage> done, Action<Exception>? receiveFailed = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(done);
        concurrency = Math.Max(1, concurrency);
        var inFlight = new List<Task<PumpedMessage>>(concurrency);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var free = concurrency - inFlight.Count;
                if (free > 0 && await ReceiveAsync(Math.Min(free, MaxBatch), receiveFailed, cancellationToken).ConfigureAwait(false) is { Count: > 0 } received)
                {
                    inFlight.AddRange(received.Select(m => HandleAsync(m, cancellationToken)));
                    continue;
                }

                // All slots busy: the first to finish frees one. Queue empty: the first to finish or the idle delay.
                Task[] waits = free == 0 ? [.. inFlight] : [.. inFlight, Task.Delay(idleDelay, cancellationToken)];
                await Task.WhenAny(waits).ConfigureAwait(false);
                foreach (var finished in inFlight.Where(t => t.IsCompleted).ToList())
                {
                    inFlight.Remove(finished);
                    if (finished.IsCompletedSuccessfully)
                    {
                        done(finished.Result);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping while a receive or the idle wait was under way: nothing was taken that is not awaited below.
        }
        finally
        {
            try
            {
                await Task.WhenAll(inFlight).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping: an item cut short reappears after its visibility timeout and is redone.
            }
        }
    }

    /// <summary>Receives up to <paramref name="concurrency"/> items and processes them together; an empty list: the queue was empty.</summary>
    public async Task<IReadOnlyList<PumpedMessage>> RunOnceAsync(int concurrency, CancellationToken cancellationToken = default)
    {
        var messages = (await _queue.Items.ReceiveMessagesAsync(
            Math.Clamp(concurrency, 1, MaxBatch), _processor.Options.VisibilityTimeout, cancellationToken).ConfigureAwait(false)).Value;
        return await Task.WhenAll(messages.Select(m => HandleAsync(m, cancellationToken))).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int count, Action<Exception>? receiveFailed, CancellationToken cancellationToken)
    {
        try
        {
            return (await _queue.Items.ReceiveMessagesAsync(count, _processor.Options.VisibilityTimeout, cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            receiveFailed?.Invoke(e);
            return [];
        }
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
