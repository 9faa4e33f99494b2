using System.Collections.Concurrent;
using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.Pipeline;

namespace FhirTrials.LoadDriver.Ingestion;

/// <summary>
/// Runs the documents round by round: ours ingests a round while its requests are recorded, then the baseline replays
/// exactly that round's requests. Also keeps what the measured documents produced (outcomes, trials, versions, calls).
/// </summary>
internal sealed class IngestionRounds(
    IngestionPipeline pipeline, string container, BaselineReplayer replayer, StorageTraffic oursTraffic, StorageTraffic baseTraffic,
    int concurrency, int azuritePid)
{
    private bool _measuring;
    private int _mismatchesBefore;

    public MeasuredSide Ours { get; } = new(oursTraffic, concurrency, azuritePid);
    public MeasuredSide Baseline { get; } = new(baseTraffic, concurrency, azuritePid);
    public BaselineReplayer Replayer => replayer;

    /// <summary>Replayed calls of the measured rounds whose status differed from ours'.</summary>
    public int Mismatches => replayer.StatusMismatches - _mismatchesBefore;
    public ConcurrentDictionary<IngestionOutcome, int> Outcomes { get; } = new();
    public ConcurrentDictionary<string, byte> TrialKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Resource versions the measured documents wrote: new resources, and new versions of existing ones by type.</summary>
    public ConcurrentDictionary<string, int> Versions { get; } = new(StringComparer.Ordinal);

    /// <summary>Requests of the measured documents by table or container (prefix removed) and kind of call, with batch actions.</summary>
    public Dictionary<string, (int Requests, int Actions)> Calls { get; } = new(StringComparer.Ordinal);

    /// <summary>From now on rounds count (what ran before was warm-up).</summary>
    public void StartMeasuring()
    {
        _measuring = true;
        _mismatchesBefore = replayer.StatusMismatches;
    }

    public async Task RunAsync(IReadOnlyList<GeneratedDocument> documents, CancellationToken cancellationToken)
    {
        var recorded = new ConcurrentDictionary<string, List<RecordedRequest>>(StringComparer.Ordinal);
        await Ours.RunAsync(documents, _measuring, async (document, ct) =>
        {
            var requests = new List<RecordedRequest>();
            oursTraffic.CaptureInto(requests);
            recorded[document.Name] = requests;
            var entry = await pipeline.IngestAsync(container, document.Name, ct).ConfigureAwait(false);
            if (_measuring)
            {
                Count(entry);
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
                var key = $"{step.Target.Replace("ours", "", StringComparison.Ordinal)} {step.Kind}";
                var (requests, actions) = Calls.GetValueOrDefault(key);
                Calls[key] = (requests + step.Requests, actions + (step.Actions?.Count ?? 0));
            }
        }

        await Baseline.RunAsync(plans, _measuring, async (plan, ct) =>
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

    private void Count(IngestionEntry entry)
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
}
