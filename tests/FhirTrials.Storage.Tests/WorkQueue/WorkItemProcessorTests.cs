using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.WorkQueue;
using FhirTrials.TestSupport;
using FhirTrials.TestSupport.Hostile;

namespace FhirTrials.Storage.Tests.WorkQueue;

public sealed class WorkItemProcessorTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Every_study_of_a_split_page_is_served_and_the_entry_shows_progress_while_running_and_totals_at_the_end()
    {
        var harness = await WorkQueueHarness.CreateAsync(azurite);
        var blob = await harness.UploadAsync("pages/studies-250.json", WorkQueueHarness.StudiesPage(250));
        var split = await harness.Splitter.SplitOrIngestAsync(blob);

        // One item at a time: after the first, the entry is still running and says how far it is.
        var first = Assert.Single(await harness.Pump.RunOnceAsync(1));
        Assert.Equal(WorkItemOutcome.Processed, first.Outcome);
        var running = await harness.EntryAsync(split.EntryId);
        Assert.Equal(IngestionOutcome.Running, running.Outcome);
        Assert.Equal(1, running.Progress!.ItemsDone);
        Assert.Equal(first.Item!.Studies, running.Progress.StudiesIngested);
        Assert.Equal(first.Item.Studies, running.TrialCount);
        Assert.True(running.Progress.ElapsedSeconds >= 0);

        var rest = await harness.DrainAsync();

        Assert.Equal(2, rest.Count);
        Assert.All(rest, m => Assert.Null(m.Error));
        var done = await harness.EntryAsync(split.EntryId);
        Assert.Equal(IngestionOutcome.Ingested, done.Outcome);
        Assert.Equal((3, 3, 0), (done.Progress!.ItemsTotal, done.Progress.ItemsDone, done.Progress.ItemsPoisoned));
        Assert.Equal((250, 0, 0, 0), (done.Progress.StudiesIngested, done.Progress.StudiesUnchanged, done.Progress.StudiesRejected, done.Progress.StudiesFailed));
        Assert.Equal(250, done.TrialCount);
        Assert.True(done.ChangedResourceCount >= 250);
        Assert.Equal(done.Progress.UpdatedAt, done.FinishedAt);
        for (var i = 0; i < 250; i++)
        {
            Assert.True(await harness.Store.ReadAsync("ResearchStudy", WorkQueueHarness.StudyId(i)) is not null, $"study {i} is not served");
        }

        // The finished upload is listed once, under its final outcome.
        var running2 = await harness.Pipeline.Log.ListAsync(IngestionOutcome.Running, null, 10, null);
        Assert.Empty(running2.Entries);
        Assert.Single((await harness.Pipeline.Log.ListAsync(IngestionOutcome.Ingested, null, 10, null)).Entries, e => e.EntryId == split.EntryId);
    }

    [Fact]
    public async Task A_registry_style_zip_of_250_studies_is_split_by_entry_and_every_study_is_served_with_Contents_txt_skipped()
    {
        var harness = await WorkQueueHarness.CreateAsync(azurite);
        var blob = await harness.UploadAsync("downloads/ctg-studies.json.zip", WorkQueueHarness.StudiesZip(250));

        var split = await harness.Splitter.SplitOrIngestAsync(blob);
        var items = (await harness.Queue.Items.PeekMessagesAsync(32)).Value.Select(m => WorkItem.Parse(m.MessageText)).OrderBy(i => i.Item).ToList();
        await harness.DrainAsync();

        Assert.Equal(IngestionOutcome.Running, split.Outcome);
        Assert.Equal((251, true, 3), (split.Progress!.Studies, split.Progress.Archive, split.Progress.ItemsTotal));
        Assert.All(items, i => Assert.True(i.Archive));
        // Each item carries its own range of the directory, one after the other, so none parses the others' records.
        Assert.All(items.Zip(items.Skip(1)), p => Assert.Equal(p.First.Directory!.End, p.Second.Directory!.Offset));
        var done = await harness.EntryAsync(split.EntryId);
        Assert.Equal(IngestionOutcome.Ingested, done.Outcome);
        Assert.Equal((3, 250, 1, 0), (done.Progress!.ItemsDone, done.Progress.StudiesIngested, done.Progress.EntriesSkipped, done.Progress.StudiesRejected));
        for (var i = 0; i < 250; i++)
        {
            Assert.True(await harness.Store.ReadAsync("ResearchStudy", WorkQueueHarness.StudyId(i)) is not null, $"study {i} is not served");
        }
    }

    [Fact]
    public async Task An_archive_item_queued_without_its_directory_range_reads_the_whole_directory_and_still_serves_its_studies()
    {
        var harness = await WorkQueueHarness.CreateAsync(azurite);
        var blob = await harness.UploadAsync("downloads/old-items.zip", WorkQueueHarness.StudiesZip(150));
        var split = await harness.Splitter.SplitOrIngestAsync(blob);
        var items = (await harness.Queue.Items.PeekMessagesAsync(32)).Value.Select(m => WorkItem.Parse(m.MessageText)).ToList();

        // As an item enqueued before items carried their range: the JSON has no "directory".
        foreach (var item in items)
        {
            var old = WorkItem.Parse((item with { Directory = null }).ToJson());
            Assert.DoesNotContain("directory", old.ToJson(), StringComparison.Ordinal);
            Assert.Equal(WorkItemOutcome.Processed, await harness.Processor.ProcessAsync(old, 1));
        }

        var done = await harness.EntryAsync(split.EntryId);
        Assert.Equal((2, 150, 1), (done.Progress!.ItemsDone, done.Progress.StudiesIngested, done.Progress.EntriesSkipped));
        for (var i = 0; i < 150; i++)
        {
            Assert.True(await harness.Store.ReadAsync("ResearchStudy", WorkQueueHarness.StudyId(i)) is not null, $"study {i} is not served");
        }
    }

    [Fact]
    public async Task A_commit_applied_but_answered_as_a_conflict_after_a_retry_counts_its_study_as_ingested_not_unchanged()
    {
        var harness = await WorkQueueHarness.CreateAsync(azurite);
        var blob = await harness.UploadAsync("pages/studies-20.json", WorkQueueHarness.StudiesPage(20));
        var version = (await blob.GetPropertiesAsync()).Value.ETag.ToString();
        // The first commit transaction (it writes the trial's merge state in the Sources table) is applied, then sent again.
        harness.Policy.ReplayOnce(harness.Storage.Names.Sources + "(");

        var result = await harness.Pipeline.IngestSliceAsync(blob, version, 0, 20);

        Assert.Equal(1, harness.Policy.Replayed);
        Assert.Equal((20, 0), (result.Ingested, result.Unchanged));
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("1", (await harness.Store.ReadAsync("ResearchStudy", WorkQueueHarness.StudyId(i)))!.VersionId);
        }
    }

    [Fact]
    public async Task An_item_killed_part_way_and_redone_writes_no_second_version_and_counts_its_studies_once()
    {
        var harness = await WorkQueueHarness.CreateAsync(azurite);
        var blob = await harness.UploadAsync("pages/studies-150.json", WorkQueueHarness.StudiesPage(150));
        var split = await harness.Splitter.SplitOrIngestAsync(blob);
        var item = new WorkItem(blob.BlobContainerName, blob.Name, split.BlobVersion, split.EntryId, 0, 0, 100);

        // Storage goes away a few hundred requests into the item: some studies are written, some half-written.
        harness.Policy.FailAfter(400);
        await Assert.ThrowsAnyAsync<Exception>(() => harness.Processor.ProcessAsync(item, 1));
        harness.Policy.Heal();
        Assert.True(harness.Policy.InjectedFailures > 0);
        var partly = 0;
        for (var i = 0; i < 100; i++)
        {
            partly += await harness.Store.ReadAsync("ResearchStudy", WorkQueueHarness.StudyId(i)) is null ? 0 : 1;
        }

        var redone = await harness.Processor.ProcessAsync(item, 2);

        Assert.InRange(partly, 1, 99);
        Assert.Equal(WorkItemOutcome.Processed, redone);
        for (var i = 0; i < 100; i++)
        {
            var study = await harness.Store.ReadAsync("ResearchStudy", WorkQueueHarness.StudyId(i));
            Assert.Equal("1", study!.VersionId);
            Assert.Equal(1, await harness.HistoryRowsAsync("ResearchStudy", WorkQueueHarness.StudyId(i)));
        }

        var progress = (await harness.EntryAsync(split.EntryId)).Progress!;
        Assert.Equal(1, progress.ItemsDone);
        // The studies the killed attempt finished are found stored by the redo: counted once, as unchanged.
        Assert.Equal(100, progress.StudiesIngested + progress.StudiesUnchanged);
        Assert.InRange(progress.StudiesIngested, 100 - partly, 100);

        // The same message delivered once more: counted already, nothing read or written.
        harness.Policy.ClearRequests();
        Assert.Equal(WorkItemOutcome.AlreadyCounted, await harness.Processor.ProcessAsync(item, 3));
        Assert.DoesNotContain(harness.Policy.Requests, r => r.StartsWith("GET", StringComparison.Ordinal) && r.Contains(blob.Name, StringComparison.Ordinal));
        Assert.Equal(1, (await harness.EntryAsync(split.EntryId)).Progress!.ItemsDone);
    }

    [Fact]
    public async Task An_item_that_keeps_failing_goes_to_the_poison_queue_with_its_reason_and_the_rest_of_the_upload_completes()
    {
        var harness = await WorkQueueHarness.CreateAsync(azurite, new WorkQueueOptions { MaxAttempts = 3, RetryDelay = TimeSpan.Zero });
        var blob = await harness.UploadAsync("pages/studies-250.json", WorkQueueHarness.StudiesPage(250));
        var split = await harness.Splitter.SplitOrIngestAsync(blob);
        // Every storage request naming study 150 fails: its item (100 to 199) cannot finish, whatever the attempt.
        harness.Policy.FailMatching(HostilePages.CtGovNctId(150));

        var pumped = await harness.DrainAsync();

        harness.Policy.Heal();
        var failures = pumped.Where(m => m.Error is not null).ToList();
        Assert.Equal(3, failures.Count);
        Assert.All(failures, m => Assert.Equal(1, m.Item!.Item));
        Assert.True(failures[^1].Poisoned);
        var poisoned = Assert.Single((await harness.Queue.Poison.ReceiveMessagesAsync(32)).Value);
        Assert.Equal(1, WorkItem.Parse(poisoned.MessageText).Item);

        var entry = await harness.EntryAsync(split.EntryId);
        Assert.Equal(IngestionOutcome.PartlyFailed, entry.Outcome);
        Assert.Equal((3, 1), (entry.Progress!.ItemsDone, entry.Progress.ItemsPoisoned));
        Assert.Equal((150, 100), (entry.Progress.StudiesIngested, entry.Progress.StudiesFailed));
        var reason = Assert.Single(entry.Errors);
        Assert.Contains("item 1 (studies 100 to 199) failed 3 times and went to the poison queue", reason, StringComparison.Ordinal);
        Assert.Contains("Injected failure", reason, StringComparison.Ordinal);
        Assert.NotNull(await harness.Store.ReadAsync("ResearchStudy", WorkQueueHarness.StudyId(99)));
        Assert.NotNull(await harness.Store.ReadAsync("ResearchStudy", WorkQueueHarness.StudyId(200)));
        Assert.NotNull(await harness.Store.ReadAsync("ResearchStudy", WorkQueueHarness.StudyId(249)));
    }

    [Fact]
    public async Task An_item_of_a_blob_replaced_after_the_split_rejects_its_studies_with_the_reason()
    {
        var harness = await WorkQueueHarness.CreateAsync(azurite);
        var blob = await harness.UploadAsync("pages/studies-150.json", WorkQueueHarness.StudiesPage(150));
        var split = await harness.Splitter.SplitOrIngestAsync(blob);
        await harness.UploadAsync("pages/studies-150.json", WorkQueueHarness.StudiesPage(120));

        await harness.DrainAsync();

        var entry = await harness.EntryAsync(split.EntryId);
        Assert.Equal(IngestionOutcome.Rejected, entry.Outcome);
        Assert.Equal(150, entry.Progress!.StudiesRejected);
        Assert.Contains(entry.Warnings, w => w.Contains("replaced or deleted after it was split", StringComparison.Ordinal));
        Assert.Null(await harness.Store.ReadAsync("ResearchStudy", WorkQueueHarness.StudyId(0)));
    }
}
