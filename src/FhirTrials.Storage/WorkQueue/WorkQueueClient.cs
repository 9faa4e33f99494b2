using Azure;
using Azure.Core;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace FhirTrials.Storage.WorkQueue;

/// <summary>
/// The work queue and its poison queue (<c>{name}-poison</c>, the name the Functions queue trigger moves a message to
/// after maxDequeueCount attempts), on the same storage account as the tables and blobs. Messages are base64, the
/// queue trigger's default encoding, so either host can read what the other wrote.
/// </summary>
public sealed class WorkQueueClient
{
    public const string PoisonSuffix = "-poison";

    public WorkQueueClient(QueueClient items, QueueClient poison)
    {
        Items = items ?? throw new ArgumentNullException(nameof(items));
        Poison = poison ?? throw new ArgumentNullException(nameof(poison));
    }

    public QueueClient Items { get; }

    public QueueClient Poison { get; }

    public static WorkQueueClient Connect(ServiceSettings settings, TokenCredential? credential, QueueClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        options ??= new QueueClientOptions();
        options.MessageEncoding = QueueMessageEncoding.Base64;
        if (!settings.UsesIdentity)
        {
            return Connect(settings.StorageConnection, settings.WorkQueue, options);
        }

        ArgumentNullException.ThrowIfNull(credential);
        // Same account: the queue endpoint is the blob endpoint's with "queue" for "blob", unless set.
        var service = new QueueServiceClient(settings.QueueServiceUri ?? QueueUriFor(settings.BlobServiceUri!), credential, options);
        return new WorkQueueClient(service.GetQueueClient(settings.WorkQueue), service.GetQueueClient(settings.WorkQueue + PoisonSuffix));
    }

    public static WorkQueueClient Connect(string connectionString, string queueName, QueueClientOptions? options = null)
    {
        options ??= new QueueClientOptions();
        options.MessageEncoding = QueueMessageEncoding.Base64;
        var service = new QueueServiceClient(connectionString, options);
        return new WorkQueueClient(service.GetQueueClient(queueName), service.GetQueueClient(queueName + PoisonSuffix));
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await Items.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await Poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public Task EnqueueAsync(WorkItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Items.SendMessageAsync(item.ToJson(), cancellationToken);
    }

    /// <summary>Parks a message that kept failing in the poison queue, then takes it off the work queue.</summary>
    public async Task PoisonAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await Poison.SendMessageAsync(message.MessageText, cancellationToken).ConfigureAwait(false);
        await DeleteAsync(message, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await Items.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Its visibility ran out and another consumer took it: that consumer finds the item counted and deletes it.
        }
    }

    private static Uri QueueUriFor(Uri blobServiceUri)
    {
        var builder = new UriBuilder(blobServiceUri);
        builder.Host = builder.Host.Replace(".blob.", ".queue.", StringComparison.OrdinalIgnoreCase);
        return builder.Uri;
    }
}
