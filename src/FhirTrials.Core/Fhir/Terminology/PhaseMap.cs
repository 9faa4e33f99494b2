using FhirTrials.Core.Records;

namespace FhirTrials.Core.Fhir.Terminology;

/// <summary>
/// Registry phases -> the R4 research-study-phase code. Registries list combined phases as two values
/// (PHASE1 + PHASE2); FHIR has one code per combination it knows.
/// </summary>
/// <remarks>
/// EarlyPhase1 -> early-phase-1, Phase1 -> phase-1, Phase2 -> phase-2, Phase3 -> phase-3, Phase4 -> phase-4,
/// NotApplicable -> n-a, Phase1+Phase2 -> phase-1-phase-2, Phase2+Phase3 -> phase-2-phase-3. Any other combination
/// has no code: the phase is then written as text only, so nothing false is coded.
/// </remarks>
public static class PhaseMap
{
    public static string? ToCode(IReadOnlyCollection<TrialPhase> phases)
    {
        var set = phases.Distinct().Order().ToList();
        return set switch
        {
            [TrialPhase.EarlyPhase1] => "early-phase-1",
            [TrialPhase.Phase1] => "phase-1",
            [TrialPhase.Phase2] => "phase-2",
            [TrialPhase.Phase3] => "phase-3",
            [TrialPhase.Phase4] => "phase-4",
            [TrialPhase.NotApplicable] => "n-a",
            [TrialPhase.Phase1, TrialPhase.Phase2] => "phase-1-phase-2",
            [TrialPhase.Phase2, TrialPhase.Phase3] => "phase-2-phase-3",
            _ => null,
        };
    }

    public static string Display(string code) => code switch
    {
        "early-phase-1" => "Early Phase 1",
        "phase-1" => "Phase 1",
        "phase-2" => "Phase 2",
        "phase-3" => "Phase 3",
        "phase-4" => "Phase 4",
        "n-a" => "N/A",
        "phase-1-phase-2" => "Phase 1/Phase 2",
        "phase-2-phase-3" => "Phase 2/Phase 3",
        _ => code,
    };

    public static string Describe(IEnumerable<TrialPhase> phases) => string.Join(" / ", phases.Distinct().Order().Select(p => p switch
    {
        TrialPhase.EarlyPhase1 => "Early Phase 1",
        TrialPhase.Phase1 => "Phase 1",
        TrialPhase.Phase2 => "Phase 2",
        TrialPhase.Phase3 => "Phase 3",
        TrialPhase.Phase4 => "Phase 4",
        _ => "Not Applicable",
    }));
}
