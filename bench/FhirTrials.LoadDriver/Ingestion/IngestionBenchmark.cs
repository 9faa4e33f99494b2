using Azure.Data.Tables;
using FhirTrials.Core.Search;
using FhirTrials.LoadDriver.Reporting;
using FhirTrials.Storage;
using FhirTrials.Storage.Emulator;
using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.Pipeline;
using FhirTrials.Storage.Resources;

namespace FhirTrials.LoadDriver.Ingestion;

/// <summary>
/// Issue 8 item 2: generated documents uploaded, then ingested by the real pipeline (ours) and, round by round in the
/// same run, the same storage requests replayed by the bare SDK (baseline). Ratio = ours' wall time / baseline's.
/// </summary>
internal static class IngestionBenchmark
{
    /// <summary>Documents in flight at once, like a host's blob trigger parallelism.</summary>
    public const int Concurrency = 4;

    private const string Incoming = "incoming";
    private const int Rounds = 10;

    public static async Task<FigureTable> RunAsync(DriverOptions options, AzuriteProcess azurite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(azurite);
        var generator = TrialDocumentGenerator.FromRepository();
        Console.WriteLine($"ingest: {options.Documents} documents from {string.Join(", ", generator.Templates.Select(t => t.Name + t.Extension))}, concurrency {Concurrency}");

        var (oursTraffic, baseTraffic) = (new StorageTraffic(), new StorageTraffic());
        var ours = TrialStorage.Connect(azurite.ConnectionString, "ours", oursTraffic.TableOptions(), oursTraffic.BlobOptions());
        var baseline = TrialStorage.Connect(azurite.ConnectionString, "base", baseTraffic.TableOptions(), baseTraffic.BlobOptions());
        var pipelineOptions = new PipelineOptions();
        await StorageProvisioner.EnsureCreatedAsync(ours, [Incoming, pipelineOptions.PoisonContainer], cancellationToken).ConfigureAwait(false);
        await StorageProvisioner.EnsureCreatedAsync(baseline, [], cancellationToken).ConfigureAwait(false);
        var pipeline = new IngestionPipeline(ours, new TableResourceStore(ours, SearchIndexer.Extract), pipelineOptions);
        var replayer = new BaselineReplayer(
            baseline.TableService, baseline.BlobService,
            table => table.StartsWith(ours.Names.Prefix, StringComparison.Ordinal) ? baseline.Names.Prefix + table[ours.Names.Prefix.Length..] : table,
            container => container == ours.Names.PayloadContainer ? baseline.Names.PayloadContainer : container);
        var run = new IngestionRounds(pipeline, Incoming, replayer, oursTraffic, baseTraffic, Concurrency, azurite.ProcessId);
        var loadBefore = LoadAverage();

        // Warm-up: JIT, connection pools and Azurite's first tables on both sides; its figures are dropped.
        var warmup = generator.Generate("warmup", Math.Max(2 * generator.Templates.Count, options.Documents / 20));
        await UploadAsync(ours, warmup, cancellationToken).ConfigureAwait(false);
        await run.RunAsync(warmup, cancellationToken).ConfigureAwait(false);

        var documents = generator.Generate("load", options.Documents);
        await UploadAsync(ours, documents, cancellationToken).ConfigureAwait(false);
        run.StartMeasuring();
        // Rounds alternate ours and the baseline, so both meet the same Azurite state and the same machine noise.
        foreach (var round in documents.Chunk((documents.Count + Rounds - 1) / Rounds))
        {
            await run.RunAsync(round, cancellationToken).ConfigureAwait(false);
        }

        var studies = await CountAsync(ours.Resources, "ResearchStudy", cancellationToken).ConfigureAwait(false) - warmup.Count;
        var table = Report(options, run, documents.Count, studies);
        table.Add("machine load average (1 min) before the run", loadBefore, "runnable");
        table.Add("machine load average (1 min) after the run", LoadAverage(), "runnable");
        return table;
    }

    private static FigureTable Report(DriverOptions options, IngestionRounds run, int documents, int studies)
    {
        var (ours, baseline) = (run.Ours, run.Baseline);
        var table = new FigureTable($"End-to-end ingestion ({documents} documents, concurrency {Concurrency}, {Rounds} alternating rounds{(options.Quick ? ", quick" : "")})");
        table.AddAtMost("ratio ours / baseline (wall time)", ours.Latencies.Elapsed / baseline.Latencies.Elapsed, "x", 1.3);
        table.Add("ours", ours.Latencies.PerSecond, "documents/s");
        table.Add("baseline (bare SDK, same requests)", baseline.Latencies.PerSecond, "documents/s");
        table.Add("ours per document p50", ours.Latencies.P50, "ms");
        table.Add("ours per document p99", ours.Latencies.P99, "ms");
        table.Add("baseline per document p50", baseline.Latencies.P50, "ms");
        table.Add("baseline per document p99", baseline.Latencies.P99, "ms");
        table.Add("trials stored (ResearchStudy rows)", studies, "trials", $"= {documents}", studies == documents);
        table.Add("trial keys of the documents (distinct)", run.TrialKeys.Count, "trials", $"= {documents}", run.TrialKeys.Count == documents);
        foreach (var (call, (requests, actions)) in run.Calls.OrderByDescending(p => p.Value.Requests))
        {
            var batch = actions > 0 ? $" (avg {(double)actions / requests:0.0} actions)" : "";
            table.Add($"requests per document: {call}{batch}", (double)requests / documents, "requests");
        }

        foreach (var (kind, count) in run.Versions.OrderByDescending(p => p.Value))
        {
            table.Add($"resources written per document: {kind}", (double)count / documents, "versions");
        }

        foreach (var sample in run.Replayer.MismatchSamples)
        {
            Console.WriteLine("baseline answer differed (warm-up included): " + sample);
        }

        foreach (var outcome in Enum.GetValues<IngestionOutcome>())
        {
            table.Add($"outcome {outcome}", run.Outcomes.GetValueOrDefault(outcome), "documents");
        }

        table.AddAtMost("errors ours (not Ingested/IngestedWithWarnings, or threw)", ours.Latencies.Errors, "documents", 0);
        table.AddAtMost("errors baseline (threw)", baseline.Latencies.Errors, "documents", 0);
        table.Add("baseline answers that differed from ours", run.Mismatches, "requests");
        table.Add("storage requests ours", ours.Requests, "requests", "= baseline", ours.Requests == baseline.Requests);
        table.Add("storage requests baseline", baseline.Requests, "requests");
        table.Add("storage requests per document", (double)ours.Requests / documents, "requests");
        table.Add("request bytes ours / baseline", (double)ours.RequestBytes / baseline.RequestBytes, "x");
        table.Add("response bytes ours / baseline", (double)ours.ResponseBytes / baseline.ResponseBytes, "x");
        table.Add("driver CPU per document, ours", ours.ProcessCpu.TotalMilliseconds / documents, "ms");
        table.Add("driver CPU per document, baseline", baseline.ProcessCpu.TotalMilliseconds / documents, "ms");
        table.Add("our code's share of ours' driver CPU", 100 * (1 - (baseline.ProcessCpu / ours.ProcessCpu)), "%");
        table.Add("Azurite CPU per document, ours", ours.AzuriteCpu.TotalMilliseconds / documents, "ms");
        table.Add("Azurite CPU per document, baseline", baseline.AzuriteCpu.TotalMilliseconds / documents, "ms");
        return table;
    }

    private static async Task UploadAsync(TrialStorage storage, IReadOnlyList<GeneratedDocument> documents, CancellationToken cancellationToken)
    {
        var container = storage.BlobService.GetBlobContainerClient(Incoming);
        await Parallel.ForEachAsync(documents, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (document, ct) =>
            await container.GetBlobClient(document.Name).UploadAsync(new BinaryData(document.Content), overwrite: true, ct).ConfigureAwait(false))
            .ConfigureAwait(false);
    }

    /// <summary>Other processes share these cores: the figures mean more next to how busy the machine was.</summary>
    private static double LoadAverage() =>
        File.Exists("/proc/loadavg")
            && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out var load)
            ? load
            : double.NaN;

    private static async Task<int> CountAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var count = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }
}
