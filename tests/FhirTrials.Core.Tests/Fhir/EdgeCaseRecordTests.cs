using FhirTrials.Core.Fhir;
using FhirTrials.Core.Records;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Tests.Fhir;

/// <summary>Records as badly filled as real pages make them must still give valid FHIR.</summary>
public sealed class EdgeCaseRecordTests
{
    private static TrialResources Map(TrialRecord record) => TrialFhirMapper.Map(record, new MappingOptions(TestRecords.Recorded));

    [Fact]
    public void Blank_values_control_characters_and_odd_dates_never_make_invalid_FHIR()
    {
        var record = TestRecords.Sparse("nct01234567");
        record.OfficialTitle = "  ";
        record.BriefTitle = "Title with \u0007 bell and <tags>";
        record.StatusText = " ";
        record.BriefSummary = "";
        record.Keywords.AddRange(["", " ", "keyword"]);
        record.Conditions.AddRange(["", "Cancer", "cancer"]);
        record.ConditionMeshTerms.Add(new MeshTerm(" "));
        record.Dates.Start = new TrialDate(2024, 2, 31);
        record.Dates.Completion = new TrialDate(2023, 1, Kind: DateKind.Actual);
        record.Dates.PrimaryCompletion = new TrialDate(2024, 13);
        record.Enrollment = new Enrollment(0, EnrollmentKind.Actual);
        record.Eligibility.MaximumAge = new Core.Records.Age(0.5m, AgeUnit.Years);
        record.Eligibility.Inclusion.Add("");
        record.LeadSponsor = new Party("!!!");
        record.Officials.Add(new Investigator("", OfficialRole.PrincipalInvestigator));
        record.Officials.Add(new Investigator("MD", OfficialRole.SubInvestigator, " "));
        record.CentralContacts.Add(new Contact("Study Office", Phone: " ", Email: ""));
        record.Locations.Add(new Site());
        record.Locations.Add(new Site { City = "Lyon", Country = "France", Status = RecruitmentStatus.Withheld });
        record.References.Add(new Citation("", Pmid: "not-a-number"));
        record.Arms.Add(new ArmGroup { Label = "A" });
        record.Arms.Add(new ArmGroup { Label = "A" });
        record.Outcomes.Add(new Outcome { Kind = OutcomeKind.Primary, Measure = "Safety", TimeFrame = " " });

        var resources = Map(record);

        FhirAssert.Valid(resources.All().ToList());
        Assert.Equal("nct01234567", resources.Study.Id);
        Assert.Null(resources.Study.Period!.Start);
        Assert.Equal("2023-01", resources.Study.Period.End);
        Assert.DoesNotContain("\u0007", resources.Study.Title, StringComparison.Ordinal);
        Assert.Single(resources.Locations);
    }

    [Fact]
    public void A_completion_before_the_start_leaves_only_the_start_in_the_period()
    {
        var record = TestRecords.Sparse();
        record.Dates.Start = new TrialDate(2024, 5);
        record.Dates.Completion = new TrialDate(2023, 1);

        var period = Map(record).Study.Period;

        Assert.Equal("2024-05", period!.Start);
        Assert.Null(period.End);
    }

    [Fact]
    public void A_completion_in_the_same_month_as_a_day_precise_start_is_kept()
    {
        var record = TestRecords.Sparse();
        record.Dates.Start = new TrialDate(2024, 5, 20);
        record.Dates.Completion = new TrialDate(2024, 5);

        Assert.Equal("2024-05", Map(record).Study.Period!.End);
    }

    [Fact]
    public void The_actual_enrollment_goes_to_actualNumber_and_an_estimate_to_targetNumber()
    {
        var record = TestRecords.Sparse();
        record.Enrollment = new Enrollment(40, EnrollmentKind.Actual);

        var recruitment = Map(record).Study.GetExtension(R5Extensions.RecruitmentUrl);

        Assert.Equal(40, Assert.IsType<UnsignedInt>(recruitment.GetExtension("actualNumber")?.Value).Value);
        Assert.Null(recruitment.GetExtension("targetNumber"));
    }

    [Fact]
    public void Each_site_reference_carries_its_own_recruitment_status()
    {
        var study = Map(TestRecords.Rich()).Study;

        var states = study.Site.Select(s => Assert.IsType<CodeableConcept>(s.GetExtension(R5Extensions.ProgressStatusUrl)?.GetExtension("state")?.Value).Coding[0].Code);

        Assert.Equal(["recruiting", "not-yet-recruiting"], states);
    }
}
