using FhirTrials.Core.Records;

namespace FhirTrials.Core.Fhir.Terminology;

/// <summary>
/// Study design and intervention vocabularies -> codes. The category systems use the ClinicalTrials.gov API v2
/// enumeration values as codes (see <see cref="CodeSystems"/> for why) and CT.gov's display words.
/// </summary>
public static class DesignCodes
{
    public static (string Code, string Display) StudyType(StudyType type) => type switch
    {
        Records.StudyType.Interventional => ("INTERVENTIONAL", "Interventional"),
        Records.StudyType.Observational => ("OBSERVATIONAL", "Observational"),
        Records.StudyType.ExpandedAccess => ("EXPANDED_ACCESS", "Expanded Access"),
        _ => throw Unmapped(type),
    };

    public static (string Code, string Display) Allocation(Allocation allocation) => allocation switch
    {
        Records.Allocation.Randomized => ("RANDOMIZED", "Randomized"),
        Records.Allocation.NonRandomized => ("NON_RANDOMIZED", "Non-Randomized"),
        Records.Allocation.NotApplicable => ("NA", "N/A"),
        _ => throw Unmapped(allocation),
    };

    public static (string Code, string Display) InterventionModel(InterventionModel model) => model switch
    {
        Records.InterventionModel.SingleGroup => ("SINGLE_GROUP", "Single Group Assignment"),
        Records.InterventionModel.Parallel => ("PARALLEL", "Parallel Assignment"),
        Records.InterventionModel.Crossover => ("CROSSOVER", "Crossover Assignment"),
        Records.InterventionModel.Factorial => ("FACTORIAL", "Factorial Assignment"),
        Records.InterventionModel.Sequential => ("SEQUENTIAL", "Sequential Assignment"),
        _ => throw Unmapped(model),
    };

    public static (string Code, string Display) Masking(Masking masking) => masking switch
    {
        Records.Masking.None => ("NONE", "None (Open Label)"),
        Records.Masking.Single => ("SINGLE", "Single"),
        Records.Masking.Double => ("DOUBLE", "Double"),
        Records.Masking.Triple => ("TRIPLE", "Triple"),
        Records.Masking.Quadruple => ("QUADRUPLE", "Quadruple"),
        _ => throw Unmapped(masking),
    };

    public static string MaskedRole(MaskedRole role) => role switch
    {
        Records.MaskedRole.Participant => "Participant",
        Records.MaskedRole.CareProvider => "Care Provider",
        Records.MaskedRole.Investigator => "Investigator",
        Records.MaskedRole.OutcomesAssessor => "Outcomes Assessor",
        _ => throw Unmapped(role),
    };

    public static (string Code, string Display) InterventionType(InterventionType type) => type switch
    {
        Records.InterventionType.Behavioral => ("BEHAVIORAL", "Behavioral"),
        Records.InterventionType.Biological => ("BIOLOGICAL", "Biological"),
        Records.InterventionType.CombinationProduct => ("COMBINATION_PRODUCT", "Combination Product"),
        Records.InterventionType.Device => ("DEVICE", "Device"),
        Records.InterventionType.DiagnosticTest => ("DIAGNOSTIC_TEST", "Diagnostic Test"),
        Records.InterventionType.DietarySupplement => ("DIETARY_SUPPLEMENT", "Dietary Supplement"),
        Records.InterventionType.Drug => ("DRUG", "Drug"),
        Records.InterventionType.Genetic => ("GENETIC", "Genetic"),
        Records.InterventionType.Procedure => ("PROCEDURE", "Procedure"),
        Records.InterventionType.Radiation => ("RADIATION", "Radiation"),
        Records.InterventionType.Other => ("OTHER", "Other"),
        _ => throw Unmapped(type),
    };

    /// <summary>R4 research-study-prim-purp-type; purposes R4 has no code for are written as text only.</summary>
    public static (string? Code, string Display) PrimaryPurpose(PrimaryPurpose purpose) => purpose switch
    {
        Records.PrimaryPurpose.Treatment => ("treatment", "Treatment"),
        Records.PrimaryPurpose.Prevention => ("prevention", "Prevention"),
        Records.PrimaryPurpose.Diagnostic => ("diagnostic", "Diagnostic"),
        Records.PrimaryPurpose.SupportiveCare => ("supportive-care", "Supportive Care"),
        Records.PrimaryPurpose.Screening => ("screening", "Screening"),
        Records.PrimaryPurpose.HealthServicesResearch => ("health-services-research", "Health Services Research"),
        Records.PrimaryPurpose.BasicScience => ("basic-science", "Basic Science"),
        Records.PrimaryPurpose.DeviceFeasibility => ("device-feasibility", "Device Feasibility"),
        Records.PrimaryPurpose.EducationalCounselingTraining => (null, "Educational/Counseling/Training"),
        Records.PrimaryPurpose.Other => (null, "Other"),
        _ => throw Unmapped(purpose),
    };

    /// <summary>R4 research-study-objective-type: registries' "other" outcome measures are exploratory; an outcome
    /// whose kind the source does not give has no type (null), rather than a guessed one.</summary>
    public static (string Code, string Display)? ObjectiveType(OutcomeKind kind) => kind switch
    {
        OutcomeKind.Primary => ("primary", "Primary"),
        OutcomeKind.Secondary => ("secondary", "Secondary"),
        OutcomeKind.Other => ("exploratory", "Exploratory"),
        OutcomeKind.Unspecified => null,
        _ => throw Unmapped(kind),
    };

    /// <summary>The objective type as a concept, or null when the kind is not given.</summary>
    public static Hl7.Fhir.Model.CodeableConcept? ObjectiveConcept(OutcomeKind kind, string suffix = "") =>
        ObjectiveType(kind) is { } type
            ? new Hl7.Fhir.Model.CodeableConcept(CodeSystems.ResearchStudyObjectiveType, type.Code, type.Display, type.Display + suffix)
            : null;

    /// <summary>research-study-arm-type (the R5 system, the only published one for CT.gov arm types).</summary>
    public static (string Code, string Display) ArmType(ArmType type) => type switch
    {
        Records.ArmType.Experimental => ("experimental", "Experimental"),
        Records.ArmType.ActiveComparator => ("active-comparator", "Active Comparator"),
        Records.ArmType.PlaceboComparator => ("placebo-comparator", "Placebo Comparator"),
        Records.ArmType.ShamComparator => ("sham-comparator", "Sham Comparator"),
        Records.ArmType.NoIntervention => ("no-intervention", "No Intervention"),
        Records.ArmType.Other => ("other-arm-type", "Other Arm Type"),
        _ => throw Unmapped(type),
    };

    private static ArgumentOutOfRangeException Unmapped<T>(T value) =>
        new(nameof(value), value, $"{typeof(T).Name} value without a FHIR mapping");
}
