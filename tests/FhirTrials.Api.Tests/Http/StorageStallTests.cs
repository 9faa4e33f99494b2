using System.Diagnostics;
using System.Globalization;
using System.Net;
using FhirTrials.Api.Tests.Support;
using FhirTrials.Storage.Emulator;
using Hl7.Fhir.Model;

namespace FhirTrials.Api.Tests.Http;

/// <summary>
/// Storage that stops answering (its process frozen with SIGSTOP, as a hung node or a network black hole looks to a
/// client): the API must answer 503 within its storage budget, and normally again once storage is back (SIGCONT).
/// The test has an Azurite of its own, so freezing it stalls no other test.
/// </summary>
public sealed class StorageStallTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    // Room for a loaded test machine (two cores shared with other builds); the stall itself would last forever.
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(3);

    private static readonly string[] Paths = ["ResearchStudy/s1", "ResearchStudy?title=Stromal", "../health"];

    [Fact]
    public async System.Threading.Tasks.Task A_read_a_search_and_health_answer_503_within_the_budget_while_storage_is_frozen_and_200_after()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        using var server = new KestrelServerFactory(azurite.ConnectionString, new Dictionary<string, string>
        {
            [ApiSettings.StorageBudgetName] = Budget.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        });
        await server.SeedAsync(TrialData.Resources());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        await AssertAllOkAsync(http, server.FhirBase);

        Signal(azurite.ProcessId, "STOP");
        try
        {
            foreach (var path in Paths)
            {
                var clock = Stopwatch.StartNew();
                using var response = await http.GetAsync(new Uri(server.FhirBase, path));
                clock.Stop();

                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                Assert.True(clock.Elapsed < Budget + Margin, $"{path}: answered after {clock.Elapsed}, budget {Budget}");
                Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
                var outcome = await FhirAssert.ReadStrictAsync<OperationOutcome>(response);
                Assert.Equal(OperationOutcome.IssueType.Timeout, outcome.Issue[0].Code);
                Assert.Contains("Storage did not answer within 2 s", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
            }
        }
        finally
        {
            Signal(azurite.ProcessId, "CONT");
        }

        await AssertAllOkAsync(http, server.FhirBase);
    }

    private static async System.Threading.Tasks.Task AssertAllOkAsync(HttpClient http, Uri fhirBase)
    {
        foreach (var path in Paths)
        {
            using var response = await http.GetAsync(new Uri(fhirBase, path));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static void Signal(int processId, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", processId.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
