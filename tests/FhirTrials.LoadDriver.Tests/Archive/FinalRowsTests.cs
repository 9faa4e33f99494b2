using Azure;
using Azure.Data.Tables;
using FhirTrials.LoadDriver.Archive;
using FhirTrials.TestSupport;

namespace FhirTrials.LoadDriver.Tests.Archive;

public sealed class FinalRowsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Replaying_the_accepted_writes_gives_exactly_the_rows_azurite_holds()
    {
        var prefix = "cap" + Guid.NewGuid().ToString("N")[..6];
        using var capture = new WriteCapture();
        var options = new TableClientOptions();
        options.AddPolicy(capture, Azure.Core.HttpPipelinePosition.PerRetry);
        var service = new TableServiceClient(azurite.ConnectionString, options);
        var table = service.GetTableClient(prefix + "Rows");
        await table.CreateAsync();
        var other = service.GetTableClient("other" + prefix[3..]);
        await other.CreateAsync();

        // One of each write the service accepts, a transaction of several, and writes it refuses (which must not count).
        await table.AddEntityAsync(new TableEntity("p", "inserted") { ["Text"] = "it's", ["Long"] = 5_000_000_000L, ["When"] = DateTimeOffset.UnixEpoch.AddDays(3), ["Bytes"] = new byte[] { 1, 2, 3 } });
        await table.UpsertEntityAsync(new TableEntity("p", "replaced") { ["A"] = 1, ["B"] = "gone after the replace" });
        await table.UpsertEntityAsync(new TableEntity("p", "replaced") { ["A"] = 2 }, TableUpdateMode.Replace);
        await table.UpsertEntityAsync(new TableEntity("p", "merged") { ["A"] = 1, ["B"] = 2.5 });
        await table.UpsertEntityAsync(new TableEntity("p", "merged") { ["B"] = 7L, ["C"] = true }, TableUpdateMode.Merge);
        await table.UpsertEntityAsync(new TableEntity("p", "deleted") { ["A"] = 1 });
        await table.DeleteEntityAsync("p", "deleted");
        await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("q'1", "a") { ["N"] = 1 }),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("q'1", "b") { ["N"] = 2 }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("q'1", "c") { ["N"] = 3 }),
        ]);
        await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.UpdateMerge, new TableEntity("q'1", "a") { ["M"] = "merged in a transaction" }, ETag.All),
            new(TableTransactionActionType.Delete, new TableEntity("q'1", "c"), ETag.All),
        ]);
        await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "inserted") { ["Text"] = "refused" }));
        await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.UpsertReplace, new TableEntity("q'1", "b") { ["N"] = 99 }),
            new(TableTransactionActionType.Add, new TableEntity("q'1", "a") { ["N"] = 100 }),
        ]));
        await other.AddEntityAsync(new TableEntity("p", "not the run's") { ["A"] = 1 });

        var rows = FinalRows.Replay(capture.Close(), prefix);

        var held = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            held.Add(row);
        }

        Assert.Equal(["Rows"], rows.Tables.Keys);
        var partitions = rows.Tables["Rows"];
        Assert.Equal(
            held.Select(r => $"{r.PartitionKey}/{r.RowKey}").Order(StringComparer.Ordinal),
            partitions.SelectMany(p => p.Value.Keys.Select(k => $"{p.Key}/{k}")).Order(StringComparer.Ordinal));
        Assert.Equal(5, held.Count);
        var differences = new List<string>();
        foreach (var row in held)
        {
            FloorCheck.Compare("Rows", row, partitions[row.PartitionKey][row.RowKey], differences);
        }

        Assert.Empty(differences);
        var merged = FinalRows.Entity("p", "merged", partitions["p"]["merged"]);
        Assert.Equal((1, 7L, true), (merged.GetInt32("A"), merged.GetInt64("B"), merged.GetBoolean("C")));
    }

    [Fact]
    public async Task The_check_reports_a_row_the_rebuilt_set_lacks_or_holds_differently()
    {
        var prefix = "chk" + Guid.NewGuid().ToString("N")[..6];
        using var capture = new WriteCapture();
        var options = new TableClientOptions();
        options.AddPolicy(capture, Azure.Core.HttpPipelinePosition.PerRetry);
        var table = new TableServiceClient(azurite.ConnectionString, options).GetTableClient(prefix + "Rows");
        await table.CreateAsync();
        await table.AddEntityAsync(new TableEntity("p", "a") { ["N"] = 1 });
        await table.AddEntityAsync(new TableEntity("p", "b") { ["N"] = 2 });
        var rows = FinalRows.Replay(capture.Close(), prefix);

        // Written behind the capture's back: the check must see both.
        var plain = new TableServiceClient(azurite.ConnectionString).GetTableClient(prefix + "Rows");
        await plain.AddEntityAsync(new TableEntity("p", "missed") { ["N"] = 3 });
        await plain.UpsertEntityAsync(new TableEntity("p", "b") { ["N"] = 20 }, TableUpdateMode.Replace);

        var outcome = await FloorCheck.VerifyAsync(rows, new TableServiceClient(azurite.ConnectionString), prefix, partitionsPerTable: 3, sampledRows: 10, CancellationToken.None);

        Assert.Contains(outcome.Differences, d => d.Contains("p/missed: in Azurite but not rebuilt", StringComparison.Ordinal));
        Assert.Contains(outcome.Differences, d => d.Contains("p/b: N is 20 in Azurite, 2 rebuilt", StringComparison.Ordinal));
    }
}
