using System.Collections.Concurrent;
using System.Diagnostics;
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
        var run = new Run(pipeline, replayer, oursTraffic, baseTraffic, azurite.ProcessId);

        // Warm-up: JIT, connection pools and Azurite's first tables on both sides; its figures are dropped.
        var warmup = generator.Generate("warmup", Math.Max(2 * generator.Templates.Count, options.Documents / 20));
        await UploadAsync(ours, warmup, cancellationToken).ConfigureAwait(false);
        await run.RoundAsync(warmup, cancellationToken).ConfigureAwait(false);

        var documents = generator.Generate("load", options.Documents);
        await UploadAsync(ours, documents, cancellationToken).ConfigureAwait(false);
        run.StartMeasuring();
        // Rounds alternate ours and the baseline, so both meet the same Azurite state and the same machine noise.
        foreach (var round in documents.Chunk((documents.Count + Rounds - 1) / Rounds))
        {
            await run.RoundAsync(round, cancellationToken).ConfigureAwait(false);
        }

        var studies = await CountAsync(ours.Resources, "ResearchStudy", cancellationToken).ConfigureAwait(false) - warmup.Count;
        return Report(options, run, documents.Count, studies);
    }

    private static FigureTable Report(DriverOptions options, Run run, int documents, int studies)
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
        foreach (var (kind, count) in run.RequestKinds.OrderByDescending(p => p.Value))
        {
            table.Add($"requests per document: {kind}", (double)count / documents, "requests");
        }

        foreach (var (kind, count) in run.Versions.OrderByDescending(p => p.Value))
        {
            table.Add($"resources written per document: {kind}", (double)count / documents, "versions");
        }

        foreach (var sample in run.Replayer.MismatchSamples)
        {
            Console.WriteLine("baseline answer differed: " + sample);
        }

        foreach (var outcome in Enum.GetValues<IngestionOutcome>())
        {
            table.Add($"outcome {outcome}", run.Outcomes.GetValueOrDefault(outcome), "documents");
        }

        table.AddAtMost("errors ours (not Ingested/IngestedWithWarnings, or threw)", ours.Latencies.Errors, "documents", 0);
        table.AddAtMost("errors baseline (threw)", baseline.Latencies.Errors, "documents", 0);
        table.Add("baseline answers that differed from ours", run.Replayer.StatusMismatches, "requests");
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

    /// <summary>What one side did while measured: per-document latencies, wall time, requests, CPU of the driver and of Azurite.</summary>
    private sealed class Side(StorageTraffic traffic)
    {
        public Latencies Latencies { get; } = new();
        public TimeSpan ProcessCpu { get; set; }
        public TimeSpan AzuriteCpu { get; set; }
        public long Requests { get; set; }
        public long RequestBytes { get; set; }
        public long ResponseBytes { get; set; }

        public async Task MeasureAsync<T>(IReadOnlyList<T> items, int azuritePid, bool measured, Func<T, CancellationToken, Task<bool>> body, CancellationToken cancellationToken)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var (requests, requestBytes, responseBytes) = (traffic.Requests, traffic.RequestBytes, traffic.ResponseBytes);
            var (cpu, azurite) = (Cpu(Environment.ProcessId), Cpu(azuritePid));
            var wall = Stopwatch.StartNew();
            await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (item, ct) =>
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await body(item, ct).ConfigureAwait(false);
                if (measured)
                {
                    Latencies.Add(Stopwatch.GetElapsedTime(started));
                    if (!ok)
                    {
                        Latencies.AddError();
                    }
                }
            }).ConfigureAwait(false);
            if (!measured)
            {
                return;
            }

            Latencies.Elapsed += wall.Elapsed;
            ProcessCpu += Cpu(Environment.ProcessId) - cpu;
            AzuriteCpu += Cpu(azuritePid) - azurite;
            Requests += traffic.Requests - requests;
            RequestBytes += traffic.RequestBytes - requestBytes;
            ResponseBytes += traffic.ResponseBytes - responseBytes;
        }

        private static TimeSpan Cpu(int pid)
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime;
        }
    }

    /// <summary>Runs rounds: ours ingests and is recorded, then the baseline replays exactly what was recorded.</summary>
    private sealed class Run(IngestionPipeline pipeline, BaselineReplayer replayer, StorageTraffic oursTraffic, StorageTraffic baseTraffic, int azuritePid)
    {
        private bool _measuring;

        public Side Ours { get; } = new(oursTraffic);
        public Side Baseline { get; } = new(baseTraffic);
        public BaselineReplayer Replayer => replayer;
        public ConcurrentDictionary<IngestionOutcome, int> Outcomes { get; } = new();
        public ConcurrentDictionary<string, byte> TrialKeys { get; } = new(StringComparer.Ordinal);

        /// <summary>Resource versions the measured documents wrote: new resources, and new versions of existing ones by type.</summary>
        public ConcurrentDictionary<string, int> Versions { get; } = new(StringComparer.Ordinal);

        /// <summary>Requests of the measured documents by table (prefix removed) and kind of call.</summary>
        public Dictionary<string, int> RequestKinds { get; } = new(StringComparer.Ordinal);

        public void StartMeasuring() => _measuring = true;

        public async Task RoundAsync(IReadOnlyList<GeneratedDocument> documents, CancellationToken cancellationToken)
        {
            var recorded = new ConcurrentDictionary<string, List<RecordedRequest>>(StringComparer.Ordinal);
            await Ours.MeasureAsync(documents, azuritePid, _measuring, async (document, ct) =>
            {
                var requests = new List<RecordedRequest>();
                oursTraffic.CaptureInto(requests);
                recorded[document.Name] = requests;
                var entry = await pipeline.IngestAsync(Incoming, document.Name, ct).ConfigureAwait(false);
                if (_measuring)
                {
                    Outcomes.AddOrUpdate(entry.Outcome, 1, (_, n) => n + 1);
                    foreach (var key in entry.TrialKeys)
                    {
                        TrialKeys.TryAdd(key, 0);
                    }

                    foreach (var resource in entry.Resources.Where(r => r.Changed))
                    {
                        Versions.AddOrUpdate(resource.VersionId == "1" ? "new" : "new version of " + resource.ResourceType, 1, (_, n) => n + 1);
                    }
                }

                if (entry.Outcome is not (IngestionOutcome.Ingested or IngestionOutcome.IngestedWithWarnings))
                {
                    Console.Error.WriteLine($"ingest: {document.Name} -> {entry.Outcome}: {string.Join("; ", entry.Errors)}");
                    return false;
                }

                return true;
            }, cancellationToken).ConfigureAwait(false);

            // Turning requests into SDK calls is preparation, outside the baseline's clock.
            var plans = documents.Select(d => ReplayPlan.From(recorded[d.Name])).ToList();
            if (_measuring)
            {
                foreach (var step in plans.SelectMany(p => p))
                {
                    var key = $"{step.Target.Replace("ours", "", StringComparison.Ordinal)} {step.Kind}" + (step.Actions is { } a ? $" ({a.Count} actions)" : "");
                    RequestKinds[key] = RequestKinds.GetValueOrDefault(key) + step.Requests;
                }
            }

            await Baseline.MeasureAsync(plans, azuritePid, _measuring, async (plan, ct) =>
            {
                baseTraffic.CaptureInto([]);
                try
                {
                    await replayer.RunAsync(plan, ct).ConfigureAwait(false);
                    return true;
                }
                catch (Exception e) when (e is Azure.RequestFailedException or InvalidOperationException)
                {
                    Console.Error.WriteLine($"baseline: {e.Message}");
                    return false;
                }
            }, cancellationToken).ConfigureAwait(false);
        }
    }
}
