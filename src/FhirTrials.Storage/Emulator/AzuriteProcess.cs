using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FhirTrials.Storage.Emulator;

/// <summary>
/// A running Azurite (the npm package pinned at the repo root), started on loopback ports that are either fixed
/// (the run command: 10000-10002, which <c>UseDevelopmentStorage=true</c> expects) or free (tests: port 0).
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    // The well-known development account of every Azure Storage emulator (public documentation, not a secret).
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }
    public int ProcessId => _process.Id;

    public string ConnectionString => BuildConnectionString(BlobPort, QueuePort, TablePort);

    public static string BuildConnectionString(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";

    /// <summary>Starts Azurite and returns once all three services listen.</summary>
    /// <param name="dataFolder">Where Azurite keeps its data; null keeps everything in memory.</param>
    public static async Task<AzuriteProcess> StartAsync(
        int blobPort = 0, int queuePort = 0, int tablePort = 0, string? dataFolder = null, CancellationToken cancellationToken = default)
    {
        var script = FindAzuriteScript();
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var arg in new[] { "--silent", "--skipApiVersionCheck", "--disableTelemetry" })
        {
            start.ArgumentList.Add(arg);
        }

        if (dataFolder is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(dataFolder);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(dataFolder);
        }

        foreach (var (service, port) in new[] { ("blob", blobPort), ("queue", queuePort), ("table", tablePort) })
        {
            start.ArgumentList.Add($"--{service}Host");
            start.ArgumentList.Add("127.0.0.1");
            start.ArgumentList.Add($"--{service}Port");
            start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                "Azurite needs Node.js (20 or later) on PATH, and 'node' was not found. Install Node.js with npm, then run 'npm ci' in the repository root.", e);
        }

        var ports = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException($"Azurite exited before listening. {errors}"));
                return;
            }

            var match = ListeningLine().Match(e.Data);
            if (match.Success)
            {
                lock (ports)
                {
                    ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (ports.Count == 3)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await ready.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            Kill(process);
            throw new InvalidOperationException($"Azurite did not start listening on blob/queue/table ports: {errors}".Trim(), e);
        }

        var azurite = new AzuriteProcess(process, ports["Blob"], ports["Queue"], ports["Table"]);
        await azurite.WaitUntilAnsweringAsync(timeout.Token).ConfigureAwait(false);
        return azurite;
    }

    /// <summary>The Azurite entry point installed by <c>npm ci</c> at the repository root.</summary>
    public static string FindAzuriteScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")) && File.Exists(Path.Combine(dir.FullName, "FhirTrials.sln")))
            {
                var script = Path.Combine(dir.FullName, "node_modules", "azurite", "dist", "src", "azurite.js");
                return File.Exists(script)
                    ? script
                    : throw new InvalidOperationException(
                        $"Azurite is not installed: run 'npm ci' in {dir.FullName} (needs Node.js 20+ with npm).");
            }
        }

        throw new InvalidOperationException(
            "The FhirTrials repository root (with package.json) was not found above " + AppContext.BaseDirectory +
            "; Azurite is started from there. Run from a clone of the repository, or start Azurite yourself and set the storage connection string.");
    }

    /// <summary>True when something accepts TCP connections on the port (used to reuse an Azurite already running).</summary>
    public static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken = default)
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await IsListeningAsync(port, cancellationToken).ConfigureAwait(false))
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill(_process);
        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    /// <summary>Stops Azurite at once (tests use this to take storage away mid-operation).</summary>
    public void Kill() => Kill(_process);

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone: nothing to stop.
        }
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at https?://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
