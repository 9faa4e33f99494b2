using Azure.Core;
using Azure.Core.Pipeline;

namespace FhirTrials.LoadDriver.Api;

/// <summary>Counts the storage requests a client sends (every retry too), so a reader sees both sides did the same work.</summary>
internal sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}
