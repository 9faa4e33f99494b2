using Azure.Storage.Blobs;
using FhirTrials.Core.Reading;
using FhirTrials.Core.Search;
using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.Pipeline;
using FhirTrials.Storage.Resources;
using FhirTrials.Storage.Search;
using FhirTrials.TestSupport;
using Hl7.Fhir.Model;
using Xunit.Abstractions;
using Task = System.Threading.Tasks.Task;

namespace FhirTrials.Storage.Tests.Pipeline;

/// <summary>The bulk path, through the pipeline as a page of many CT.gov studies reaches it.</summary>
public sealed class TrialBatchWriterTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private const int Studies = 200;

    private sealed record Harness(TrialStorage Storage, StoragePolicy Policy, TableResourceStore Store, IngestionPipeline Pipeline, BlobContainerClient Incoming);

    private async Task<Harness> CreateAsync()
    {
        var options = new PipelineOptions { PoisonContainer = StorageNames.Container("poison") };
        var incoming = StorageNames.Container("incoming");
        var (storage, policy) = await TestStorage.CreateAsync(azurite, incoming, options.PoisonContainer);
        var store = new TableResourceStore(storage, SearchIndexer.Extract);
        return new Harness(storage, policy, store, new IngestionPipeline(storage, store, options), storage.BlobService.GetBlobContainerClient(incoming));
    }

    private static async Task<IngestionEntry> IngestAsync(Harness harness, string name, byte[] content)
    {
        await harness.Incoming.GetBlobClient(name).UploadAsync(new BinaryData(content), overwrite: true);
        harness.Policy.ClearRequests();
        var entry = await harness.Pipeline.IngestAsync(harness.Incoming.Name, name);
        Assert.True(entry.Outcome != IngestionOutcome.Failed, string.Join("; ", entry.Errors));
        return entry;
    }

    /// <summary>Requests other than reads, outside the ingestion log (a transaction is a POST to $batch).</summary>
    private static List<string> Writes(Harness harness) =>
        [.. harness.Policy.Requests.Where(r => !r.StartsWith("GET ", StringComparison.Ordinal) && !r.StartsWith("HEAD ", StringComparison.Ordinal)
            && !r.Contains(harness.Storage.Names.Ingestions, StringComparison.Ordinal))];

    [Fact]
    public async Task A_page_of_200_new_studies_takes_at_most_15_requests_per_study_and_every_study_is_served_and_searchable()
    {
        var harness = await CreateAsync();

        var entry = await IngestAsync(harness, "page.json", GeneratedStudies.Page(0, Studies));

        var requests = harness.Policy.Requests.Count;
        output.WriteLine($"{requests} requests for {Studies} new studies ({(double)requests / Studies:0.00} per study)");
        Assert.True(requests <= 15 * Studies, $"{requests} requests for {Studies} studies ({(double)requests / Studies:0.0} per study)");
        Assert.Equal(Studies, entry.TrialCount);
        var index = new TableIndexStore(harness.Storage);
        Assert.Equal(Studies, (await index.AllIdsAsync("ResearchStudy").ToListAsync()).Count);
        foreach (var i in new[] { 0, 1, 99, 100, Studies - 1 })
        {
            var nct = GeneratedStudies.NctId(i);
            var hits = await index.ExactAsync("ResearchStudy", "identifier", TokenKeys.AnySystem(nct)).ToListAsync();
            var stored = await harness.Store.ReadAsync("ResearchStudy", Assert.Single(hits.Select(h => h.Id).Distinct()));
            Assert.Contains(nct, stored!.Json, StringComparison.Ordinal);
        }

        // The sponsor, sites and investigators every study names are one resource each, written once.
        var current = await StoreConsistency.AssertAsync(harness.Storage, harness.Store);
        Assert.All(current, c => Assert.Equal(1, c.Value));
        Assert.True(current.Keys.Count(k => k.StartsWith("Organization/", StringComparison.Ordinal)) < 10, string.Join(", ", current.Keys.Where(k => k.StartsWith("Organization/", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task The_same_page_again_writes_nothing_but_its_log_in_at_most_2_requests_per_study()
    {
        var harness = await CreateAsync();
        var page = GeneratedStudies.Page(0, Studies);
        await IngestAsync(harness, "page.json", page);

        var again = await IngestAsync(harness, "page.json", page);

        Assert.Equal(IngestionOutcome.Unchanged, again.Outcome);
        Assert.Equal(Studies, again.TrialCount);
        Assert.Empty(Writes(harness));
        var requests = harness.Policy.Requests.Count;
        output.WriteLine($"{requests} requests for {Studies} unchanged studies ({(double)requests / Studies:0.00} per study)");
        Assert.True(requests <= 2 * Studies, $"{requests} requests for {Studies} unchanged studies");
    }

    [Fact]
    public async Task A_changed_study_among_unchanged_documents_of_a_batch_gets_exactly_one_new_version()
    {
        var harness = await CreateAsync();
        var writer = Writer(harness);
        await writer.WriteAsync(Documents(i => GeneratedStudies.Study(i)), DateTimeOffset.UtcNow, CancellationToken.None);
        harness.Policy.ClearRequests();

        var outputs = await writer.WriteAsync(Documents(i => GeneratedStudies.Study(i, i == 7 ? " (amended)" : "")), DateTimeOffset.UtcNow, CancellationToken.None);
        var requests = harness.Policy.Requests.Count;
        output.WriteLine($"{requests} requests for {Studies} documents, one changed");
        Assert.True(requests <= 2 * Studies, $"{requests} requests");

        var changed = outputs.SelectMany(o => o.Resources).Where(r => r.Changed).ToList();
        var study = GeneratedStudies.NctId(7).ToLowerInvariant();
        // The study's own resources that carry its title, and the Provenance of its document (whose content hash changed).
        Assert.Contains(changed, r => r.ResourceType == "Provenance");
        Assert.All(changed, r => Assert.Contains(study, r.Id, StringComparison.Ordinal));
        Assert.All(changed, r => Assert.Equal("2", r.VersionId));
        Assert.Equal(study, Assert.Single(changed, r => r.ResourceType == "ResearchStudy").Id);
        Assert.All(outputs.Where((_, i) => i != 7), o => Assert.Empty(o.Resources));
        var current = await StoreConsistency.AssertAsync(harness.Storage, harness.Store);
        Assert.Equal(changed.Count, current.Count(c => c.Value == 2));
        Assert.Contains("(amended)", (await harness.Store.ReadAsync("ResearchStudy", study))!.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("(amended)", (await harness.Store.ReadVersionAsync("ResearchStudy", study, "1"))!.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_studies_are_resolved_by_their_aliases_without_reading_their_source_rows_and_a_known_one_among_them_is_still_unchanged()
    {
        var harness = await CreateAsync();
        var writer = Writer(harness);
        // Study 150 was ingested before from the same document: far past the first records, which probe the batch.
        var documents = Documents(i => GeneratedStudies.Study(i));
        await writer.WriteAsync([documents[150]], DateTimeOffset.UtcNow, CancellationToken.None);
        harness.Policy.ClearRequests();

        var outputs = await writer.WriteAsync(documents, DateTimeOffset.UtcNow, CancellationToken.None);

        var sourceReads = harness.Policy.Requests.Count(r => r.StartsWith("GET ", StringComparison.Ordinal)
            && r.Contains(harness.Storage.Names.Sources + "(PartitionKey=", StringComparison.Ordinal));
        output.WriteLine($"{sourceReads} source row reads for {Studies} documents, one known");
        // The probe's 8, and the known study's (its NCT alias exists); none for the 191 others, which no alias names.
        Assert.InRange(sourceReads, 1, 9);
        Assert.Empty(outputs[150].Resources);
        Assert.All(outputs.Where((_, i) => i != 150), o => Assert.Contains(o.Resources, r => r.ResourceType == "ResearchStudy" && r.Changed));
        var current = await StoreConsistency.AssertAsync(harness.Storage, harness.Store);
        Assert.All(current.Where(c => !c.Key.StartsWith("Provenance/", StringComparison.Ordinal)), c => Assert.Equal(1, c.Value));
        Assert.Equal(Studies, (await new TableIndexStore(harness.Storage).AllIdsAsync("ResearchStudy").ToListAsync()).Count);
    }

    /// <summary>Each study its own document (as the entries of an archive are), written as one batch.</summary>
    private static List<TrialInput> Documents(Func<int, System.Text.Json.Nodes.JsonObject> study) =>
        [.. Enumerable.Range(0, Studies).Select(i =>
        {
            var name = $"studies/{GeneratedStudies.NctId(i)}.json";
            var record = Assert.Single(TrialDocumentReader.Read(System.Text.Encoding.UTF8.GetBytes(study(i).ToJsonString()), name).Records);
            return new TrialInput(record, name, record.Source.ContentHash, null);
        })];

    private static TrialBatchWriter Writer(Harness harness)
    {
        var options = new PipelineOptions();
        var resources = new BulkVersionWriter(harness.Storage, harness.Store.Rows, harness.Store.Writer);
        return new TrialBatchWriter(new TrialSources(harness.Storage), new TrialAliases(harness.Storage), resources, options, TimeProvider.System);
    }

    [Fact]
    public async Task A_page_killed_part_way_and_redone_writes_no_second_version_and_leaves_searches_consistent()
    {
        const int studies = 40;
        var page = GeneratedStudies.Page(0, studies);
        var probe = await CreateAsync();
        await IngestAsync(probe, "page.json", page);
        var total = probe.Policy.Requests.Count;

        foreach (var fraction in new[] { 0.15, 0.4, 0.6, 0.85 })
        {
            var harness = await CreateAsync();
            await harness.Incoming.GetBlobClient("page.json").UploadAsync(new BinaryData(page), overwrite: true);
            harness.Policy.FailAfter((int)(total * fraction));
            await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(() => harness.Pipeline.IngestAsync(harness.Incoming.Name, "page.json"));
            harness.Policy.Heal();

            var entry = await harness.Pipeline.IngestAsync(harness.Incoming.Name, "page.json");

            // Unchanged when the failed attempt had committed every trial and only its log entry was lost.
            Assert.True(entry.Outcome is IngestionOutcome.Ingested or IngestionOutcome.IngestedWithWarnings or IngestionOutcome.Unchanged, $"{fraction}: {entry.Outcome} {string.Join("; ", entry.Errors)}");
            var current = await StoreConsistency.AssertAsync(harness.Storage, harness.Store);
            Assert.All(current, c => Assert.Equal(1, c.Value));
            Assert.Equal(studies, (await new TableIndexStore(harness.Storage).AllIdsAsync("ResearchStudy").ToListAsync()).Count);
        }
    }

    [Fact]
    public async Task Two_pages_at_once_naming_the_same_sponsor_and_sites_keep_one_resource_each_at_one_version()
    {
        var harness = await CreateAsync();
        await harness.Incoming.GetBlobClient("a.json").UploadAsync(new BinaryData(GeneratedStudies.Page(0, 60)), overwrite: true);
        await harness.Incoming.GetBlobClient("b.json").UploadAsync(new BinaryData(GeneratedStudies.Page(60, 60)), overwrite: true);

        var entries = await Task.WhenAll(
            harness.Pipeline.IngestAsync(harness.Incoming.Name, "a.json"),
            harness.Pipeline.IngestAsync(harness.Incoming.Name, "b.json"));

        Assert.All(entries, e => Assert.NotEqual(IngestionOutcome.Failed, e.Outcome));
        var current = await StoreConsistency.AssertAsync(harness.Storage, harness.Store);
        Assert.Equal(1, current["Organization/org-hospices-civils-de-lyon"]);
        Assert.Equal(120, current.Count(c => c.Key.StartsWith("ResearchStudy/", StringComparison.Ordinal)));
    }
}
