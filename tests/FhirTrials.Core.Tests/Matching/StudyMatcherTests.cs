using FhirTrials.Core.Fhir;
using FhirTrials.Core.Matching;
using FhirTrials.Core.Reading;
using FhirTrials.TestSupport;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Tests.Matching;

/// <summary>The matcher on the study the mapper makes from the CT.gov v2 test document (18-75, all sexes, no healthy
/// volunteers, active not recruiting; Lyon with a geoPoint, Paris and Boston without).</summary>
public sealed class StudyMatcherTests
{
    private static readonly TrialResources Mapped = Map();

    [Fact]
    public void The_mapper_keeps_geoPoint_on_the_Location_and_the_site_and_places_the_others_by_city()
    {
        var lyon = Mapped.Locations.Single(l => l.Address!.City == "Lyon");
        Assert.Equal(45.77m, lyon.Position!.Latitude);
        Assert.Equal(4.83m, lyon.Position.Longitude);
        Assert.Null(Mapped.Locations.Single(l => l.Address!.City == "Paris").Position);

        var sites = Mapped.Study.Site.Select(StudyMatchExtensions.ReadSitePosition).ToList();
        Assert.Equal((StudyMatchExtensions.PrecisionSite, "Lyon, FR"), (sites[0]!.Value.Precision, sites[0]!.Value.Place));
        Assert.Equal((StudyMatchExtensions.PrecisionCity, "Paris, FR"), (sites[1]!.Value.Precision, sites[1]!.Value.Place));
        Assert.Equal((StudyMatchExtensions.PrecisionCity, "Boston, US"), (sites[2]!.Value.Precision, sites[2]!.Value.Place));
    }

    [Fact]
    public void The_mapper_copies_the_eligibility_facts_and_MeSH_ancestors_onto_the_study()
    {
        Assert.Equal((18.0, 75.0), StudyMatchExtensions.EligibleAge(Mapped.Study));
        Assert.Null(StudyMatchExtensions.EligibleSex(Mapped.Study));
        Assert.False(StudyMatchExtensions.AcceptsHealthyVolunteers(Mapped.Study));
        Assert.Equal([("D005099", "Exophthalmos")], StudyMatchExtensions.MeshAncestors(Mapped.Study).Select(c => (c.Code, c.Display)));
    }

    [Theory]
    [InlineData(18, CriterionOutcome.Met, "age 18 within 18 to 75 years")]
    [InlineData(75, CriterionOutcome.Met, "age 75 within 18 to 75 years")]
    [InlineData(17, CriterionOutcome.NotMet, "age 17 under the minimum of 18")]
    [InlineData(76, CriterionOutcome.NotMet, "age 76 over the maximum of 75")]
    [InlineData(null, CriterionOutcome.Unknown, "the patient's age is not given (the study takes 18 to 75 years)")]
    public void Age_is_judged_at_and_around_the_limits(int? age, CriterionOutcome outcome, string reason)
    {
        var result = Judge(Patient() with { AgeYears = age }, Recruiting());

        Assert.Equal((outcome, reason), (result.Criteria.Single(c => c.Criterion == "age").Outcome, result.Criteria.Single(c => c.Criterion == "age").Reason));
        Assert.Equal(outcome == CriterionOutcome.NotMet, result.Excluded);
    }

    [Fact]
    public void A_study_that_is_not_recruiting_is_excluded_whatever_else_is_met()
    {
        var result = Judge(Patient(), Mapped.Study);

        Assert.True(result.Excluded);
        Assert.Equal("the study is not recruiting (status closed-to-accrual)", result.Criteria.Single(c => c.Criterion == "status").Reason);
    }

    [Fact]
    public void Distance_names_the_nearest_open_site_and_its_precision_and_a_site_without_position_is_unknown_not_far()
    {
        // Lyon (geoPoint, 360 km from Toulouse) is active, not recruiting: the nearest open site is Paris (city centre).
        var toulouse = new PatientPlace(new GeoPoint(43.6043, 1.4437), "Toulouse");
        var near = Judge(Patient() with { Place = toulouse, DistanceKm = 600 }, Recruiting());
        Assert.Equal("site within 600 km: 588 km, Paris, FR (from the city centre: the site's own position is not given)",
            near.Criteria.Single(c => c.Criterion == "distance").Reason);

        var far = Judge(Patient() with { Place = toulouse, DistanceKm = 50 }, Recruiting());
        var distance = far.Criteria.Single(c => c.Criterion == "distance");
        Assert.Equal(CriterionOutcome.NotMet, distance.Outcome);
        Assert.StartsWith("no site within 50 km; nearest 588 km, Paris, FR", distance.Reason, StringComparison.Ordinal);
        Assert.True(far.Excluded);

        var unplaced = Recruiting();
        unplaced.Site[1].RemoveExtension(StudyMatchExtensions.SitePositionUrl);
        var unknown = Judge(Patient() with { Place = toulouse, DistanceKm = 50 }, unplaced).Criteria.Single(c => c.Criterion == "distance");
        Assert.Equal(CriterionOutcome.Unknown, unknown.Outcome);
        Assert.Equal("no positioned site within 50 km; nearest 5702 km, Boston, US (from the city centre: the site's own position is not given); 1 site without a position (distance unknown)", unknown.Reason);
    }

    [Fact]
    public void Sex_and_healthy_volunteers_follow_the_study()
    {
        var women = Recruiting();
        women.Extension.Add(new Extension(StudyMatchExtensions.EligibleSexUrl, new Code("female")));

        Assert.False(Judge(Patient() with { Gender = "female" }, women).Excluded);
        Assert.Equal("the study takes female participants only; the patient is male", Judge(Patient() with { Gender = "male" }, women).Criteria.Single(c => c.Criterion == "sex").Reason);
        Assert.Equal(CriterionOutcome.Unknown, Judge(Patient() with { Gender = null }, women).Criteria.Single(c => c.Criterion == "sex").Outcome);
        Assert.Equal("the study does not accept healthy volunteers",
            Judge(Patient() with { HealthyVolunteer = true, Conditions = [] }, Recruiting()).Criteria.Single(c => c.Criterion == "healthy-volunteers").Reason);
    }

    private static MatchCriteria Patient() => new(40, "male", [new PatientCondition("Graves ophthalmopathy", [])], null, null, null);

    private static StudyMatch Judge(MatchCriteria patient, ResearchStudy study) => StudyMatcher.Evaluate(patient, study, MeshKnowledge.From([study]));

    private static ResearchStudy Recruiting()
    {
        var study = (ResearchStudy)Mapped.Study.DeepCopy();
        study.Status = ResearchStudy.ResearchStudyStatus.Active;
        return study;
    }

    private static TrialResources Map()
    {
        var path = Path.Combine(RepoPaths.Tests, "FhirTrials.Core.Tests", "TestData", "ClinicalTrialsGov", "study-full.json");
        var read = TrialDocumentReader.Read(File.ReadAllBytes(path), "study-full.json");
        return TrialFhirMapper.Map(read.Records.Single(), new MappingOptions(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));
    }
}
