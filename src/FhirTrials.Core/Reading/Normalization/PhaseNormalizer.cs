using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Normalization;

/// <summary>
/// Reads phases: "Phase 1", "Phase I", "Phase 1/Phase 2", "Phase 1/2", "Phase II/III", "Early Phase 1",
/// "PHASE1, PHASE2", "EARLY_PHASE1", "Phase 0" (CT.gov files it as Early Phase 1), "N/A", "NA", "Not Applicable".
/// Any word that is not part of a phase makes the whole text fail, so a sentence is never read as a phase.
/// </summary>
public static class PhaseNormalizer
{
    public static bool TryParse(string? text, out IReadOnlyList<TrialPhase> phases)
    {
        phases = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var key = TextKey.Of(text);
        if (key is "n a" or "na" or "not applicable")
        {
            phases = [TrialPhase.NotApplicable];
            return true;
        }

        var found = new List<TrialPhase>();
        var sawPhase = false;
        var early = false;
        foreach (var token in SplitLettersFromDigits(key))
        {
            switch (token)
            {
                case "phase" or "phases":
                    sawPhase = true;
                    break;
                case "early":
                    early = true;
                    break;
                case "and" or "or":
                    break;
                default:
                    if (!sawPhase || !TryNumeral(token, out var number))
                    {
                        return false;
                    }

                    var phase = number switch
                    {
                        0 => TrialPhase.EarlyPhase1,
                        1 when early => TrialPhase.EarlyPhase1,
                        1 => TrialPhase.Phase1,
                        2 => TrialPhase.Phase2,
                        3 => TrialPhase.Phase3,
                        _ => TrialPhase.Phase4,
                    };
                    early = false;
                    if (!found.Contains(phase))
                    {
                        found.Add(phase);
                    }

                    break;
            }
        }

        phases = found;
        return found.Count > 0;
    }

    private static bool TryNumeral(string token, out int number)
    {
        number = token switch
        {
            "0" => 0,
            "1" or "i" => 1,
            "2" or "ii" => 2,
            "3" or "iii" => 3,
            "4" or "iv" => 4,
            _ => -1,
        };
        return number >= 0;
    }

    // "phase1" -> "phase", "1"; "phase 1 2" stays as is.
    private static IEnumerable<string> SplitLettersFromDigits(string key)
    {
        foreach (var word in key.Split(' '))
        {
            var start = 0;
            for (var i = 1; i <= word.Length; i++)
            {
                if (i == word.Length || char.IsDigit(word[i]) != char.IsDigit(word[i - 1]))
                {
                    yield return word[start..i];
                    start = i;
                }
            }
        }
    }
}
