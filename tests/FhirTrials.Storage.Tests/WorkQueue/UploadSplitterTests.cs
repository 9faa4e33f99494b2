using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.WorkQueue;
using FhirTrials.TestSupport;

namespace FhirTrials.Storage.Tests.WorkQueue;

public sealed class UploadSplitterTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_page_of_250_studies_becomes_3_items_of_at_most_100_and_the_entry_runs_with_their_total()
    {
        var harness = await WorkQueueHarness.CreateAsync(azurite);
        var blob = await harness.UploadAsync("pages/studies-250.json", WorkQueueHarness.StudiesPage(250));

        var entry = await harness.Splitter.SplitOrIngestAsync(blob);

        Assert.Equal(IngestionOutcome.Running, entry.Outcome);
        Assert.Equal((250, 3, 0, true), (entry.Progress!.Studies, entry.Progress.ItemsTotal, entry.Progress.ItemsDone, entry.Progress.Enqueued));
        var messages = (await harness.Queue.Items.PeekMessagesAsync(32)).Value.Select(m => WorkItem.Parse(m.MessageText)).OrderBy(i => i.Item).ToList();
        Assert.Equal([(0, 0, 100), (1, 100, 200), (2, 200, 250)], messages.Select(i => (i.Item, i.From, i.To)));
        Assert.All(messages, i => Assert.Equal((blob.BlobContainerName, blob.Name, entry.BlobVersion, entry.EntryId), (i.Container, i.BlobName, i.BlobVersion, i.EntryId)));
        var logged = await harness.EntryAsync(entry.EntryId);
        Assert.Equal(IngestionOutcome.Running, logged.Outcome);
        Assert.Equal(3, logged.Progress!.ItemsTotal);
        // Nothing of the studies is written by the split itself.
        Assert.Null(await harness.Store.ReadAsync("ResearchStudy", WorkQueueHarness.StudyId(0)));
    }

    [Fact]
    public async Task The_same_blob_version_delivered_again_enqueues_nothing_more()
    {
        var harness = await WorkQueueHarness.CreateAsync(azurite);
        var blob = await harness.UploadAsync("pages/studies-150.json", WorkQueueHarness.StudiesPage(150));

        var first = await harness.Splitter.SplitOrIngestAsync(blob);
        var again = await harness.Splitter.SplitOrIngestAsync(blob);

        Assert.Equal(first.EntryId, again.EntryId);
        Assert.Equal(2, (await harness.Queue.Items.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Equal(1, (await harness.EntryAsync(first.EntryId)).Attempts);
    }

    [Fact]
    public async Task A_split_that_failed_before_its_items_were_all_enqueued_enqueues_every_item_on_the_next_delivery()
    {
        var harness = await WorkQueueHarness.CreateAsync(azurite);
        var blob = await harness.UploadAsync("pages/studies-250.json", WorkQueueHarness.StudiesPage(250));
        await harness.Queue.Items.DeleteAsync();

        var failed = await harness.Splitter.SplitOrIngestAsync(blob);
        await harness.Queue.EnsureCreatedAsync();
        var retried = await harness.Splitter.SplitOrIngestAsync(blob);

        Assert.Equal(IngestionOutcome.Failed, failed.Outcome);
        Assert.Equal(IngestionOutcome.Running, retried.Outcome);
        Assert.Equal(2, retried.Attempts);
        Assert.Equal(3, (await harness.Queue.Items.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        await harness.DrainAsync();
        Assert.Equal(IngestionOutcome.Ingested, (await harness.EntryAsync(failed.EntryId)).Outcome);
    }

    [Fact]
    public async Task A_document_of_one_study_is_ingested_inline_as_before_with_no_item_and_no_progress()
    {
        var harness = await WorkQueueHarness.CreateAsync(azurite);
        var blob = await harness.UploadAsync("one.json", WorkQueueHarness.StudiesPage(1));
        harness.Policy.ClearRequests();

        var entry = await harness.Splitter.SplitOrIngestAsync(blob);

        // The splitter's properties (size, ETag) serve the inline ingestion too: asked for once.
        Assert.Single(harness.Policy.Requests, r => r.StartsWith("HEAD ", StringComparison.Ordinal) && r.Contains("one.json", StringComparison.Ordinal));
        Assert.Equal(IngestionOutcome.Ingested, entry.Outcome);
        Assert.Null(entry.Progress);
        Assert.Equal(0, (await harness.Queue.Items.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.NotNull(await harness.Store.ReadAsync("ResearchStudy", WorkQueueHarness.StudyId(0)));
    }

    [Fact]
    public async Task A_document_the_reader_refuses_is_rejected_inline_and_never_split()
    {
        var harness = await WorkQueueHarness.CreateAsync(azurite);
        var blob = await harness.UploadAsync("invoice.xml", "<?xml version=\"1.0\"?><invoice><total>3</total></invoice>"u8.ToArray());

        var entry = await harness.Splitter.SplitOrIngestAsync(blob);

        Assert.Equal(IngestionOutcome.Rejected, entry.Outcome);
        Assert.Equal(0, (await harness.Queue.Items.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }
}
