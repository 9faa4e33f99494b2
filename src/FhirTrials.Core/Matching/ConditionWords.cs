using FhirTrials.Core.Search;

namespace FhirTrials.Core.Matching;

/// <summary>
/// Condition names as sets of folded words, so word order and punctuation do not matter: "Type 2 diabetes" and
/// "Diabetes Mellitus, Type 2" share {type, 2, diabetes}. Roman numerals up to IV read as digits ("Type II").
/// </summary>
public static class ConditionWords
{
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "a", "an", "and", "the", "of", "in", "with", "for", "to", "s", "or" };

    public static IReadOnlySet<string> Of(string? text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return words;
        }

        foreach (var word in SearchText.Fold(text).Split(c => !char.IsLetterOrDigit(c)))
        {
            if (word.Length > 0 && !Ignored.Contains(word))
            {
                words.Add(word switch { "i" => "1", "ii" => "2", "iii" => "3", "iv" => "4", _ => word });
            }
        }

        return words;
    }

    /// <summary>True when every word of one name is in the other (either way round), so a shorter, broader name
    /// meets a longer one; two names with no words never meet.</summary>
    public static bool Agree(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Count > 0 && b.Count > 0 && (a.IsSubsetOf(b) || b.IsSubsetOf(a));
    }
}

internal static class StringSplitExtensions
{
    public static string[] Split(this string text, Func<char, bool> isSeparator)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || isSeparator(text[i]))
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        return [.. parts];
    }
}
