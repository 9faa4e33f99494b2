namespace FhirTrials.Core.Records;

public sealed class Intervention
{
    public required string Name { get; set; }
    public InterventionType? Type { get; set; }
    public string? Description { get; set; }
    /// <summary>Labels of the arms that receive it (matching <see cref="ArmGroup.Label"/>).</summary>
    public List<string> ArmLabels { get; } = [];
    public List<string> OtherNames { get; } = [];
}

public sealed class ArmGroup
{
    public required string Label { get; set; }
    public ArmType? Type { get; set; }
    /// <summary>The source's own words for the type when they did not normalise (e.g. "Cohort").</summary>
    public string? TypeText { get; set; }
    public string? Description { get; set; }
    /// <summary>Names of the interventions given in this arm (matching <see cref="Intervention.Name"/>).</summary>
    public List<string> InterventionNames { get; } = [];
}

public sealed class Outcome
{
    public required OutcomeKind Kind { get; set; }
    public required string Measure { get; set; }
    public string? TimeFrame { get; set; }
    public string? Description { get; set; }
}
