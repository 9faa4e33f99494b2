using System.Globalization;
using FhirTrials.Storage.Resources;
using FhirTrials.Storage.Search;
using FhirTrials.TestSupport;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace FhirTrials.Storage.Tests.Resources;

public sealed class BulkVersionWriterTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<(BulkVersionWriter Writer, TableResourceStore Store, TrialStorage Storage, StoragePolicy Policy)> CreateAsync()
    {
        var (storage, policy) = await TestStorage.CreateAsync(azurite);
        var store = new TableResourceStore(storage, TestIndexer.Extract);
        return (new BulkVersionWriter(storage, store.Rows, store.Writer), store, storage, policy);
    }

    private static List<Resource> Studies(int count, string title) =>
        [.. Enumerable.Range(0, count).Select(i => (Resource)TestIndexer.Study("s" + i.ToString("D3", CultureInfo.InvariantCulture), $"{title} {i}"))];

    private static Organization Sponsor(string name) => new() { Id = "org-shared", Name = name };

    [Fact]
    public async Task Fifty_new_resources_of_one_type_take_one_transaction_per_step_and_per_index_partition()
    {
        var (writer, store, storage, policy) = await CreateAsync();

        var results = await writer.WriteAsync(Studies(50, "Trial"), _ => true, CancellationToken.None);

        // Claims, history, change rows, commits: one transaction each; index rows: one per parameter (_id, title, identifier, status).
        Assert.Equal(8, policy.Requests.Count);
        Assert.All(policy.Requests, r => Assert.Contains("$batch", r, StringComparison.Ordinal));
        Assert.Equal(50, results.Count);
        Assert.All(results.Values, r => Assert.Equal(("1", true), (r.VersionId, r.Changed)));
        var read = (ResearchStudy)FhirJson.Parse((await store.ReadAsync("ResearchStudy", "s017"))!.Json);
        Assert.Equal("Trial 17", read.Title);
        Assert.Equal(["s017"], (await new TableIndexStore(storage).ExactAsync("ResearchStudy", "title", "trial 17").ToListAsync()).Select(h => h.Id));
    }

    [Fact]
    public async Task Rewriting_some_changed_resources_makes_version_2_of_those_only_and_removes_their_old_index_rows()
    {
        var (writer, store, storage, _) = await CreateAsync();
        await writer.WriteAsync(Studies(30, "Trial"), _ => true, CancellationToken.None);
        var next = Studies(30, "Trial");
        ((ResearchStudy)next[4]).Title = "Amended trial 4";

        // Told they are new although they exist: the refused inserts are read and claimed as updates.
        var results = await writer.WriteAsync(next, _ => true, CancellationToken.None);

        Assert.Equal(("2", true), (results["ResearchStudy/s004"].VersionId, results["ResearchStudy/s004"].Changed));
        Assert.All(results.Where(r => r.Key != "ResearchStudy/s004"), r => Assert.Equal(("1", false), (r.Value.VersionId, r.Value.Changed)));
        var index = new TableIndexStore(storage);
        Assert.Empty(await index.ExactAsync("ResearchStudy", "title", "trial 4").ToListAsync());
        Assert.Single(await index.ExactAsync("ResearchStudy", "title", "amended trial 4").ToListAsync());
        await StoreConsistency.AssertAsync(storage, store);
    }

    [Fact]
    public async Task Two_batches_at_once_writing_one_shared_resource_differently_keep_both_versions()
    {
        var (writer, store, storage, _) = await CreateAsync();

        await Task.WhenAll(
            writer.WriteAsync([.. Studies(20, "A"), Sponsor("Sponsor as batch A names it")], _ => true, CancellationToken.None),
            writer.WriteAsync([.. Studies(20, "B").Select(s => { s.Id = "b" + s.Id; return s; }), Sponsor("Sponsor as batch B names it")], _ => true, CancellationToken.None));

        var history = await store.HistoryAsync("Organization", "org-shared").ToListAsync();
        Assert.Equal(["2", "1"], history.Select(h => h.VersionId));
        Assert.Equal(
            ["Sponsor as batch A names it", "Sponsor as batch B names it"],
            history.Select(h => ((Organization)FhirJson.Parse(h.Json)).Name).Order(StringComparer.Ordinal));
        var current = await StoreConsistency.AssertAsync(storage, store);
        Assert.Equal(41, current.Count);
    }

    [Fact]
    public async Task A_resource_named_twice_in_one_batch_is_written_once()
    {
        var (writer, store, _, _) = await CreateAsync();

        var results = await writer.WriteAsync([Sponsor("Same sponsor"), TestIndexer.Study("s1", "One"), Sponsor("Same sponsor")], _ => true, CancellationToken.None);

        Assert.Equal(2, results.Count);
        Assert.Equal(1, await store.CurrentVersionAsync("Organization", "org-shared"));
    }
}
