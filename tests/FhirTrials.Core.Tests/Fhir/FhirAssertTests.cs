using FhirTrials.Core.Fhir;
using Hl7.Fhir.Model;
using Xunit.Sdk;

namespace FhirTrials.Core.Tests.Fhir;

/// <summary>The checks the mapper tests rely on must themselves catch broken resources.</summary>
public sealed class FhirAssertTests
{
    [Fact]
    public void A_study_without_its_mandatory_status_fails_the_strict_parse()
    {
        var study = new ResearchStudy { Id = "x", Text = new NarrativeBuilder("x").ToNarrative() };

        Assert.Throws<XunitException>(() => FhirAssert.ParsesStrictly(study));
    }

    [Fact]
    public void A_narrative_with_a_script_fails_the_strict_parse()
    {
        var study = new ResearchStudy
        {
            Id = "x",
            Status = ResearchStudy.ResearchStudyStatus.Active,
            Text = new Narrative { Status = Narrative.NarrativeStatus.Generated, Div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></div>" },
        };

        Assert.Throws<XunitException>(() => FhirAssert.ParsesStrictly(study));
    }

    [Fact]
    public void A_reference_outside_the_set_and_a_reversed_age_range_are_reported()
    {
        var group = new Group
        {
            Id = "g",
            Type = Group.GroupType.Person,
            Actual = false,
            Text = new NarrativeBuilder("g").ToNarrative(),
            ManagingEntity = new ResourceReference("Organization/missing"),
        };
        group.Characteristic.Add(new Group.CharacteristicComponent
        {
            Code = new CodeableConcept { Text = "Age" },
            Exclude = false,
            Value = new Hl7.Fhir.Model.Range
            {
                Low = new Quantity { Value = 80, Code = "a", System = "http://unitsofmeasure.org" },
                High = new Quantity { Value = 18, Code = "a", System = "http://unitsofmeasure.org" },
            },
        });

        var error = Assert.Throws<XunitException>(() => FhirAssert.Valid([group]));

        Assert.Contains("Organization/missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("rng-2", error.Message, StringComparison.Ordinal);
    }
}
