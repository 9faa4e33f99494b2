using FhirTrials.Storage.Resources;
using FhirTrials.Storage.Search;
using FhirTrials.TestSupport;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace FhirTrials.Storage.Tests.Resources;

public sealed class TableResourceStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<(TableResourceStore Store, TableIndexStore Index, TrialStorage Storage, StoragePolicy Policy)> CreateAsync()
    {
        var (storage, policy) = await TestStorage.CreateAsync(azurite);
        return (new TableResourceStore(storage, TestIndexer.Extract), new TableIndexStore(storage), storage, policy);
    }

    [Fact]
    public async Task A_written_resource_reads_back_as_version_1_with_meta_set_by_the_store()
    {
        var (store, _, _, _) = await CreateAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var result = await store.WriteAsync(TestIndexer.Study("nct05032131", "Heart failure trial"));
        var read = await store.ReadAsync("ResearchStudy", "nct05032131");

        Assert.Equal(new ResourceWriteResult("ResearchStudy", "nct05032131", "1", true), result);
        Assert.NotNull(read);
        Assert.Equal("1", read.VersionId);
        Assert.InRange(read.LastUpdated, before, DateTimeOffset.UtcNow.AddSeconds(1));
        var parsed = (ResearchStudy)FhirJson.Parse(read.Json);
        Assert.Equal("Heart failure trial", parsed.Title);
        Assert.Equal("1", parsed.Meta?.VersionId);
        Assert.Equal(read.LastUpdated, parsed.Meta?.LastUpdated);
    }

    [Fact]
    public async Task Writing_the_same_content_again_writes_no_new_version()
    {
        var (store, _, _, _) = await CreateAsync();
        await store.WriteAsync(TestIndexer.Study("s1", "Same"));

        var again = TestIndexer.Study("s1", "Same");
        again.Meta = new Meta { VersionId = "77", LastUpdated = DateTimeOffset.UtcNow.AddDays(3) };
        var result = await store.WriteAsync(again);

        Assert.False(result.Changed);
        Assert.Equal("1", result.VersionId);
        Assert.Single(await store.HistoryAsync("ResearchStudy", "s1").ToListAsync());
    }

    [Fact]
    public async Task The_same_content_read_from_another_document_writes_no_new_version()
    {
        // A shared Organization or Practitioner comes with the meta.source of each trial's document that names it.
        var (store, _, _, _) = await CreateAsync();
        var first = TestIndexer.Study("s1", "Shared");
        first.Meta = new Meta { Source = "http://127.0.0.1/incoming/a.txt" };
        await store.WriteAsync(first);

        var again = TestIndexer.Study("s1", "Shared");
        again.Meta = new Meta { Source = "http://127.0.0.1/incoming/b.txt" };
        var result = await store.WriteAsync(again);

        Assert.False(result.Changed);
        var stored = await store.ReadAsync("ResearchStudy", "s1");
        Assert.Equal("http://127.0.0.1/incoming/a.txt", FhirJson.Parse(stored!.Json).Meta?.Source);
    }

    [Fact]
    public async Task A_first_write_adds_its_history_row_without_reading_it_first()
    {
        var (store, _, storage, policy) = await CreateAsync();

        await store.WriteAsync(TestIndexer.Study("s1", "New"));

        var history = policy.Requests.Where(r => r.Contains("/" + storage.Names.History, StringComparison.Ordinal)).ToList();
        Assert.Single(history);
        Assert.StartsWith("POST ", history[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_resource_becomes_version_2_and_version_1_stays_readable_in_history_newest_first()
    {
        var (store, _, _, _) = await CreateAsync();
        await store.WriteAsync(TestIndexer.Study("s1", "First title"));

        var result = await store.WriteAsync(TestIndexer.Study("s1", "Second title"));

        Assert.Equal("2", result.VersionId);
        Assert.Equal("2", (await store.ReadAsync("ResearchStudy", "s1"))!.VersionId);
        var v1 = await store.ReadVersionAsync("ResearchStudy", "s1", "1");
        Assert.Equal("First title", ((ResearchStudy)FhirJson.Parse(v1!.Json)).Title);
        var history = await store.HistoryAsync("ResearchStudy", "s1").ToListAsync();
        Assert.Equal(["2", "1"], history.Select(h => h.VersionId));
        Assert.Equal("Second title", ((ResearchStudy)FhirJson.Parse(history[0].Json)).Title);
        Assert.Null(await store.ReadVersionAsync("ResearchStudy", "s1", "3"));
    }

    [Fact]
    public async Task A_new_version_moves_the_index_rows_and_leaves_none_for_the_old_version()
    {
        var (store, index, _, _) = await CreateAsync();
        await store.WriteAsync(TestIndexer.Study("s1", "old title"));
        await store.WriteAsync(TestIndexer.Study("s1", "new title"));

        Assert.Empty(await index.ExactAsync("ResearchStudy", "title", "old title").ToListAsync());
        var hit = Assert.Single(await index.ExactAsync("ResearchStudy", "title", "new title").ToListAsync());
        Assert.Equal(("s1", "2"), (hit.Id, hit.VersionId));
        var ids = await index.ScanAsync("ResearchStudy", "_id").ToListAsync();
        Assert.Equal(["2"], ids.Select(h => h.VersionId));
    }

    [Fact]
    public async Task A_3_MB_plan_definition_stores_and_reads_back_whole()
    {
        var (store, _, storage, _) = await CreateAsync();
        var plan = LargePlan("big-plan", targetBytes: 3 * 1024 * 1024);

        await store.WriteAsync(plan);
        var read = await store.ReadAsync("PlanDefinition", "big-plan");

        Assert.True(read!.Json.Length > 3 * 1024 * 1024);
        var parsed = (PlanDefinition)FhirJson.Parse(read.Json);
        Assert.Equal(FhirJson.ContentHash(plan), FhirJson.ContentHash(parsed));
        Assert.NotEmpty(await storage.Payloads.GetBlobsAsync().ToListAsync());
    }

    [Fact]
    public async Task A_300_KB_resource_is_split_across_properties_of_one_entity_without_a_blob()
    {
        var (store, _, storage, _) = await CreateAsync();
        var plan = LargePlan("mid-plan", targetBytes: 300 * 1024);

        await store.WriteAsync(plan);
        var read = await store.ReadAsync("PlanDefinition", "mid-plan");

        Assert.Equal(FhirJson.ContentHash(plan), FhirJson.ContentHash(FhirJson.Parse(read!.Json)));
        Assert.Empty(await storage.Payloads.GetBlobsAsync().ToListAsync());
        var row = (await storage.Resources.GetEntityAsync<Azure.Data.Tables.TableEntity>("PlanDefinition", "mid-plan")).Value;
        Assert.True(row.GetInt32("JsonChunks") >= 5);
    }

    [Fact]
    public async Task Two_concurrent_writers_of_the_same_resource_both_land_as_separate_versions()
    {
        var (store, _, _, _) = await CreateAsync();
        await store.WriteAsync(TestIndexer.Study("s1", "base"));

        var results = await Task.WhenAll(
            store.WriteAsync(TestIndexer.Study("s1", "writer A")),
            store.WriteAsync(TestIndexer.Study("s1", "writer B")));

        Assert.Equal(["2", "3"], results.Select(r => r.VersionId).Order());
        var titles = (await store.HistoryAsync("ResearchStudy", "s1").ToListAsync())
            .Select(h => ((ResearchStudy)FhirJson.Parse(h.Json)).Title).ToList();
        Assert.Equal(3, titles.Count);
        Assert.Contains("writer A", titles);
        Assert.Contains("writer B", titles);
    }

    [Fact]
    public async Task A_write_cut_off_by_storage_failure_at_any_point_completes_on_retry_without_duplicates_or_dangling_index_rows()
    {
        for (var failAfter = 0; failAfter < 12; failAfter++)
        {
            var (store, index, _, policy) = await CreateAsync();
            await store.WriteAsync(TestIndexer.Study("s1", "before"));

            policy.FailAfter(failAfter);
            await Assert.ThrowsAnyAsync<Exception>(() => store.WriteAsync(TestIndexer.Study("s1", "after")));
            policy.Heal();
            var retried = await store.WriteAsync(TestIndexer.Study("s1", "after"));

            Assert.Equal("2", (await store.ReadAsync("ResearchStudy", "s1"))!.VersionId);
            Assert.Equal(["2", "1"], (await store.HistoryAsync("ResearchStudy", "s1").ToListAsync()).Select(h => h.VersionId));
            Assert.Empty(await index.ExactAsync("ResearchStudy", "title", "before").ToListAsync());
            Assert.Equal(["2"], (await index.ScanAsync("ResearchStudy", "_id").ToListAsync()).Select(h => h.VersionId));
            Assert.Equal("2", retried.VersionId);
        }
    }

    [Fact]
    public async Task A_claim_left_by_a_dead_writer_is_taken_over_by_other_content_once_abandoned()
    {
        var (storage, policy) = await TestStorage.CreateAsync(azurite);
        var store = new TableResourceStore(storage, TestIndexer.Extract) { AbandonPendingAfter = TimeSpan.Zero };
        await store.WriteAsync(TestIndexer.Study("s1", "v1"));
        policy.FailAfter(5); // read, claim, history read, history add, index rows: dies before the commit
        await Assert.ThrowsAnyAsync<Exception>(() => store.WriteAsync(TestIndexer.Study("s1", "dead writer")));
        policy.Heal();

        var result = await store.WriteAsync(TestIndexer.Study("s1", "other content"));

        Assert.Equal("2", result.VersionId);
        var index = new TableIndexStore(storage);
        Assert.Empty(await index.ExactAsync("ResearchStudy", "title", "dead writer").ToListAsync());
        Assert.Single(await index.ExactAsync("ResearchStudy", "title", "other content").ToListAsync());
    }

    [Fact]
    public async Task A_takeover_cut_off_after_its_claim_is_finished_by_its_retry_despite_the_dead_writers_history_row()
    {
        var (storage, policy) = await TestStorage.CreateAsync(azurite);
        var store = new TableResourceStore(storage, TestIndexer.Extract) { AbandonPendingAfter = TimeSpan.Zero };
        await store.WriteAsync(TestIndexer.Study("s1", "v1"));
        policy.FailAfter(4); // read, claim, history read, history add
        await Assert.ThrowsAnyAsync<Exception>(() => store.WriteAsync(TestIndexer.Study("s1", "dead writer")));
        policy.FailAfter(2); // read, claim: the dead writer's history row stays under the new claim
        await Assert.ThrowsAnyAsync<Exception>(() => store.WriteAsync(TestIndexer.Study("s1", "taker")));
        policy.Heal();

        var result = await store.WriteAsync(TestIndexer.Study("s1", "taker"));

        Assert.Equal("2", result.VersionId);
        var v2 = await store.ReadVersionAsync("ResearchStudy", "s1", "2");
        Assert.Equal("taker", ((ResearchStudy)FhirJson.Parse(v2!.Json)).Title);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("x' or PartitionKey ne '")]
    [InlineData("")]
    public async Task Invalid_ids_are_not_found_on_read_and_rejected_with_a_clear_error_on_write(string id)
    {
        var (store, _, _, _) = await CreateAsync();

        Assert.Null(await store.ReadAsync("ResearchStudy", id));
        Assert.Null(await store.ReadVersionAsync("ResearchStudy", id, "1"));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(new ResearchStudy { Id = id }));
        Assert.Contains("not a valid FHIR id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_ids_of_a_type_come_from_one_partition_in_id_order()
    {
        var (store, index, _, policy) = await CreateAsync();
        foreach (var id in new[] { "c", "a", "b" })
        {
            await store.WriteAsync(TestIndexer.Study(id, "t " + id));
        }

        policy.ClearRequests();
        var ids = await index.AllIdsAsync("ResearchStudy").ToListAsync();

        Assert.Equal(["a", "b", "c"], ids);
        var request = Assert.Single(policy.Requests);
        Assert.Contains("PartitionKey eq 'ResearchStudy'", request, StringComparison.Ordinal);
    }

    internal static PlanDefinition LargePlan(string id, int targetBytes)
    {
        var plan = new PlanDefinition { Id = id, Status = PublicationStatus.Active, Title = "Large protocol" };
        var i = 0;
        var size = 0;
        while (size < targetBytes)
        {
            var text = $"Action {i}: " + string.Concat(Enumerable.Repeat("assess eligibility criteria and record the visit ", 40));
            plan.Action.Add(new PlanDefinition.ActionComponent { Title = $"Visit {i++}", Description = text });
            size += text.Length + 40;
        }

        return plan;
    }

    [Fact]
    public async Task History_of_an_id_that_starts_another_id_holds_only_its_own_versions_newest_first()
    {
        var (store, _, storage, policy) = await CreateAsync();
        foreach (var (id, title) in new[] { ("s1", "First"), ("s1-2", "Other"), ("s1", "Second"), ("s1.5", "Another"), ("s1", "Third") })
        {
            await store.WriteAsync(TestIndexer.Study(id, title));
        }

        policy.ClearRequests();
        var history = await store.HistoryAsync("ResearchStudy", "s1").ToListAsync();
        var vread = await store.ReadVersionAsync("ResearchStudy", "s1", "2");

        Assert.Equal(["Third", "Second", "First"], history.Select(h => ((ResearchStudy)FhirJson.Parse(h.Json)).Title));
        Assert.Equal(["3", "2", "1"], history.Select(h => h.VersionId));
        Assert.Equal("Second", ((ResearchStudy)FhirJson.Parse(vread!.Json)).Title);
        // History: the current version's point read, then one range query of the type's partition; vread: two point reads.
        Assert.Contains(policy.Requests, r => r.Contains($"{storage.Names.History}()", StringComparison.Ordinal) && r.Contains("PartitionKey eq 'ResearchStudy'", StringComparison.Ordinal));
        Assert.Equal(4, policy.Requests.Count);
    }
}
