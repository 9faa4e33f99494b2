using System.Net.Http.Json;
using System.Text.Json;
using FhirTrials.Storage;
using FhirTrials.Storage.Ingestion;
using FhirTrials.TestSupport;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace FhirTrials.Server.Tests;

public sealed class BlobWatcherTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string SeedBlob = "ctgov-classic-NCT05032131.txt";
    private const string Nct = "NCT05032131";

    [Fact]
    public async System.Threading.Tasks.Task An_uploaded_seed_is_served_within_10_seconds_and_a_restart_ingests_nothing_twice()
    {
        var prefix = StorageNames.TablePrefix("srv");
        var container = StorageNames.Container("incoming");
        ResearchStudy first;
        using (var server = new ServerFactory(azurite, prefix, container))
        {
            var blob = azurite.BlobService().GetBlobContainerClient(container).GetBlobClient(SeedBlob);
            await blob.UploadAsync(Path.Combine(RepoPaths.Samples, SeedBlob));

            using var client = new FhirClient(server.FhirBase);
            first = await WaitForStudyAsync(client, TimeSpan.FromSeconds(10), server.Messages);
            Assert.Contains(first.Identifier, i => i.Value == Nct);
            // The structured log line follows the pipeline's return, which can come just after the study is visible.
            var logged = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            while (!server.Messages.Any(m => m.Contains($"Ingested blob {SeedBlob}: Ingested", StringComparison.Ordinal)) && DateTime.UtcNow < logged)
            {
                await System.Threading.Tasks.Task.Delay(100);
            }

            Assert.Contains(server.Messages, m => m.Contains($"Ingested blob {SeedBlob}: Ingested", StringComparison.Ordinal));

            // The ops endpoint lists the ingestion.
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            using var page = await http.GetFromJsonAsync<JsonDocument>($"/api/ingestions?blob={SeedBlob}&_count=5");
            var entry = Assert.Single(page!.RootElement.GetProperty("entries").EnumerateArray());
            Assert.Equal(SeedBlob, entry.GetProperty("blobName").GetString());
        }

        var log = new IngestionLog(TrialStorage.Connect(azurite.ConnectionString, prefix));
        var before = await log.ListAsync(null, null, 100, null);

        using (var restarted = new ServerFactory(azurite, prefix, container))
        {
            // Several scans of the same container.
            await System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(3));
            Assert.DoesNotContain(restarted.Messages, m => m.Contains("Ingested blob", StringComparison.Ordinal));
            using var client = new FhirClient(restarted.FhirBase);
            var again = await WaitForStudyAsync(client, TimeSpan.FromSeconds(5), restarted.Messages);
            Assert.Equal(first.Meta?.VersionId, again.Meta?.VersionId);
        }

        var after = await log.ListAsync(null, null, 100, null);
        Assert.Equal(before.Entries, after.Entries, (a, b) => a.EntryId == b.EntryId && a.Attempts == b.Attempts && a.FinishedAt == b.FinishedAt);
    }

    [Fact]
    public async System.Threading.Tasks.Task The_ingestions_endpoint_refuses_an_unknown_outcome_with_a_clear_error()
    {
        using var server = new ServerFactory(azurite, StorageNames.TablePrefix("srv"), StorageNames.Container("incoming"));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var response = await http.GetAsync(new Uri("/api/ingestions?outcome=Eaten", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("outcome 'Eaten' is not one of", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<ResearchStudy> WaitForStudyAsync(FhirClient client, TimeSpan limit, IEnumerable<string> log)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var bundle = await client.SearchAsync<ResearchStudy>([$"identifier={Nct}"]);
            if (bundle?.Entry.Select(e => e.Resource).OfType<ResearchStudy>().FirstOrDefault() is { } study)
            {
                return study;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No ResearchStudy {Nct} within {limit.TotalSeconds} s. Host log:\n" + string.Join("\n", log.Where(m => !m.StartsWith("Microsoft", StringComparison.Ordinal))));
            await System.Threading.Tasks.Task.Delay(250);
        }
    }
}
