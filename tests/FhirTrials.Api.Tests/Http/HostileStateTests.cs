using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage;
using Azure.Storage.Blobs.Models;
using FhirTrials.Core.Search;
using FhirTrials.Storage;
using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.Pipeline;
using FhirTrials.Storage.Resources;
using FhirTrials.TestSupport;
using FhirTrials.TestSupport.Hostile;

namespace FhirTrials.Api.Tests.Http;

/// <summary>
/// The whole hostile corpus through the pipeline into the tables a running server reads: what was stored before is
/// untouched, and no request over the state the corpus leaves gets a 5xx.
/// </summary>
public sealed class HostileStateTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    // The streaming page is proven in the storage tests; here it only has to leave many trials for the API to serve
    // (40 studies of 4 KB: the whole test takes about 30 s).
    private const int PageStudies = 40;

    [Fact]
    public async Task After_the_hostile_corpus_seeds_are_unchanged_and_the_api_never_answers_5xx()
    {
        using var server = new KestrelServerFactory(azurite);
        var storage = TrialStorage.Connect(azurite.ConnectionString, server.TablePrefix);
        var options = new PipelineOptions { PoisonContainer = server.IncomingContainer + "-poison", MaxBlobBytes = 96L * 1024 * 1024 };
        await StorageProvisioner.EnsureCreatedAsync(storage, [server.IncomingContainer, options.PoisonContainer]);
        var store = new TableResourceStore(storage, SearchIndexer.Extract);
        var pipeline = new IngestionPipeline(storage, store, options);
        var incoming = storage.BlobService.GetBlobContainerClient(server.IncomingContainer);

        foreach (var seed in Directory.GetFiles(RepoPaths.Samples, "*.txt").Order())
        {
            await incoming.GetBlobClient("seeds/" + Path.GetFileName(seed)).UploadAsync(seed);
            var seeded = await pipeline.IngestAsync(incoming.Name, "seeds/" + Path.GetFileName(seed));
            Assert.True(seeded.Outcome is IngestionOutcome.Ingested or IngestionOutcome.IngestedWithWarnings, string.Join("; ", seeded.Errors));
        }

        var before = await SnapshotAsync(storage, store);
        Assert.True(before.Count >= 25, $"only {before.Count} resources from the five seeds");

        var outcomes = new List<string>();
        foreach (var hostile in HostileCorpus.Cases(PageStudies, PageStudies * 4096))
        {
            await using (var content = hostile.Open())
            {
                var transfer = new StorageTransferOptions { InitialTransferSize = 4 * 1024 * 1024, MaximumTransferSize = 4 * 1024 * 1024 };
                await incoming.GetBlobClient(hostile.Name).UploadAsync(content, new BlobUploadOptions { TransferOptions = transfer });
            }

            var entry = await pipeline.IngestAsync(incoming.Name, hostile.Name);
            if (entry.Outcome != hostile.Expected)
            {
                outcomes.Add($"{hostile.Name}: {entry.Outcome} ({string.Join("; ", entry.Errors)})");
            }
        }

        Assert.Empty(outcomes);
        var after = await SnapshotAsync(storage, store);
        foreach (var (key, stored) in before)
        {
            Assert.True(after.TryGetValue(key, out var now), $"{key} is gone");
            Assert.True(stored.VersionId == now.VersionId, $"{key} went from version {stored.VersionId} to {now.VersionId}:\n{stored.Json}\n{now.Json}");
            Assert.Equal(stored.Json, now.Json);
            Assert.Equal(stored.LastUpdated, now.LastUpdated);
        }

        Assert.True(after.Count > before.Count + (PageStudies * 4), $"{after.Count} resources after the corpus");
        var failures = await CrawlAsync(server, after.Values);
        Assert.True(failures.Count == 0, $"{failures.Count} requests answered 5xx, e.g.\n" + string.Join("\n", failures.Take(10)));
    }

    /// <summary>Every current resource: its version and exact stored JSON, read row by row from the resources table.</summary>
    private static async Task<Dictionary<string, StoredResource>> SnapshotAsync(TrialStorage storage, TableResourceStore store)
    {
        var all = new Dictionary<string, StoredResource>(StringComparer.Ordinal);
        await foreach (var row in storage.Resources.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            if (await store.ReadAsync(row.PartitionKey, row.RowKey) is { } resource)
            {
                all[$"{resource.ResourceType}/{resource.Id}"] = resource;
            }
        }

        return all;
    }

    private static async Task<List<string>> CrawlAsync(KestrelServerFactory server, IEnumerable<StoredResource> resources)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var failures = new List<string>();
        async Task<string?> GetAsync(string relative, Uri? baseUri = null)
        {
            using var response = await http.GetAsync(new Uri(baseUri ?? server.FhirBase, relative));
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"GET {relative}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
                return null;
            }

            return response.IsSuccessStatusCode ? body : null;
        }

        foreach (var resource in resources)
        {
            var path = $"{resource.ResourceType}/{resource.Id}";
            await GetAsync(path);
            await GetAsync(path + "?_format=xml");
            await GetAsync(path + "/_history");
            await GetAsync($"{path}/_history/{resource.VersionId}");
        }

        foreach (var type in SearchParameterCatalog.ResourceTypes)
        {
            await FollowAsync($"{type}?_count=100&_revinclude=Provenance:target");
            await GetAsync($"{type}?_summary=count");
            await GetAsync($"{type}?_sort=-_lastUpdated&_elements=id&_count=50&_format=xml");
            foreach (var parameter in SearchParameterCatalog.For(type))
            {
                await GetAsync($"{type}?{parameter.Name}:missing=false&_count=100");
                await GetAsync($"{type}?{parameter.Name}:missing=true");
                await GetAsync($"{type}?_sort={parameter.Name}&_count=10");
            }
        }

        string[] searches =
        [
            "ResearchStudy?title:contains=essai&_include=ResearchStudy:protocol&_include=ResearchStudy:enrollment",
            "ResearchStudy?identifier=" + HostileCorpus.GarbledNctId, "ResearchStudy?status=active", "ResearchStudy?date=ge2024-01-01",
            "ResearchStudy?condition=Inclusion Body Myositis", "ResearchStudy?title=Generated study", "Organization?name=Hôpital Jérôme",
            "Organization?name:contains=jerome", "Location?address-country=FR", "Provenance?target=ResearchStudy/" + HostileCorpus.GarbledNctId.ToLowerInvariant(),
        ];
        foreach (var search in searches)
        {
            await GetAsync(search);
        }

        var ingestions = await GetAsync("/api/ingestions?_count=5", server.BaseAddress);
        for (var pages = 0; ingestions is not null && pages < 20; pages++)
        {
            var continuation = JsonDocument.Parse(ingestions).RootElement.GetProperty("continuation");
            ingestions = continuation.ValueKind == JsonValueKind.String
                ? await GetAsync("/api/ingestions?_count=5&_continuation=" + Uri.EscapeDataString(continuation.GetString()!), server.BaseAddress)
                : null;
        }

        foreach (var outcome in Enum.GetNames<IngestionOutcome>())
        {
            await GetAsync("/api/ingestions?outcome=" + outcome, server.BaseAddress);
        }

        await GetAsync("/api/ingestions?blob=garbled-seed.txt", server.BaseAddress);
        return failures;

        async Task FollowAsync(string search)
        {
            var body = await GetAsync(search);
            for (var pages = 0; body is not null && pages < 50; pages++)
            {
                var next = JsonDocument.Parse(body).RootElement.TryGetProperty("link", out var links)
                    ? links.EnumerateArray().FirstOrDefault(l => l.GetProperty("relation").GetString() == "next")
                    : default;
                body = next.ValueKind == JsonValueKind.Object ? await GetAsync(next.GetProperty("url").GetString()!) : null;
            }
        }
    }
}
