using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using System.Text.Json;
using FhirTrials.TestSupport.FunctionsHost.Rpc;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FhirTrials.TestSupport.FunctionsHost;

/// <summary>
/// A stand-in for the Azure Functions host, for tests: starts the built Functions app (its own Program, DI container,
/// middleware and generated function metadata) as a child process the way the host does, and plays the host's side
/// of the worker protocol: worker init, functions metadata, function load, invocations. HTTP requests to
/// <see cref="BaseAddress"/> are routed and forwarded like the host's (route prefix from host.json); blob triggers are
/// invoked with the blob as model binding data, as the Event Grid-sourced blob trigger delivers it; queue triggers with
/// the message text and its dequeue count. It is not the host:
/// no bindings of its own, no retries, no keys; tests decide when to invoke again.
/// </summary>
public sealed class FunctionsTestHost : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan InvocationTimeout = TimeSpan.FromSeconds(120);

    private readonly WorkerChannel _channel = new();
    private readonly WorkerProcess _worker = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private WebApplication? _app;

    private FunctionsTestHost(IReadOnlyDictionary<string, string> appSettings)
    {
        AppSettings = appSettings;
    }

    /// <summary>The Functions app's build output (next to this assembly's own configuration).</summary>
    public static string AppDirectory { get; } = typeof(FunctionsTestHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "FunctionsAppDirectory").Value!;

    public IReadOnlyDictionary<string, string> AppSettings { get; }

    /// <summary>Where tests send HTTP requests, as to the host: <c>{BaseAddress}api/fhir/...</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The worker's own HTTP server, as it reported it in its init response (capability HttpUri).</summary>
    public Uri WorkerHttpUri { get; private set; } = null!;

    /// <summary>host.json extensions.http.routePrefix.</summary>
    public string RoutePrefix { get; private set; } = "api";

    public IReadOnlyList<LoadedFunction> Functions { get; private set; } = [];

    /// <summary>What the worker logged over the stream.</summary>
    public IEnumerable<string> WorkerLog => _channel.Log;

    /// <summary>Every HTTP invocation's result, newest last.</summary>
    public ConcurrentQueue<InvocationResult> HttpInvocations { get; } = new();

    public static async Task<FunctionsTestHost> StartAsync(IReadOnlyDictionary<string, string> appSettings)
    {
        var host = new FunctionsTestHost(appSettings);
        try
        {
            await host.StartCoreAsync().ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Invokes the blob-trigger function for a blob (what the host does on a BlobCreated event).</summary>
    public Task<InvocationResult> InvokeBlobTriggerAsync(string functionName, string container, string blobName)
    {
        var function = Functions.Single(f => f.Name == functionName);
        var connection = function.Trigger.GetProperty("connection").GetString()!;
        var content = JsonSerializer.SerializeToUtf8Bytes(new { Connection = connection, ContainerName = container, BlobName = blobName });
        var invocation = new InvocationRequest { InvocationId = Guid.NewGuid().ToString(), FunctionId = function.Id };
        invocation.InputData.Add(new ParameterBinding
        {
            Name = function.Trigger.GetProperty("name").GetString(),
            Data = new TypedData
            {
                ModelBindingData = new ModelBindingData
                {
                    Version = "1.0",
                    Source = "AzureStorageBlobs",
                    ContentType = "application/json",
                    Content = ByteString.CopyFrom(content),
                },
            },
        });
        // The blob path pattern's parameters ({name}) and the blob's path, as the blob extension sends them.
        invocation.TriggerMetadata["name"] = new TypedData { String = blobName };
        invocation.TriggerMetadata["BlobTrigger"] = new TypedData { String = container + "/" + blobName };
        return InvokeAsync(invocation);
    }

    /// <summary>
    /// Invokes the queue-trigger function with a message, as the queue extension does: the message text as the trigger
    /// input and the message's id, dequeue count and text as trigger metadata. The message is not taken off any queue:
    /// the test plays the host's part (delete on success, poison after maxDequeueCount).
    /// </summary>
    public Task<InvocationResult> InvokeQueueTriggerAsync(string functionName, string messageText, long dequeueCount, string? messageId = null)
    {
        var function = Functions.Single(f => f.Name == functionName);
        var invocation = new InvocationRequest { InvocationId = Guid.NewGuid().ToString(), FunctionId = function.Id };
        invocation.InputData.Add(new ParameterBinding { Name = function.Trigger.GetProperty("name").GetString(), Data = new TypedData { String = messageText } });
        invocation.TriggerMetadata["QueueTrigger"] = new TypedData { String = messageText };
        // The host sends a number it binds as JSON text (its ToRpc falls back to JSON for anything not a string or bytes).
        invocation.TriggerMetadata["DequeueCount"] = new TypedData { Json = dequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        invocation.TriggerMetadata["Id"] = new TypedData { String = messageId ?? Guid.NewGuid().ToString() };
        return InvokeAsync(invocation);
    }

    public async Task<InvocationResult> InvokeAsync(InvocationRequest invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        // The host always sends a trace context (the worker reads it unconditionally) and a retry context.
        invocation.TraceContext ??= new RpcTraceContext { TraceParent = $"00-{Guid.NewGuid():N}-{Guid.NewGuid().ToString("N")[..16]}-00" };
        invocation.RetryContext ??= new RetryContext();
        var name = Functions.Single(f => f.Id == invocation.FunctionId).Name;
        var answer = await _channel.RequestAsync(new StreamingMessage { InvocationRequest = invocation }, "invocation " + invocation.InvocationId, InvocationTimeout).ConfigureAwait(false);
        var result = answer.InvocationResponse.Result;
        return new InvocationResult(name, invocation.InvocationId, result.Status == StatusResult.Types.Status.Success, result.Exception is { } e ? e.Message + "\n" + e.StackTrace : null);
    }

    /// <summary>What went wrong, for a failing test's message: the worker process' state, output and log.</summary>
    public string Describe() =>
        _worker.Describe() + "\nWorker log:\n" + string.Join("\n", _channel.Log.TakeLast(40))
        + "\nLast HTTP invocations:\n" + string.Join("\n", HttpInvocations.TakeLast(5));

    public async ValueTask DisposeAsync()
    {
        _worker.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _http.Dispose();
    }

    internal void TrackHttpInvocation(string functionName, string invocationId, Task<InvocationResult> invoked) =>
        invoked.ContinueWith(
            t => HttpInvocations.Enqueue(t.IsCompletedSuccessfully ? t.Result : new InvocationResult(functionName, invocationId, false, t.Exception?.GetBaseException().Message)),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private async Task StartCoreAsync()
    {
        RoutePrefix = ReadRoutePrefix();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The worker's gRPC channel is HTTP/2 without TLS; the tests' requests come in over HTTP/1.1.
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Limits.MaxRequestBodySize = 100 * 1024 * 1024;
        });
        builder.Services.AddGrpc(options =>
        {
            options.MaxReceiveMessageSize = null;
            options.MaxSendMessageSize = null;
        });
        builder.Services.AddSingleton(_channel);
        builder.Services.AddSingleton(_worker);
        _app = builder.Build();
        _app.MapGrpcService<FunctionRpcService>();
        var forwarder = new HttpForwarder(this, _http);
        _app.Map("/{**path}", forwarder.ForwardAsync);
        await _app.StartAsync().ConfigureAwait(false);

        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        var grpcEndpoint = addresses[0];
        BaseAddress = addresses[1];

        var workerId = Guid.NewGuid().ToString();
        _worker.Start(AppDirectory, grpcEndpoint, workerId, Guid.NewGuid().ToString(), AppSettings);
        await Waiting(_channel.Started, "the worker's StartStream").ConfigureAwait(false);

        var init = new WorkerInitRequest { HostVersion = "4.0.0-testhost", WorkerDirectory = AppDirectory, FunctionAppDirectory = AppDirectory };
        foreach (var capability in new[] { "RpcHttpBodyOnly", "RpcHttpTriggerMetadataRemoved", "TypedDataCollection", "RawHttpBodyBytes", "HandlesWorkerTerminateMessage" })
        {
            init.Capabilities[capability] = "true";
        }

        var initialized = (await Waiting(_channel.RequestAsync(new StreamingMessage { RequestId = "init", WorkerInitRequest = init }, "init", StartTimeout), "WorkerInitResponse").ConfigureAwait(false)).WorkerInitResponse;
        Ensure(initialized.Result, "worker init");
        WorkerHttpUri = initialized.Capabilities.TryGetValue("HttpUri", out var httpUri)
            ? new Uri(httpUri)
            : throw new InvalidOperationException("The worker did not report an HttpUri capability (ASP.NET Core integration). " + Describe());

        var metadata = (await Waiting(_channel.RequestAsync(
            new StreamingMessage { RequestId = "metadata", FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = AppDirectory } },
            "metadata", StartTimeout), "FunctionMetadataResponse").ConfigureAwait(false)).FunctionMetadataResponse;
        Ensure(metadata.Result, "functions metadata");
        if (metadata.UseDefaultMetadataIndexing)
        {
            throw new InvalidOperationException("The worker asked the host to index functions itself (no worker indexing): the test host does not.");
        }

        foreach (var function in metadata.FunctionMetadataResults)
        {
            var load = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function };
            var loaded = await _channel.RequestAsync(new StreamingMessage { RequestId = "load", FunctionLoadRequest = load }, "load " + function.FunctionId, StartTimeout).ConfigureAwait(false);
            Ensure(loaded.FunctionLoadResponse.Result, "loading " + function.Name);
        }

        Functions = [.. metadata.FunctionMetadataResults.Select(f => new LoadedFunction(f))];
    }

    private async Task<T> Waiting<T>(Task<T> task, string what)
    {
        try
        {
            return await task.WaitAsync(StartTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No {what} within {StartTimeout.TotalSeconds} s. {Describe()}");
        }
    }

    private void Ensure(StatusResult result, string what)
    {
        if (result.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"The worker failed {what}: {result.Exception?.Message} {result.Result}. {Describe()}");
        }
    }

    private static string ReadRoutePrefix()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppDirectory, "host.json")));
        return hostJson.RootElement.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var prefix)
            ? prefix.GetString()!
            : "api";
    }
}
