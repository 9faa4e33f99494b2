using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Normalization;

/// <summary>Arm types ("Placebo Comparator group", PLACEBO_COMPARATOR) and typed intervention names ("Biological: ADSVF").</summary>
public static class InterventionNormalizer
{
    private static readonly Vocabulary<InterventionType> Types = new(
    [
        ("Biologic", InterventionType.Biological),
        ("Biological/Vaccine", InterventionType.Biological),
        ("Vaccine", InterventionType.Biological),
        ("Dietary", InterventionType.DietarySupplement),
        ("Diagnostic", InterventionType.DiagnosticTest),
        ("Behavioural", InterventionType.Behavioral),
        ("Radiation therapy", InterventionType.Radiation),
        ("Surgery", InterventionType.Procedure),
        ("Procedure/Surgery", InterventionType.Procedure),
        ("Gene Transfer", InterventionType.Genetic),
    ]);

    public static bool TryParseArmType(string? text, out ArmType type)
    {
        var key = TextKey.Of(text ?? string.Empty);
        foreach (var suffix in new[] { " group", " arm", " cohort" })
        {
            if (key.EndsWith(suffix, StringComparison.Ordinal))
            {
                key = key[..^suffix.Length];
            }
        }

        return EnumText.TryParse(key, out type);
    }

    public static bool TryParseType(string? text, out InterventionType type) => Types.TryMatch(text, out type);

    /// <summary>Splits "Drug: Placebo" into its type and name; false when the text before the colon is not a type.</summary>
    public static bool TrySplitTypedName(string? text, out InterventionType type, out string name)
    {
        type = default;
        name = string.Empty;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0 || !TryParseType(text![..colon], out type))
        {
            return false;
        }

        name = text[(colon + 1)..].Trim();
        return name.Length > 0;
    }
}
