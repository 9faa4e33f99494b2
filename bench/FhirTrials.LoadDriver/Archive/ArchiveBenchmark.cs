using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs;
using FhirTrials.Core.Fhir;
using FhirTrials.Core.Search;
using FhirTrials.LoadDriver.Reporting;
using FhirTrials.Storage;
using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.Pipeline;
using FhirTrials.Storage.Resources;
using FhirTrials.Storage.WorkQueue;

namespace FhirTrials.LoadDriver.Archive;

/// <summary>
/// Issue 14 item 6: a generated ctg-studies.json.zip of N studies uploaded and ingested through the real path until
/// every study is served, next to the floor of our storage design (the same final rows written by the bare SDK in the
/// fewest transactions); then the same archive uploaded again (a new blob version) and ingested unchanged. The floor's
/// rows are the writes Azurite accepted from our run, spooled by <see cref="WriteCapture"/> and replayed by
/// <see cref="FinalRows"/>, then checked against Azurite by <see cref="FloorCheck"/>: reading them back through
/// Azurite's queries scans the whole table per page, quadratic in the run's rows. Every phase prints its time.
/// </summary>
internal static class ArchiveBenchmark
{
    /// <summary>
    /// Work items processed at once, as a host does: the Server host's WorkQueueConcurrency default and host.json's
    /// queues.batchSize are both 4.
    /// </summary>
    private const int ItemsInFlight = 4;

    /// <summary>
    /// Requests in flight on the baseline side: as many as ours can have, each item in flight writing
    /// <see cref="PipelineOptions.MaxConcurrentTrials"/> requests at once.
    /// </summary>
    private static readonly int Concurrency = ItemsInFlight * new PipelineOptions().MaxConcurrentTrials;

    private const string BlobName = "ctg-studies.json.zip";

    /// <summary>Today's figure the issue measured (LoadDriver ingest --quick): 20 documents/s, 91 requests per document.</summary>
    private const double TodayStudiesPerSecond = 20;

    public sealed record Run(
        FigureTable Table, IngestionEntry First, IngestionEntry Again, int Served, double RequestsPerStudy, double FloorRequestsPerStudy, FloorCheck.Outcome FloorCheck);

    /// <param name="azuritePid">Azurite's process, whose CPU time is reported per side (none when null).</param>
    public static async Task<Run> RunAsync(DriverOptions options, string connectionString, CancellationToken cancellationToken, int? azuritePid = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var studies = options.ArchiveStudies;
        var delay = TimeSpan.FromMilliseconds(options.DelayMs);
        var id = Guid.NewGuid().ToString("N")[..6];
        var phases = new PhaseTimes(azuritePid);
        var plain = TrialStorage.Connect(connectionString, "ours" + id);
        var (oursCounter, floorCounter) = (new CountingPolicy(delay, "ours" + id), new CountingPolicy(delay, "floor" + id));
        using var capture = new WriteCapture();
        var ours = TrialStorage.Connect(connectionString, "ours" + id, oursCounter.TableOptions(capture), oursCounter.BlobOptions(capture));
        var incoming = ours.BlobService.GetBlobContainerClient("incoming-" + id);
        var host = await Host.CreateAsync(ours, connectionString, id, options.ItemStudies, oursCounter, cancellationToken).ConfigureAwait(false);
        var loadBefore = LoadAverage();

        Console.WriteLine($"archive: generating {studies:N0} CT.gov studies into {BlobName}");
        using var archive = await phases.RunAsync("archive generated", () => Task.FromResult(StudyArchive.Generate(studies))).ConfigureAwait(false);
        await phases.RunAsync("warm-up", () => WarmUpAsync(connectionString, delay, options.ItemStudies, cancellationToken)).ConfigureAwait(false);

        var upload = plain.BlobService.GetBlobContainerClient(incoming.Name).GetBlobClient(BlobName);
        await phases.RunAsync("archive uploaded", () => upload.UploadAsync(archive.Path, cancellationToken)).ConfigureAwait(false);
        Console.WriteLine($"archive: {archive.Bytes / 1048576.0:0.0} MiB uploaded; first ingestion through the work queue (delay {delay.TotalMilliseconds} ms per request)");
        var first = await phases.RunAsync("first ingestion", () => MeasureAsync(host, incoming.GetBlobClient(BlobName), oursCounter, azuritePid, cancellationToken)).ConfigureAwait(false);
        var azuriteAfterOurs = phases.AzuriteWorkingSetBytes;
        var store = new TableResourceStore(plain, SearchIndexer.Extract);
        var versions = await phases.RunAsync("every study read back", () => VersionsAsync(store, archive.NctIds, cancellationToken)).ConfigureAwait(false);

        Console.WriteLine("archive: the same archive uploaded again (new blob version), ingested unchanged");
        await upload.UploadAsync(archive.Path, overwrite: true, cancellationToken).ConfigureAwait(false);
        var again = await phases.RunAsync("unchanged re-upload", () => MeasureAsync(host, incoming.GetBlobClient(BlobName), oursCounter, azuritePid, cancellationToken)).ConfigureAwait(false);
        var versionsAgain = await phases.RunAsync("every study read back again", () => VersionsAsync(store, archive.NctIds, cancellationToken)).ConfigureAwait(false);

        // After the re-upload, whose log rows are part of the final rows; and after both peaks, so the rows held here
        // (280 per study, as the JSON sent) weigh on neither.
        var rows = await phases.RunAsync("final rows rebuilt from our accepted writes", () => Task.FromResult(FinalRows.Replay(capture.Close(), plain.Names.Prefix))).ConfigureAwait(false);
        var check = await phases.RunAsync("final rows checked against Azurite", () => FloorCheck.VerifyAsync(rows, plain.TableService, plain.Names.Prefix, 3, 2000, cancellationToken)).ConfigureAwait(false);
        foreach (var difference in check.Differences.Take(10))
        {
            Console.WriteLine($"archive: floor row differs: {difference}");
        }

        // Our tables are dropped before the floor writes its copy: Azurite holds every row in memory, and the floor
        // then writes into an emulator holding what ours wrote into (the warm-up's tables), not twice the run.
        await phases.RunAsync("our tables dropped", () => DropAsync(plain, cancellationToken)).ConfigureAwait(false);
        Console.WriteLine("archive: baseline (final rows, fewest transactions, bare SDK)");
        var floor = await phases.RunAsync("baseline", () => FloorAsync(connectionString, rows, "floor" + id, floorCounter, azuritePid, cancellationToken)).ConfigureAwait(false);

        var served = versions.Count;
        var table = Report(options, archive, first, again, floor.Result, served);
        var atOne = versions.Values.Count(v => v == "1");
        table.Add("ResearchStudy at version 1 after the first ingestion", atOne, "studies", $"= {studies}", atOne == studies);
        var unchangedVersions = archive.NctIds.Count(n => versions.TryGetValue(n, out var v) && versionsAgain.TryGetValue(n, out var w) && v == w);
        table.Add("studies served after the re-upload, version unchanged", unchangedVersions, "studies", $"= {studies}", unchangedVersions == studies);
        table.Add("our accepted writes replayed into the baseline's rows", capture.Writes, "requests");
        table.Add("baseline rows checked against Azurite (sampled partitions + point reads)", check.RowsCompared, "rows");
        table.Add("baseline rows differing from Azurite's", check.Differences.Count, "rows", "= 0", check.Differences.Count == 0);
        if (azuritePid is not null)
        {
            table.Add("driver CPU per study, first ingestion", first.Cpu.Driver.TotalMilliseconds / studies, "ms");
            table.Add("driver CPU per study, baseline", floor.Cpu.Driver.TotalMilliseconds / studies, "ms");
            table.Add("Azurite CPU per study, first ingestion", first.Cpu.Azurite.TotalMilliseconds / studies, "ms");
            table.Add("Azurite CPU per study, baseline", floor.Cpu.Azurite.TotalMilliseconds / studies, "ms");
            table.Add("Azurite working set after the first ingestion", azuriteAfterOurs / 1048576.0, "MiB");
        }

        foreach (var (phase, elapsed) in phases.Phases)
        {
            table.Add($"phase: {phase}", elapsed.TotalSeconds, "s");
        }

        table.Add("machine load average (1 min) before the run", loadBefore, "runnable");
        table.Add("machine load average (1 min) after the run", LoadAverage(), "runnable");
        return new Run(table, first.Entry, again.Entry, served, (double)first.Requests / studies, (double)floor.Result.Requests / studies, check);
    }

    private static async Task<(RowFloor.Result Result, CpuSample Cpu)> FloorAsync(
        string connectionString, FinalRows rows, string prefix, CountingPolicy counter, int? azuritePid, CancellationToken cancellationToken)
    {
        var floorStorage = TrialStorage.Connect(connectionString, prefix, counter.TableOptions(), counter.BlobOptions());
        var cpu = CpuSample.Take(azuritePid);
        var result = await RowFloor.WriteAsync(rows, floorStorage.TableService, floorStorage.BlobService, floorStorage.Names.Prefix, Concurrency, counter, cancellationToken)
            .ConfigureAwait(false);
        return (result, CpuSample.Take(azuritePid) - cpu);
    }

    private static async Task DropAsync(TrialStorage storage, CancellationToken cancellationToken)
    {
        foreach (var table in storage.Names.AllTables)
        {
            await storage.TableService.DeleteTableAsync(table, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed record Measured(IngestionEntry Entry, TimeSpan Elapsed, long Requests, long PeakWorkingSet, long PeakHeap, IReadOnlyDictionary<string, long> Kinds, CpuSample Cpu);

    /// <summary>What a host runs: the splitter for the new blob, and a pump consuming the work queue.</summary>
    private sealed record Host(IngestionPipeline Pipeline, UploadSplitter Splitter, WorkQueuePump Pump)
    {
        public static async Task<Host> CreateAsync(TrialStorage storage, string connectionString, string id, int itemStudies, CountingPolicy counter, CancellationToken cancellationToken)
        {
            var pipelineOptions = new PipelineOptions { PoisonContainer = "poison-" + id };
            await StorageProvisioner.EnsureCreatedAsync(storage, ["incoming-" + id, pipelineOptions.PoisonContainer], cancellationToken).ConfigureAwait(false);
            var queue = WorkQueueClient.Connect(connectionString, "work-" + id, counter.QueueOptions());
            await queue.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            var pipeline = new IngestionPipeline(storage, new TableResourceStore(storage, SearchIndexer.Extract), pipelineOptions);
            var queueOptions = new WorkQueueOptions { StudiesPerItem = itemStudies };
            return new Host(pipeline, new UploadSplitter(pipeline, storage, queue, queueOptions, pipelineOptions), new WorkQueuePump(queue, new WorkItemProcessor(pipeline, storage, queueOptions)));
        }
    }

    /// <summary>
    /// THE ingestion: the upload split into work items on the queue (as the blob trigger or the Server host's watcher
    /// does), then the queue consumed as the Server host's consumer does, <see cref="ItemsInFlight"/> items at a time,
    /// until the upload's entry has its final outcome. An upload of at most one item's studies is ingested inline.
    /// </summary>
    private static async Task<IngestionEntry> IngestAsync(Host host, BlobClient blob, CancellationToken cancellationToken)
    {
        var entry = await host.Splitter.SplitOrIngestAsync(blob, cancellationToken).ConfigureAwait(false);
        while (entry.Outcome == IngestionOutcome.Running)
        {
            var pumped = await host.Pump.RunOnceAsync(ItemsInFlight, cancellationToken).ConfigureAwait(false);
            if (pumped.FirstOrDefault(m => m.Error is not null) is { } failed)
            {
                throw new InvalidOperationException($"Work item {failed.Item?.Describe() ?? failed.MessageId} failed: {failed.Error!.Message}", failed.Error);
            }

            if (pumped.Count == 0)
            {
                entry = await host.Pipeline.Log.FindAsync(entry.EntryId, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"The upload's log entry {entry.EntryId} is gone.");
            }
        }

        return entry;
    }

    private static async Task<Measured> MeasureAsync(Host host, BlobClient blob, CountingPolicy counter, int? azuritePid, CancellationToken cancellationToken)
    {
        var before = counter.Requests;
        var cpu = CpuSample.Take(azuritePid);
        var kinds = counter.Kinds();
        IngestionEntry entry;
        var clock = Stopwatch.StartNew();
        var memory = PeakMemory.Start();
        using var progress = new Timer(_ => Console.WriteLine(
            $"archive:   {clock.Elapsed.TotalSeconds:0} s, {counter.Requests - before:N0} storage requests, working set peak {memory.PeakWorkingSetBytes / 1048576:N0} MiB"),
            null, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60));
        try
        {
            entry = await IngestAsync(host, blob, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            clock.Stop();
            await progress.DisposeAsync().ConfigureAwait(false);
            await memory.DisposeAsync().ConfigureAwait(false);
        }

        var spent = counter.Kinds().ToDictionary(k => k.Key, k => k.Value - kinds.GetValueOrDefault(k.Key), StringComparer.Ordinal);
        return new Measured(entry, clock.Elapsed, counter.Requests - before, memory.PeakWorkingSetBytes, memory.PeakHeapBytes, spent, CpuSample.Take(azuritePid) - cpu);
    }

    /// <summary>JIT, connection pools and Azurite's first tables, in tables of their own (their rows are not the run's).</summary>
    private static async Task WarmUpAsync(string connectionString, TimeSpan delay, int itemStudies, CancellationToken cancellationToken)
    {
        var id = "w" + Guid.NewGuid().ToString("N")[..5];
        var counter = new CountingPolicy(delay);
        var storage = TrialStorage.Connect(connectionString, "warm" + id, counter.TableOptions(), counter.BlobOptions());
        var host = await Host.CreateAsync(storage, connectionString, id, Math.Min(itemStudies, 4), counter, cancellationToken).ConfigureAwait(false);
        using var warm = StudyArchive.Generate(8);
        var blob = storage.BlobService.GetBlobContainerClient("incoming-" + id).GetBlobClient(BlobName);
        await blob.UploadAsync(warm.Path, cancellationToken).ConfigureAwait(false);
        await IngestAsync(host, blob, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every generated study read back as a ResearchStudy (point reads, not counted as ingestion requests): its current
    /// version by NCT id; a study not served is absent.
    /// </summary>
    private static async Task<Dictionary<string, string>> VersionsAsync(TableResourceStore store, IReadOnlyList<string> nctIds, CancellationToken cancellationToken)
    {
        var versions = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(nctIds, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (nct, ct) =>
        {
            if (await store.ReadAsync("ResearchStudy", FhirIds.Slug(nct), ct).ConfigureAwait(false) is { } stored)
            {
                versions[nct] = stored.VersionId;
            }
        }).ConfigureAwait(false);
        return new Dictionary<string, string>(versions, StringComparer.Ordinal);
    }

    private static FigureTable Report(DriverOptions options, StudyArchive archive, Measured first, Measured again, RowFloor.Result floor, int served)
    {
        var n = archive.Studies;
        var title = string.Create(CultureInfo.InvariantCulture,
            $"Archive ingestion ({n:N0} CT.gov studies in one json.zip of {archive.Bytes / 1048576.0:0.0} MiB, {options.DelayMs} ms added per storage request, concurrency {Concurrency}{(options.Quick ? ", quick" : "")})");
        var table = new FigureTable(title);
        var oursRate = n / first.Elapsed.TotalSeconds;
        table.AddAtLeast("first ingestion, ours", oursRate, "studies/s", 5 * TodayStudiesPerSecond);
        table.Add("baseline: final rows, fewest transactions, bare SDK", n / floor.Elapsed.TotalSeconds, "studies/s");
        table.AddAtMost("ratio ours / baseline (wall time)", first.Elapsed / floor.Elapsed, "x", 1.3);
        table.Add("first ingestion, ours", first.Elapsed.TotalSeconds, "s");
        table.Add("baseline", floor.Elapsed.TotalSeconds, "s");
        table.AddAtMost("storage requests per study, ours", (double)first.Requests / n, "requests", 15);
        table.Add("storage requests per study, baseline", (double)floor.Requests / n, "requests");
        table.Add("baseline rows per study (every table)", (double)floor.RowCount / n, "rows");
        table.Add("baseline transactions (one partition, <= 100 rows) + payload blobs", floor.Transactions + floor.BlobCount, "requests");
        table.Add($"rows per study in the busiest partition ({floor.Busiest.Name})", (double)floor.Busiest.Rows / n, "rows");
        table.Add("partitions written (every table)", floor.Partitions, "partitions");
        table.Add("work items (first ingestion)", first.Entry.Progress?.ItemsTotal ?? 0, "items");
        table.Add("studies served after the first ingestion", served, "studies", $"= {n}", served == n);
        var (ingested, _, rejected) = Counts(first.Entry);
        table.Add("first ingestion: entries ingested", ingested, "entries", $"= {n}", ingested == n);
        table.AddAtMost("first ingestion: entries rejected", rejected, "entries", 0);
        table.Add("peak working set during the first ingestion", first.PeakWorkingSet / 1048576.0, "MiB");
        table.Add("peak managed heap during the first ingestion", first.PeakHeap / 1048576.0, "MiB");
        table.Add("process peak working set (whole run)", Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, "MiB");
        table.AddAtMost("unchanged re-upload: storage requests per study", (double)again.Requests / n, "requests", 2);
        table.Add("unchanged re-upload", again.Elapsed.TotalSeconds, "s");
        table.AddAtLeast("unchanged re-upload: times faster than the first", first.Elapsed / again.Elapsed, "x", 5);
        var unchanged = Counts(again.Entry).Unchanged;
        table.Add("unchanged re-upload: entries unchanged", unchanged, "entries", $"= {n}", unchanged == n);
        table.Add("unchanged re-upload: resources changed", again.Entry.ChangedResourceCount, "resources", "= 0", again.Entry.ChangedResourceCount == 0);
        table.Add("peak working set during the re-upload", again.PeakWorkingSet / 1048576.0, "MiB");
        AddKinds(table, "first ingestion", first.Kinds, n);
        AddKinds(table, "unchanged re-upload", again.Kinds, n);
        AddKinds(table, "baseline", floor.Kinds, n);
        return table;
    }

    /// <summary>Where the requests went, by table or container and kind, per study (those of at least 0.01 per study).</summary>
    private static void AddKinds(FigureTable table, string phase, IReadOnlyDictionary<string, long> kinds, int studies)
    {
        foreach (var (kind, count) in kinds.Where(k => k.Value >= studies / 100.0).OrderByDescending(k => k.Value))
        {
            table.Add($"{phase}, requests per study: {kind}", (double)count / studies, "requests");
        }
    }

    /// <summary>Studies ingested, unchanged and rejected: from the progress of an upload split into work items, else from its archive summary.</summary>
    public static (int Ingested, int Unchanged, int Rejected) Counts(IngestionEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Progress is { } p
            ? (p.StudiesIngested, p.StudiesUnchanged, p.StudiesRejected)
            : (entry.Archive?.Ingested ?? 0, entry.Archive?.Unchanged ?? 0, entry.Archive?.Rejected ?? 0);
    }

    /// <summary>Other processes share these cores: the figures mean more next to how busy the machine was.</summary>
    private static double LoadAverage() =>
        File.Exists("/proc/loadavg")
            && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture, out var load)
            ? load
            : double.NaN;
}
