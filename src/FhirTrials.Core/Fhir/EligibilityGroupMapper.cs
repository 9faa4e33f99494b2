using FhirTrials.Core.Fhir.Terminology;
using FhirTrials.Core.Records;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Fhir;

/// <summary>
/// Eligibility -> the enrolment Group (actual = false, type person): who may take part, not who did.
/// </summary>
/// <remarks>
/// Characteristic codes: age = LOINC 30525-0 "Age" with a Range in UCUM units; sex = LOINC 46098-0 "Sex" with an
/// administrative-gender value (no characteristic when all sexes are eligible); healthy volunteers and each criterion
/// use the product's eligibility-characteristic system (<c>accepts-healthy-volunteers</c> with a v2-0136 Y/N value,
/// <c>criterion</c> with the criterion verbatim as text, <c>exclude</c> = true for exclusion criteria), as no standard
/// code means "free-text eligibility criterion". A criteria block the reader could not split is one
/// <c>criteria-text</c> characteristic (exclude = false, since it holds both kinds).
/// </remarks>
internal static class EligibilityGroupMapper
{
    public static Group Map(MappingContext context, string studyTitle)
    {
        var eligibility = context.Record.Eligibility;
        var group = new Group
        {
            Id = context.EligibilityId,
            Meta = context.NewMeta(),
            Type = Group.GroupType.Person,
            Actual = false,
            Name = "Eligible participants: " + studyTitle,
        };

        if (AgeRange(eligibility) is { } range)
        {
            group.Characteristic.Add(Characteristic(new CodeableConcept(CodeSystems.Loinc, CodeSystems.LoincAge, "Age", "Age"), range));
        }

        if (eligibility.Sex is Sex.Female or Sex.Male)
        {
            var code = eligibility.Sex == Sex.Female ? "female" : "male";
            var display = eligibility.Sex == Sex.Female ? "Female" : "Male";
            group.Characteristic.Add(Characteristic(new CodeableConcept(CodeSystems.Loinc, CodeSystems.LoincSex, "Sex", "Sex"),
                new CodeableConcept(CodeSystems.AdministrativeGender, code, display, eligibility.GenderDescription ?? display)));
        }

        if (eligibility.HealthyVolunteers is { } healthy)
        {
            // Yes/No as a v2-0136 concept rather than valueBoolean: some validators read "valueBoolean": false as absent.
            group.Characteristic.Add(Characteristic(Product("accepts-healthy-volunteers", "Accepts healthy volunteers"),
                healthy ? new CodeableConcept(CodeSystems.YesNo, "Y", "Yes", "Yes") : new CodeableConcept(CodeSystems.YesNo, "N", "No", "No")));
        }

        foreach (var criterion in eligibility.Inclusion.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            group.Characteristic.Add(Characteristic(Product("criterion", "Eligibility criterion"), new CodeableConcept { Text = criterion }));
        }

        foreach (var criterion in eligibility.Exclusion.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            group.Characteristic.Add(Characteristic(Product("criterion", "Eligibility criterion"), new CodeableConcept { Text = criterion }, exclude: true));
        }

        if (eligibility.Inclusion.Count == 0 && eligibility.Exclusion.Count == 0 && !string.IsNullOrWhiteSpace(eligibility.CriteriaText))
        {
            group.Characteristic.Add(Characteristic(Product("criteria-text", "Eligibility criteria (unsplit text)"),
                new CodeableConcept { Text = eligibility.CriteriaText }));
        }

        group.Text = new NarrativeBuilder(group.Name)
            .Row("Ages", DescribeAges(eligibility))
            .Row("Sex", eligibility.Sex?.ToString() + (eligibility.GenderDescription is null ? "" : " - " + eligibility.GenderDescription))
            .Row("Accepts healthy volunteers", eligibility.HealthyVolunteers is { } h ? (h ? "Yes" : "No") : null)
            .List("Inclusion criteria", eligibility.Inclusion)
            .List("Exclusion criteria", eligibility.Exclusion)
            .Paragraph(eligibility.Inclusion.Count == 0 && eligibility.Exclusion.Count == 0 ? eligibility.CriteriaText : null)
            .ToNarrative();
        return group;
    }

    /// <summary>The age Range, or null when no bound is given; an upper bound below the lower one is dropped (rng-2).</summary>
    internal static Hl7.Fhir.Model.Range? AgeRange(Eligibility eligibility)
    {
        var low = eligibility.MinimumAge is { Value: >= 0 } min ? min : null;
        var high = eligibility.MaximumAge is { Value: >= 0 } max ? max : null;
        if (low is not null && high is not null && UcumAgeUnits.InMinutes(high) < UcumAgeUnits.InMinutes(low))
        {
            high = null;
        }

        return low is null && high is null ? null : new Hl7.Fhir.Model.Range { Low = Quantity(low), High = Quantity(high) };
    }

    private static Quantity? Quantity(Records.Age? age)
    {
        if (age is null)
        {
            return null;
        }

        var (code, display) = UcumAgeUnits.For(age.Unit);
        return new Quantity { Value = age.Value, Unit = display, System = CodeSystems.Ucum, Code = code };
    }

    private static string? DescribeAges(Eligibility eligibility)
    {
        string? Describe(Records.Age? age) => age is null ? null : $"{age.Value} {UcumAgeUnits.For(age.Unit).Display}";
        var (min, max) = (Describe(eligibility.MinimumAge), Describe(eligibility.MaximumAge));
        var range = min is null && max is null ? null : $"{min ?? "no minimum"} to {max ?? "no maximum"}";
        var groups = eligibility.StandardAges.Count == 0 ? null : "(" + string.Join(", ", eligibility.StandardAges) + ")";
        return range is null && groups is null ? null : string.Join(" ", new[] { range, groups }.Where(s => s is not null));
    }

    private static CodeableConcept Product(string code, string display) =>
        new(CodeSystems.EligibilityCharacteristic, code, display, display);

    private static Group.CharacteristicComponent Characteristic(CodeableConcept code, DataType value, bool exclude = false) =>
        new() { Code = code, Value = value, Exclude = exclude };
}
