using FhirTrials.Core.Matching;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Search;

/// <summary>The elements the <see cref="MatchSearchParameters"/> index, read from the <see cref="StudyMatchExtensions"/>.</summary>
internal static class MatchSelectors
{
    private static readonly Code[] AllSexes = [new("female"), new("male")];

    /// <summary>The age Range; a study without one takes every age, so it is indexed as an open range.</summary>
    public static IEnumerable<Base?> EligibleAge(ResearchStudy study) =>
        [study.GetExtensionValue<Hl7.Fhir.Model.Range>(StudyMatchExtensions.EligibleAgeUrl) ?? new Hl7.Fhir.Model.Range()];

    /// <summary>A study open to all sexes is found by either.</summary>
    public static IEnumerable<Base?> EligibleSex(ResearchStudy study) =>
        StudyMatchExtensions.EligibleSex(study) is { } sex ? [new Code(sex)] : AllSexes;

    public static IEnumerable<Base?> HealthyVolunteers(ResearchStudy study) =>
        [study.GetExtensionValue<FhirBoolean>(StudyMatchExtensions.HealthyVolunteersUrl)];

    public static IEnumerable<Base?> SiteStatus(ResearchStudy study) =>
        study.Site.Select(s => s.GetExtension(Fhir.R5Extensions.ProgressStatusUrl)?.GetExtensionValue<CodeableConcept>("state"));

    /// <summary>Each word of each condition name once, as folded strings (the string indexer folds them again: a no-op).</summary>
    public static IEnumerable<Base?> ConditionWords(ResearchStudy study) =>
        study.Condition.SelectMany(c => new[] { c.Text }.Concat(c.Coding.Select(d => d.Display)))
            .SelectMany(Matching.ConditionWords.Of).Distinct(StringComparer.Ordinal).Select(w => new FhirString(w));

    public static IEnumerable<Base?> ConditionAncestors(ResearchStudy study) => StudyMatchExtensions.MeshAncestors(study);

    /// <summary>Positions of the sites still taking patients (their own, or their city centre).</summary>
    public static IEnumerable<Base?> SiteNear(ResearchStudy study) =>
        StudyMatcher.OpenSites(study).Where(s => s.Position is not null).Select(s => new Location.PositionComponent
        {
            Latitude = (decimal)s.Position!.Value.Position.Latitude,
            Longitude = (decimal)s.Position!.Value.Position.Longitude,
        });
}
