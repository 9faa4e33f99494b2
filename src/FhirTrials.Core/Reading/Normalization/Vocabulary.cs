using System.Collections.Frozen;

namespace FhirTrials.Core.Reading.Normalization;

/// <summary>
/// A site wording -> enum table keyed by <see cref="TextKey"/>, falling back to the enum's own names, so both
/// "Active, not enrolling" and ACTIVE_NOT_RECRUITING find their member.
/// </summary>
internal sealed class Vocabulary<TEnum>
    where TEnum : struct, Enum
{
    private readonly FrozenDictionary<string, TEnum> _wordings;

    /// <summary>A wording listed twice must mean the same value: languages share words ("Finalizado"), never meanings.</summary>
    public Vocabulary(IEnumerable<(string Wording, TEnum Value)> wordings)
    {
        var table = new Dictionary<string, TEnum>(StringComparer.Ordinal);
        foreach (var (wording, value) in wordings)
        {
            var key = TextKey.Of(wording);
            if (table.TryGetValue(key, out var existing) && !existing.Equals(value))
            {
                throw new InvalidOperationException($"'{wording}' is listed as both {existing} and {value}");
            }

            table[key] = value;
        }

        _wordings = table.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public bool TryMatch(string? text, out TEnum value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return _wordings.TryGetValue(TextKey.Of(text), out value) || EnumText.TryParse(text, out value);
    }
}

/// <summary>Words registries print in a field that has no value ("empty" on IRCT, "Nil", "Not provided").</summary>
internal static class Vocabulary
{
    private static readonly HashSet<string> NoValueKeys =
        ["empty", "nil", "none", "not provided", "not available", "not applicable", "n a", "na", "keine angabe", "non renseigne", "sin datos", "nao informado", ""];

    public static bool IsNoValue(string text) => NoValueKeys.Contains(TextKey.Of(text));
}
