using System.IO.Compression;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FhirTrials.Core.Search;
using FhirTrials.Storage.Archives;
using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.Pipeline;
using FhirTrials.Storage.Resources;
using FhirTrials.TestSupport;
using FhirTrials.TestSupport.Hostile;

namespace FhirTrials.Storage.Tests.Archives;

public sealed class ArchiveIngestionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private sealed record Harness(TrialStorage Storage, TableResourceStore Store, IngestionPipeline Pipeline, BlobContainerClient Incoming, StoragePolicy Policy);

    private async Task<Harness> CreateAsync(ArchiveLimits? limits = null)
    {
        var options = new PipelineOptions { PoisonContainer = StorageNames.Container("poison"), Archives = limits ?? new ArchiveLimits() };
        var incoming = StorageNames.Container("incoming");
        var (storage, policy) = await TestStorage.CreateAsync(azurite, incoming, options.PoisonContainer);
        var store = new TableResourceStore(storage, SearchIndexer.Extract);
        return new Harness(storage, store, new IngestionPipeline(storage, store, options), storage.BlobService.GetBlobContainerClient(incoming), policy);
    }

    private static async Task<IngestionEntry> IngestAsync(Harness harness, string name, byte[] zip, string? contentType = null)
    {
        await harness.Incoming.GetBlobClient(name).UploadAsync(
            new BinaryData(zip), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } });
        return await harness.Pipeline.IngestAsync(harness.Incoming.Name, name);
    }

    private static async Task<bool> StoredAsync(Harness harness, int study) =>
        await harness.Store.ReadAsync("ResearchStudy", HostilePages.CtGovNctId(study).ToLowerInvariant()) is not null;

    [Fact]
    public async Task A_registry_style_zip_is_ingested_entry_by_entry_and_every_study_is_stored()
    {
        const int Studies = 300;
        var harness = await CreateAsync();

        var entry = await IngestAsync(harness, "ctg-studies.json.zip", TestZips.Registry(Studies));

        Assert.True(entry.Outcome == IngestionOutcome.Ingested, $"{entry.Outcome}: {string.Join(" | ", [.. entry.Errors, .. entry.Warnings])}");
        var summary = Assert.IsType<ArchiveSummary>(entry.Archive);
        // 100 folders (the last two digits) and Contents.txt are skipped, not errors.
        Assert.Equal((Studies + 101, Studies, 0, 101, 0), (summary.Entries, summary.Ingested, summary.Unchanged, summary.Skipped, summary.Rejected));
        Assert.Equal(["Contents.txt: not a trial document (Contents.txt)"], summary.Reasons);
        Assert.Equal(Studies, entry.TrialCount);
        for (var study = 0; study < Studies; study++)
        {
            Assert.True(await StoredAsync(harness, study), $"study {study} not stored");
        }

        // Each entry is its own source document, named after the blob and the entry.
        var trialKey = entry.TrialKeys[0];
        var source = Assert.Single(await new TrialSources(harness.Storage).ListAsync(trialKey));
        var keyed = int.Parse(trialKey[^7..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("ctg-studies.json.zip/" + TestZips.StudyName(keyed), source.DocumentName);
        // Read by range: a handful of requests on the blob, not one per entry.
        Assert.True(summary.Requests <= 3, $"{summary.Requests} range requests");
    }

    [Fact]
    public async Task The_same_archive_uploaded_again_is_counted_unchanged_entry_by_entry()
    {
        var harness = await CreateAsync();
        var zip = TestZips.Registry(20);
        await IngestAsync(harness, "weekly.zip", zip);

        var again = await IngestAsync(harness, "weekly.zip", zip);

        Assert.Equal(IngestionOutcome.Unchanged, again.Outcome);
        Assert.Equal((0, 20), (again.Archive!.Ingested, again.Archive.Unchanged));
        Assert.Equal(0, again.ChangedResourceCount);
    }

    [Fact]
    public async Task A_zip_under_another_name_is_sniffed_and_read_as_an_archive()
    {
        var harness = await CreateAsync();

        var entry = await IngestAsync(harness, "download.bin", TestZips.Build([new("a/s1.json", TestZips.Study(1)), new("a/s2.json", TestZips.Study(2))]));

        Assert.Equal(IngestionOutcome.Ingested, entry.Outcome);
        Assert.Equal("ZIP archive", entry.Format);
        Assert.True(await StoredAsync(harness, 1) && await StoredAsync(harness, 2));
    }

    public static TheoryData<string> HostileCases => new(Hostile.Keys.Order(StringComparer.Ordinal));

    /// <summary>
    /// Each hostile archive holds one good study (1) and the hostile entry, which carries study 2 where it can: without
    /// the guard, study 2 would be stored (or the reason would differ).
    /// </summary>
    private static readonly Dictionary<string, (Func<byte[]> Zip, string Reason, ArchiveLimits? Limits)> Hostile = new()
    {
        ["bomb ratio"] = (() => With(new TestZips.Entry("bomb.json", TestZips.Zeros(16 * 1024 * 1024))), "zip bomb", null),
        ["lying header"] = (() => TestZips.DeclareSize(With(new TestZips.Entry("liar.json", [.. TestZips.Study(2), .. TestZips.Zeros(4 * 1024 * 1024)])), "liar.json", 1000),
            "lies about its size", null),
        ["oversize entry"] = (() => With(new TestZips.Entry("big.json", TestZips.Study(2, padding: 200_000))), "limit per entry", new ArchiveLimits { MaxEntryBytes = 100_000 }),
        ["nested zip by name"] = (() => With(new TestZips.Entry("inner.zip", TestZips.Build([new("s2.json", TestZips.Study(2))]))), "nested archive", null),
        ["nested zip by content"] = (() => With(new TestZips.Entry("inner.json", TestZips.Build([new("s2.json", TestZips.Study(2))]))), "nested archive", null),
        ["encrypted"] = (() => TestZips.MarkEncrypted(With(new TestZips.Entry("secret.json", TestZips.Study(2))), "secret.json"), "encrypted", null),
        ["parent folder"] = (() => With(new TestZips.Entry("../x.json", TestZips.Study(2))), "'..'", null),
        ["absolute path"] = (() => With(new TestZips.Entry("/abs.json", TestZips.Study(2))), "absolute path", null),
        ["drive letter"] = (() => With(new TestZips.Entry("C:\\x.json", TestZips.Study(2))), "drive letter", null),
        ["duplicate names"] = (() => With(new TestZips.Entry("dup.json", TestZips.Study(2)), new TestZips.Entry("dup.json", TestZips.Study(3))), "ambiguous", null),
    };

    private static byte[] With(params TestZips.Entry[] hostile) => TestZips.Build([new("good/s1.json", TestZips.Study(1)), .. hostile]);

    [Theory]
    [MemberData(nameof(HostileCases))]
    public async Task Each_hostile_entry_is_set_aside_with_its_reason_and_the_rest_is_ingested(string name)
    {
        var (zip, reason, limits) = Hostile[name];
        var harness = await CreateAsync(limits);

        var entry = await IngestAsync(harness, "hostile.zip", zip());

        var said = string.Join(" | ", [.. entry.Errors, .. entry.Archive?.Reasons ?? []]);
        Assert.True(entry.Archive?.Reasons.Any(r => r.Contains(reason, StringComparison.Ordinal)) == true, $"{name}: no reason says '{reason}': {said}");
        Assert.True(await StoredAsync(harness, 1), $"{name}: the good study was not stored: {said}");
        Assert.False(await StoredAsync(harness, 2), $"{name}: the hostile entry's study was stored");
        Assert.False(await StoredAsync(harness, 3), $"{name}: the hostile entry's study was stored");
        Assert.Equal(1, entry.Archive!.Ingested);
    }

    [Fact]
    public async Task Refused_entries_are_warnings_of_the_upload_and_skipped_ones_are_not()
    {
        var harness = await CreateAsync();

        var entry = await IngestAsync(harness, "mixed.zip", With(new TestZips.Entry("Contents.txt", "s1"u8.ToArray()), new TestZips.Entry("../x.json", TestZips.Study(2))));

        Assert.Equal(IngestionOutcome.IngestedWithWarnings, entry.Outcome);
        Assert.Equal(["../x.json: the name climbs out of the archive with '..'"], entry.Warnings);
        Assert.Equal((1, 1, 1), (entry.Archive!.Ingested, entry.Archive.Skipped, entry.Archive.Rejected));
    }

    [Fact]
    public async Task Too_many_entries_reject_the_whole_archive_with_its_reason()
    {
        var harness = await CreateAsync(new ArchiveLimits { MaxEntries = 20 });
        var zip = TestZips.Build(Enumerable.Range(0, 25).Select(i => new TestZips.Entry($"s{i}.json", TestZips.Study(i))));

        var entry = await IngestAsync(harness, "many.zip", zip);

        Assert.Equal(IngestionOutcome.Rejected, entry.Outcome);
        Assert.Equal("The ZIP archive declares 25 entries, over the 20 limit (setting ArchiveMaxEntries); it was not opened.", Assert.Single(entry.Errors));
        Assert.NotNull(entry.PoisonCopy);
        Assert.False(await StoredAsync(harness, 0));
    }

    [Fact]
    public async Task An_archive_larger_than_max_blob_bytes_is_still_opened_by_range()
    {
        var harness = await CreateAsync();
        var options = new PipelineOptions { PoisonContainer = StorageNames.Container("poison"), MaxBlobBytes = 1024 };
        var (storage, _) = await TestStorage.CreateAsync(azurite, harness.Incoming.Name + "x", options.PoisonContainer);
        var pipeline = new IngestionPipeline(storage, new TableResourceStore(storage, SearchIndexer.Extract), options);
        var container = storage.BlobService.GetBlobContainerClient(harness.Incoming.Name + "x");
        await container.GetBlobClient("big.zip").UploadAsync(new BinaryData(TestZips.Build([new("s1.json", TestZips.Study(1, padding: 5000), CompressionLevel.NoCompression)])));

        var entry = await pipeline.IngestAsync(container.Name, "big.zip");

        Assert.Equal(IngestionOutcome.Ingested, entry.Outcome);
    }
}
