using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FhirTrials.Api.Tests.Support;
using FhirTrials.Core.Search;
using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.Pipeline;
using FhirTrials.Storage.Resources;

namespace FhirTrials.Api.Tests.Ops;

/// <summary>
/// GET api/ingestions on each host. The entries come from rejected documents (a rejection writes no resource), so
/// the shared seeded data the other suites read stays as it is.
/// </summary>
public abstract class IngestionsEndpointTests(IApiServer server)
{
    [Fact]
    public async Task The_log_lists_an_ingestion_by_blob_with_its_outcome_and_reason()
    {
        var blobName = $"notes-{Guid.NewGuid():N}.xml";
        var storage = server.Storage();
        var pipeline = new IngestionPipeline(storage, new TableResourceStore(storage, SearchIndexer.Extract), new PipelineOptions { PoisonContainer = server.IncomingContainer + "-poison" });
        var incoming = storage.BlobService.GetBlobContainerClient(server.IncomingContainer);
        await incoming.GetBlobClient(blobName).UploadAsync(BinaryData.FromString("<?xml version=\"1.0\"?><invoice><total>3</total></invoice>"));
        await pipeline.IngestAsync(incoming.Name, blobName);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var page = await http.GetFromJsonAsync<JsonDocument>($"/api/ingestions?blob={blobName}&outcome=Rejected&_count=5");

        var entry = Assert.Single(page!.RootElement.GetProperty("entries").EnumerateArray());
        Assert.Equal(blobName, entry.GetProperty("blobName").GetString());
        Assert.Equal(nameof(IngestionOutcome.Rejected), entry.GetProperty("outcome").GetString());
        Assert.Contains("invoice", entry.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("outcome=Eaten", "outcome 'Eaten' is not one of")]
    [InlineData("outcome=1", "outcome '1' is not one of")]
    [InlineData("_count=0", "_count '0' must be a whole number")]
    public async Task A_bad_query_is_a_400_that_says_what_is_wrong(string query, string expected)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await http.GetAsync(new Uri("/api/ingestions?" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>IngestionsEndpointTests against the Server host (ASP.NET Core on Kestrel).</summary>
public sealed class IngestionsEndpointTestsOnServerHost(SeededServer seeded) : IngestionsEndpointTests(seeded.Server), IClassFixture<SeededServer>;

/// <summary>IngestionsEndpointTests against the Functions app, through the test host.</summary>
public sealed class IngestionsEndpointTestsOnFunctionsHost(SeededFunctionsApp seeded) : IngestionsEndpointTests(seeded.Server), IClassFixture<SeededFunctionsApp>;
