using FhirTrials.Storage.Ingestion;

namespace FhirTrials.Storage.Pipeline;

/// <summary>
/// What one ingestion wrote, counted in full but listed only up to the entry's caps, so a page of 10,000 trials costs
/// the same memory and log space as a page of 100. Trials of a page are written concurrently: every member locks.
/// </summary>
internal sealed class IngestionTally
{
    // One hostile document can carry a warning as long as itself; ops need the start of it.
    private const int MaxWarningLength = 1000;

    private readonly Lock _gate = new();
    private readonly List<string> _trialKeys = [];
    private readonly List<IngestedResource> _resources = [];
    private readonly List<string> _warnings = [];
    private readonly HashSet<string> _listed = new(StringComparer.Ordinal);
    private int _trials;
    private int _resourceCount;
    private int _changed;
    private int _warningCount;

    public void AddWarnings(IEnumerable<string> warnings)
    {
        lock (_gate)
        {
            foreach (var warning in warnings)
            {
                var text = warning.Length > MaxWarningLength ? warning[..MaxWarningLength] + "…" : warning;
                // The same repair reported by the document and by each of its records is one warning; past the
                // cap warnings are only counted, so de-duplication remembers only the listed ones.
                if (_listed.Contains(text))
                {
                    continue;
                }

                _warningCount++;
                if (_warnings.Count < IngestionEntry.MaxListedWarnings)
                {
                    _warnings.Add(text);
                    _listed.Add(text);
                }
            }
        }
    }

    public void AddTrial(string trialKey, IReadOnlyList<IngestedResource> resources)
    {
        lock (_gate)
        {
            _trials++;
            if (_trialKeys.Count < IngestionEntry.MaxListedTrials)
            {
                _trialKeys.Add(trialKey);
            }

            foreach (var resource in resources)
            {
                _resourceCount++;
                _changed += resource.Changed ? 1 : 0;
                if (_resources.Count < IngestionEntry.MaxListedResources)
                {
                    _resources.Add(resource);
                }
            }
        }
    }

    public IngestionEntry Complete(IngestionEntry entry)
    {
        lock (_gate)
        {
            var outcome = _changed == 0
                ? IngestionOutcome.Unchanged
                : _warningCount > 0 ? IngestionOutcome.IngestedWithWarnings : IngestionOutcome.Ingested;
            var warnings = _warningCount > _warnings.Count
                ? [.. _warnings, $"… and {_warningCount - _warnings.Count} more warnings, not listed."]
                : _warnings.ToList();
            return entry with
            {
                Outcome = outcome,
                TrialKeys = [.. _trialKeys],
                Resources = [.. _resources],
                Warnings = warnings,
                TrialCount = _trials,
                ResourceCount = _resourceCount,
                ChangedResourceCount = _changed,
                WarningCount = _warningCount,
                Errors = [],
            };
        }
    }
}
