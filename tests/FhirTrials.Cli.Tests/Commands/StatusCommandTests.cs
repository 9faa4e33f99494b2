using FhirTrials.Storage;
using FhirTrials.Storage.Ingestion;
using FhirTrials.TestSupport;

namespace FhirTrials.Cli.Tests.Commands;

public sealed class StatusCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Status_lists_the_latest_ingestions_newest_first_with_outcome_and_reason()
    {
        var prefix = StorageNames.TablePrefix("status");
        var storage = TrialStorage.Connect(azurite.ConnectionString, prefix);
        await StorageProvisioner.EnsureCreatedAsync(storage, []);
        var log = new IngestionLog(storage);
        var older = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        await log.WriteAsync(new IngestionEntry(IngestionLog.EntryIdFor("good.json", "v1"), "good.json", "v1", IngestionOutcome.Ingested, older, older.AddSeconds(1), 1)
        {
            TrialCount = 1,
            ResourceCount = 7,
            ChangedResourceCount = 7,
        });
        await log.WriteAsync(new IngestionEntry(IngestionLog.EntryIdFor("menu.html", "v1"), "menu.html", "v1", IngestionOutcome.Rejected, older.AddHours(1), older.AddHours(1), 1)
        {
            Errors = ["No trial found: the page holds no registry identifier."],
        });

        var (exit, output, error) = await CliRunner.RunAsync("status", "--connection", azurite.ConnectionString, "--table-prefix", prefix);

        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("TIME (UTC)", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^2026-11-20 10:00:00  menu\.html  Rejected +No trial found: the page holds no registry identifier\.$", lines[1]);
        Assert.Matches(@"^2026-11-20 09:00:01  good\.json  Ingested +1 trial\(s\), 7 resource\(s\) \(7 changed\)$", lines[2]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task Status_on_storage_without_a_log_says_so()
    {
        var (exit, _, error) = await CliRunner.RunAsync("status", "--connection", azurite.ConnectionString, "--table-prefix", StorageNames.TablePrefix("none"));

        Assert.Equal(ExitCodes.StorageFailed, exit);
        Assert.Contains("no ingestion log for table prefix", error, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project src/FhirTrials.Server", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_outcome_is_refused_by_name()
    {
        var (exit, _, error) = await CliRunner.RunAsync("status", "--outcome", "Eaten", "--connection", azurite.ConnectionString);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--outcome 'Eaten' is not one of", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("many")]
    public async Task A_count_out_of_range_is_bad_usage(string count)
    {
        var (exit, _, error) = await CliRunner.RunAsync("status", "--count", count, "--connection", azurite.ConnectionString);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--count", error, StringComparison.Ordinal);
    }
}

public sealed class StatusDetailTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_archive_shows_what_became_of_its_entries()
    {
        var entry = new IngestionEntry("e", "trials.zip", "v1", IngestionOutcome.IngestedWithWarnings, At, At, 1)
        {
            Archive = new FhirTrials.Storage.Archives.ArchiveSummary(4, 2, 1, 1, 0, [], 3, 1000),
        };

        Assert.Equal("archive, 4 entries: 2 ingested, 1 unchanged, 1 skipped, 0 rejected", FhirTrials.Cli.Commands.StatusCommand.Detail(entry));
    }

    [Fact]
    public void A_rejected_document_shows_nothing_written()
    {
        var entry = new IngestionEntry("e", "menu.html", "v1", IngestionOutcome.Rejected, At, At, 1) { Errors = ["No trial found."] };

        Assert.Equal("", FhirTrials.Cli.Commands.StatusCommand.Detail(entry));
    }

    [Fact]
    public void A_split_upload_shows_its_items_and_studies_so_far()
    {
        var entry = new IngestionEntry("e", "ctg-studies.json.zip", "v1", IngestionOutcome.Running, At, At, 1)
        {
            Progress = new UploadProgress
            {
                Studies = 700,
                ItemsTotal = 7,
                ItemsDone = 3,
                StudiesIngested = 280,
                StudiesUnchanged = 16,
                StudiesRejected = 4,
                ElapsedSeconds = 12.4,
            },
        };

        Assert.Equal("items 3/7, 296 of 700 studies (280 ingested, 16 unchanged), 4 rejected, 12 s", FhirTrials.Cli.Commands.StatusCommand.Detail(entry));
    }
}
