using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FhirTrials.Storage;

namespace FhirTrials.LoadDriver.Api;

/// <summary>
/// The real ASP.NET Core host (src/FhirTrials.Server, built with the driver) as a child process on a free loopback
/// port, against the benchmark's Azurite and table prefix, with the blob watcher and sample seeding off.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>The FHIR base, <c>http://127.0.0.1:{port}/api/fhir/</c>.</summary>
    public Uri BaseAddress { get; }

    public static async Task<ServerProcess> StartAsync(string connectionString, string tablePrefix, CancellationToken cancellationToken)
    {
        var assembly = RepoPaths.ServerAssembly();
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        // On the command line: it outranks the Urls of the host's appsettings.json.
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        start.Environment[ServiceSettings.StorageConnectionName] = connectionString;
        start.Environment[ServiceSettings.TablePrefixName] = tablePrefix;
        start.Environment["WatchIncoming"] = "false";
        start.Environment["SeedSamples"] = "false";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // Warnings and errors only: a log line per request would be measured as the API's cost.
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start the Server host.");
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/api/fhir/"));
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitHealthyAsync(port, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The host's last output lines (for an error message when it fails).</summary>
    public string LastOutput()
    {
        lock (_lastLines)
        {
            return string.Join(Environment.NewLine, _lastLines);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitHealthyAsync(int port, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var health = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/api/health");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The Server host exited with code {_process.ExitCode}:{Environment.NewLine}{LastOutput()}");
            }

            try
            {
                using var response = await http.GetAsync(health, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Starting slowly.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"The Server host did not answer /api/health within 60 s:{Environment.NewLine}{LastOutput()}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 40)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
