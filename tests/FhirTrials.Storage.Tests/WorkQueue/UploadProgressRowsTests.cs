using FhirTrials.Storage.Ingestion;
using FhirTrials.TestSupport;

namespace FhirTrials.Storage.Tests.WorkQueue;

public sealed class UploadProgressRowsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Items_finishing_at_the_same_time_are_all_counted_and_a_repeated_item_is_counted_once()
    {
        var (storage, _) = await TestStorage.CreateAsync(azurite);
        var rows = new UploadProgressRows(storage);
        await rows.CreateAsync("0123456789abcdef01234567", new UploadProgress { Studies = 4000, StudiesPerItem = 100, ItemsTotal = 40 });

        await Task.WhenAll(Enumerable.Range(0, 40).Concat(Enumerable.Range(0, 10)).Select(item =>
            rows.ApplyAsync("0123456789abcdef01234567", item, p => p with { ItemsDone = p.ItemsDone + 1, StudiesIngested = p.StudiesIngested + 100 })));

        var progress = await rows.GetAsync("0123456789abcdef01234567");
        Assert.Equal((40, 4000, true), (progress!.ItemsDone, progress.StudiesIngested, progress.IsComplete));
        Assert.True(await rows.IsAppliedAsync("0123456789abcdef01234567", 39));
    }

    [Fact]
    public async Task Creating_the_row_again_keeps_the_counts_so_far()
    {
        var (storage, _) = await TestStorage.CreateAsync(azurite);
        var rows = new UploadProgressRows(storage);
        var start = new UploadProgress { Studies = 300, StudiesPerItem = 100, ItemsTotal = 3 };
        await rows.CreateAsync("abcdefabcdefabcdefabcdef", start);
        await rows.ApplyAsync("abcdefabcdefabcdefabcdef", 2, p => p with { ItemsDone = p.ItemsDone + 1 });

        await rows.CreateAsync("abcdefabcdefabcdefabcdef", start);

        Assert.Equal(1, (await rows.GetAsync("abcdefabcdefabcdefabcdef"))!.ItemsDone);
        Assert.False(await rows.IsAppliedAsync("abcdefabcdefabcdefabcdef", 0));
    }
}
