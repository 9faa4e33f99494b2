using FhirTrials.Core.Fhir;
using FhirTrials.Core.Records;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Tests.Fhir;

public sealed class PlanDefinitionMapperTests
{
    private static TrialResources Map(TrialRecord record) => TrialFhirMapper.Map(record, new MappingOptions(TestRecords.Recorded));

    [Fact]
    public void The_protocol_is_a_clinical_protocol_with_the_study_identifiers_title_and_a_consistent_status()
    {
        var resources = Map(TestRecords.Rich());
        var plan = resources.Protocol;

        Assert.Equal("clinical-protocol", plan.Type!.Coding[0].Code);
        Assert.Equal(resources.Study.Title, plan.Title);
        Assert.Equal(resources.Study.Identifier.Select(i => i.Value), plan.Identifier.Select(i => i.Value));
        Assert.Equal(PublicationStatus.Active, plan.Status);
        Assert.Equal("PlanDefinition/" + plan.Id, resources.Study.Protocol[0].Reference);
    }

    [Fact]
    public void Each_arm_is_an_action_with_its_interventions_as_sub_actions()
    {
        var plan = Map(TestRecords.Rich()).Protocol;

        Assert.Equal(["ADSVF", "Placebo", "Observation", "Standard physiotherapy"], plan.Action.Select(a => a.Title));
        var experimental = plan.Action[0];
        Assert.Equal("experimental", experimental.Code[0].Coding[0].Code);
        var adsvf = Assert.Single(experimental.Action);
        Assert.Equal("BIOLOGICAL", adsvf.Code[0].Coding[0].Code);
        Assert.Contains("40 ml", adsvf.Description, StringComparison.Ordinal);
        Assert.Equal("Placebo", Assert.Single(plan.Action[1].Action).Title);
        Assert.Empty(plan.Action[2].Action);
    }

    [Fact]
    public void Each_outcome_is_a_goal_with_its_category_and_time_frame()
    {
        var plan = Map(TestRecords.Rich()).Protocol;

        Assert.Equal(["primary", "secondary", "exploratory"], plan.Goal.Select(g => g.Category!.Coding[0].Code));
        Assert.Equal("Number of adverse events", plan.Goal[0].Description.Text);
        var target = Assert.Single(plan.Goal[0].Target);
        Assert.Equal("12 months", Assert.IsType<CodeableConcept>(target.Detail).Text);
        var due = Assert.IsType<Duration>(target.Due);
        Assert.Equal((12m, "mo"), (due.Value!.Value, due.Code));
        Assert.Null(plan.Goal[1].Target[0].Due);
        Assert.All(plan.Action.Take(3), a => Assert.Equal(plan.Goal.Select(g => g.ElementId), a.GoalId));
    }

    [Theory]
    [InlineData("12 months", 12, "mo")]
    [InlineData("Week 52", 52, "wk")]
    [InlineData("up to 28 days after injection", 28, "d")]
    [InlineData("6-month follow-up", 6, "mo")]
    [InlineData("Baseline, Month 3, Month 6", null, null)]
    [InlineData("End of study", null, null)]
    public void A_time_frame_is_a_due_duration_only_when_it_names_one_amount_of_time(string timeFrame, int? value, string? unit)
    {
        var duration = TimeFrames.ToDuration(timeFrame);

        Assert.Equal(value, (int?)duration?.Value);
        Assert.Equal(unit, duration?.Code);
    }

    [Fact]
    public void An_outcome_of_unknown_kind_gets_no_guessed_category()
    {
        var record = TestRecords.Sparse();
        record.Outcomes.Add(new Outcome { Kind = OutcomeKind.Unspecified, Measure = "Adverse events" });

        var resources = Map(record);

        Assert.Null(Assert.Single(resources.Protocol.Goal).Category);
        Assert.Null(Assert.Single(resources.Study.Objective).Type);
        FhirAssert.Valid(resources.All().ToList());
    }
}
