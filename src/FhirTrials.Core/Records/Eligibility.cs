namespace FhirTrials.Core.Records;

public sealed class Eligibility
{
    /// <summary>Each inclusion criterion verbatim, in source order (list markers and numbering removed).</summary>
    public List<string> Inclusion { get; } = [];
    public List<string> Exclusion { get; } = [];
    /// <summary>The criteria block as one text when the source has one and it could not be split.</summary>
    public string? CriteriaText { get; set; }
    public Age? MinimumAge { get; set; }
    public Age? MaximumAge { get; set; }
    public Sex? Sex { get; set; }
    public bool? GenderBased { get; set; }
    public string? GenderDescription { get; set; }
    public bool? HealthyVolunteers { get; set; }
    /// <summary>Age groups as the registry names them: Child, Adult, Older Adult.</summary>
    public List<string> StandardAges { get; } = [];
    public string? StudyPopulation { get; set; }
    public string? SamplingMethod { get; set; }
}

public sealed record Age(decimal Value, AgeUnit Unit);
