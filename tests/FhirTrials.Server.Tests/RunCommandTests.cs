using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using FhirTrials.TestSupport;
using Hl7.Fhir.Rest;

namespace FhirTrials.Server.Tests;

/// <summary>
/// The README's run command, as a newcomer types it (with --no-build: the test run already built it), on the fixed
/// ports it documents: http://localhost:7071 and Azurite's 10000-10002 (started by the host when nothing listens).
/// </summary>
public sealed class RunCommandTests
{
    private static readonly Uri FhirBase = new("http://localhost:7071/api/fhir/");

    [Fact]
    public async Task The_run_command_serves_the_CapabilityStatement_on_port_7071_and_the_five_sample_trials()
    {
        Assert.False(await IsListeningAsync(7071), "Port 7071 is already in use: stop whatever listens there (a running FhirTrials?) and run the tests again.");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var server = StartRunCommand(output);
        try
        {
            using var client = new FhirClient(FhirBase);
            var capabilities = await WaitForAsync(() => client.CapabilityStatementAsync(), TimeSpan.FromSeconds(90));
            Assert.Equal(Hl7.Fhir.Model.FHIRVersion.N4_0_1, capabilities.FhirVersion);

            // launchSettings.json: the run command is a developer's, so the Development environment.
            Assert.Contains(output, line => line.Contains("Hosting environment: Development", StringComparison.Ordinal));

            // On first start the host uploads samples/ into the incoming container and its watcher ingests them.
            var expected = Directory.GetFiles(RepoPaths.Samples).Select(f => Regex.Match(Path.GetFileName(f), "NCT[0-9]{8}").Value).ToHashSet();
            Assert.Equal(5, expected.Count);
            var served = await WaitForAsync(async () =>
            {
                var bundle = await client.SearchAsync<Hl7.Fhir.Model.ResearchStudy>([$"identifier={string.Join(',', expected)}", "_count=50"]);
                var ids = bundle!.Entry.Select(e => e.Resource).OfType<Hl7.Fhir.Model.ResearchStudy>()
                    .SelectMany(s => s.Identifier).Select(i => i.Value ?? "").Where(expected.Contains).ToHashSet();
                return ids.SetEquals(expected) ? ids : throw new InvalidOperationException($"Only {ids.Count} of the samples served yet.");
            }, TimeSpan.FromSeconds(60));
            Assert.Equal(expected.Order(), served.Order());
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static Process StartRunCommand(System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "run", "--no-build", "--project", "src/FhirTrials.Server" })
        {
            start.ArgumentList.Add(arg);
        }

        // The test process' own settings must not leak into the host.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("TrialStorage");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> probe, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                return await probe();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
