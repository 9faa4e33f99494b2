using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace FhirTrials.LoadDriver.Archive;

/// <summary>
/// Counts every storage request a set of clients sends (each retry too) and, with <c>--delay-ms</c>, holds each one
/// back by a fixed time first: 10 ms models a call inside an Azure region, so round trips rather than Azurite's CPU set
/// the pace, as they do in Azure. Ours and the baseline each get one with the same delay.
/// </summary>
internal sealed class CountingPolicy(TimeSpan delay) : HttpPipelinePolicy
{
    private long _requests;

    public long Requests => Interlocked.Read(ref _requests);

    public TableClientOptions TableOptions()
    {
        var options = new TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return options;
    }

    public BlobClientOptions BlobOptions()
    {
        var options = new BlobClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return options;
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _requests);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, message.CancellationToken).ConfigureAwait(false);
        }

        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _requests);
        if (delay > TimeSpan.Zero)
        {
            Thread.Sleep(delay);
        }

        ProcessNext(message, pipeline);
    }
}
