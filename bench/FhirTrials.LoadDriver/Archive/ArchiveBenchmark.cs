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

namespace FhirTrials.LoadDriver.Archive;

/// <summary>
/// Issue 14 item 6: a generated ctg-studies.json.zip of N studies uploaded and ingested through the real path until
/// every study is served, next to the floor of our storage design (the same final rows written by the bare SDK in the
/// fewest transactions); then the same archive uploaded again (a new blob version) and ingested unchanged.
/// </summary>
internal static class ArchiveBenchmark
{
    /// <summary>Writes in flight on the baseline side: as many as the pipeline writes trials at once.</summary>
    private static readonly int Concurrency = new PipelineOptions().MaxConcurrentTrials;

    private const string BlobName = "ctg-studies.json.zip";

    /// <summary>Today's figure the issue measured (LoadDriver ingest --quick): 20 documents/s, 91 requests per document.</summary>
    private const double TodayStudiesPerSecond = 20;

    public sealed record Run(FigureTable Table, IngestionEntry First, IngestionEntry Again, int Served, double RequestsPerStudy, double FloorRequestsPerStudy);

    public static async Task<Run> RunAsync(DriverOptions options, string connectionString, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var studies = options.ArchiveStudies;
        var delay = TimeSpan.FromMilliseconds(options.DelayMs);
        var id = Guid.NewGuid().ToString("N")[..6];
        var plain = TrialStorage.Connect(connectionString, "ours" + id);
        var (oursCounter, floorCounter) = (new CountingPolicy(delay), new CountingPolicy(delay));
        var ours = TrialStorage.Connect(connectionString, "ours" + id, oursCounter.TableOptions(), oursCounter.BlobOptions());
        var incoming = ours.BlobService.GetBlobContainerClient("incoming-" + id);
        var pipelineOptions = new PipelineOptions { PoisonContainer = "poison-" + id };
        await StorageProvisioner.EnsureCreatedAsync(ours, [incoming.Name, pipelineOptions.PoisonContainer], cancellationToken).ConfigureAwait(false);
        var pipeline = new IngestionPipeline(ours, new TableResourceStore(ours, SearchIndexer.Extract), pipelineOptions);
        var loadBefore = LoadAverage();

        Console.WriteLine($"archive: generating {studies:N0} CT.gov studies into {BlobName}");
        using var archive = StudyArchive.Generate(studies);
        await WarmUpAsync(connectionString, delay, cancellationToken).ConfigureAwait(false);

        var upload = plain.BlobService.GetBlobContainerClient(incoming.Name).GetBlobClient(BlobName);
        await upload.UploadAsync(archive.Path, cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"archive: {archive.Bytes / 1048576.0:0.0} MiB uploaded; first ingestion (delay {delay.TotalMilliseconds} ms per request)");
        var first = await MeasureAsync(pipeline, incoming, oursCounter, cancellationToken).ConfigureAwait(false);
        var served = await ServedAsync(new TableResourceStore(plain, SearchIndexer.Extract), archive.NctIds, cancellationToken).ConfigureAwait(false);

        Console.WriteLine("archive: baseline (final rows, fewest transactions, bare SDK)");
        var rows = await RowFloor.ReadAsync(plain.TableService, plain.BlobService, plain.Names.Prefix, cancellationToken).ConfigureAwait(false);
        var floorStorage = TrialStorage.Connect(connectionString, "floor" + id, floorCounter.TableOptions(), floorCounter.BlobOptions());
        var floor = await RowFloor.WriteAsync(rows, floorStorage.TableService, floorStorage.BlobService, floorStorage.Names.Prefix, Concurrency, floorCounter, cancellationToken)
            .ConfigureAwait(false);

        Console.WriteLine("archive: the same archive uploaded again (new blob version), ingested unchanged");
        await upload.UploadAsync(archive.Path, overwrite: true, cancellationToken).ConfigureAwait(false);
        var again = await MeasureAsync(pipeline, incoming, oursCounter, cancellationToken).ConfigureAwait(false);

        var table = Report(options, archive, first, again, floor, served);
        table.Add("machine load average (1 min) before the run", loadBefore, "runnable");
        table.Add("machine load average (1 min) after the run", LoadAverage(), "runnable");
        return new Run(table, first.Entry, again.Entry, served, (double)first.Requests / studies, (double)floor.Requests / studies);
    }

    private sealed record Measured(IngestionEntry Entry, TimeSpan Elapsed, long Requests, long PeakWorkingSet, long PeakHeap);

    /// <summary>
    /// THE ingestion call, the one place to change when the queue (issue 14 item 2) lands: today the pipeline runs in
    /// process as the Server host's blob watcher calls it, and returns once every study is written.
    /// </summary>
    private static Task<IngestionEntry> IngestAsync(IngestionPipeline pipeline, BlobContainerClient incoming, CancellationToken cancellationToken) =>
        pipeline.IngestAsync(incoming.Name, BlobName, cancellationToken);

    private static async Task<Measured> MeasureAsync(IngestionPipeline pipeline, BlobContainerClient incoming, CountingPolicy counter, CancellationToken cancellationToken)
    {
        var before = counter.Requests;
        IngestionEntry entry;
        var clock = Stopwatch.StartNew();
        var memory = PeakMemory.Start();
        try
        {
            entry = await IngestAsync(pipeline, incoming, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            clock.Stop();
            await memory.DisposeAsync().ConfigureAwait(false);
        }

        return new Measured(entry, clock.Elapsed, counter.Requests - before, memory.PeakWorkingSetBytes, memory.PeakHeapBytes);
    }

    /// <summary>JIT, connection pools and Azurite's first tables, in tables of their own (their rows are not the run's).</summary>
    private static async Task WarmUpAsync(string connectionString, TimeSpan delay, CancellationToken cancellationToken)
    {
        var counter = new CountingPolicy(delay);
        var storage = TrialStorage.Connect(connectionString, "warm" + Guid.NewGuid().ToString("N")[..6], counter.TableOptions(), counter.BlobOptions());
        var incoming = storage.BlobService.GetBlobContainerClient("warm-" + Guid.NewGuid().ToString("N")[..6]);
        var options = new PipelineOptions { PoisonContainer = incoming.Name + "-poison" };
        await StorageProvisioner.EnsureCreatedAsync(storage, [incoming.Name, options.PoisonContainer], cancellationToken).ConfigureAwait(false);
        using var warm = StudyArchive.Generate(8);
        await incoming.GetBlobClient(BlobName).UploadAsync(warm.Path, cancellationToken).ConfigureAwait(false);
        await IngestAsync(new IngestionPipeline(storage, new TableResourceStore(storage, SearchIndexer.Extract), options), incoming, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every generated study read back as a ResearchStudy (point reads, not counted as ingestion requests).</summary>
    private static async Task<int> ServedAsync(TableResourceStore store, IReadOnlyList<string> nctIds, CancellationToken cancellationToken)
    {
        var served = 0;
        await Parallel.ForEachAsync(nctIds, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (nct, ct) =>
        {
            if (await store.ReadAsync("ResearchStudy", FhirIds.Slug(nct), ct).ConfigureAwait(false) is not null)
            {
                Interlocked.Increment(ref served);
            }
        }).ConfigureAwait(false);
        return served;
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
        table.Add("range requests on the archive blob (first ingestion)", first.Entry.Archive?.Requests ?? double.NaN, "requests");
        table.Add("studies served after the first ingestion", served, "studies", $"= {n}", served == n);
        table.Add("first ingestion: entries ingested", first.Entry.Archive?.Ingested ?? 0, "entries", $"= {n}", first.Entry.Archive?.Ingested == n);
        table.AddAtMost("first ingestion: entries rejected", first.Entry.Archive?.Rejected ?? 0, "entries", 0);
        table.Add("peak working set during the first ingestion", first.PeakWorkingSet / 1048576.0, "MiB");
        table.Add("peak managed heap during the first ingestion", first.PeakHeap / 1048576.0, "MiB");
        table.Add("process peak working set (whole run)", Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, "MiB");
        table.AddAtMost("unchanged re-upload: storage requests per study", (double)again.Requests / n, "requests", 2);
        table.Add("unchanged re-upload", again.Elapsed.TotalSeconds, "s");
        table.AddAtLeast("unchanged re-upload: times faster than the first", first.Elapsed / again.Elapsed, "x", 5);
        table.Add("unchanged re-upload: entries unchanged", again.Entry.Archive?.Unchanged ?? 0, "entries", $"= {n}", again.Entry.Archive?.Unchanged == n);
        table.Add("unchanged re-upload: resources changed", again.Entry.ChangedResourceCount, "resources", "= 0", again.Entry.ChangedResourceCount == 0);
        table.Add("peak working set during the re-upload", again.PeakWorkingSet / 1048576.0, "MiB");
        return table;
    }

    /// <summary>Other processes share these cores: the figures mean more next to how busy the machine was.</summary>
    private static double LoadAverage() =>
        File.Exists("/proc/loadavg")
            && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture, out var load)
            ? load
            : double.NaN;
}
