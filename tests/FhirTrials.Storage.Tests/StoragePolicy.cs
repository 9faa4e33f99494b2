using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace FhirTrials.Storage.Tests;

/// <summary>
/// Sits in the Azure SDK pipeline of a test's clients: records every request (method and URI, to assert which
/// queries were issued) and, when armed, fails every request after the first N as if storage went away, or holds
/// requests matching a fragment until released (a slow item).
/// </summary>
public sealed class StoragePolicy : HttpPipelinePolicy
{
    private readonly Lock _gate = new();
    private readonly List<string> _requests = [];
    private int _failAfter = -1;
    private int _sinceArmed;
    private string? _failMatching;
    private string? _holdMatching;
    private string? _replayBody;
    private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

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

    /// <summary>Holds every request whose URI contains <paramref name="fragment"/> until <see cref="Release"/>.</summary>
    public void HoldMatching(string fragment)
    {
        lock (_gate)
        {
            _holdMatching = fragment;
            _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            _holdMatching = null;
            _held.TrySetResult();
        }
    }

    public int HeldRequests { get; private set; }

    /// <summary>
    /// Sends the next request whose body contains <paramref name="fragment"/> twice, answering with the second response:
    /// a write storage applied but answered too late, so the SDK's retry sent it again.
    /// </summary>
    public void ReplayOnce(string fragment)
    {
        lock (_gate)
        {
            _replayBody = fragment;
        }
    }

    public int Replayed { get; private set; }

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

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Before(message);
        Task? hold = null;
        lock (_gate)
        {
            if (_holdMatching is not null && Uri.UnescapeDataString(message.Request.Uri.ToString()).Contains(_holdMatching, StringComparison.Ordinal))
            {
                HeldRequests++;
                hold = _held.Task;
            }
        }

        if (hold is not null)
        {
            await hold.WaitAsync(message.CancellationToken).ConfigureAwait(false);
        }

        if (_replayBody is not null && message.Request.Content is { } content && ClaimReplay(content, message.CancellationToken))
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }

        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
    }

    private bool ClaimReplay(RequestContent content, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        content.WriteTo(body, cancellationToken);
        var text = System.Text.Encoding.UTF8.GetString(body.ToArray());
        lock (_gate)
        {
            if (_replayBody is null || !text.Contains(_replayBody, StringComparison.Ordinal))
            {
                return false;
            }

            _replayBody = null;
            Replayed++;
            return true;
        }
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
