using FhirTrials.Core.Fhir;
using FhirTrials.Core.Merging;
using FhirTrials.Core.Records;
using Hl7.Fhir.Model;

namespace FhirTrials.Storage.Pipeline;

/// <summary>Maps a trial merged from all its source documents (see <see cref="TrialBatchWriter"/> for how merges stay ordered).</summary>
internal static class TrialMerge
{
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
