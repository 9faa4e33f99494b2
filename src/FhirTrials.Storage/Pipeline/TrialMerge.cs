using FhirTrials.Core.Fhir;
using FhirTrials.Core.Merging;
using FhirTrials.Core.Records;
using FhirTrials.Storage.Ingestion;
using FhirTrials.Storage.Resources;
using Hl7.Fhir.Model;

namespace FhirTrials.Storage.Pipeline;

/// <summary>
/// Brings one trial's stored resources up to date with all its source documents: merge the records, map them, write
/// what changed, and commit the merge state only if no other ingestion of the trial committed meanwhile (else merge
/// again, now including what the other one stored). Whichever ingestion commits last has seen every source stored
/// before it read the state, so no document's update is lost.
/// </summary>
internal sealed class TrialMerge(TrialSources sources, TableResourceStore store, PipelineOptions options, TimeProvider time)
{
    public async Task<List<IngestedResource>?> RunAsync(string trialKey, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= options.MergeAttempts; attempt++)
        {
            var state = await sources.GetStateAsync(trialKey, cancellationToken).ConfigureAwait(false);
            var all = await sources.ListAsync(trialKey, cancellationToken).ConfigureAwait(false);
            var ids = all.Select(s => TrialMergeState.SourceId(s.DocumentName, s.ContentHash)).ToHashSet(StringComparer.Ordinal);
            if (state.MergedSources.SetEquals(ids))
            {
                return null;
            }

            var written = new List<IngestedResource>();
            foreach (var resource in Map(trialKey, all))
            {
                var result = await store.WriteAsync(resource, cancellationToken).ConfigureAwait(false);
                written.Add(new IngestedResource(result.ResourceType, result.Id, result.VersionId, result.Changed));
            }

            if (await sources.TryCommitStateAsync(trialKey, ids, state.ETag, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                return written;
            }

            await System.Threading.Tasks.Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(20, 60) * attempt), cancellationToken).ConfigureAwait(false);
        }

        throw new ResourceConflictException(
            $"Trial {trialKey} kept being changed by other ingestions; gave up after {options.MergeAttempts} merges. Retry the ingestion.");
    }

    /// <summary>The merged trial's resources, with one Provenance per source document instead of the mapper's one.</summary>
    public static List<Resource> Map(string trialKey, IReadOnlyList<SourceRecord> all)
    {
        var inputs = all.Select(s => new MergeSource(
            TrialRecordJson.Deserialize(s.RecordJson) ?? throw new InvalidDataException($"The stored record of {s.DocumentName} is empty."),
            s.Received)).ToList();
        var merged = TrialRecordMerger.Merge(inputs);
        var primary = all.First(s => s.DocumentName == merged.Source.DocumentName && s.ContentHash == merged.Source.ContentHash);

        // Stable times (when the documents were received) keep a repeat of the same sources byte-identical.
        var trial = TrialFhirMapper.Map(merged, new MappingOptions(all.Max(s => s.Received), primary.DocumentUri));
        trial.Provenances.Clear();
        var targets = trial.All().ToList();
        foreach (var (source, input) in all.Zip(inputs).OrderBy(p => p.First.DocumentName, StringComparer.Ordinal))
        {
            var provenance = ProvenanceMapper.Map(input.Record.Source, trialKey, targets, new MappingOptions(source.Received, source.DocumentUri), FhirTrials.Core.Reading.Text.InferredValues.Fields(input.Record));
            // One Provenance per document: an edited document updates its Provenance rather than adding another.
            provenance.Id = FhirIds.Make("prov", trialKey + " " + FhirIds.Hash(source.DocumentName, 16));
            trial.Provenances.Add(provenance);
        }

        return [.. trial.All()];
    }
}
