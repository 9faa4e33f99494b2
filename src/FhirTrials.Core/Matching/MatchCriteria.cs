namespace FhirTrials.Core.Matching;

/// <summary>One condition of the patient: its text and/or codings (system, code, display).</summary>
public sealed record PatientCondition(string? Text, IReadOnlyList<(string? System, string? Code, string? Display)> Codings)
{
    /// <summary>What the condition is called, for reasons: its text, else a coding's display, else its code.</summary>
    public string Label => Text ?? Codings.Select(c => c.Display ?? c.Code).FirstOrDefault(s => !string.IsNullOrWhiteSpace(s)) ?? "(condition)";
}

/// <summary>Where the patient is: a position, and how it was obtained (for reasons, e.g. "Lyon, FR, city centre").</summary>
public sealed record PatientPlace(GeoPoint Position, string Description);

/// <summary>
/// What a patient brings to <c>ResearchStudy/$match</c>: age in whole years, administrative gender, conditions, a place
/// and a distance, and whether they come as a healthy volunteer. Everything is optional; what is missing makes the
/// criteria that need it "unknown".
/// </summary>
public sealed record MatchCriteria(
    int? AgeYears,
    string? Gender,
    IReadOnlyList<PatientCondition> Conditions,
    PatientPlace? Place,
    double? DistanceKm,
    bool? HealthyVolunteer);
