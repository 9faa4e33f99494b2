using System.Net.Http.Json;
using System.Text.Json;
using FhirTrials.Storage.Ingestion;
using FhirTrials.TestSupport;
using FhirTrials.TestSupport.FunctionsHost;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace FhirTrials.Functions.Tests;

/// <summary>
/// The blob trigger through the real worker: the test host invokes IngestBlob as the host does on a BlobCreated
/// event (the blob as model binding data), and decides, as the host would, whether a failed invocation is retried.
/// </summary>
[Collection(SharedFunctionsApp.Name)]
public sealed class IngestBlobFunctionTests(FunctionsAppFixture fixture)
{
    private const string Function = "IngestBlob";
    private readonly FunctionsApp _app = fixture.App;

    [Fact]
    public async System.Threading.Tasks.Task A_seed_dropped_in_the_incoming_container_is_ingested_and_served_by_the_Fhir_function()
    {
        var name = $"seeds/{Guid.NewGuid():N}/ctgov-classic-NCT05032131.txt";
        await Incoming().GetBlobClient(name).UploadAsync(Path.Combine(RepoPaths.Samples, "ctgov-classic-NCT05032131.txt"));

        var invocation = await _app.Host.InvokeBlobTriggerAsync(Function, _app.IncomingContainer, name);

        Assert.True(invocation.Succeeded, invocation.Exception + "\n" + _app.Host.Describe());
        using var client = new FhirClient(_app.FhirBase);
        var bundle = await client.SearchAsync<ResearchStudy>(["identifier=NCT05032131"]);
        var study = Assert.IsType<ResearchStudy>(Assert.Single(bundle!.Entry).Resource);
        Assert.Contains(study.Identifier, i => i.Value == "NCT05032131");
        var entry = Assert.Single(await LoggedAsync(name));
        Assert.Equal(nameof(IngestionOutcome.Ingested), entry.GetProperty("outcome").GetString());
    }

    [Fact]
    public async System.Threading.Tasks.Task A_rejected_document_succeeds_as_an_invocation_is_logged_once_and_never_retried()
    {
        var name = $"notes-{Guid.NewGuid():N}.xml";
        await Incoming().GetBlobClient(name).UploadAsync(BinaryData.FromString("<?xml version=\"1.0\"?><invoice><total>3</total></invoice>"));

        var first = await _app.Host.InvokeBlobTriggerAsync(Function, _app.IncomingContainer, name);
        // The same event delivered twice (Event Grid delivers at least once): nothing is read or logged again.
        var again = await _app.Host.InvokeBlobTriggerAsync(Function, _app.IncomingContainer, name);

        Assert.True(first.Succeeded, first.Exception);
        Assert.True(again.Succeeded, again.Exception);
        var entry = Assert.Single(await LoggedAsync(name));
        Assert.Equal(nameof(IngestionOutcome.Rejected), entry.GetProperty("outcome").GetString());
        Assert.Equal(1, entry.GetProperty("attempts").GetInt32());
        Assert.Contains("invoice", entry.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        Assert.True(await Poison().GetBlobClient(entry.GetProperty("poisonCopy").GetString()![(_app.PoisonContainer.Length + 1)..]).ExistsAsync());
    }

    [Fact]
    public async System.Threading.Tasks.Task A_storage_failure_fails_the_invocation_and_after_host_jsons_attempts_the_blob_is_poisoned()
    {
        var threshold = HostJson.PoisonBlobThreshold;
        var name = $"veeva-{Guid.NewGuid():N}.txt";
        await Incoming().GetBlobClient(name).UploadAsync(Path.Combine(RepoPaths.Samples, "veeva-NCT05947682.txt"));
        var storage = _app.Storage();
        var sources = storage.Sources;
        var attempts = new List<InvocationResult>();
        try
        {
            // Storage fault: the table of source records is gone while the blob is ingested.
            await sources.DeleteAsync();
            for (var attempt = 1; attempt <= threshold; attempt++)
            {
                attempts.Add(await _app.Host.InvokeBlobTriggerAsync(Function, _app.IncomingContainer, name));
            }
        }
        finally
        {
            await sources.CreateIfNotExistsAsync();
        }

        Assert.All(attempts, a => Assert.False(a.Succeeded, "the invocation should fail so the host retries"));
        Assert.Contains($"(attempt {threshold})", attempts[^1].Exception, StringComparison.Ordinal);
        var entry = Assert.Single(await LoggedAsync(name));
        Assert.Equal(nameof(IngestionOutcome.Failed), entry.GetProperty("outcome").GetString());
        Assert.Equal(threshold, entry.GetProperty("attempts").GetInt32());
        var poisonCopy = entry.GetProperty("poisonCopy").GetString()!;
        Assert.True(await Poison().GetBlobClient(poisonCopy[(_app.PoisonContainer.Length + 1)..]).ExistsAsync(), poisonCopy);
    }

    private Azure.Storage.Blobs.BlobContainerClient Incoming() => _app.Storage().BlobService.GetBlobContainerClient(_app.IncomingContainer);

    private Azure.Storage.Blobs.BlobContainerClient Poison() => _app.Storage().BlobService.GetBlobContainerClient(_app.PoisonContainer);

    /// <summary>The ingestion log's entries for one blob, read through the Ingestions function.</summary>
    private async Task<List<JsonElement>> LoggedAsync(string blobName)
    {
        using var http = new HttpClient { BaseAddress = _app.BaseAddress };
        using var page = await http.GetFromJsonAsync<JsonDocument>($"/api/ingestions?blob={Uri.EscapeDataString(blobName)}&_count=10");
        return [.. page!.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.Clone())];
    }
}
