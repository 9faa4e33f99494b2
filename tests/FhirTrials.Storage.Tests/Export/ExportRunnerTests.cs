using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using FhirTrials.Storage.Export;
using FhirTrials.Storage.Resources;
using FhirTrials.Storage.WorkQueue;
using FhirTrials.TestSupport;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace FhirTrials.Storage.Tests.Export;

public sealed class ExportRunnerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int Studies = 25;

    [Fact]
    public async Task A_slice_that_crashed_after_writing_its_file_is_redone_and_every_study_is_exported_exactly_once()
    {
        var crash = new CrashOnce();
        var (storage, _, runner, queue) = await CreateAsync(crash);
        await SeedAsync(storage);
        var job = await StartAsync(runner, since: null);
        // The second slice dies after its file is written, before its part row says so: the queue delivers it again.
        crash.Arm(req => req.Method == RequestMethod.Put && req.Uri.ToString().Contains("RowKey='ResearchStudy%20000001'", StringComparison.Ordinal));

        var failures = await DrainAsync(runner, queue);

        Assert.Equal(1, failures);
        var done = await runner.Jobs.GetAsync(job.Id);
        Assert.Equal(ExportStatus.Completed, done!.Status);
        var parts = await runner.Jobs.PartsAsync(job.Id);
        Assert.Equal([10, 10, 5], parts.Where(p => p.Blob is not null).Select(p => p.Count));
        var ids = new List<string>();
        foreach (var part in parts.Where(p => p.Blob is not null))
        {
            var text = (await storage.ExportFiles.GetBlobClient(part.Blob).DownloadContentAsync()).Value.Content.ToString();
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(part.Count, lines.Length);
            ids.AddRange(lines.Select(l => FhirJson.Parse(l).Id!));
        }

        Assert.Equal(Studies, ids.Count);
        Assert.Equal(Studies, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_since_export_reads_the_changed_rows_only_one_point_read_each_and_no_scan_of_the_store()
    {
        var (storage, policy, runner, queue) = await CreateAsync(new CrashOnce());
        await SeedAsync(storage);
        var store = new TableResourceStore(storage, TestIndexer.Extract);
        // The bulk writer stamps each resource as it gets to it: T is the latest of them.
        var since = (await storage.Changes.QueryAsync<TableEntity>().ToListAsync()).Max(r => r.GetDateTimeOffset("LastUpdated")!.Value);
        await Task.Delay(5);
        await store.WriteAsync(TestIndexer.Study("s007", "Changed 7"));
        await store.WriteAsync(TestIndexer.Study("s013", "Changed 13"));
        var job = await StartAsync(runner, since);
        policy.ClearRequests();

        await DrainAsync(runner, queue);

        var parts = await runner.Jobs.PartsAsync(job.Id);
        var part = Assert.Single(parts);
        var lines = (await storage.ExportFiles.GetBlobClient(part.Blob).DownloadContentAsync()).Value.Content.ToString()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["Changed 13", "Changed 7"], lines.Select(l => ((ResearchStudy)FhirJson.Parse(l)).Title));
        var resources = policy.Requests.Where(r => r.Contains(storage.Names.Resources, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, resources.Count);
        Assert.All(resources, r => Assert.Contains("RowKey='s0", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_since_export_of_more_changes_than_a_slice_goes_on_from_the_last_change_row_each_change_once()
    {
        var (storage, _, runner, queue) = await CreateAsync(new CrashOnce());
        await SeedAsync(storage);
        var since = (await storage.Changes.QueryAsync<TableEntity>().ToListAsync()).Max(r => r.GetDateTimeOffset("LastUpdated")!.Value);
        await Task.Delay(5);
        var store = new TableResourceStore(storage, TestIndexer.Extract);
        foreach (var i in Enumerable.Range(0, 12))
        {
            // s000 changed twice: exported once, at its newest version.
            await store.WriteAsync(TestIndexer.Study("s" + (i % 11).ToString("D3", CultureInfo.InvariantCulture), $"Changed {i}"));
        }

        var job = await StartAsync(runner, since);
        await DrainAsync(runner, queue);

        var parts = (await runner.Jobs.PartsAsync(job.Id)).Where(p => p.Blob is not null).ToList();
        Assert.Equal(2, parts.Count);
        var studies = new List<ResearchStudy>();
        foreach (var part in parts)
        {
            var text = (await storage.ExportFiles.GetBlobClient(part.Blob).DownloadContentAsync()).Value.Content.ToString();
            studies.AddRange(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (ResearchStudy)FhirJson.Parse(l)));
        }

        Assert.Equal(11, studies.Count);
        Assert.Equal(11, studies.Select(s => s.Id).Distinct().Count());
        Assert.Equal(("3", "Changed 11"), (studies.Single(s => s.Id == "s000").Meta?.VersionId, studies.Single(s => s.Id == "s000").Title));
    }

    [Fact]
    public async Task A_full_export_gives_a_resource_changed_after_the_transaction_time_at_the_version_current_then()
    {
        var (storage, _, runner, queue) = await CreateAsync(new CrashOnce());
        await SeedAsync(storage);
        var job = await StartAsync(runner, since: null);
        await Task.Delay(5);
        await new TableResourceStore(storage, TestIndexer.Extract).WriteAsync(TestIndexer.Study("s003", "Changed after the kick-off"));

        await DrainAsync(runner, queue);

        var texts = await Task.WhenAll((await runner.Jobs.PartsAsync(job.Id)).Where(p => p.Blob is not null)
            .Select(async p => (await storage.ExportFiles.GetBlobClient(p.Blob).DownloadContentAsync()).Value.Content.ToString()));
        var s003 = texts.SelectMany(t => t.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Select(l => (ResearchStudy)FhirJson.Parse(l)).Single(s => s.Id == "s003");
        Assert.Equal(("1", "Trial 3"), (s003.Meta?.VersionId, s003.Title));
    }

    private async Task<(TrialStorage Storage, StoragePolicy Policy, ExportRunner Runner, WorkQueueClient Queue)> CreateAsync(CrashOnce crash)
    {
        var (provisioned, policy) = await TestStorage.CreateAsync(azurite);
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        tableOptions.AddPolicy(crash, HttpPipelinePosition.PerCall);
        tableOptions.Retry.MaxRetries = 0;
        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        var storage = TrialStorage.Connect(azurite.ConnectionString, provisioned.Names.Prefix, tableOptions, blobOptions);
        var queue = WorkQueueClient.Connect(azurite.ConnectionString, StorageNames.Container("export"));
        await queue.EnsureCreatedAsync();
        var runner = new ExportRunner(storage, new ExportJobs(storage, TimeProvider.System), queue, new ExportOptions { SliceResources = 10 });
        return (storage, policy, runner, queue);
    }

    private static async Task SeedAsync(TrialStorage storage)
    {
        var store = new TableResourceStore(storage, TestIndexer.Extract);
        var writer = new BulkVersionWriter(storage, store.Rows, store.Writer);
        await writer.WriteAsync(
            Enumerable.Range(0, Studies).Select(i => (Resource)TestIndexer.Study("s" + i.ToString("D3", CultureInfo.InvariantCulture), $"Trial {i}")),
            _ => true, CancellationToken.None);
    }

    private static async Task<ExportJob> StartAsync(ExportRunner runner, DateTimeOffset? since)
    {
        var now = DateTimeOffset.UtcNow;
        var job = new ExportJob(ExportJobs.NewJobId(), ExportStatus.Running, ["ResearchStudy"], [], since,
            new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero), "test");
        await runner.StartAsync(job);
        return job;
    }

    /// <summary>Plays the queue's consumer: a slice that throws is delivered again at once, as after its visibility timeout.</summary>
    private static async Task<int> DrainAsync(ExportRunner runner, WorkQueueClient queue)
    {
        var failures = 0;
        while (true)
        {
            var messages = (await queue.Items.ReceiveMessagesAsync(32)).Value;
            if (messages.Length == 0)
            {
                return failures;
            }

            foreach (var message in messages)
            {
                var slice = WorkItem.Parse(message.MessageText).Export!;
                try
                {
                    await runner.ProcessAsync(slice);
                }
                catch (RequestFailedException)
                {
                    failures++;
                    await runner.ProcessAsync(slice);
                }

                await queue.DeleteAsync(message);
            }
        }
    }

    /// <summary>Fails the first request matching what it is armed with, as a process killed at that point would.</summary>
    private sealed class CrashOnce : HttpPipelinePolicy
    {
        private Func<Request, bool>? _match;

        public void Arm(Func<Request, bool> match) => _match = match;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Check(message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Check(message);
            return ProcessNextAsync(message, pipeline);
        }

        private void Check(HttpMessage message)
        {
            if (_match is { } match && match(message.Request))
            {
                _match = null;
                throw new RequestFailedException(503, "Injected crash.");
            }
        }
    }
}
