using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Normalization;

/// <summary>Study type and design values: allocation, intervention model, masking (with who is masked), primary purpose.</summary>
public static class DesignNormalizer
{
    private static readonly Vocabulary<StudyType> StudyTypes = new(
    [
        ("Interventional", StudyType.Interventional),
        ("Interventional (Clinical Trial)", StudyType.Interventional),
        ("Clinical Trial", StudyType.Interventional),
        ("Observational", StudyType.Observational),
        ("Observational (Patient Registry)", StudyType.Observational),
        ("Patient Registry", StudyType.Observational),
        ("Expanded Access", StudyType.ExpandedAccess),
        ("Interventional study", StudyType.Interventional),
        ("Interventional clinical trial of medicinal product", StudyType.Interventional),
        ("Observational study", StudyType.Observational),
        ("Observational non invasive", StudyType.Observational),
        ("Interventionell", StudyType.Interventional),
        ("Interventionelle Studie", StudyType.Interventional),
        ("Beobachtungsstudie", StudyType.Observational),
        ("Nicht-interventionell", StudyType.Observational),
        ("Nicht-interventionelle Studie", StudyType.Observational),
        ("Interventionnel", StudyType.Interventional),
        ("Interventionnelle", StudyType.Interventional),
        ("Étude interventionnelle", StudyType.Interventional),
        ("Observationnel", StudyType.Observational),
        ("Observationnelle", StudyType.Observational),
        ("Étude observationnelle", StudyType.Observational),
        ("Intervencional", StudyType.Interventional),
        ("Estudio intervencional", StudyType.Interventional),
        ("Ensayo clínico", StudyType.Interventional),
        ("Observacional", StudyType.Observational),
        ("Estudio observacional", StudyType.Observational),
        ("Intervenção", StudyType.Interventional),
        ("Ensaio clínico", StudyType.Interventional),
        ("Estudo intervencional", StudyType.Interventional),
        ("Estudo observacional", StudyType.Observational),
    ]);

    private static readonly Vocabulary<Allocation> Allocations = new(
    [
        ("Randomised", Allocation.Randomized),
        // ANZCTR and DRKS name the design instead: "Randomised controlled trial", "Randomisierte kontrollierte Studie".
        ("Randomised controlled trial", Allocation.Randomized),
        ("Randomized controlled trial", Allocation.Randomized),
        ("Randomisierte kontrollierte Studie", Allocation.Randomized),
        ("Randomisiert", Allocation.Randomized),
        ("Non-Randomised", Allocation.NonRandomized),
        ("Nonrandomized", Allocation.NonRandomized),
        ("N/A", Allocation.NotApplicable),
        ("NA", Allocation.NotApplicable),
        ("None", Allocation.NotApplicable),
    ]);

    private static readonly Vocabulary<PrimaryPurpose> Purposes = new(
    [
        ("Educational/Counseling/Training", PrimaryPurpose.EducationalCounselingTraining),
        ("ECT", PrimaryPurpose.EducationalCounselingTraining),
        ("Supportive", PrimaryPurpose.SupportiveCare),
        ("Health Services", PrimaryPurpose.HealthServicesResearch),
        ("Basic Science Research", PrimaryPurpose.BasicScience),
        ("Behandlung", PrimaryPurpose.Treatment),
        ("Therapie", PrimaryPurpose.Treatment),
        ("Traitement", PrimaryPurpose.Treatment),
        ("Tratamiento", PrimaryPurpose.Treatment),
        ("Tratamento", PrimaryPurpose.Treatment),
        ("Prävention", PrimaryPurpose.Prevention),
        ("Prévention", PrimaryPurpose.Prevention),
        ("Prevención", PrimaryPurpose.Prevention),
        ("Prevenção", PrimaryPurpose.Prevention),
        ("Diagnose", PrimaryPurpose.Diagnostic),
        ("Diagnostic", PrimaryPurpose.Diagnostic),
        ("Diagnóstico", PrimaryPurpose.Diagnostic),
        ("Tratamiento de soporte", PrimaryPurpose.SupportiveCare),
        ("Cuidados de suporte", PrimaryPurpose.SupportiveCare),
    ]);

    // Intervention models and masking levels in German, French, Spanish and Portuguese.
    private static readonly Vocabulary<InterventionModel> Models = new(
    [
        ("Paralelo", InterventionModel.Parallel),
        ("Parallel", InterventionModel.Parallel),
        ("Parallèle", InterventionModel.Parallel),
        ("Parallelgruppen", InterventionModel.Parallel),
        ("Cruzado", InterventionModel.Crossover),
        ("Cross-over", InterventionModel.Crossover),
        ("Croisé", InterventionModel.Crossover),
        ("Grupo único", InterventionModel.SingleGroup),
        ("Einarmig", InterventionModel.SingleGroup),
        ("Bras unique", InterventionModel.SingleGroup),
        ("Factorial", InterventionModel.Factorial),
        ("Fatorial", InterventionModel.Factorial),
        ("Factoriel", InterventionModel.Factorial),
        ("Faktoriell", InterventionModel.Factorial),
        ("Sequencial", InterventionModel.Sequential),
        ("Secuencial", InterventionModel.Sequential),
    ]);

    private static readonly Vocabulary<Masking> Levels = new(
    [
        ("Duplo-cego", Masking.Double),
        ("Doble ciego", Masking.Double),
        ("Double aveugle", Masking.Double),
        ("Double insu", Masking.Double),
        ("Doppelblind", Masking.Double),
        ("Simples-cego", Masking.Single),
        ("Simple ciego", Masking.Single),
        ("Simple aveugle", Masking.Single),
        ("Simple insu", Masking.Single),
        ("Einfachblind", Masking.Single),
        ("Einfach verblindet", Masking.Single),
        ("Triplo-cego", Masking.Triple),
        ("Triple ciego", Masking.Triple),
        ("Triple aveugle", Masking.Triple),
        ("Dreifachblind", Masking.Triple),
        ("Quádruplo-cego", Masking.Quadruple),
        ("Cuádruple ciego", Masking.Quadruple),
        ("Aberto", Masking.None),
        ("Abierto", Masking.None),
        ("Ouvert", Masking.None),
        ("Offen", Masking.None),
        ("Unverblindet", Masking.None),
        ("Sem mascaramento", Masking.None),
        ("Sin enmascaramiento", Masking.None),
    ]);

    private static readonly Vocabulary<MaskedRole> Roles = new(
    [
        ("Participant", MaskedRole.Participant),
        ("Subject", MaskedRole.Participant),
        ("Patient", MaskedRole.Participant),
        ("Care Provider", MaskedRole.CareProvider),
        ("Investigator", MaskedRole.Investigator),
        ("Outcomes Assessor", MaskedRole.OutcomesAssessor),
        ("Outcome Assessor", MaskedRole.OutcomesAssessor),
    ]);

    /// <summary>"Interventional (Clinical Trial)", INTERVENTIONAL, "Observational [Patient Registry]".</summary>
    public static bool TryParseStudyType(string? text, out StudyType type) =>
        StudyTypes.TryMatch(text, out type) || StudyTypes.TryMatch(BeforeBracket(text), out type);

    public static bool TryParseAllocation(string? text, out Allocation allocation) => Allocations.TryMatch(text, out allocation);

    /// <summary>"Single Group Assignment", "Parallel", SINGLE_GROUP.</summary>
    public static bool TryParseInterventionModel(string? text, out InterventionModel model)
    {
        var key = TextKey.Of(text ?? string.Empty);
        if (EnumText.TryParse(key, out model) || Models.TryMatch(key, out model))
        {
            return true;
        }

        // "Single Group Assignment", "Parallel group" (EU CTR), "Crossover design".
        foreach (var suffix in new[] { " assignment", " group", " groups", " design" })
        {
            if (key.EndsWith(suffix, StringComparison.Ordinal) && EnumText.TryParse(key[..^suffix.Length], out model))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "None (Open Label)", "Open Label", "Quadruple Blind", "Double (Participant, Investigator)", "Double-blind", QUADRUPLE.
    /// </summary>
    public static bool TryParseMasking(string? text, out Masking masking, out IReadOnlyList<MaskedRole> maskedRoles)
    {
        masking = default;
        maskedRoles = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        // "Double blind -all involved are blinded" (UMIN): the explanation after the dash is not the level.
        var explained = text.IndexOf(" -", StringComparison.Ordinal);
        var level = BeforeBracket(explained > 0 ? text[..explained] : text)!;
        var levelKey = TextKey.Of(level);
        foreach (var suffix in new[] { " blind", " blinded", " masked", " masking" })
        {
            if (levelKey.EndsWith(suffix, StringComparison.Ordinal))
            {
                levelKey = levelKey[..^suffix.Length];
            }
        }

        if (levelKey is "open label" or "open" or "no masking" or "none open label" or "unmasked")
        {
            levelKey = "none";
        }

        if (!EnumText.TryParse(levelKey, out masking) && !Levels.TryMatch(level, out masking))
        {
            return false;
        }

        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return true;
        }

        var roles = new List<MaskedRole>();
        foreach (var part in text[(open + 1)..].TrimEnd(')', ' ').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (Roles.TryMatch(part, out var role))
            {
                roles.Add(role);
            }
            else if (masking != Masking.None)
            {
                return false;
            }
        }

        maskedRoles = roles;
        return true;
    }

    public static bool TryParsePrimaryPurpose(string? text, out PrimaryPurpose purpose) => Purposes.TryMatch(text, out purpose);

    private static string? BeforeBracket(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var cut = text.IndexOfAny(['(', '[']);
        return (cut > 0 ? text[..cut] : text).Trim();
    }
}
