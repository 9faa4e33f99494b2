using FhirTrials.Storage.Ingestion;
using FhirTrials.TestSupport;

namespace FhirTrials.Storage.Tests.Ingestion;

public sealed class IngestionLogTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static IngestionEntry Entry(string blob, string version, IngestionOutcome outcome, int minute, int attempts = 1) =>
        new(IngestionLog.EntryIdFor(blob, version), blob, version, outcome, Start.AddMinutes(minute), Start.AddMinutes(minute).AddSeconds(2), attempts)
        {
            ContentHash = "abc",
            Warnings = outcome == IngestionOutcome.IngestedWithWarnings ? ["Start date '31/02/2024' is not a valid date"] : [],
            Resources = [new IngestedResource("ResearchStudy", "nct05032131", "1", true)],
        };

    private async Task<IngestionLog> CreateAsync(params IngestionEntry[] entries)
    {
        var (storage, _) = await TestStorage.CreateAsync(azurite);
        var log = new IngestionLog(storage);
        foreach (var entry in entries)
        {
            await log.WriteAsync(entry);
        }

        return log;
    }

    [Fact]
    public async Task Entries_list_newest_first_and_read_back_whole()
    {
        var log = await CreateAsync(
            Entry("a.txt", "v1", IngestionOutcome.Ingested, 1),
            Entry("b.txt", "v1", IngestionOutcome.IngestedWithWarnings, 3),
            Entry("c.txt", "v1", IngestionOutcome.Rejected, 2));

        var page = await log.ListAsync(null, null, 10, null);

        Assert.Equal(["b.txt", "c.txt", "a.txt"], page.Entries.Select(e => e.BlobName));
        Assert.Null(page.Continuation);
        var b = page.Entries[0];
        Assert.Equal(["Start date '31/02/2024' is not a valid date"], b.Warnings);
        Assert.Equal(TimeSpan.FromSeconds(2), b.Duration);
        Assert.Equal(new IngestedResource("ResearchStudy", "nct05032131", "1", true), Assert.Single(b.Resources));
    }

    [Fact]
    public async Task Entries_filter_by_outcome_by_blob_and_by_both()
    {
        var log = await CreateAsync(
            Entry("dir/o'hare?.txt", "v1", IngestionOutcome.Failed, 1),
            Entry("dir/o'hare?.txt", "v2", IngestionOutcome.Ingested, 2),
            Entry("other.txt", "v1", IngestionOutcome.Failed, 3));

        var failed = await log.ListAsync(IngestionOutcome.Failed, null, 10, null);
        var blob = await log.ListAsync(null, "dir/o'hare?.txt", 10, null);
        var both = await log.ListAsync(IngestionOutcome.Failed, "dir/o'hare?.txt", 10, null);

        Assert.Equal(["other.txt", "dir/o'hare?.txt"], failed.Entries.Select(e => e.BlobName));
        Assert.Equal(["v2", "v1"], blob.Entries.Select(e => e.BlobVersion));
        Assert.Equal(["v1"], both.Entries.Select(e => e.BlobVersion));
    }

    [Fact]
    public async Task Pages_follow_their_continuation_until_the_last_without_repeats()
    {
        var log = await CreateAsync(Enumerable.Range(0, 7).Select(i => Entry($"doc{i}.txt", "v1", IngestionOutcome.Ingested, i)).ToArray());

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await log.ListAsync(null, null, 3, token);
            seen.AddRange(page.Entries.Select(e => e.BlobName));
            token = page.Continuation;
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Reverse().Select(i => $"doc{i}.txt"), seen);
    }

    [Fact]
    public async Task A_retry_updates_the_same_entry_and_moves_it_between_outcome_listings()
    {
        var log = await CreateAsync(Entry("a.txt", "v1", IngestionOutcome.Failed, 1));

        await log.WriteAsync(Entry("a.txt", "v1", IngestionOutcome.Ingested, 5, attempts: 2));

        var all = await log.ListAsync(null, null, 10, null);
        var entry = Assert.Single(all.Entries);
        Assert.Equal((IngestionOutcome.Ingested, 2), (entry.Outcome, entry.Attempts));
        Assert.Empty((await log.ListAsync(IngestionOutcome.Failed, null, 10, null)).Entries);
        Assert.Single((await log.ListAsync(IngestionOutcome.Ingested, null, 10, null)).Entries);
        Assert.Equal(2, (await log.FindAsync(IngestionLog.EntryIdFor("a.txt", "v1")))!.Attempts);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("JyBvciBQYXJ0aXRpb25LZXkgbmUgJw")]
    public async Task A_continuation_token_not_issued_by_the_log_is_refused_clearly(string token)
    {
        var log = await CreateAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => log.ListAsync(null, null, 10, token));

        Assert.Contains("continuation token", error.Message, StringComparison.Ordinal);
    }
}
