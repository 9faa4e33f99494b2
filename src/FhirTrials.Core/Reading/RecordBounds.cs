using System.Globalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading;

/// <summary>
/// Caps what one record may carry into FHIR. Each criterion becomes a Group characteristic with its own search index
/// rows: a page of 50,000 criteria lines made a 16 MB Group that took longer to store than any real trial. No real
/// trial comes near the cap; the source document keeps everything and the warning says where.
/// </summary>
public static class RecordBounds
{
    public const int MaxCriteriaPerList = 1000;

    public static void Apply(TrialRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Cap(record, record.Eligibility.Inclusion, "eligibility.inclusion", "inclusion");
        Cap(record, record.Eligibility.Exclusion, "eligibility.exclusion", "exclusion");
    }

    private static void Cap(TrialRecord record, List<string> criteria, string field, string kind)
    {
        if (criteria.Count <= MaxCriteriaPerList)
        {
            return;
        }

        var total = criteria.Count;
        criteria.RemoveRange(MaxCriteriaPerList, total - MaxCriteriaPerList);
        var firstDropped = record.Provenance.FirstOrDefault(p => p.Field == $"{field}[{MaxCriteriaPerList}]")?.FirstLine;
        record.Provenance.RemoveAll(p => p.Field.StartsWith(field + "[", StringComparison.Ordinal) && Index(p.Field, field.Length) >= MaxCriteriaPerList);
        record.Warnings.Add(new ReadWarning(field,
            string.Create(CultureInfo.InvariantCulture, $"The document lists {total:N0} {kind} criteria; the first {MaxCriteriaPerList:N0} were kept, the other {total - MaxCriteriaPerList:N0} are only in the source document."),
            firstDropped));
    }

    private static int Index(string path, int prefixLength)
    {
        var close = path.IndexOf(']', prefixLength);
        return close > prefixLength + 1 && int.TryParse(path.AsSpan(prefixLength + 1, close - prefixLength - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : -1;
    }
}
