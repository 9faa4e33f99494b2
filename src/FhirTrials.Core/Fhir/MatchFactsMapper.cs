using FhirTrials.Core.Fhir.Terminology;
using FhirTrials.Core.Matching;
using FhirTrials.Core.Records;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Fhir;

/// <summary>Writes the <see cref="StudyMatchExtensions"/> onto a mapped study (see there for why they exist).</summary>
internal static class MatchFactsMapper
{
    public static void AddStudyFacts(ResearchStudy study, TrialRecord record)
    {
        var eligibility = record.Eligibility;
        if (EligibilityGroupMapper.AgeRange(eligibility) is { } range)
        {
            study.Extension.Add(new Extension(StudyMatchExtensions.EligibleAgeUrl, range));
        }

        if (eligibility.Sex is Sex.Female or Sex.Male)
        {
            study.Extension.Add(new Extension(StudyMatchExtensions.EligibleSexUrl, new Code(eligibility.Sex == Sex.Female ? "female" : "male")));
        }

        if (eligibility.HealthyVolunteers is { } healthy)
        {
            study.Extension.Add(new Extension(StudyMatchExtensions.HealthyVolunteersUrl, new FhirBoolean(healthy)));
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var ancestor in record.ConditionMeshAncestors.Where(a => !string.IsNullOrWhiteSpace(a.Term) && seen.Add(a.Id ?? a.Term)))
        {
            study.Extension.Add(new Extension(StudyMatchExtensions.MeshAncestorUrl, new Coding
            {
                System = CodeSystems.Mesh,
                Code = string.IsNullOrWhiteSpace(ancestor.Id) ? null : ancestor.Id.Trim(),
                Display = ancestor.Term.Trim(),
            }));
        }
    }

    /// <summary>The site's own coordinates when the record gives them, else its city centre from the gazetteer.</summary>
    public static Extension? SitePosition(Site site)
    {
        var country = CountryCodes.Find(site.Country);
        var place = string.Join(", ", new[] { site.City?.Trim(), country?.Code ?? site.Country?.Trim() }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (site.Position is { } position)
        {
            return StudyMatchExtensions.SitePosition(position, StudyMatchExtensions.PrecisionSite, place);
        }

        return Gazetteer.Find(site.City, site.Country) is { } city
            ? StudyMatchExtensions.SitePosition(city.Centre, StudyMatchExtensions.PrecisionCity, place)
            : null;
    }
}
