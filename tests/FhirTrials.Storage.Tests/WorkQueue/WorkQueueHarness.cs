using System.IO.Compression;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using FhirTrials.Core.Search;
using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.Pipeline;
using FhirTrials.Storage.Resources;
using FhirTrials.Storage.WorkQueue;
using FhirTrials.TestSupport;
using FhirTrials.TestSupport.Hostile;

namespace FhirTrials.Storage.Tests.WorkQueue;

/// <summary>A pipeline, splitter, processor and pump over their own tables, containers and queues, storage requests seen by a policy.</summary>
internal sealed record WorkQueueHarness(
    TrialStorage Storage, StoragePolicy Policy, TableResourceStore Store, IngestionPipeline Pipeline, BlobContainerClient Incoming,
    WorkQueueClient Queue, UploadSplitter Splitter, WorkItemProcessor Processor, WorkQueuePump Pump)
{
    public static async Task<WorkQueueHarness> CreateAsync(AzuriteFixture azurite, WorkQueueOptions? options = null)
    {
        options ??= new WorkQueueOptions { RetryDelay = TimeSpan.Zero };
        // Batches smaller than an item, so an item writes several and a kill can land between two of them.
        var pipelineOptions = new PipelineOptions { PoisonContainer = StorageNames.Container("poison"), BatchTrials = 20 };
        var incoming = StorageNames.Container("incoming");
        var (storage, policy) = await TestStorage.CreateAsync(azurite, incoming, pipelineOptions.PoisonContainer);
        var store = new TableResourceStore(storage, SearchIndexer.Extract);
        var pipeline = new IngestionPipeline(storage, store, pipelineOptions);
        var queue = WorkQueueClient.Connect(azurite.ConnectionString, StorageNames.Container("items"));
        await queue.EnsureCreatedAsync();
        var processor = new WorkItemProcessor(pipeline, storage, options);
        return new WorkQueueHarness(
            storage, policy, store, pipeline, storage.BlobService.GetBlobContainerClient(incoming), queue,
            new UploadSplitter(pipeline, storage, queue, options, pipelineOptions), processor, new WorkQueuePump(queue, processor));
    }

    /// <summary>A CT.gov API v2 <c>/studies</c> page of distinct studies, large enough to be streamed by the reader.</summary>
    public static byte[] StudiesPage(int studies) =>
        Encoding.UTF8.GetBytes("{\"studies\":[" + string.Join(",\n", Enumerable.Range(0, studies).Select(i => HostilePages.CtGovStudy(i, 4000))) + "],\"totalCount\":" + studies + "}");

    /// <summary>A registry-style download: one CT.gov study per JSON entry in folders by the NCT number's last two digits, and Contents.txt.</summary>
    public static byte[] StudiesZip(int studies)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var contents = new StreamWriter(zip.CreateEntry("Contents.txt").Open()))
            {
                contents.Write($"{studies} studies");
            }

            for (var i = 0; i < studies; i++)
            {
                var id = HostilePages.CtGovNctId(i);
                using var entry = new StreamWriter(zip.CreateEntry($"{id[^2..]}/{id}.json").Open());
                entry.Write(HostilePages.CtGovStudy(i, 200));
            }
        }

        return buffer.ToArray();
    }

    public static string StudyId(int index) => HostilePages.CtGovNctId(index).ToLowerInvariant();

    public async Task<BlobClient> UploadAsync(string name, byte[] content)
    {
        var blob = Incoming.GetBlobClient(name);
        await blob.UploadAsync(new BinaryData(content), overwrite: true);
        return blob;
    }

    /// <summary>Runs the pump until the queue is empty (failed items come back at once: RetryDelay zero).</summary>
    public async Task<List<PumpedMessage>> DrainAsync(int concurrency = 4)
    {
        var pumped = new List<PumpedMessage>();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
        while (DateTime.UtcNow < deadline)
        {
            var batch = await Pump.RunOnceAsync(concurrency);
            pumped.AddRange(batch);
            if (batch.Count == 0 && (await Queue.Items.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0)
            {
                return pumped;
            }
        }

        throw new TimeoutException("The work queue did not drain within 4 minutes.");
    }

    public async Task<IngestionEntry> EntryAsync(string entryId) =>
        await Pipeline.Log.FindAsync(entryId) ?? throw new InvalidOperationException($"No entry {entryId}.");

    /// <summary>How many versions of a resource the History table holds.</summary>
    public async Task<int> HistoryRowsAsync(string type, string id)
    {
        var rows = 0;
        await foreach (var _ in Storage.History.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {ResourceKeys.HistoryPartition(type)} and RowKey gt {id + " "} and RowKey lt {id + "!"}"), select: ["RowKey"]))
        {
            rows++;
        }

        return rows;
    }
}
