using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>The record paths whose values the page reader inferred (from an unlabelled line or sentence) rather than read from a label.</summary>
public static class InferredValues
{
    public static IReadOnlyList<string> Fields(TrialRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Warnings
            .Where(w => w.Field is not null && w.Message.Contains(RecordWriter.InferredFrom, StringComparison.Ordinal))
            .Select(w => w.Field!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
