using System.Diagnostics;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FhirTrials.Core.Search;
using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.Pipeline;
using FhirTrials.Storage.Resources;
using FhirTrials.TestSupport;
using FhirTrials.TestSupport.Hostile;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace FhirTrials.Storage.Tests.Pipeline;

// Memory is measured on the whole process, so these run alone, never beside another test class.
[Collection(nameof(HostileDocumentTests))]
[CollectionDefinition(nameof(HostileDocumentTests), DisableParallelization = true)]
public sealed class HostileDocumentTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>
    /// Above the 64 MiB default so the streamed CT.gov page (about 64 MB) is read with room to spare, still below the
    /// 100 MB case.
    /// </summary>
    public const long MaxBlobBytes = 96L * 1024 * 1024;

    /// <summary>
    /// Catches hangs, not speed: every case but the page is one small read or a refusal from the first bytes.
    /// </summary>
    private static readonly TimeSpan CaseTimeBound = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Live managed heap growth allowed while one case is ingested. The biggest thing a case may legitimately hold is
    /// one document under the reader's 16 MB whole-read limit and the records and resources made from it; the 100 MB
    /// blob, the 20 MB line or the 64 MB page read whole would each pass it.
    /// </summary>
    private const long HeapBound = 64L * 1024 * 1024;

    /// <summary>Working set growth (native buffers, sockets, the GC's own reserve included).</summary>
    private const long WorkingSetBound = 256L * 1024 * 1024;

    public static TheoryData<string> SmallCases => new(HostileCorpus.Cases(0).Where(c => !c.Name.StartsWith("ctgov-page-", StringComparison.Ordinal)).Select(c => c.Name));

    private sealed record Harness(TrialStorage Storage, StoragePolicy Policy, TableResourceStore Store, IngestionPipeline Pipeline, BlobContainerClient Incoming, PipelineOptions Options);

    private async Task<Harness> CreateAsync()
    {
        var options = new PipelineOptions { PoisonContainer = StorageNames.Container("poison"), MaxBlobBytes = MaxBlobBytes };
        var incoming = StorageNames.Container("incoming");
        var (storage, policy) = await TestStorage.CreateAsync(azurite, incoming, options.PoisonContainer);
        var store = new TableResourceStore(storage, SearchIndexer.Extract);
        return new Harness(storage, policy, store, new IngestionPipeline(storage, store, options), storage.BlobService.GetBlobContainerClient(incoming), options);
    }

    internal static async Task UploadAsync(BlobContainerClient container, HostileCase hostile)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(hostile);
        await using var content = hostile.Open();
        // Small blocks, so uploading the 100 MB case holds 4 MB at a time, not the whole blob.
        var transfer = new StorageTransferOptions { InitialTransferSize = 4 * 1024 * 1024, MaximumTransferSize = 4 * 1024 * 1024, MaximumConcurrency = 2 };
        await container.GetBlobClient(hostile.Name).UploadAsync(content, new BlobUploadOptions { TransferOptions = transfer });
    }

    [Theory]
    [MemberData(nameof(SmallCases))]
    public async Task Each_hostile_document_ends_in_its_known_outcome_with_a_plain_reason_in_time_and_bounded_memory(string name)
    {
        var hostile = HostileCorpus.Cases(0).Single(c => c.Name == name);
        var harness = await CreateAsync();
        await UploadAsync(harness.Incoming, hostile);
        harness.Policy.ClearRequests();

        var (returned, elapsed, memory) = await MeasureAsync(() => harness.Pipeline.IngestAsync(harness.Incoming.Name, hostile.Name));

        var entry = await harness.Pipeline.Log.FindAsync(returned.EntryId);
        Assert.NotNull(entry);
        AssertOutcome(hostile, entry);
        Assert.True(elapsed < CaseTimeBound, $"{name} took {elapsed}");
        Assert.True(memory.HeapGrowth < HeapBound && memory.WorkingSetGrowth < WorkingSetBound, $"{name}: {memory.Describe()}");
        if (hostile.Expected == IngestionOutcome.Rejected)
        {
            Assert.NotNull(entry.PoisonCopy);
        }
        else
        {
            var study = await harness.Store.ReadAsync("ResearchStudy", hostile.NctId!.ToLowerInvariant());
            Assert.True(study is not null, $"{name}: ResearchStudy of {hostile.NctId} not stored");
        }
    }

    [Fact]
    public async Task The_100_MB_blob_is_refused_from_its_size_without_any_download()
    {
        var hostile = HostileCorpus.Cases(0).Single(c => c.Name == "oversized-100mb.txt");
        var harness = await CreateAsync();
        await UploadAsync(harness.Incoming, hostile);
        harness.Policy.ClearRequests();

        var entry = await harness.Pipeline.IngestAsync(harness.Incoming.Name, hostile.Name);

        Assert.Equal(IngestionOutcome.Rejected, entry.Outcome);
        Assert.Equal("The blob is 100 MiB (104857600 bytes), over the 96 MiB limit for one document (setting MaxBlobBytes); it was not read.", entry.Errors[0]);
        Assert.Null(entry.ContentHash);
        Assert.Null(entry.Format);
        Assert.DoesNotContain(harness.Policy.Requests, r => r.StartsWith("GET", StringComparison.Ordinal) && r.Contains(hostile.Name, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("latin1-accents.html")]
    [InlineData("utf16-le-bom.html")]
    [InlineData("utf16-be-no-bom.html")]
    [InlineData("nul-and-control.html")]
    [InlineData("invalid-utf8.html")]
    public async Task Accents_survive_intact_in_the_stored_resources_whatever_the_encoding(string name)
    {
        var hostile = HostileCorpus.Cases(0).Single(c => c.Name == name);
        var harness = await CreateAsync();
        await UploadAsync(harness.Incoming, hostile);

        var entry = await harness.Pipeline.IngestAsync(harness.Incoming.Name, hostile.Name);

        var stored = new List<string>();
        foreach (var resource in entry.Resources)
        {
            stored.Add((await harness.Store.ReadAsync(resource.ResourceType, resource.Id))!.Json);
        }

        Assert.Contains(stored, json => json.Contains(HostilePages.Sponsor, StringComparison.Ordinal));
        Assert.DoesNotContain(stored, json => json.Contains('Ã', StringComparison.Ordinal) || json.Contains("\\u0000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scripts_iframes_and_500_mentioned_nct_ids_never_become_trials_or_values()
    {
        var harness = await CreateAsync();
        var entries = new List<IngestionEntry>();
        foreach (var name in new[] { "html-scripts.html", "nct-500.txt" })
        {
            await UploadAsync(harness.Incoming, HostileCorpus.Cases(0).Single(c => c.Name == name));
            entries.Add(await harness.Pipeline.IngestAsync(harness.Incoming.Name, name));
        }

        Assert.Equal(["NCT09900031", "NCT09900034"], entries.Select(e => Assert.Single(e.TrialKeys).ToUpperInvariant()));
        var scripted = (await harness.Store.ReadAsync("ResearchStudy", "nct09900031"))!.Json;
        Assert.DoesNotContain("NCT09999999", scripted, StringComparison.Ordinal);
        Assert.DoesNotContain("NCT09999998", scripted, StringComparison.Ordinal);
        Assert.DoesNotContain("Terminated", scripted, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"status\":\"active\"", scripted, StringComparison.Ordinal);
        var cited = (await harness.Store.ReadAsync("ResearchStudy", "nct09900034"))!.Json;
        Assert.Contains("NCT08000499", cited, StringComparison.Ordinal);
        Assert.Null(await harness.Store.ReadAsync("ResearchStudy", "nct08000000"));
    }

    [Fact]
    public async Task A_seed_page_with_an_impossible_date_and_enrollment_in_words_is_ingested_with_warnings_naming_both_fields()
    {
        var hostile = HostileCorpus.Cases(0).Single(c => c.Name == "garbled-seed.txt");
        var harness = await CreateAsync();
        await UploadAsync(harness.Incoming, hostile);

        var returned = await harness.Pipeline.IngestAsync(harness.Incoming.Name, hostile.Name);

        var entry = (await harness.Pipeline.Log.ListAsync(null, hostile.Name, 10, null)).Entries.Single(e => e.EntryId == returned.EntryId);
        Assert.Equal(IngestionOutcome.IngestedWithWarnings, entry.Outcome);
        Assert.Contains(entry.Warnings, w => w.StartsWith("dates.start: '31/02/2024' is not a date", StringComparison.Ordinal));
        Assert.Contains(entry.Warnings, w => w.StartsWith("Enrollment:", StringComparison.Ordinal) && w.Contains("'lots'", StringComparison.Ordinal));
        var study = (ResearchStudy)FhirJson.Parse((await harness.Store.ReadAsync("ResearchStudy", HostileCorpus.GarbledNctId.ToLowerInvariant()))!.Json);
        Assert.Contains("Inclusion Body Myositis", study.Title, StringComparison.Ordinal);
        Assert.Contains(study.Identifier, i => i.Value == HostileCorpus.GarbledNctId);
        Assert.Contains(study.Condition, c => c.Text == "Inclusion Body Myositis");
        Assert.Null(study.Period?.Start);
        Assert.Equal("2024-04", study.Period?.End);
    }

    /// <summary>
    /// The page is 10,000 studies. Measured once here (two cores shared with other builds, Azurite being one
    /// Node thread): 1,000 studies of 64 KB took 132 s, about 130 ms a trial with 4 in flight, so 10,000 would take over
    /// 20 minutes. CI runs 250 studies (about 20 s) of the same 64 MB, each study larger: the memory bound below is
    /// what proves streaming, and it does not depend on the count. FHIRTRIALS_HOSTILE_PAGE_STUDIES=10000 runs the
    /// issue's page.
    /// </summary>
    private static int PageStudies =>
        int.TryParse(Environment.GetEnvironmentVariable("FHIRTRIALS_HOSTILE_PAGE_STUDIES"), out var studies) && studies > 0 ? studies : 250;

    /// <summary>
    /// Live heap growth allowed while the 64 MB page is ingested: a few trials in flight and the reader's window. The
    /// page read whole would hold its 64 MB of bytes before the first trial; its records as strings twice that.
    /// </summary>
    private const long PageHeapBound = 32L * 1024 * 1024;

    [Fact]
    public async Task A_ctgov_page_of_thousands_of_studies_is_ingested_streaming_in_bounded_memory()
    {
        var studies = PageStudies;
        var hostile = HostileCorpus.Cases(studies).Single(c => c.Name.StartsWith("ctgov-page-", StringComparison.Ordinal));
        Assert.True(hostile.Length > 3 * PageHeapBound / 2, "the page must be much larger than the memory bound");
        var harness = await CreateAsync();
        await UploadAsync(harness.Incoming, hostile);

        var (returned, elapsed, memory) = await MeasureAsync(() => harness.Pipeline.IngestAsync(harness.Incoming.Name, hostile.Name));

        var entry = await harness.Pipeline.Log.FindAsync(returned.EntryId);
        Assert.NotNull(entry);
        AssertOutcome(hostile, entry);
        Assert.Equal(studies, entry.TrialCount);
        Assert.Equal(entry.ResourceCount, entry.ChangedResourceCount);
        Assert.True(entry.ResourceCount >= studies * 4, $"{entry.ResourceCount} resources for {studies} studies");
        Assert.Equal(Math.Min(studies, IngestionEntry.MaxListedTrials), entry.TrialKeys.Count);
        Assert.Equal(Math.Min(entry.ResourceCount, IngestionEntry.MaxListedResources), entry.Resources.Count);
        Assert.NotNull(await harness.Store.ReadAsync("ResearchStudy", HostilePages.CtGovNctId(studies - 1).ToLowerInvariant()));
        Assert.True(memory.HeapGrowth < PageHeapBound, $"{studies} studies: {memory.Describe()}");
        // Generous (about four times the 130 ms a trial measured here) to catch a hang or a quadratic step, not to benchmark.
        Assert.True(elapsed < TimeSpan.FromMilliseconds(500 * studies) + TimeSpan.FromSeconds(60), $"{studies} studies took {elapsed}; {memory.Describe()}");
    }

    internal static void AssertOutcome(HostileCase hostile, IngestionEntry entry)
    {
        var said = string.Join(" | ", [.. entry.Errors, .. entry.Warnings.Take(5)]);
        Assert.True(hostile.Expected == entry.Outcome, $"{hostile.Name}: expected {hostile.Expected}, got {entry.Outcome}: {said}");
        switch (hostile.Expected)
        {
            case IngestionOutcome.Rejected:
                Assert.Contains(hostile.Reason!, entry.Errors[0], StringComparison.Ordinal);
                break;
            case IngestionOutcome.IngestedWithWarnings:
                Assert.True(entry.Warnings.Any(w => w.Contains(hostile.Reason!, StringComparison.Ordinal)), $"{hostile.Name}: no warning says '{hostile.Reason}': {said}");
                break;
            default:
                Assert.Empty(entry.Errors);
                break;
        }
    }

    internal static async Task<(T Result, TimeSpan Elapsed, MemorySampler Memory)> MeasureAsync<T>(Func<Task<T>> action)
    {
        var memory = MemorySampler.Start();
        var clock = Stopwatch.StartNew();
        T result;
        try
        {
            result = await action();
        }
        finally
        {
            clock.Stop();
            memory.Stop();
        }

        return (result, clock.Elapsed, memory);
    }
}
