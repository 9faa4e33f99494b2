using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace FhirTrials.LoadDriver.Ingestion;

internal enum StorageService
{
    Table,
    Blob,
}

/// <summary>
/// One request as it went over the wire (each retry is its own request). Table writes keep their body, which is what
/// the baseline replays; everything else keeps only its sizes.
/// </summary>
internal sealed record RecordedRequest(
    StorageService Service, string Method, Uri Uri, bool IfMatch, byte[]? Body, long RequestBytes, long ResponseBytes, int Status);

/// <summary>
/// Counts every storage request of a set of clients and, inside <see cref="CaptureInto"/>, records them for the
/// document being processed on that async flow. Ours and the baseline each get one, so both sides pay the same
/// recording cost (the request bodies of table writes are copied on both).
/// </summary>
internal sealed class StorageTraffic
{
    private readonly AsyncLocal<List<RecordedRequest>?> _current = new();
    private long _requests;
    private long _requestBytes;
    private long _responseBytes;
    private long _unattributed;

    public long Requests => Interlocked.Read(ref _requests);

    public long RequestBytes => Interlocked.Read(ref _requestBytes);

    public long ResponseBytes => Interlocked.Read(ref _responseBytes);

    /// <summary>Requests made outside any captured document (the setup's, or a leak worth knowing about).</summary>
    public long Unattributed => Interlocked.Read(ref _unattributed);

    public TableClientOptions TableOptions()
    {
        var options = new TableClientOptions();
        options.AddPolicy(new Policy(this, StorageService.Table), HttpPipelinePosition.PerRetry);
        return options;
    }

    public BlobClientOptions BlobOptions()
    {
        var options = new BlobClientOptions();
        options.AddPolicy(new Policy(this, StorageService.Blob), HttpPipelinePosition.PerRetry);
        return options;
    }

    /// <summary>Records the requests of the calling async flow (one document's processing) into the list.</summary>
    public void CaptureInto(List<RecordedRequest> requests) => _current.Value = requests;

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _requestBytes, 0);
        Interlocked.Exchange(ref _responseBytes, 0);
        Interlocked.Exchange(ref _unattributed, 0);
    }

    private void Add(RecordedRequest request)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _requestBytes, request.RequestBytes);
        Interlocked.Add(ref _responseBytes, request.ResponseBytes);
        if (_current.Value is { } list)
        {
            lock (list)
            {
                list.Add(request);
            }
        }
        else
        {
            Interlocked.Increment(ref _unattributed);
        }
    }

    private sealed class Policy(StorageTraffic traffic, StorageService service) : HttpPipelinePolicy
    {
        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var body = await CopyBodyAsync(message).ConfigureAwait(false);
            try
            {
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            }
            finally
            {
                traffic.Add(Describe(message, body));
            }
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The load driver only makes asynchronous storage calls.");

        private async ValueTask<byte[]?> CopyBodyAsync(HttpMessage message)
        {
            if (service != StorageService.Table || message.Request.Content is not { } content || message.Request.Method == RequestMethod.Get)
            {
                return null;
            }

            using var buffer = new MemoryStream();
            await content.WriteToAsync(buffer, message.CancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }

        private RecordedRequest Describe(HttpMessage message, byte[]? body)
        {
            var request = message.Request;
            var requestBytes = body?.LongLength ?? (request.Content is { } c && c.TryComputeLength(out var length) ? length : 0);
            var response = message.HasResponse ? message.Response : null;
            var responseBytes = response?.ContentStream is { CanSeek: true } stream ? stream.Length
                : response?.Headers.ContentLength ?? 0;
            return new RecordedRequest(
                service, request.Method.Method, request.Uri.ToUri(), request.Headers.Contains("If-Match"), body, requestBytes, responseBytes,
                response?.Status ?? 0);
        }
    }
}
