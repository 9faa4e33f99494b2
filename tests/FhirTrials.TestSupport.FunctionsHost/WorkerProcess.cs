using System.Collections.Concurrent;
using System.Diagnostics;

namespace FhirTrials.TestSupport.FunctionsHost;

/// <summary>
/// The Functions app as the host runs it: <c>dotnet FhirTrials.Functions.dll</c> in its build output folder, told
/// where the host's gRPC endpoint is and which worker it is, with the app settings as environment variables.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public void Start(string appDirectory, Uri hostEndpoint, string workerId, string requestId, IReadOnlyDictionary<string, string> appSettings)
    {
        ArgumentNullException.ThrowIfNull(hostEndpoint);
        ArgumentNullException.ThrowIfNull(appSettings);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = appDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(appDirectory, "FhirTrials.Functions.dll"));
        // The arguments the Functions host passes (both spellings: older workers read the first, newer the second).
        foreach (var (name, value) in new[]
        {
            ("--host", hostEndpoint.Host), ("--port", hostEndpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("--workerId", workerId), ("--requestId", requestId), ("--grpcMaxMessageLength", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("--functions-uri", hostEndpoint.AbsoluteUri), ("--functions-worker-id", workerId), ("--functions-request-id", requestId),
            ("--functions-grpc-max-message-length", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        })
        {
            start.ArgumentList.Add(name);
            start.ArgumentList.Add(value);
        }

        // The test process' own settings must not leak into the app; the host sets these for every worker.
        foreach (var leaking in new[] { "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
        {
            start.Environment.Remove(leaking);
        }

        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["AzureWebJobsScriptRoot"] = appDirectory;
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory;
        start.Environment["Functions__Worker__HostEndpoint"] = hostEndpoint.AbsoluteUri;
        start.Environment["Functions__Worker__WorkerId"] = workerId;
        start.Environment["Functions__Worker__RequestId"] = requestId;
        start.Environment["Functions__Worker__GrpcMaxMessageLength"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in appSettings)
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Whether it still runs and its last output lines, for failure messages.</summary>
    public string Describe()
    {
        var state = _process is null ? "not started" : _process.HasExited ? $"exited with {_process.ExitCode}" : "running";
        return $"Worker process {state}. Last output:\n" + string.Join("\n", _output.TakeLast(40));
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 400)
        {
            _output.TryDequeue(out _);
        }
    }
}
