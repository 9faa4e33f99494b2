using System.Collections.Concurrent;
using System.Threading.Channels;
using FhirTrials.TestSupport.FunctionsHost.Rpc;
using Grpc.Core;

namespace FhirTrials.TestSupport.FunctionsHost;

/// <summary>
/// The host's end of one worker's event stream: what the host sends is queued here and written to the stream; every
/// answer the worker sends completes the request that asked for it (by request id, function id or invocation id).
/// </summary>
public sealed class WorkerChannel
{
    private readonly Channel<StreamingMessage> _outgoing = Channel.CreateUnbounded<StreamingMessage>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _pending = new();
    private readonly TaskCompletionSource<string> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The worker id from the worker's StartStream message, once it connected.</summary>
    public Task<string> Started => _started.Task;

    /// <summary>Every RpcLog the worker sent: "Level Category: message".</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>Sends <paramref name="message"/> and waits for the worker's answer filed under <paramref name="key"/>.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage message, string key, TimeSpan timeout)
    {
        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(key, answer))
        {
            throw new InvalidOperationException($"A request {key} is already waiting for the worker.");
        }

        await _outgoing.Writer.WriteAsync(message).ConfigureAwait(false);
        try
        {
            return await answer.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(key, out _);
        }
    }

    /// <summary>Serves the stream until the worker ends it; pending requests then fail with <paramref name="whyEnded"/>'s text.</summary>
    public async Task RunAsync(IAsyncStreamReader<StreamingMessage> fromWorker, IServerStreamWriter<StreamingMessage> toWorker, Func<string> whyEnded, CancellationToken cancellationToken)
    {
        var writer = WriteAllAsync(toWorker, cancellationToken);
        try
        {
            while (await fromWorker.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                Receive(fromWorker.Current);
            }
        }
        catch (Exception e) when (e is IOException or Grpc.Core.RpcException or OperationCanceledException)
        {
            // The worker went away; the pending requests say so below.
        }

        foreach (var (_, waiting) in _pending)
        {
            waiting.TrySetException(new InvalidOperationException("The worker closed its event stream. " + whyEnded()));
        }

        _outgoing.Writer.TryComplete();
        await writer.ConfigureAwait(false);
    }

    public static string KeyOf(StreamingMessage answer) => answer.ContentCase switch
    {
        StreamingMessage.ContentOneofCase.WorkerInitResponse => "init",
        StreamingMessage.ContentOneofCase.FunctionMetadataResponse => "metadata",
        StreamingMessage.ContentOneofCase.FunctionLoadResponse => "load " + answer.FunctionLoadResponse.FunctionId,
        StreamingMessage.ContentOneofCase.InvocationResponse => "invocation " + answer.InvocationResponse.InvocationId,
        _ => "",
    };

    private void Receive(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.StartStream:
                _started.TrySetResult(message.StartStream.WorkerId);
                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                var log = message.RpcLog;
                Log.Enqueue($"{log.Level} {log.Category}: {log.Message}{(log.Exception is { } e ? " " + e.Message : "")}");
                break;
            default:
                if (_pending.TryGetValue(KeyOf(message), out var waiting))
                {
                    waiting.TrySetResult(message);
                }

                break;
        }
    }

    private async Task WriteAllAsync(IServerStreamWriter<StreamingMessage> toWorker, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _outgoing.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await toWorker.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
        {
            // The stream closed under us: RunAsync fails whatever still waits.
        }
    }
}

/// <summary>The gRPC service the worker connects to (FunctionRpc.EventStream), one worker per test host.</summary>
internal sealed class FunctionRpcService(WorkerChannel channel, WorkerProcess worker) : FunctionRpc.FunctionRpcBase
{
    public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context) =>
        channel.RunAsync(requestStream, responseStream, worker.Describe, context.CancellationToken);
}
