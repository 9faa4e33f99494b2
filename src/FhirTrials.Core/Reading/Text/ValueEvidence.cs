using FhirTrials.Core.Reading.Normalization;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Evidence that an unlabelled line is a condition or an organisation, from its shape and its words, never from
/// a list of expected values: a condition is a short name (no sentence, no design words) with a word of medical
/// form (-itis, -osis, -oma, "disease", "cancer"...) or one the title also names; a sponsor is a name in title case
/// with an institution word ("University Hospital", "Inc.").
/// </summary>
internal static class ValueEvidence
{
    // Greek/Latin endings of disease names and the English nouns that head them.
    private static readonly string[] MedicalEndings =
    [
        "itis", "osis", "oses", "oma", "omas", "emia", "aemia", "pathy", "pathies", "plasia", "algia", "trophy", "penia",
        "uria", "iasis", "ectasis", "ismus", "cardia", "plegia", "paresis", "sclerosis", "phrenia", "mania", "phobia",
        "rrhea", "rrhoea", "pnea", "pnoea",
    ];

    private static readonly HashSet<string> MedicalNouns = new(StringComparer.Ordinal)
    {
        "disease", "diseases", "disorder", "disorders", "syndrome", "cancer", "cancers", "tumor", "tumour", "tumors", "tumours",
        "infection", "infections", "failure", "deficiency", "injury", "injuries", "insufficiency", "diabetes", "dementia",
        "leukemia", "leukaemia", "pain", "hypertension", "obesity", "stroke", "asthma", "depression", "anxiety", "epilepsy",
        "fracture", "fractures", "ulcer", "ulcers", "infarction", "arrest", "malignancy", "malignancies", "covid", "hiv",
        "hepatitis", "influenza", "sepsis", "addiction", "dependence", "palsy", "dystrophy", "atrophy", "fibrillation",
        "maladie", "krankheit", "enfermedad",
    };

    private static readonly HashSet<string> ConnectorWords = new(StringComparer.Ordinal) { "of", "and", "the", "in", "with", "de", "du", "des", "la", "le", "et", "for", "to", "by", "on" };

    private const int MaximumConditionWords = 8;

    public static bool LooksLikeCondition(string text, string? title)
    {
        if (text.Length is < 3 or > 80 || text.EndsWith('.') || text.Contains(':', StringComparison.Ordinal) || IsDesignWording(text))
        {
            return false;
        }

        var words = TextKey.Of(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > MaximumConditionWords)
        {
            return false;
        }

        var medical = words.Any(w => w.Length >= 5 && MedicalEndings.Any(e => w.EndsWith(e, StringComparison.Ordinal)) || MedicalNouns.Contains(w));
        var inTitle = title is not null && text.Length >= 5 && TextKey.Of(title).Contains(TextKey.Of(text), StringComparison.Ordinal);
        return medical || inTitle;
    }

    /// <summary>A name in title case with an institution word: "Rennes University Hospital", "Acme Pharma Inc".</summary>
    public static bool LooksLikeSponsor(string text)
    {
        if (!PageVocabulary.LooksLikeOrganisation(text) || text.Contains(':', StringComparison.Ordinal) || text.Contains('|', StringComparison.Ordinal))
        {
            return false;
        }

        // One word ("Research", "Health") names no one; an organisation's name has at least two.
        var words = text.Split([' ', '-', '/'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 2 or > 12)
        {
            return false;
        }

        var content = words.Where(w => !ConnectorWords.Contains(w.ToLowerInvariant())).ToList();
        return content.Count > 0 && content.All(w => !char.IsLetter(w[0]) || char.IsUpper(w[0]));
    }

    // "Double-blind placebo-controlled", "Randomised", "Open label": design words are never a condition.
    public static bool IsDesignWording(string text)
    {
        var key = TextKey.Of(text);
        return DesignNormalizer.TryParseAllocation(text, out _) || DesignNormalizer.TryParseMasking(text, out _, out _)
            || DesignNormalizer.TryParsePrimaryPurpose(text, out _) || DesignNormalizer.TryParseInterventionModel(text, out _)
            || key.Contains("blind", StringComparison.Ordinal) || key.Contains("controlled", StringComparison.Ordinal)
            || key.Contains("randomi", StringComparison.Ordinal) || key.Contains("open label", StringComparison.Ordinal);
    }
}
