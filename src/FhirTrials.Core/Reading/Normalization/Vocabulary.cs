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

    public Vocabulary(IEnumerable<(string Wording, TEnum Value)> wordings) =>
        _wordings = wordings.ToFrozenDictionary(w => TextKey.Of(w.Wording), w => w.Value);

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
