using System.Collections.Frozen;

namespace FhirTrials.Core.Reading.Normalization;

/// <summary>
/// Matches API-style enum text (RECRUITING, NOT_YET_RECRUITING, OTHER_GOV, "Single Group") to one of our enum
/// members by name, ignoring case, spaces, underscores and punctuation. One helper serves every enum.
/// </summary>
public static class EnumText
{
    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        return !string.IsNullOrWhiteSpace(text) && Names<TEnum>.ByCompactName.TryGetValue(TextKey.Compact(text), out value);
    }

    private static class Names<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<string, TEnum> ByCompactName = Enum.GetValues<TEnum>()
            .ToFrozenDictionary(v => v.ToString().ToLowerInvariant(), v => v);
    }
}
