using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Normalization;

/// <summary>
/// Reads phases: "Phase 1", "Phase I", "Phase 1/Phase 2", "Phase 1/2", "Phase II/III", "Early Phase 1",
/// "PHASE1, PHASE2", "EARLY_PHASE1", "Phase 0" (CT.gov files it as Early Phase 1), "Phase-III", "fase I/II",
/// "Phase 1b" (a sub-phase is its phase), "N/A", "NA", "Not Applicable", and the registries' wordings around them.
/// Any word that is not part of a phase makes the whole text fail, so a sentence is never read as a phase.
/// </summary>
public static class PhaseNormalizer
{
    private static readonly HashSet<string> PhaseWords = ["phase", "phases", "fase", "fases", "phasen", "studienphase", "prufphase"];

    // Words around phases in registries' wordings: "Phase II and phase III (integrated)" (CTIS), "Therapeutic
    // exploratory (Phase II)" (EU CTR), "Phase 4 (post-marketing)", "Studie der Phase III".
    private static readonly HashSet<string> FillerWords =
    [
        "and", "or", "und", "oder", "et", "ou", "y", "o", "e", "integrated", "human", "pharmacology", "therapeutic", "exploratory",
        "confirmatory", "use", "post", "marketing", "postmarketing", "der", "de", "study", "trial", "studie", "essai", "estudio", "ensaio",
    ];

    private static readonly HashSet<string> NotApplicable =
        ["n a", "na", "not applicable", "nicht zutreffend", "entfallt", "non applicable", "sans objet", "no aplica", "no corresponde", "nao se aplica", "not specified"];

    public static bool TryParse(string? text, out IReadOnlyList<TrialPhase> phases) => TryParse(text, labelled: false, out phases);

    /// <summary>
    /// A phase under a phase label, where registries print the bare numerals ("2-3", "II/III", "4"; IRCT, ChiCTR):
    /// the label says what they are.
    /// </summary>
    public static bool TryParseLabelled(string? text, out IReadOnlyList<TrialPhase> phases) => TryParse(text, labelled: true, out phases);

    private static bool TryParse(string? text, bool labelled, out IReadOnlyList<TrialPhase> phases)
    {
        phases = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var key = TextKey.Of(text);
        if (NotApplicable.Contains(key))
        {
            phases = [TrialPhase.NotApplicable];
            return true;
        }

        var found = new List<TrialPhase>();
        var sawPhase = labelled;
        var early = false;
        var afterNumeral = false;
        foreach (var token in SplitLettersFromDigits(key))
        {
            if (PhaseWords.Contains(token))
            {
                sawPhase = true;
            }
            else if (token == "early")
            {
                early = true;
            }
            else if (afterNumeral && token is "a" or "b")
            {
                // "Phase 1b", "Phase 2a": a part of the phase, not another one.
            }
            else if (!FillerWords.Contains(token))
            {
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
                afterNumeral = true;
                if (!found.Contains(phase))
                {
                    found.Add(phase);
                }

                continue;
            }

            afterNumeral = false;
        }

        phases = found;
        return found.Count > 0;
    }

    private static bool TryNumeral(string token, out int number)
    {
        // "Ib", "IIa": a roman numeral with its sub-phase letter.
        var roman = token.Length > 1 && token[^1] is 'a' or 'b' && token[..^1].All(c => c is 'i' or 'v') ? token[..^1] : token;
        number = roman switch
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
