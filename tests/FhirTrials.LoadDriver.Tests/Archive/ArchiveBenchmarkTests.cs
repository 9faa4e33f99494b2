using FhirTrials.LoadDriver.Archive;
using FhirTrials.Storage.Ingestion;
using FhirTrials.TestSupport;

namespace FhirTrials.LoadDriver.Tests.Archive;

public sealed class ArchiveBenchmarkTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_small_archive_run_through_the_work_queue_serves_every_study_writes_a_floor_and_measures_the_unchanged_reupload()
    {
        // 12 studies in items of 5 entries (folder entries count too): the upload is split and goes through the queue.
        var options = DriverOptions.Parse(["archive", "--studies", "12", "--delay-ms", "1", "--item-studies", "5"]);

        var run = await ArchiveBenchmark.RunAsync(options, azurite.ConnectionString, CancellationToken.None);

        Assert.Equal(12, run.Served);
        Assert.True(run.First.Progress!.ItemsTotal > 1, "the upload was split into work items");
        Assert.Equal(run.First.Progress.ItemsTotal, run.First.Progress.ItemsDone);
        Assert.Equal((12, 0, 0), ArchiveBenchmark.Counts(run.First));
        Assert.Equal(IngestionOutcome.Unchanged, run.Again.Outcome);
        Assert.Equal((0, 12, 0), ArchiveBenchmark.Counts(run.Again));
        // The floor writes the same final rows without reads, claims or per-row requests: it cannot need more requests.
        Assert.InRange(run.FloorRequestsPerStudy, 0.1, run.RequestsPerStudy);
        // The floor's rows, rebuilt from our accepted writes, are the rows Azurite held for our run.
        Assert.Empty(run.FloorCheck.Differences);
        Assert.True(run.FloorCheck.Partitions > 0 && run.FloorCheck.RowsCompared > 0, "the floor's rows were compared with Azurite's");
        var printed = run.Table.ToString();
        Assert.Contains("ratio ours / baseline (wall time)", printed, StringComparison.Ordinal);
        Assert.Contains("unchanged re-upload: storage requests per study", printed, StringComparison.Ordinal);
        Assert.Contains("first ingestion, requests per study: Sources transaction", printed, StringComparison.Ordinal);
        Assert.Contains("| studies served after the re-upload, version unchanged ", printed, StringComparison.Ordinal);
        Assert.Contains("| phase: baseline ", printed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "archive" }, 10_000, 0)]
    [InlineData(new[] { "archive", "--quick" }, 300, 0)]
    [InlineData(new[] { "archive", "--studies", "2000", "--delay-ms", "10" }, 2_000, 10)]
    [InlineData(new[] { "archive", "--delay-ms", "0" }, 10_000, 0)]
    [InlineData(new[] { "archive", "--item-studies", "50" }, 10_000, 0)]
    public void The_archive_command_takes_its_size_and_delay_from_the_arguments(string[] args, int studies, int delayMs)
    {
        var options = DriverOptions.Parse(args);

        Assert.Equal(["archive"], options.Benchmarks);
        Assert.Equal((studies, delayMs), (options.ArchiveStudies, options.DelayMs));
    }
}
