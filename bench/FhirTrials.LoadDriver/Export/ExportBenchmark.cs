using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using FhirTrials.Core.Search;
using FhirTrials.LoadDriver.Archive;
using FhirTrials.LoadDriver.Reporting;
using FhirTrials.Storage;
using FhirTrials.Storage.Changes;
using FhirTrials.Storage.Export;
using FhirTrials.Storage.Pipeline;
using FhirTrials.Storage.Resources;
using FhirTrials.Storage.Tables;
using FhirTrials.Storage.WorkQueue;
using ResearchStudy = Hl7.Fhir.Model.ResearchStudy;

namespace FhirTrials.LoadDriver.Export;

/// <summary>
/// Issue 18: N CT.gov studies stored by the archive path's bulk writer (<see cref="ExportStoreLoader"/>: every type,
/// History and the change index as in production, no search index rows), then a system <c>$export</c> of every type run on the work queue as the Server host's consumer runs
/// it, next to the bare SDK reading the same rows and writing the same NDJSON files; then 100 studies changed and a
/// <c>_since</c> export, which should read on the order of 100 rows, not the store.
/// </summary>
internal static class ExportBenchmark
{
    /// <summary>Work items at once, the Server host's default WorkQueueConcurrency; the baseline reads as many types at once.</summary>
    private const int Concurrency = 4;
    private const int Changes = 100;

    public static async Task<FigureTable> RunAsync(DriverOptions options, string connectionString, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var studies = options.Studies;
        var id = Guid.NewGuid().ToString("N")[..6];
        var counter = new CountingPolicy(TimeSpan.Zero);
        var storage = TrialStorage.Connect(connectionString, "exp" + id, counter.TableOptions(), counter.BlobOptions());
        var pipelineOptions = new PipelineOptions { PoisonContainer = "poison-" + id };
        await StorageProvisioner.EnsureCreatedAsync(storage, [pipelineOptions.PoisonContainer], cancellationToken).ConfigureAwait(false);
        var store = new TableResourceStore(storage, SearchIndexer.Extract);
        var pipeline = new IngestionPipeline(storage, store, pipelineOptions);

        Console.WriteLine($"export: loading {studies:N0} generated CT.gov studies (every type, by the archive path's bulk writer, without search index rows)");
        var loaded = await new ExportStoreLoader(storage).LoadAsync(studies, cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"export: loaded in {loaded.TotalSeconds:0} s");

        var queue = WorkQueueClient.Connect(connectionString, "export-" + id);
        await queue.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var runner = new ExportRunner(storage, new ExportJobs(storage, TimeProvider.System), queue, new ExportOptions());
        var pump = new WorkQueuePump(queue, new WorkItemProcessor(pipeline, storage, new WorkQueueOptions()) { Exports = runner });
        var stored = await CountAsync(storage, cancellationToken).ConfigureAwait(false);

        Console.WriteLine($"export: system export of {stored.Values.Sum():N0} resources ({string.Join(", ", stored.Select(s => $"{s.Key} {s.Value:N0}"))})");
        var full = await ExportAsync(runner, pump, counter, null, cancellationToken).ConfigureAwait(false);
        Console.WriteLine("export: baseline (bare SDK: every type's rows read page by page, the same NDJSON files written)");
        var floor = await FloorAsync(storage, counter, cancellationToken).ConfigureAwait(false);

        Console.WriteLine($"export: {Changes} studies changed, then an export _since the last write before them");
        var since = await LatestChangeAsync(storage, cancellationToken).ConfigureAwait(false);
        await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        var changedIds = await ChangeStudiesAsync(storage, store, Changes, cancellationToken).ConfigureAwait(false);
        var incremental = await ExportAsync(runner, pump, counter, since, cancellationToken).ConfigureAwait(false);
        var changeRows = 0;
        foreach (var type in SearchParameterCatalog.ResourceTypes)
        {
            changeRows += await new ChangeReader(storage).ChangesAsync(type, since, incremental.Job.TransactionTime, cancellationToken: cancellationToken)
                .CountAsync(cancellationToken).ConfigureAwait(false);
        }

        var title = string.Create(CultureInfo.InvariantCulture,
            $"Bulk export ({studies:N0} CT.gov studies, {stored.Values.Sum():N0} resources of {stored.Count} types, work queue concurrency {Concurrency}, in process{(options.Quick ? ", quick" : "")})");
        var table = new FigureTable(title);
        var total = stored.Values.Sum();
        table.Add("system export, ours (kick-off to manifest)", full.Resources / full.Elapsed.TotalSeconds, "resources/s");
        table.Add("baseline: bare SDK reading the same rows, writing the same files", floor.Resources / floor.Elapsed.TotalSeconds, "resources/s");
        table.AddAtMost("ratio ours / baseline (wall time)", full.Elapsed / floor.Elapsed, "x", 2);
        table.Add("system export, ours", full.Elapsed.TotalSeconds, "s");
        table.Add("baseline", floor.Elapsed.TotalSeconds, "s");
        table.Add("resources exported (manifest counts)", full.Resources, "resources", $"= {total}", full.Resources == total);
        table.Add("storage requests, ours", full.Requests, "requests");
        table.Add("storage requests, baseline", floor.Requests, "requests");
        table.Add("output files", full.Files, "files");
        table.Add("peak working set during the export", full.PeakWorkingSet / 1048576.0, "MiB");
        table.Add("peak managed heap during the export", full.PeakHeap / 1048576.0, "MiB");
        table.Add("peak managed heap during the baseline", floor.PeakHeap / 1048576.0, "MiB");
        table.Add($"_since export after {Changes} changed studies", incremental.Elapsed.TotalSeconds, "s");
        table.Add("_since export: resources exported", incremental.Resources, "resources");
        table.Add("_since export: change-index rows in its range (what it reads)", changeRows, "rows", $"~ {Changes} x types changed, << {total}", changeRows < total / 10 || total < 10 * Changes);
        table.Add("_since export: storage requests", incremental.Requests, "requests");
        table.Add("_since export: studies changed found in it", incremental.StudyIds.Intersect(changedIds).Count(), "studies", $"= {Changes}", incremental.StudyIds.Intersect(changedIds).Count() == Changes);
        table.Add("machine load average (1 min) after the run", LoadAverage(), "runnable");
        return table;
    }

    private sealed record Measured(ExportJob Job, TimeSpan Elapsed, long Requests, int Resources, int Files, long PeakWorkingSet, long PeakHeap, HashSet<string> StudyIds);

    /// <summary>Kick-off to completion: the job started, the queue pumped as the Server host's consumer does, the files read back.</summary>
    private static async Task<Measured> ExportAsync(ExportRunner runner, WorkQueuePump pump, CountingPolicy counter, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var before = counter.Requests;
        var memory = PeakMemory.Start();
        var clock = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        var job = new ExportJob(ExportJobs.NewJobId(), ExportStatus.Running, SearchParameterCatalog.ResourceTypes, [], since,
            new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero), "benchmark");
        await runner.StartAsync(job, cancellationToken).ConfigureAwait(false);
        while ((await runner.Jobs.GetAsync(job.Id, cancellationToken).ConfigureAwait(false))?.Status == ExportStatus.Running)
        {
            foreach (var failed in (await pump.RunOnceAsync(Concurrency, cancellationToken).ConfigureAwait(false)).Where(m => m.Error is not null))
            {
                throw new InvalidOperationException($"{failed.Item?.Describe()} failed: {failed.Error!.Message}", failed.Error);
            }
        }

        clock.Stop();
        await memory.DisposeAsync().ConfigureAwait(false);
        var requests = counter.Requests - before;
        var parts = (await runner.Jobs.PartsAsync(job.Id, cancellationToken).ConfigureAwait(false)).Where(p => p.Blob is not null).ToList();
        var studyIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in parts.Where(p => p.Type == "ResearchStudy"))
        {
            var text = (await runner.Jobs.Files.GetBlobClient(part.Blob).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToString();
            studyIds.UnionWith(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => FhirJson.Parse(l).Id!));
        }

        Console.WriteLine($"export:   {parts.Sum(p => p.Count):N0} resources in {parts.Count} files, {clock.Elapsed.TotalSeconds:0.0} s, {requests:N0} requests");
        return new Measured(job, clock.Elapsed, requests, parts.Sum(p => p.Count), parts.Count, memory.PeakWorkingSetBytes, memory.PeakHeapBytes, studyIds);
    }

    private sealed record Floor(TimeSpan Elapsed, long Requests, int Resources, long PeakHeap);

    /// <summary>
    /// The floor of the same work: each type's partition read page by page (1,000 rows a request, the service's most),
    /// each page's JSON written as one NDJSON blob; types read concurrently as our slices are. No job, parts or queue.
    /// </summary>
    private static async Task<Floor> FloorAsync(TrialStorage storage, CountingPolicy counter, CancellationToken cancellationToken)
    {
        var before = counter.Requests;
        var memory = PeakMemory.Start();
        var clock = Stopwatch.StartNew();
        var container = storage.BlobService.GetBlobContainerClient(storage.Names.ExportContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var resources = 0;
        await Parallel.ForEachAsync(SearchParameterCatalog.ResourceTypes, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (type, ct) =>
        {
            var page = 0;
            await foreach (var rows in storage.Resources.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {type}"), maxPerPage: 1000, cancellationToken: ct).AsPages().ConfigureAwait(false))
            {
                var text = new StringBuilder();
                foreach (var row in rows.Values)
                {
                    text.Append(Encoding.UTF8.GetString(await PayloadColumns.ReadAsync(row, "Json", storage.Payloads, ct).ConfigureAwait(false))).Append('\n');
                }

                Interlocked.Add(ref resources, rows.Values.Count);
                await container.GetBlobClient($"floor/{type}-{page++}.ndjson").UploadAsync(BinaryData.FromString(text.ToString()), overwrite: true, ct).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        clock.Stop();
        await memory.DisposeAsync().ConfigureAwait(false);
        return new Floor(clock.Elapsed, counter.Requests - before, resources, memory.PeakHeapBytes);
    }

    private static async Task<Dictionary<string, int>> CountAsync(TrialStorage storage, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var type in SearchParameterCatalog.ResourceTypes)
        {
            var n = await storage.Resources.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {type}"), select: ["RowKey"], cancellationToken: cancellationToken)
                .CountAsync(cancellationToken).ConfigureAwait(false);
            if (n > 0)
            {
                counts[type] = n;
            }
        }

        return counts;
    }

    private static async Task<DateTimeOffset> LatestChangeAsync(TrialStorage storage, CancellationToken cancellationToken)
    {
        var latest = DateTimeOffset.MinValue;
        foreach (var type in SearchParameterCatalog.ResourceTypes)
        {
            // Newest first: the partition's first row is its latest change.
            await foreach (var row in storage.Changes.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {type}"), maxPerPage: 1, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                latest = Max(latest, row.GetDateTimeOffset(ChangeRows.LastUpdatedColumn) ?? latest);
                break;
            }
        }

        return latest;
    }

    /// <summary>Retitles <paramref name="count"/> stored studies through the one-resource writer (a new version each).</summary>
    private static async Task<HashSet<string>> ChangeStudiesAsync(TrialStorage storage, TableResourceStore store, int count, CancellationToken cancellationToken)
    {
        var ids = await storage.Resources.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"ResearchStudy"}"), select: ["RowKey"], cancellationToken: cancellationToken)
            .Select(r => r.RowKey).Take(count).ToListAsync(cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            var study = (ResearchStudy)FhirJson.Parse((await store.ReadAsync("ResearchStudy", id, ct).ConfigureAwait(false))!.Json);
            study.Title += " (amended)";
            await store.WriteAsync(study, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return [.. ids];
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static double LoadAverage() =>
        File.Exists("/proc/loadavg")
            && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture, out var load)
            ? load
            : double.NaN;
}
