using FhirTrials.Core.Fhir.Terminology;
using FhirTrials.Core.Records;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Fhir;

/// <summary>
/// Study type and design facts -> ResearchStudy.category, one coded concept each (systems: see
/// <see cref="CodeSystems"/>). The text of each concept says which fact it is, so a reader without the code system
/// still understands "Allocation: Randomized".
/// </summary>
internal static class StudyDesignCategories
{
    public static IEnumerable<CodeableConcept> Map(TrialRecord record)
    {
        var design = record.Design;
        if (record.StudyType is { } studyType)
        {
            yield return Coded(CodeSystems.StudyType, DesignCodes.StudyType(studyType), "Study type");
        }

        if (design.Allocation is { } allocation)
        {
            yield return Coded(CodeSystems.Allocation, DesignCodes.Allocation(allocation), "Allocation");
        }

        if (design.InterventionModel is { } model)
        {
            yield return Coded(CodeSystems.InterventionModel, DesignCodes.InterventionModel(model), "Intervention model",
                design.InterventionModelDescription);
        }

        if (design.Masking is { } masking)
        {
            var roles = design.MaskedRoles.Count == 0 ? null : string.Join(", ", design.MaskedRoles.Select(DesignCodes.MaskedRole));
            yield return Coded(CodeSystems.Masking, DesignCodes.Masking(masking), "Masking", roles, design.MaskingDescription);
        }

        if (!string.IsNullOrWhiteSpace(design.ObservationalModel))
        {
            yield return new CodeableConcept { Text = "Observational model: " + design.ObservationalModel.Trim() };
        }

        if (!string.IsNullOrWhiteSpace(design.TimePerspective))
        {
            yield return new CodeableConcept { Text = "Time perspective: " + design.TimePerspective.Trim() };
        }
    }

    private static CodeableConcept Coded(string system, (string Code, string Display) value, string fact, params string?[] details)
    {
        var extra = string.Join("; ", details.Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d!.Trim()));
        var text = $"{fact}: {value.Display}" + (extra.Length > 0 ? " (" + extra + ")" : "");
        return new CodeableConcept(system, value.Code, value.Display, text);
    }
}
