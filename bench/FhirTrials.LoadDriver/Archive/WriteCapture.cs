using Azure.Core;
using Azure.Core.Pipeline;

namespace FhirTrials.LoadDriver.Archive;

/// <summary>
/// Spools every table write and blob upload or delete of ours' clients that the service accepted, in the order the
/// responses came back, to a temporary file: <see cref="FinalRows"/> replays it into the final rows our run left,
/// which the floor writes again. Reading those rows back from Azurite instead scans the whole table per page of 1,000
/// (quadratic: 12 minutes for 1,000 studies' 280,000 rows). The spool is on disk, so the driver's memory while ingesting
/// stays that of the ingestion; copying a request body is cheap next to the request itself.
/// </summary>
internal sealed class WriteCapture : HttpPipelinePolicy, IDisposable
{
    private readonly Lock _gate = new();
    private readonly FileStream _file;
    private readonly BinaryWriter _writer;
    private bool _closed;

    public WriteCapture()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fhirtrials-writes-{Guid.NewGuid():N}.bin");
        _file = new FileStream(Path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 1 << 20, FileOptions.DeleteOnClose);
        _writer = new BinaryWriter(_file);
    }

    public string Path { get; }

    /// <summary>Writes accepted so far.</summary>
    public long Writes { get; private set; }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        Capture(message);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Capture(message);
    }

    /// <summary>Stops capturing (later writes are not the run's) and reads every record back, oldest first.</summary>
    public IEnumerable<CapturedWrite> Close()
    {
        long end;
        lock (_gate)
        {
            _closed = true;
            _writer.Flush();
            end = _file.Position;
        }

        _file.Position = 0;
        using var reader = new BinaryReader(_file, System.Text.Encoding.UTF8, leaveOpen: true);
        while (_file.Position < end)
        {
            yield return new CapturedWrite(reader.ReadString(), new Uri(reader.ReadString()), reader.ReadBytes(reader.ReadInt32()));
        }
    }

    public void Dispose() => _writer.Dispose();

    private void Capture(HttpMessage message)
    {
        var request = message.Request;
        var method = request.Method.Method;
        if (method is "GET" or "HEAD" || !message.HasResponse || message.Response.Status is < 200 or >= 300 || !IsWrite(request) || Failed(message))
        {
            return;
        }

        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _writer.Write(method);
            _writer.Write(request.Uri.ToUri().AbsoluteUri);
            if (request.Content is null)
            {
                _writer.Write(0);
            }
            else if (request.Content.TryComputeLength(out var length))
            {
                // Straight into the spool's buffer: no copy of the body on the heap per request.
                _writer.Write(checked((int)length));
                request.Content.WriteTo(_file, CancellationToken.None);
            }
            else
            {
                using var body = new MemoryStream();
                request.Content.WriteTo(body, CancellationToken.None);
                _writer.Write((int)body.Length);
                _writer.Write(body.GetBuffer(), 0, (int)body.Length);
            }

            Writes++;
        }
    }

    /// <summary>
    /// Row writes (a transaction, or one entity: the path's last segment is a table, with or without keys) and blob
    /// uploads and deletes. Creating tables, containers or queues is not a row.
    /// </summary>
    private static bool IsWrite(Request request)
    {
        var path = request.Uri.Path;
        if (path.EndsWith("/$batch", StringComparison.Ordinal))
        {
            return true;
        }

        if (request.Uri.Query.Contains("restype=", StringComparison.Ordinal) || request.Uri.Query.Contains("comp=", StringComparison.Ordinal))
        {
            return false;
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length switch
        {
            2 => !segments[1].StartsWith("Tables", StringComparison.Ordinal),
            >= 3 => request.Headers.Contains("x-ms-blob-type") || request.Method == RequestMethod.Delete,
            _ => false,
        };
    }

    /// <summary>A transaction is answered 202 even when it failed: its failed operation's own status says so, and then none of it applied.</summary>
    private static bool Failed(HttpMessage message) =>
        message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal)
        && message.Response.Content.ToString() is var text
        && (text.Contains("HTTP/1.1 4", StringComparison.Ordinal) || text.Contains("HTTP/1.1 5", StringComparison.Ordinal));
}

/// <summary>One accepted write: its method, absolute URI and body.</summary>
internal sealed record CapturedWrite(string Method, Uri Uri, byte[] Body);
