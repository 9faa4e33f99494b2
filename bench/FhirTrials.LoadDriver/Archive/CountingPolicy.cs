using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace FhirTrials.LoadDriver.Archive;

/// <summary>
/// Counts every storage request a set of clients sends (each retry too), by kind (table or container without the run's
/// prefix, and what the request does: point read, query, transaction, write), and, with <c>--delay-ms</c>, holds each
/// one back by a fixed time first: 10 ms models a call inside an Azure region, so round trips rather than Azurite's CPU
/// set the pace, as they do in Azure. Ours and the baseline each get one with the same delay.
/// </summary>
internal sealed partial class CountingPolicy(TimeSpan delay, string prefix = "") : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, long> _kinds = new(StringComparer.Ordinal);
    private long _requests;

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>A copy of the counts by kind so far (subtract two copies for a phase's share).</summary>
    public Dictionary<string, long> Kinds() => new(_kinds, StringComparer.Ordinal);

    /// <param name="capture">Also sees every request after this one (ours' <see cref="WriteCapture"/>), when given.</param>
    public TableClientOptions TableOptions(HttpPipelinePolicy? capture = null)
    {
        var options = new TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        if (capture is not null)
        {
            options.AddPolicy(capture, HttpPipelinePosition.PerRetry);
        }

        return options;
    }

    /// <param name="capture">Also sees every request after this one (ours' <see cref="WriteCapture"/>), when given.</param>
    public BlobClientOptions BlobOptions(HttpPipelinePolicy? capture = null)
    {
        var options = new BlobClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        if (capture is not null)
        {
            options.AddPolicy(capture, HttpPipelinePosition.PerRetry);
        }

        return options;
    }

    public QueueClientOptions QueueOptions()
    {
        var options = new QueueClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return options;
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, message.CancellationToken).ConfigureAwait(false);
        }

        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        if (delay > TimeSpan.Zero)
        {
            Thread.Sleep(delay);
        }

        ProcessNext(message, pipeline);
    }

    private void Count(HttpMessage message)
    {
        Interlocked.Increment(ref _requests);
        _kinds.AddOrUpdate(Kind(message.Request), 1, (_, n) => n + 1);
    }

    /// <summary>"Resources point read", "Index transaction", "payloads blob PUT", "work queue POST"...</summary>
    private string Kind(Request request)
    {
        var path = request.Uri.Path;
        var method = request.Method.Method;
        if (path.EndsWith("/$batch", StringComparison.Ordinal))
        {
            return BatchTable(request) + " transaction";
        }

        // Table requests name the table right after the account ("/account/Table(PK,RK)", "/account/Table()"); blob and
        // queue requests name a container or queue and then the blob or "messages".
        var segments = Uri.UnescapeDataString(path).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 2 && !request.Uri.Query.Contains("restype=", StringComparison.Ordinal))
        {
            var open = segments[1].IndexOf('(', StringComparison.Ordinal);
            var table = Strip(open < 0 ? segments[1] : segments[1][..open]);
            var point = open >= 0 && segments[1].Length - open > 2;
            var what = (method, point) switch
            {
                ("GET", true) => "point read",
                ("GET", false) => "query",
                ("POST", false) => "insert",
                ("PUT", _) => "upsert/replace",
                ("PATCH", _) or ("MERGE", _) => "merge",
                ("DELETE", _) => "delete",
                _ => method,
            };
            return $"{table} {what}";
        }

        var container = segments.Length > 1 ? Strip(segments[1]) : "(account)";
        var comp = request.Uri.Query.Contains("comp=", StringComparison.Ordinal) ? " " + CompOf(request.Uri.Query) : "";
        return $"{container} {method}{comp}";
    }

    /// <summary>The table of a transaction, from the first operation in its body (read only as far as needed).</summary>
    private string BatchTable(Request request)
    {
        if (request.Content is null)
        {
            return "table";
        }

        using var head = new HeadStream(4096);
        try
        {
            request.Content.WriteTo(head, CancellationToken.None);
        }
        catch (HeadStream.FullException)
        {
            // Enough of the body was read.
        }

        var text = System.Text.Encoding.UTF8.GetString(head.ToArray());
        var match = BatchOperation().Match(text);
        return match.Success ? Strip(match.Groups["table"].Value) : "table";
    }

    private string Strip(string name) =>
        prefix.Length > 0 && name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? name[prefix.Length..] : name;

    private static string CompOf(string query)
    {
        var at = query.IndexOf("comp=", StringComparison.Ordinal) + 5;
        var end = query.IndexOf('&', at);
        return end < 0 ? query[at..] : query[at..end];
    }

    [GeneratedRegex(@"(?:POST|PUT|PATCH|MERGE|DELETE|GET) \S+?/devstoreaccount1/(?<table>[A-Za-z][A-Za-z0-9]{2,62})")]
    private static partial Regex BatchOperation();

    /// <summary>Keeps the first bytes written and stops the writer after them.</summary>
    private sealed class HeadStream(int capacity) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            var room = capacity - (int)Length;
            base.Write(buffer, offset, Math.Min(room, count));
            if (count >= room)
            {
                throw new FullException();
            }
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var room = capacity - (int)Length;
            base.Write(buffer[..Math.Min(room, buffer.Length)]);
            if (buffer.Length >= room)
            {
                throw new FullException();
            }
        }

        public sealed class FullException : Exception;
    }
}
