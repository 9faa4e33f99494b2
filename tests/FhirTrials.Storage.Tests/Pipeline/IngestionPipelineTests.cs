using Azure.Data.Tables;
using Azure.Storage.Blobs;
using FhirTrials.Core.Fhir;
using FhirTrials.Core.Reading;
using FhirTrials.Core.Search;
using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.Pipeline;
using FhirTrials.Storage.Resources;
using FhirTrials.Storage.Search;
using FhirTrials.TestSupport;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace FhirTrials.Storage.Tests.Pipeline;

public sealed class IngestionPipelineTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string SeedsFolder => Path.Combine(RepoPaths.Tests, "FhirTrials.Core.Tests", "TestData", "Seeds");

    public static TheoryData<string> Seeds => new(Directory.GetFiles(SeedsFolder, "*.txt").Select(Path.GetFileName).Order()!);

    private sealed record Harness(TrialStorage Storage, StoragePolicy Policy, TableResourceStore Store, IngestionPipeline Pipeline, BlobContainerClient Incoming, PipelineOptions Options);

    private async Task<Harness> CreateAsync(PipelineOptions? options = null)
    {
        options ??= new PipelineOptions { PoisonContainer = StorageNames.Container("poison") };
        var incoming = StorageNames.Container("incoming");
        var (storage, policy) = await TestStorage.CreateAsync(azurite, incoming, options.PoisonContainer);
        var store = new TableResourceStore(storage, SearchIndexer.Extract);
        return new Harness(storage, policy, store, new IngestionPipeline(storage, store, options), storage.BlobService.GetBlobContainerClient(incoming), options);
    }

    private static async Task<BlobClient> UploadAsync(Harness harness, string name, byte[] content)
    {
        var blob = harness.Incoming.GetBlobClient(name);
        await blob.UploadAsync(new BinaryData(content), overwrite: true);
        return blob;
    }

    private static byte[] Seed(string name) => File.ReadAllBytes(Path.Combine(SeedsFolder, name));

    private static byte[] SecondDocument() =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "ctgov-api-v2-NCT05947682.json"));

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Each_seed_ingested_from_a_container_reads_back_equal_to_what_the_mapper_produced(string seed)
    {
        var harness = await CreateAsync();
        var blob = await UploadAsync(harness, "seeds/" + seed, Seed(seed));

        var entry = await harness.Pipeline.IngestAsync(harness.Incoming.Name, "seeds/" + seed);

        Assert.True(entry.Outcome is IngestionOutcome.Ingested or IngestionOutcome.IngestedWithWarnings, string.Join("; ", entry.Errors));
        var record = Assert.Single(TrialDocumentReader.Read(Seed(seed), "seeds/" + seed).Records);
        var expected = TrialFhirMapper.Map(record, new MappingOptions(DateTimeOffset.UtcNow, blob.Uri.ToString()));
        foreach (var resource in expected.All().Where(r => r is not Provenance))
        {
            var stored = await harness.Store.ReadAsync(resource.TypeName, resource.Id!);
            Assert.True(stored is not null, $"{resource.TypeName}/{resource.Id} was not stored");
            Assert.Equal("1", stored.VersionId);
            Assert.Equal(FhirJson.ContentHash(resource), FhirJson.ContentHash(FhirJson.Parse(stored.Json)));
        }

        var provenance = Assert.Single(entry.Resources, r => r.ResourceType == "Provenance");
        var storedProvenance = (Provenance)FhirJson.Parse((await harness.Store.ReadAsync("Provenance", provenance.Id))!.Json);
        Assert.Contains(storedProvenance.Target, t => t.Reference == $"ResearchStudy/{expected.Study.Id}");
        Assert.Equal(expected.All().Count(), entry.Resources.Count);
        Assert.All(entry.Resources, r => Assert.Equal(("1", true), (r.VersionId, r.Changed)));
        Assert.Equal(record.Source.ContentHash, entry.ContentHash);
        Assert.NotNull(entry.Layout);
    }

    [Fact]
    public async Task Reuploading_an_identical_blob_writes_no_version_and_logs_unchanged()
    {
        var harness = await CreateAsync();
        await UploadAsync(harness, "a.txt", Seed("veeva-NCT05947682.txt"));
        var first = await harness.Pipeline.IngestAsync(harness.Incoming.Name, "a.txt");

        await UploadAsync(harness, "a.txt", Seed("veeva-NCT05947682.txt"));
        var second = await harness.Pipeline.IngestAsync(harness.Incoming.Name, "a.txt");

        Assert.NotEqual(first.BlobVersion, second.BlobVersion);
        Assert.Equal(IngestionOutcome.Unchanged, second.Outcome);
        Assert.Empty(second.Resources);
        Assert.Equal(1, await harness.Store.CurrentVersionAsync("ResearchStudy", "nct05947682"));
        var log = await harness.Pipeline.Log.ListAsync(null, "a.txt", 10, null);
        Assert.Equal([IngestionOutcome.Unchanged, first.Outcome], log.Entries.Select(e => e.Outcome));
    }

    [Fact]
    public async Task After_ingestion_an_identifier_lookup_finds_the_study_with_one_query_of_one_index_partition()
    {
        var harness = await CreateAsync();
        await UploadAsync(harness, "a.txt", Seed("veeva-NCT05947682.txt"));
        await harness.Pipeline.IngestAsync(harness.Incoming.Name, "a.txt");
        harness.Policy.ClearRequests();

        var hits = await new TableIndexStore(harness.Storage).ExactAsync("ResearchStudy", "identifier", TokenKeys.AnySystem("NCT05947682")).ToListAsync();

        Assert.Equal(["nct05947682"], hits.Select(h => h.Id).Distinct());
        var request = Assert.Single(harness.Policy.Requests);
        Assert.Contains("PartitionKey eq 'ResearchStudy_identifier' and RowKey ge ", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edited_document_makes_version_2_and_version_1_stays_readable()
    {
        var harness = await CreateAsync();
        var original = Seed("veeva-NCT05947682.txt");
        await UploadAsync(harness, "a.txt", original);
        await harness.Pipeline.IngestAsync(harness.Incoming.Name, "a.txt");
        var v1 = await harness.Store.ReadAsync("ResearchStudy", "nct05947682");

        var edited = System.Text.Encoding.UTF8.GetString(original).Replace("Not yet enrolling", "Recruiting", StringComparison.Ordinal);
        await UploadAsync(harness, "a.txt", System.Text.Encoding.UTF8.GetBytes(edited));
        var entry = await harness.Pipeline.IngestAsync(harness.Incoming.Name, "a.txt");

        Assert.Contains(entry.Resources, r => r is { ResourceType: "ResearchStudy", VersionId: "2", Changed: true });
        var current = (ResearchStudy)FhirJson.Parse((await harness.Store.ReadAsync("ResearchStudy", "nct05947682"))!.Json);
        var old = (ResearchStudy)FhirJson.Parse((await harness.Store.ReadVersionAsync("ResearchStudy", "nct05947682", "1"))!.Json);
        Assert.Equal(ResearchStudy.ResearchStudyStatus.Active, current.Status);
        Assert.NotEqual(current.Status, old.Status);
        Assert.Equal(v1!.Json, (await harness.Store.ReadVersionAsync("ResearchStudy", "nct05947682", "1"))!.Json);
        Assert.Single(entry.Resources, r => r.ResourceType == "Provenance");
    }

    [Fact]
    public async Task Two_documents_of_one_trial_from_different_sites_make_one_merged_study_and_two_provenances()
    {
        var harness = await CreateAsync();
        await UploadAsync(harness, "veeva/NCT05947682.txt", Seed("veeva-NCT05947682.txt"));
        await UploadAsync(harness, "ctgov/NCT05947682.json", SecondDocument());

        await harness.Pipeline.IngestAsync(harness.Incoming.Name, "veeva/NCT05947682.txt");
        var second = await harness.Pipeline.IngestAsync(harness.Incoming.Name, "ctgov/NCT05947682.json");

        Assert.Equal(["nct05947682"], second.TrialKeys);
        var ids = await new TableIndexStore(harness.Storage).AllIdsAsync("ResearchStudy").ToListAsync();
        Assert.Equal(["nct05947682"], ids);
        var study = (ResearchStudy)FhirJson.Parse((await harness.Store.ReadAsync("ResearchStudy", "nct05947682"))!.Json);
        Assert.Equal("2023-10", study.Period?.Start);
        Assert.Contains(study.Keyword, k => k.Text == "cell manufacturing" || k.Coding.Any(c => c.Display == "cell manufacturing"));
        var group = (Group)FhirJson.Parse((await harness.Store.ReadAsync("Group", study.Enrollment.Single().Reference!.Split('/')[1]))!.Json);
        Assert.Contains(group.Characteristic, c => c.Code?.Text?.Contains("BMI", StringComparison.Ordinal) == true
            || c.Value is CodeableConcept { Text: { } text } && text.Contains("BMI", StringComparison.Ordinal));
        var provenances = await new TableIndexStore(harness.Storage).AllIdsAsync("Provenance").ToListAsync();
        Assert.Equal(2, provenances.Count);
    }

    [Fact]
    public async Task Storage_failing_mid_ingestion_then_a_retry_completes_without_duplicate_versions_or_dangling_index_rows()
    {
        var probe = await CreateAsync();
        await UploadAsync(probe, "a.txt", Seed("veeva-NCT05947682.txt"));
        probe.Policy.ClearRequests();
        await probe.Pipeline.IngestAsync(probe.Incoming.Name, "a.txt");
        var total = probe.Policy.Requests.Count;

        foreach (var fraction in new[] { 0.1, 0.3, 0.5, 0.7, 0.9 })
        {
            var harness = await CreateAsync();
            await UploadAsync(harness, "a.txt", Seed("veeva-NCT05947682.txt"));

            harness.Policy.FailAfter((int)(total * fraction));
            await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(() => harness.Pipeline.IngestAsync(harness.Incoming.Name, "a.txt"));
            harness.Policy.Heal();
            var entry = await harness.Pipeline.IngestAsync(harness.Incoming.Name, "a.txt");

            Assert.Contains(entry.Outcome, new[] { IngestionOutcome.Ingested, IngestionOutcome.IngestedWithWarnings });
            // 2 when the failed attempt could still log itself; 1 when storage was already gone for the log too.
            Assert.InRange(entry.Attempts, 1, 2);
            Assert.All(entry.Resources, r => Assert.Equal("1", r.VersionId));
            await AssertConsistentAsync(harness);
        }
    }

    [Fact]
    public async Task Two_ingestions_of_the_same_trial_at_the_same_time_both_end_up_in_the_merged_study()
    {
        var harness = await CreateAsync();
        await UploadAsync(harness, "veeva/NCT05947682.txt", Seed("veeva-NCT05947682.txt"));
        await UploadAsync(harness, "ctgov/NCT05947682.json", SecondDocument());

        var entries = await Task.WhenAll(
            harness.Pipeline.IngestAsync(harness.Incoming.Name, "veeva/NCT05947682.txt"),
            harness.Pipeline.IngestAsync(harness.Incoming.Name, "ctgov/NCT05947682.json"));

        Assert.All(entries, e => Assert.NotEqual(IngestionOutcome.Failed, e.Outcome));
        var study = (ResearchStudy)FhirJson.Parse((await harness.Store.ReadAsync("ResearchStudy", "nct05947682"))!.Json);
        Assert.Equal("2023-10", study.Period?.Start);
        Assert.Equal(2, (await new TableIndexStore(harness.Storage).AllIdsAsync("Provenance").ToListAsync()).Count);
        await AssertConsistentAsync(harness);
    }

    [Fact]
    public async Task A_blob_over_the_size_limit_is_rejected_before_download_and_kept_in_the_poison_container()
    {
        var harness = await CreateAsync(new PipelineOptions { MaxBlobBytes = 1000, PoisonContainer = StorageNames.Container("poison") });
        await UploadAsync(harness, "big.txt", Seed("veeva-NCT05947682.txt"));
        harness.Policy.ClearRequests();

        var entry = await harness.Pipeline.IngestAsync(harness.Incoming.Name, "big.txt");

        Assert.Equal(IngestionOutcome.Rejected, entry.Outcome);
        Assert.Contains("over the 1,000 bytes limit", Assert.Single(entry.Errors), StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Policy.Requests, r => r.StartsWith("GET", StringComparison.Ordinal) && r.Contains("/big.txt", StringComparison.Ordinal));
        var poison = harness.Storage.BlobService.GetBlobContainerClient(harness.Options.PoisonContainer);
        Assert.Equal(Seed("veeva-NCT05947682.txt"), (await poison.GetBlobClient(entry.PoisonCopy![(harness.Options.PoisonContainer.Length + 1)..]).DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task A_document_that_is_not_a_trial_is_rejected_with_the_readers_reason_and_kept()
    {
        var harness = await CreateAsync();
        await UploadAsync(harness, "notes.xml", "<?xml version=\"1.0\"?><invoice><total>3</total></invoice>"u8.ToArray());

        var entry = await harness.Pipeline.IngestAsync(harness.Incoming.Name, "notes.xml");

        Assert.Equal(IngestionOutcome.Rejected, entry.Outcome);
        Assert.Contains("invoice", Assert.Single(entry.Errors), StringComparison.Ordinal);
        Assert.NotNull(entry.PoisonCopy);
        Assert.Single((await harness.Pipeline.Log.ListAsync(IngestionOutcome.Rejected, null, 10, null)).Entries);
    }

    [Fact]
    public async Task A_document_failing_repeatedly_is_logged_with_its_attempts_and_copied_to_the_poison_container()
    {
        var harness = await CreateAsync();
        await UploadAsync(harness, "a.txt", Seed("veeva-NCT05947682.txt"));
        harness.Policy.FailMatching(harness.Storage.Names.Sources);

        var attempts = new List<IngestionEntry>();
        for (var i = 0; i < 3; i++)
        {
            attempts.Add(await harness.Pipeline.IngestAsync(harness.Incoming.Name, "a.txt"));
        }

        Assert.All(attempts, a => Assert.Equal(IngestionOutcome.Failed, a.Outcome));
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempts));
        Assert.Null(attempts[1].PoisonCopy);
        Assert.NotNull(attempts[2].PoisonCopy);
        Assert.Contains("Attempt 3 failed", Assert.Single(attempts[2].Errors), StringComparison.Ordinal);
        var logged = Assert.Single((await harness.Pipeline.Log.ListAsync(IngestionOutcome.Failed, "a.txt", 10, null)).Entries);
        Assert.Equal(3, logged.Attempts);

        harness.Policy.Heal();
        var recovered = await harness.Pipeline.IngestAsync(harness.Incoming.Name, "a.txt");
        Assert.Equal(4, recovered.Attempts);
        Assert.NotEqual(IngestionOutcome.Failed, recovered.Outcome);
    }

    /// <summary>Every index row names an existing, current version; every current resource's history has no duplicates.</summary>
    private static async Task AssertConsistentAsync(Harness harness)
    {
        var current = new Dictionary<string, int>();
        await foreach (var row in harness.Storage.Resources.QueryAsync<TableEntity>())
        {
            Assert.True(row.GetInt32("PendingVersion") is null or 0, $"{row.PartitionKey}/{row.RowKey} still has a pending version");
            current[$"{row.PartitionKey}/{row.RowKey}"] = row.GetInt32("VersionId") ?? 0;
            var history = await harness.Store.HistoryAsync(row.PartitionKey, row.RowKey).ToListAsync();
            Assert.Equal(history.Count, history.Select(h => h.VersionId).Distinct().Count());
        }

        await foreach (var row in harness.Storage.Index.QueryAsync<TableEntity>())
        {
            var type = row.PartitionKey[..row.PartitionKey.IndexOf('_', StringComparison.Ordinal)];
            var key = $"{type}/{row.GetString("Id")}";
            Assert.True(current.TryGetValue(key, out var version) && version == row.GetInt32("VersionId"), $"Index row {row.PartitionKey} {row.RowKey} points at a version that is not current");
        }
    }
}
