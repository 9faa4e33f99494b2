namespace FhirTrials.Core.Records;

public sealed class StudyDesign
{
    public Allocation? Allocation { get; set; }
    public InterventionModel? InterventionModel { get; set; }
    public string? InterventionModelDescription { get; set; }
    public Masking? Masking { get; set; }
    /// <summary>Who is masked, e.g. (Participant, Care Provider, Investigator, Outcomes Assessor) for quadruple.</summary>
    public List<MaskedRole> MaskedRoles { get; } = [];
    public string? MaskingDescription { get; set; }
    public PrimaryPurpose? PrimaryPurpose { get; set; }
    /// <summary>Observational studies: cohort, case-control, ... and time perspective, as the source words them.</summary>
    public string? ObservationalModel { get; set; }
    public string? TimePerspective { get; set; }
}

/// <param name="Count">Participants, as a whole number.</param>
/// <param name="Kind">Estimated (target) or actual (enrolled).</param>
public sealed record Enrollment(int Count, EnrollmentKind Kind);

/// <param name="Term">The MeSH heading as written (e.g. "Myositis, Inclusion Body").</param>
/// <param name="Id">The MeSH descriptor id (e.g. D018979) when the source gives it.</param>
public sealed record MeshTerm(string Term, string? Id = null);
