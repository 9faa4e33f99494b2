using FhirTrials.Core.Fhir.Terminology;
using FhirTrials.Core.Matching;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Tests.Matching;

public sealed class ConditionMatcherTests
{
    private static readonly ResearchStudy Type2 = Study("t2", "Type 2 Diabetes", "D003924", "Diabetes Mellitus, Type 2", ("D003920", "Diabetes Mellitus"), ("D004700", "Endocrine System Diseases"));
    private static readonly ResearchStudy Diabetes = Study("dm", "Diabetes Mellitus", "D003920", "Diabetes Mellitus", ("D004700", "Endocrine System Diseases"));
    private static readonly ResearchStudy Asthma = Study("as", "Asthma", "D001249", "Asthma");
    private static readonly MeshKnowledge Knowledge = MeshKnowledge.From([Type2, Diabetes, Asthma]);

    [Theory]
    [InlineData("Type 2 diabetes")]
    [InlineData("DIABETES MELLITUS, TYPE II")]
    [InlineData("type-2 diabètes")]
    public void Folded_text_in_any_word_order_is_a_full_match(string text)
    {
        var result = ConditionMatcher.Match([new PatientCondition(text, [])], Type2, Knowledge);

        Assert.Equal(CriterionOutcome.Met, result.Outcome);
        Assert.Equal(1, result.Score);
        Assert.Equal($"'{text}' matches the study condition 'Type 2 Diabetes'", result.Reason);
    }

    [Fact]
    public void A_MeSH_coding_matches_by_descriptor_even_when_the_text_differs()
    {
        var patient = new PatientCondition("NIDDM", [(CodeSystems.Mesh, "D003924", null)]);

        var result = ConditionMatcher.Match([patient], Type2, Knowledge);

        Assert.Equal(1, result.Score);
        Assert.Contains("has the MeSH descriptor of the study condition 'Type 2 Diabetes' (D003924)", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_study_on_a_MeSH_ancestor_is_a_weaker_match()
    {
        var patient = new PatientCondition("Type 2 diabetes", []);

        var exact = ConditionMatcher.Match([patient], Type2, Knowledge);
        var broader = ConditionMatcher.Match([patient], Diabetes, Knowledge);

        Assert.Equal(CriterionOutcome.Met, broader.Outcome);
        Assert.Equal(ConditionMatcher.AncestorScore, broader.Score);
        Assert.True(broader.Score < exact.Score);
        Assert.Equal("'Type 2 diabetes' (MeSH D003924 Diabetes Mellitus, Type 2) falls under the study condition 'Diabetes Mellitus' (MeSH ancestor D003920): a broader match", broader.Reason);
    }

    [Fact]
    public void Without_a_study_that_teaches_the_descriptor_the_ancestor_study_does_not_match()
    {
        var result = ConditionMatcher.Match([new PatientCondition("Type 2 diabetes", [])], Diabetes, MeshKnowledge.From([Diabetes]));

        Assert.Equal(CriterionOutcome.NotMet, result.Outcome);
    }

    [Fact]
    public void A_study_narrower_than_the_patients_condition_is_a_weaker_match()
    {
        var patient = new PatientCondition(null, [(CodeSystems.Mesh, "D003920", "Diabetes Mellitus")]);
        var knowledgeWithoutText = MeshKnowledge.From([Type2]);
        var study = Study("t2b", "NIDDM", "D003924", "NIDDM", ("D003920", "Diabetes Mellitus"));

        var result = ConditionMatcher.Match([patient], study, knowledgeWithoutText);

        Assert.Equal(ConditionMatcher.AncestorScore, result.Score);
        Assert.Contains("is a narrower kind of 'Diabetes Mellitus'", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://snomed.info/sct", "44054006", "Diabetes mellitus type 2")]
    [InlineData("http://hl7.org/fhir/sid/icd-10", "E11", "Type 2 diabetes mellitus")]
    public void SNOMED_and_ICD_10_codes_without_text_match_by_their_display(string system, string code, string display)
    {
        var result = ConditionMatcher.Match([new PatientCondition(null, [(system, code, display)])], Type2, Knowledge);

        Assert.Equal(1, result.Score);
        Assert.Equal($"'{display}' matches the study condition 'Type 2 Diabetes'", result.Reason);
    }

    [Fact]
    public void An_unrelated_condition_is_not_met_and_says_what_the_study_is_about()
    {
        var result = ConditionMatcher.Match([new PatientCondition("Type 2 diabetes", [])], Asthma, Knowledge);

        Assert.Equal(CriterionOutcome.NotMet, result.Outcome);
        Assert.Equal("no condition of the patient (Type 2 diabetes) meets the study's (Asthma)", result.Reason);
    }

    private static ResearchStudy Study(string id, string text, string code, string display, params (string Code, string Display)[] ancestors)
    {
        var study = new ResearchStudy
        {
            Id = id,
            Status = ResearchStudy.ResearchStudyStatus.Active,
            Condition = [new CodeableConcept { Text = text, Coding = [new Coding(CodeSystems.Mesh, code, display)] }],
        };
        foreach (var (ancestorCode, ancestorDisplay) in ancestors)
        {
            study.Extension.Add(new Extension(StudyMatchExtensions.MeshAncestorUrl, new Coding(CodeSystems.Mesh, ancestorCode, ancestorDisplay)));
        }

        return study;
    }
}
