using FhirTrials.Core.Fhir;
using FhirTrials.Core.Fhir.Terminology;
using FhirTrials.Core.Records;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Tests.Fhir;

public sealed class EligibilityGroupMapperTests
{
    private static Group Map(TrialRecord record) => TrialFhirMapper.Map(record, new MappingOptions(TestRecords.Recorded)).Eligibility;

    [Fact]
    public void The_group_is_a_definition_of_persons_not_an_actual_group()
    {
        var group = Map(TestRecords.Rich());

        Assert.False(group.Actual);
        Assert.Equal(Group.GroupType.Person, group.Type);
        Assert.Empty(group.Member);
    }

    [Fact]
    public void Age_bounds_become_a_LOINC_age_range_in_UCUM_units()
    {
        var record = TestRecords.Rich();
        record.Eligibility.MinimumAge = new Core.Records.Age(6, AgeUnit.Months);
        record.Eligibility.MaximumAge = new Core.Records.Age(17, AgeUnit.Years);

        var age = Assert.Single(Map(record).Characteristic, c => c.Code.Coding[0].Code == CodeSystems.LoincAge);

        var range = Assert.IsType<Hl7.Fhir.Model.Range>(age.Value);
        Assert.Equal((6m, "mo", "http://unitsofmeasure.org"), (range.Low!.Value!.Value, range.Low.Code, range.Low.System));
        Assert.Equal((17m, "a"), (range.High!.Value!.Value, range.High.Code));
        Assert.False(age.Exclude);
    }

    [Fact]
    public void A_maximum_age_below_the_minimum_is_dropped_so_the_range_stays_valid()
    {
        var record = TestRecords.Rich();
        record.Eligibility.MinimumAge = new Core.Records.Age(2, AgeUnit.Years);
        record.Eligibility.MaximumAge = new Core.Records.Age(18, AgeUnit.Months);

        var range = (Hl7.Fhir.Model.Range)Map(record).Characteristic.Single(c => c.Code.Coding[0].Code == CodeSystems.LoincAge).Value;

        Assert.Null(range.High);
        Assert.Equal(2m, range.Low!.Value);
    }

    [Fact]
    public void Each_criterion_is_one_characteristic_verbatim_with_exclude_set_for_exclusions()
    {
        var group = Map(TestRecords.Rich());

        var criteria = group.Characteristic.Where(c => c.Code.Coding[0].Code == "criterion").ToList();
        Assert.Equal(
            ["Age ≥ 45 years|False", "Diagnosis of IBM (ENMC 2011 criteria)|False", "Pregnancy|True", "Active cancer < 5 years|True"],
            criteria.Select(c => ((CodeableConcept)c.Value).Text + "|" + c.Exclude));
    }

    [Fact]
    public void Sex_is_a_characteristic_only_when_restricted()
    {
        var record = TestRecords.Rich();
        Assert.DoesNotContain(Map(record).Characteristic, c => c.Code.Coding[0].Code == CodeSystems.LoincSex);

        record.Eligibility.Sex = Sex.Female;
        var sex = Assert.Single(Map(record).Characteristic, c => c.Code.Coding[0].Code == CodeSystems.LoincSex);
        Assert.Equal("female", ((CodeableConcept)sex.Value).Coding[0].Code);
    }

    [Fact]
    public void Healthy_volunteers_are_a_yes_no_characteristic()
    {
        var record = TestRecords.Rich();
        record.Eligibility.HealthyVolunteers = true;

        var healthy = Assert.Single(Map(record).Characteristic, c => c.Code.Coding[0].Code == "accepts-healthy-volunteers");

        Assert.Equal("Y", ((CodeableConcept)healthy.Value).Coding[0].Code);
    }

    [Fact]
    public void An_unsplit_criteria_block_is_kept_as_one_text_characteristic()
    {
        var record = TestRecords.Sparse();
        record.Eligibility.CriteriaText = "Inclusion: adults. Exclusion: pregnancy.";

        var group = Map(record);

        var block = Assert.Single(group.Characteristic);
        Assert.Equal("criteria-text", block.Code.Coding[0].Code);
        Assert.Equal("Inclusion: adults. Exclusion: pregnancy.", ((CodeableConcept)block.Value).Text);
        FhirAssert.Valid([group]);
    }
}
