using System.Collections.Concurrent;
using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.WorkQueue;
using FhirTrials.TestSupport;

namespace FhirTrials.Storage.Tests.WorkQueue;

public sealed class WorkQueuePumpTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task While_two_items_are_stuck_the_third_slot_keeps_receiving_and_finishing_the_others()
    {
        var harness = await WorkQueueHarness.CreateAsync(azurite, new WorkQueueOptions { StudiesPerItem = 10, RetryDelay = TimeSpan.Zero });
        // The stuck upload is split first, so its two items are in the first receive.
        var slow = await harness.Splitter.SplitOrIngestAsync(await harness.UploadAsync("pages/slow-20.json", WorkQueueHarness.StudiesPage(20)));
        var fast = await harness.Splitter.SplitOrIngestAsync(await harness.UploadAsync("pages/fast-60.json", WorkQueueHarness.StudiesPage(60)));
        harness.Policy.HoldMatching("slow-20");
        var done = new ConcurrentQueue<PumpedMessage>();
        using var stop = new CancellationTokenSource();

        var running = harness.Pump.RunAsync(3, TimeSpan.FromMilliseconds(100), done.Enqueue, cancellationToken: stop.Token);
        var fastEntry = await WaitForAsync(harness, fast.EntryId, e => e.Outcome != IngestionOutcome.Running);
        var slowWhileHeld = await harness.EntryAsync(slow.EntryId);
        var heldRequests = harness.Policy.HeldRequests;
        harness.Policy.Release();
        var slowEntry = await WaitForAsync(harness, slow.EntryId, e => e.Outcome != IngestionOutcome.Running);
        await stop.CancelAsync();
        await running;

        // All six fast items went through the one free slot while both slow items held theirs.
        Assert.Equal(IngestionOutcome.Ingested, fastEntry.Outcome);
        Assert.Equal((6, 60), (fastEntry.Progress!.ItemsDone, fastEntry.Progress.StudiesIngested));
        Assert.Equal((IngestionOutcome.Running, 0), (slowWhileHeld.Outcome, slowWhileHeld.Progress!.ItemsDone));
        Assert.True(heldRequests >= 2, $"{heldRequests} requests of the slow upload were held");
        Assert.Equal((IngestionOutcome.Ingested, 2), (slowEntry.Outcome, slowEntry.Progress!.ItemsDone));
        Assert.Equal(8, done.Count(m => m.Outcome == WorkItemOutcome.Processed));
        // Reported in the order they finished: the slow ones last.
        Assert.All(done.TakeLast(2), m => Assert.Equal("pages/slow-20.json", m.Item!.BlobName));
    }

    private static async Task<IngestionEntry> WaitForAsync(WorkQueueHarness harness, string entryId, Func<IngestionEntry, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var entry = await harness.EntryAsync(entryId);
            if (condition(entry))
            {
                return entry;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Entry {entryId} did not reach the expected state within 3 minutes.");
    }
}
