using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Tests.Reading.Normalization;

public sealed class VocabularyNormalizerTests
{
    [Theory]
    [InlineData("Not yet recruiting", RecruitmentStatus.NotYetRecruiting)]
    [InlineData("Recruiting", RecruitmentStatus.Recruiting)]
    [InlineData("Enrolling by invitation", RecruitmentStatus.EnrollingByInvitation)]
    [InlineData("Active, not recruiting", RecruitmentStatus.ActiveNotRecruiting)]
    [InlineData("Suspended", RecruitmentStatus.Suspended)]
    [InlineData("Terminated", RecruitmentStatus.Terminated)]
    [InlineData("Completed", RecruitmentStatus.Completed)]
    [InlineData("Withdrawn", RecruitmentStatus.Withdrawn)]
    [InlineData("Unknown status", RecruitmentStatus.Unknown)]
    [InlineData("Withheld", RecruitmentStatus.Withheld)]
    [InlineData("Available", RecruitmentStatus.Available)]
    [InlineData("No longer available", RecruitmentStatus.NoLongerAvailable)]
    [InlineData("Temporarily not available", RecruitmentStatus.TemporarilyNotAvailable)]
    [InlineData("Approved for marketing", RecruitmentStatus.ApprovedForMarketing)]
    [InlineData("RECRUITING", RecruitmentStatus.Recruiting)]
    [InlineData("NOT_YET_RECRUITING", RecruitmentStatus.NotYetRecruiting)]
    [InlineData("ACTIVE_NOT_RECRUITING", RecruitmentStatus.ActiveNotRecruiting)]
    [InlineData("ENROLLING_BY_INVITATION", RecruitmentStatus.EnrollingByInvitation)]
    [InlineData("Not yet enrolling", RecruitmentStatus.NotYetRecruiting)]
    [InlineData("Enrolling", RecruitmentStatus.Recruiting)]
    [InlineData("Active, not enrolling", RecruitmentStatus.ActiveNotRecruiting)]
    [InlineData("Open", RecruitmentStatus.Recruiting)]
    [InlineData("Closed", RecruitmentStatus.ActiveNotRecruiting)]
    public void Status_wordings(string text, RecruitmentStatus expected)
    {
        Assert.True(StatusNormalizer.TryParse(text, out var status));
        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData("Recruiting soon-ish")]
    [InlineData("Phase 1")]
    public void Status_refuses_other_text(string text) => Assert.False(StatusNormalizer.TryParse(text, out _));

    [Theory]
    [InlineData("Phase 1", "Phase1")]
    [InlineData("Phase I", "Phase1")]
    [InlineData("Phase 1/Phase 2", "Phase1,Phase2")]
    [InlineData("Phase 1/2", "Phase1,Phase2")]
    [InlineData("Phase 2/3", "Phase2,Phase3")]
    [InlineData("Phase II/III", "Phase2,Phase3")]
    [InlineData("Early Phase 1", "EarlyPhase1")]
    [InlineData("EARLY_PHASE1", "EarlyPhase1")]
    [InlineData("PHASE1", "Phase1")]
    [InlineData("PHASE1, PHASE2", "Phase1,Phase2")]
    [InlineData("Phase 4", "Phase4")]
    [InlineData("N/A", "NotApplicable")]
    [InlineData("NA", "NotApplicable")]
    [InlineData("Not Applicable", "NotApplicable")]
    public void Phase_wordings(string text, string expected)
    {
        Assert.True(PhaseNormalizer.TryParse(text, out var phases));
        Assert.Equal(expected, string.Join(',', phases));
    }

    [Theory]
    [InlineData("Phase 1 trial of a drug")]
    [InlineData("1")]
    [InlineData("Phase")]
    public void Phase_refuses_sentences(string text) => Assert.False(PhaseNormalizer.TryParse(text, out _));

    [Theory]
    [InlineData("Interventional (Clinical Trial)", StudyType.Interventional)]
    [InlineData("INTERVENTIONAL", StudyType.Interventional)]
    [InlineData("Observational [Patient Registry]", StudyType.Observational)]
    [InlineData("Expanded Access", StudyType.ExpandedAccess)]
    [InlineData("EXPANDED_ACCESS", StudyType.ExpandedAccess)]
    public void Study_types(string text, StudyType expected)
    {
        Assert.True(DesignNormalizer.TryParseStudyType(text, out var type));
        Assert.Equal(expected, type);
    }

    [Theory]
    [InlineData("Randomized", Allocation.Randomized)]
    [InlineData("Non-Randomized", Allocation.NonRandomized)]
    [InlineData("NON_RANDOMIZED", Allocation.NonRandomized)]
    [InlineData("N/A", Allocation.NotApplicable)]
    [InlineData("NA", Allocation.NotApplicable)]
    [InlineData("Randomised controlled trial", Allocation.Randomized)]
    [InlineData("Randomisierte kontrollierte Studie", Allocation.Randomized)]
    public void Allocations(string text, Allocation expected)
    {
        Assert.True(DesignNormalizer.TryParseAllocation(text, out var allocation));
        Assert.Equal(expected, allocation);
    }

    [Theory]
    [InlineData("Single Group Assignment", InterventionModel.SingleGroup)]
    [InlineData("Parallel Assignment", InterventionModel.Parallel)]
    [InlineData("Crossover Assignment", InterventionModel.Crossover)]
    [InlineData("SINGLE_GROUP", InterventionModel.SingleGroup)]
    [InlineData("FACTORIAL", InterventionModel.Factorial)]
    public void Intervention_models(string text, InterventionModel expected)
    {
        Assert.True(DesignNormalizer.TryParseInterventionModel(text, out var model));
        Assert.Equal(expected, model);
    }

    [Theory]
    [InlineData("Quadruple Blind", Masking.Quadruple, "")]
    [InlineData("None (Open Label)", Masking.None, "")]
    [InlineData("None (Open label)", Masking.None, "")]
    [InlineData("Open Label", Masking.None, "")]
    [InlineData("Double (Participant, Investigator)", Masking.Double, "Participant,Investigator")]
    [InlineData("Quadruple (Participant, Care Provider, Investigator, Outcomes Assessor)", Masking.Quadruple, "Participant,CareProvider,Investigator,OutcomesAssessor")]
    [InlineData("Double-blind", Masking.Double, "")]
    [InlineData("QUADRUPLE", Masking.Quadruple, "")]
    [InlineData("NONE", Masking.None, "")]
    public void Maskings_with_who_is_masked(string text, Masking expected, string roles)
    {
        Assert.True(DesignNormalizer.TryParseMasking(text, out var masking, out var masked));
        Assert.Equal(expected, masking);
        Assert.Equal(roles, string.Join(',', masked));
    }

    [Theory]
    [InlineData("Treatment", PrimaryPurpose.Treatment)]
    [InlineData("TREATMENT", PrimaryPurpose.Treatment)]
    [InlineData("Supportive Care", PrimaryPurpose.SupportiveCare)]
    [InlineData("SUPPORTIVE_CARE", PrimaryPurpose.SupportiveCare)]
    [InlineData("Educational/Counseling/Training", PrimaryPurpose.EducationalCounselingTraining)]
    [InlineData("Health Services Research", PrimaryPurpose.HealthServicesResearch)]
    [InlineData("Other", PrimaryPurpose.Other)]
    public void Primary_purposes(string text, PrimaryPurpose expected)
    {
        Assert.True(DesignNormalizer.TryParsePrimaryPurpose(text, out var purpose));
        Assert.Equal(expected, purpose);
    }

    [Theory]
    [InlineData("Experimental", ArmType.Experimental)]
    [InlineData("Experimental group", ArmType.Experimental)]
    [InlineData("Placebo Comparator group", ArmType.PlaceboComparator)]
    [InlineData("PLACEBO_COMPARATOR", ArmType.PlaceboComparator)]
    [InlineData("Active Comparator", ArmType.ActiveComparator)]
    [InlineData("No Intervention", ArmType.NoIntervention)]
    [InlineData("Other group", ArmType.Other)]
    public void Arm_types(string text, ArmType expected)
    {
        Assert.True(InterventionNormalizer.TryParseArmType(text, out var type));
        Assert.Equal(expected, type);
    }

    [Theory]
    [InlineData("Biological: ADSVF", InterventionType.Biological, "ADSVF")]
    [InlineData("Drug: Placebo", InterventionType.Drug, "Placebo")]
    [InlineData("Other: Adipose tissue harvesting", InterventionType.Other, "Adipose tissue harvesting")]
    [InlineData("Dietary Supplement: Vitamin D", InterventionType.DietarySupplement, "Vitamin D")]
    [InlineData("Combination Product: X + Y", InterventionType.CombinationProduct, "X + Y")]
    public void Typed_intervention_names(string text, InterventionType expectedType, string expectedName)
    {
        Assert.True(InterventionNormalizer.TrySplitTypedName(text, out var type, out var name));
        Assert.Equal(expectedType, type);
        Assert.Equal(expectedName, name);
    }

    [Theory]
    [InlineData("DIETARY_SUPPLEMENT", InterventionType.DietarySupplement)]
    [InlineData("BIOLOGICAL", InterventionType.Biological)]
    [InlineData("Diagnostic Test", InterventionType.DiagnosticTest)]
    public void Intervention_types(string text, InterventionType expected)
    {
        Assert.True(InterventionNormalizer.TryParseType(text, out var type));
        Assert.Equal(expected, type);
    }

    [Fact]
    public void A_colon_in_a_name_is_not_a_type() =>
        Assert.False(InterventionNormalizer.TrySplitTypedName("Group 1 and 2 : Escalating dose", out _, out _));

    [Theory]
    [InlineData("All", Sex.All)]
    [InlineData("ALL", Sex.All)]
    [InlineData("Both", Sex.All)]
    [InlineData("Female", Sex.Female)]
    [InlineData("Male", Sex.Male)]
    [InlineData("FEMALE", Sex.Female)]
    public void Sexes(string text, Sex expected)
    {
        Assert.True(ParticipantNormalizer.TryParseSex(text, out var sex));
        Assert.Equal(expected, sex);
    }

    [Theory]
    [InlineData("Accepts Healthy Volunteers", true)]
    [InlineData("No Healthy Volunteers", false)]
    [InlineData("No", false)]
    [InlineData("Yes", true)]
    public void Healthy_volunteers(string text, bool expected)
    {
        Assert.True(ParticipantNormalizer.TryParseHealthyVolunteers(text, out var accepts));
        Assert.Equal(expected, accepts);
    }

    [Theory]
    [InlineData("32 participants", EnrollmentKind.Unspecified, 32, EnrollmentKind.Unspecified)]
    [InlineData("32 participants", EnrollmentKind.Estimated, 32, EnrollmentKind.Estimated)]
    [InlineData("Estimated Enrollment : 32", EnrollmentKind.Unspecified, 32, EnrollmentKind.Estimated)]
    [InlineData("6 estimated patients", EnrollmentKind.Unspecified, 6, EnrollmentKind.Estimated)]
    [InlineData("12 participants", EnrollmentKind.Unspecified, 12, EnrollmentKind.Unspecified)]
    [InlineData("Actual Enrollment: 120", EnrollmentKind.Unspecified, 120, EnrollmentKind.Actual)]
    [InlineData("1,200 (Actual)", EnrollmentKind.Unspecified, 1200, EnrollmentKind.Actual)]
    public void Enrollment_counts_and_kinds(string text, EnrollmentKind labelKind, int count, EnrollmentKind kind)
    {
        Assert.True(EnrollmentNormalizer.TryParse(text, labelKind, out var enrollment));
        Assert.Equal(new Enrollment(count, kind), enrollment);
    }

    [Theory]
    [InlineData("50 participants in 2 patient groups, including a placebo group")]
    [InlineData("participants")]
    [InlineData("Phase 1")]
    public void Enrollment_refuses_other_text(string text) => Assert.False(EnrollmentNormalizer.TryParse(text, EnrollmentKind.Unspecified, out _));

    [Theory]
    [InlineData("OTHER_GOV", "othergov")]
    [InlineData("Active, not recruiting", "activenotrecruiting")]
    [InlineData("Hôpitaux", "hopitaux")]
    public void Text_keys_ignore_case_accents_and_punctuation(string text, string expected) =>
        Assert.Equal(expected, TextKey.Compact(text));
}
