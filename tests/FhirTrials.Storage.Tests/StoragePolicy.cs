using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace FhirTrials.Storage.Tests;

/// <summary>
/// Sits in the Azure SDK pipeline of a test's clients: records every request (method and URI, to assert which
/// queries were issued) and, when armed, fails every request after the first N as if storage went away.
/// </summary>
public sealed class StoragePolicy : HttpPipelinePolicy
{
    private readonly Lock _gate = new();
    private readonly List<string> _requests = [];
    private int _failAfter = -1;
    private int _sinceArmed;
    private string? _failMatching;

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public int InjectedFailures { get; private set; }

    /// <summary>Lets <paramref name="requests"/> more requests through, then fails every one until <see cref="Heal"/>.</summary>
    public void FailAfter(int requests)
    {
        lock (_gate)
        {
            _failAfter = requests;
            _sinceArmed = 0;
        }
    }

    /// <summary>Fails every request whose URI contains <paramref name="fragment"/> (e.g. one table's name) until <see cref="Heal"/>.</summary>
    public void FailMatching(string fragment)
    {
        lock (_gate)
        {
            _failMatching = fragment;
        }
    }

    public void Heal()
    {
        lock (_gate)
        {
            _failAfter = -1;
            _failMatching = null;
        }
    }

    public void ClearRequests()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Before(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Before(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Before(HttpMessage message)
    {
        lock (_gate)
        {
            var request = $"{message.Request.Method} {Uri.UnescapeDataString(message.Request.Uri.ToString())}";
            _requests.Add(request);
            if ((_failAfter >= 0 && ++_sinceArmed > _failAfter) || (_failMatching is not null && request.Contains(_failMatching, StringComparison.Ordinal)))
            {
                InjectedFailures++;
                throw new RequestFailedException(503, "Injected failure: storage is unavailable.");
            }
        }
    }
}
