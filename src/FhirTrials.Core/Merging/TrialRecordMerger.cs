using FhirTrials.Core.Records;

namespace FhirTrials.Core.Merging;

/// <summary>One source's record of a trial and when that source document was received.</summary>
public sealed record MergeSource(TrialRecord Record, DateTimeOffset Received);

/// <summary>
/// Merges the records several documents give of one trial into one record.
/// </summary>
/// <remarks>
/// Precedence, highest first: a structured registry record (CT.gov API JSON or legacy XML) over page text; then the
/// record the registry updated last (last update posted); then the document received last; then the document name,
/// so the result never depends on arrival order.
/// <list type="bullet">
/// <item>A single value (title, status, dates, enrollment, ...) comes from the highest source that has it: a field one
/// source has and another lacks is kept.</item>
/// <item>A list (arms, outcomes, sites, criteria, ...) comes whole from the highest source with a non-empty one, so two
/// wordings of the same sites are never mixed or duplicated.</item>
/// <item>Identifiers, conditions, keywords and countries are the union of all sources (first wording wins on
/// case-insensitive duplicates): each names the trial in another way, and identifiers link documents to the trial.</item>
/// <item>The merged record keeps the primary (highest) source's <see cref="SourceInfo"/> and field provenance; the
/// warnings of every source are kept.</item>
/// </list>
/// </remarks>
public static class TrialRecordMerger
{
    public static TrialRecord Merge(IEnumerable<MergeSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var ranked = Rank(sources);
        if (ranked.Count == 0)
        {
            throw new ArgumentException("There is no record to merge.", nameof(sources));
        }

        var records = ranked.Select(s => s.Record).ToList();
        var merged = new TrialRecord { Source = records[0].Source };
        T? One<T>(Func<TrialRecord, T?> field) => records.Select(field).FirstOrDefault(v => v is not null);

        merged.Identifiers.AddRange(records.SelectMany(r => r.Identifiers)
            .DistinctBy(i => (i.Kind, i.Value.Trim().ToUpperInvariant())));
        merged.BriefTitle = One(r => r.BriefTitle);
        merged.OfficialTitle = One(r => r.OfficialTitle);
        merged.Acronym = One(r => r.Acronym);
        var statusSource = records.FirstOrDefault(r => r.Status is not null || r.StatusText is not null);
        merged.Status = statusSource?.Status;
        merged.StatusText = statusSource?.StatusText;
        merged.WhyStopped = One(r => r.WhyStopped);
        merged.Phases.AddRange(List(records, r => r.Phases));
        merged.StudyType = One(r => r.StudyType);
        MergeDesign(merged.Design, records);
        merged.Enrollment = One(r => r.Enrollment);
        MergeDates(merged.Dates, records);
        merged.BriefSummary = One(r => r.BriefSummary);
        merged.DetailedDescription = One(r => r.DetailedDescription);
        merged.Conditions.AddRange(Union(records, r => r.Conditions));
        merged.Keywords.AddRange(Union(records, r => r.Keywords));
        merged.ConditionMeshTerms.AddRange(List(records, r => r.ConditionMeshTerms));
        merged.InterventionMeshTerms.AddRange(List(records, r => r.InterventionMeshTerms));
        merged.ConditionMeshAncestors.AddRange(List(records, r => r.ConditionMeshAncestors));
        merged.Interventions.AddRange(List(records, r => r.Interventions));
        merged.Arms.AddRange(List(records, r => r.Arms));
        merged.Outcomes.AddRange(List(records, r => r.Outcomes));
        MergeEligibility(merged.Eligibility, records);
        merged.LeadSponsor = One(r => r.LeadSponsor);
        merged.Collaborators.AddRange(List(records, r => r.Collaborators));
        merged.ResponsibleParty = One(r => r.ResponsibleParty);
        merged.Officials.AddRange(List(records, r => r.Officials));
        merged.CentralContacts.AddRange(List(records, r => r.CentralContacts));
        merged.Locations.AddRange(List(records, r => r.Locations));
        merged.Countries.AddRange(Union(records, r => r.Countries));
        merged.References.AddRange(List(records, r => r.References));
        merged.IpdSharing = One(r => r.IpdSharing);
        merged.IsFdaRegulatedDrug = One(r => r.IsFdaRegulatedDrug);
        merged.IsFdaRegulatedDevice = One(r => r.IsFdaRegulatedDevice);
        merged.Provenance.AddRange(records[0].Provenance);
        merged.Warnings.AddRange(records.SelectMany(r => r.Warnings).Distinct());
        return merged;
    }

    /// <summary>The sources in precedence order, highest first.</summary>
    public static List<MergeSource> Rank(IEnumerable<MergeSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return sources
            .OrderByDescending(s => IsStructured(s.Record.Source.Format))
            .ThenByDescending(s => s.Record.Dates.LastUpdatePosted is { } d ? (d.Year * 10000) + ((d.Month ?? 0) * 100) + (d.Day ?? 0) : 0)
            .ThenByDescending(s => s.Received)
            .ThenBy(s => s.Record.Source.DocumentName, StringComparer.Ordinal)
            .ThenBy(s => s.Record.Source.ContentHash, StringComparer.Ordinal)
            .ToList();
    }

    public static bool IsStructured(DocumentFormat format) =>
        format is DocumentFormat.ClinicalTrialsGovJson or DocumentFormat.ClinicalTrialsGovXml or DocumentFormat.EuCtrText;

    private static void MergeDesign(StudyDesign merged, List<TrialRecord> records)
    {
        T? One<T>(Func<StudyDesign, T?> field) => records.Select(r => field(r.Design)).FirstOrDefault(v => v is not null);
        merged.Allocation = One(d => d.Allocation);
        merged.InterventionModel = One(d => d.InterventionModel);
        merged.InterventionModelDescription = One(d => d.InterventionModelDescription);
        merged.Masking = One(d => d.Masking);
        merged.MaskedRoles.AddRange(List(records, r => r.Design.MaskedRoles));
        merged.MaskingDescription = One(d => d.MaskingDescription);
        merged.PrimaryPurpose = One(d => d.PrimaryPurpose);
        merged.ObservationalModel = One(d => d.ObservationalModel);
        merged.TimePerspective = One(d => d.TimePerspective);
    }

    private static void MergeDates(TrialDates merged, List<TrialRecord> records)
    {
        TrialDate? One(Func<TrialDates, TrialDate?> field) => records.Select(r => field(r.Dates)).FirstOrDefault(v => v is not null);
        merged.Start = One(d => d.Start);
        merged.PrimaryCompletion = One(d => d.PrimaryCompletion);
        merged.Completion = One(d => d.Completion);
        merged.FirstSubmitted = One(d => d.FirstSubmitted);
        merged.FirstPosted = One(d => d.FirstPosted);
        merged.LastUpdatePosted = One(d => d.LastUpdatePosted);
        merged.LastVerified = One(d => d.LastVerified);
    }

    private static void MergeEligibility(Eligibility merged, List<TrialRecord> records)
    {
        T? One<T>(Func<Eligibility, T?> field) => records.Select(r => field(r.Eligibility)).FirstOrDefault(v => v is not null);

        // Criteria travel together: inclusion and exclusion lists, or the unsplit text, from one source.
        var criteria = records.Select(r => r.Eligibility)
            .FirstOrDefault(e => e.Inclusion.Count > 0 || e.Exclusion.Count > 0 || e.CriteriaText is not null);
        if (criteria is not null)
        {
            merged.Inclusion.AddRange(criteria.Inclusion);
            merged.Exclusion.AddRange(criteria.Exclusion);
            merged.CriteriaText = criteria.CriteriaText;
        }

        merged.MinimumAge = One(e => e.MinimumAge);
        merged.MaximumAge = One(e => e.MaximumAge);
        merged.Sex = One(e => e.Sex);
        merged.GenderBased = One(e => e.GenderBased);
        merged.GenderDescription = One(e => e.GenderDescription);
        merged.HealthyVolunteers = One(e => e.HealthyVolunteers);
        merged.StandardAges.AddRange(List(records, r => r.Eligibility.StandardAges));
        merged.StudyPopulation = One(e => e.StudyPopulation);
        merged.SamplingMethod = One(e => e.SamplingMethod);
    }

    private static List<T> List<T>(List<TrialRecord> records, Func<TrialRecord, List<T>> field) =>
        records.Select(field).FirstOrDefault(l => l.Count > 0) ?? [];

    private static IEnumerable<string> Union(List<TrialRecord> records, Func<TrialRecord, List<string>> field) =>
        records.SelectMany(field).Where(v => !string.IsNullOrWhiteSpace(v)).DistinctBy(v => v.Trim().ToUpperInvariant());
}
