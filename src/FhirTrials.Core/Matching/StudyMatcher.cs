using System.Globalization;
using FhirTrials.Core.Fhir;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Matching;

/// <summary>
/// Judges one stored study against a patient, criterion by criterion, from the study resource alone (its status, the
/// <see cref="StudyMatchExtensions"/> and its sites): status, age, sex, healthy volunteers, conditions, distance.
/// A criterion the patient gave no data for, or the study says nothing about, is "unknown", never "not met".
/// </summary>
public static class StudyMatcher
{
    /// <summary>Site states that still take patients (R5 research-study-status codes); a site without a state counts too.</summary>
    public static readonly IReadOnlySet<string> OpenSiteStates = new HashSet<string>(StringComparer.Ordinal)
    {
        "recruiting", "not-yet-recruiting", "enrolling-by-invitation", "active",
    };

    public static StudyMatch Evaluate(MatchCriteria patient, ResearchStudy study, MeshKnowledge knowledge)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(study);
        var criteria = new List<CriterionResult> { Status(study), Age(patient, study), Sex(patient, study) };
        if (patient.HealthyVolunteer == true)
        {
            criteria.Add(HealthyVolunteers(study));
        }

        if (patient.Conditions.Count > 0)
        {
            criteria.Add(ConditionMatcher.Match(patient.Conditions, study, knowledge));
        }

        if (patient.Place is { } place && patient.DistanceKm is { } distance)
        {
            criteria.Add(Distance(place, distance, study));
        }

        return new StudyMatch(study.Id ?? "", criteria);
    }

    /// <summary>The sites still taking patients, with their position when the study gives one.</summary>
    public static IEnumerable<(ResourceReference Site, (GeoPoint Position, string Precision, string? Place)? Position)> OpenSites(ResearchStudy study)
    {
        ArgumentNullException.ThrowIfNull(study);
        foreach (var site in study.Site)
        {
            var state = site.GetExtension(R5Extensions.ProgressStatusUrl)?.GetExtensionValue<CodeableConcept>("state");
            var code = state?.Coding.FirstOrDefault()?.Code;
            if (state is null || (code is not null && OpenSiteStates.Contains(code)))
            {
                yield return (site, StudyMatchExtensions.ReadSitePosition(site));
            }
        }
    }

    private static CriterionResult Status(ResearchStudy study) => study.Status switch
    {
        ResearchStudy.ResearchStudyStatus.Active => CriterionResult.Met("status", "the study is recruiting (status active)"),
        ResearchStudy.ResearchStudyStatus.Approved => CriterionResult.Met("status", "the study is approved and not yet recruiting", 0.75),
        { } other => CriterionResult.NotMet("status", $"the study is not recruiting (status {Hl7.Fhir.Utility.EnumUtility.GetLiteral(other)})"),
        null => CriterionResult.NotMet("status", "the study has no status"),
    };

    private static CriterionResult Age(MatchCriteria patient, ResearchStudy study)
    {
        var (minimum, maximum) = StudyMatchExtensions.EligibleAge(study);
        if (minimum is null && maximum is null)
        {
            return CriterionResult.Met("age", "the study sets no age limit");
        }

        var range = $"{(minimum is { } lo ? StudyMatchExtensions.FormatYears(lo) : "no minimum")} to {(maximum is { } hi ? StudyMatchExtensions.FormatYears(hi) + " years" : "no maximum")}";
        if (patient.AgeYears is not { } age)
        {
            return CriterionResult.Unknown("age", $"the patient's age is not given (the study takes {range})");
        }

        if (minimum is { } min && age < min)
        {
            return CriterionResult.NotMet("age", $"age {age} under the minimum of {StudyMatchExtensions.FormatYears(min)}");
        }

        // "65 Years" as a maximum takes patients until their 66th birthday, as registries mean it.
        if (maximum is { } max && age > max)
        {
            return CriterionResult.NotMet("age", $"age {age} over the maximum of {StudyMatchExtensions.FormatYears(max)}");
        }

        return CriterionResult.Met("age", $"age {age} within {range}");
    }

    private static CriterionResult Sex(MatchCriteria patient, ResearchStudy study)
    {
        var sex = StudyMatchExtensions.EligibleSex(study);
        if (sex is null)
        {
            return CriterionResult.Met("sex", "the study takes all sexes");
        }

        return patient.Gender switch
        {
            "female" or "male" when patient.Gender == sex => CriterionResult.Met("sex", $"the study takes {sex} participants; the patient is {sex}"),
            "female" or "male" => CriterionResult.NotMet("sex", $"the study takes {sex} participants only; the patient is {patient.Gender}"),
            _ => CriterionResult.Unknown("sex", $"the study takes {sex} participants only; the patient's sex is {patient.Gender ?? "not given"}"),
        };
    }

    private static CriterionResult HealthyVolunteers(ResearchStudy study) => StudyMatchExtensions.AcceptsHealthyVolunteers(study) switch
    {
        true => CriterionResult.Met("healthy-volunteers", "the study accepts healthy volunteers"),
        false => CriterionResult.NotMet("healthy-volunteers", "the study does not accept healthy volunteers"),
        null => CriterionResult.Unknown("healthy-volunteers", "the study does not say whether it accepts healthy volunteers"),
    };

    private static CriterionResult Distance(PatientPlace place, double distanceKm, ResearchStudy study)
    {
        var limit = Kilometres(distanceKm);
        var sites = OpenSites(study).ToList();
        if (sites.Count == 0)
        {
            return study.Site.Count == 0
                ? CriterionResult.Unknown("distance", "the study lists no sites (distance unknown)")
                : CriterionResult.NotMet("distance", "no site is still recruiting");
        }

        var positioned = sites.Where(s => s.Position is not null)
            .Select(s => (s.Site, Position: s.Position!.Value, Km: GeoDistance.Kilometres(place.Position, s.Position!.Value.Position)))
            .OrderBy(s => s.Km)
            .ToList();
        var unpositioned = sites.Count - positioned.Count;
        var nearest = positioned.Count == 0 ? null : Describe(positioned[0].Site, positioned[0].Position, positioned[0].Km);
        if (positioned.Count > 0 && positioned[0].Km <= distanceKm)
        {
            return CriterionResult.Met("distance", $"site within {limit} km: {nearest}");
        }

        var without = unpositioned == 0 ? "" : $"; {unpositioned} site{(unpositioned == 1 ? "" : "s")} without a position (distance unknown)";
        if (unpositioned > 0)
        {
            return CriterionResult.Unknown("distance", positioned.Count == 0
                ? $"no site has a position (distance unknown)"
                : $"no positioned site within {limit} km; nearest {nearest}{without}");
        }

        return CriterionResult.NotMet("distance", $"no site within {limit} km; nearest {nearest}");
    }

    private static string Describe(ResourceReference site, (GeoPoint Position, string Precision, string? Place) position, double km)
    {
        var where = position.Place ?? site.Display ?? site.Reference ?? "site";
        var precision = position.Precision == StudyMatchExtensions.PrecisionCity ? " (from the city centre: the site's own position is not given)" : "";
        return $"{Kilometres(km)} km, {where}{precision}";
    }

    private static string Kilometres(double km) => Math.Round(km).ToString("0", CultureInfo.InvariantCulture);
}
