using System.Text;

namespace FhirTrials.Core.Reading.Normalization;

/// <summary>
/// The comparison form of a short label or value: lower case, accents removed, every run of punctuation or
/// white space collapsed to one space. "Active, not recruiting" and "ACTIVE_NOT_RECRUITING" both become
/// "active not recruiting", so vocabularies are written once as plain words.
/// </summary>
public static class TextKey
{
    // Latin letters with diacritics fold to their base letter ("é" -> "e"), from a table built once for the Latin
    // blocks; other characters stay as they are.
    private static readonly char[] LatinFolds = BuildLatinFolds();

    public static string Of(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            var folded = Fold(c);
            if (char.IsLetterOrDigit(folded))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(folded));
            }
            else
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>The key with its spaces removed too, for matching enum member names (<c>NotYetRecruiting</c>).</summary>
    public static string Compact(ReadOnlySpan<char> text) => Of(text).Replace(" ", string.Empty, StringComparison.Ordinal);

    private static char Fold(char c) => c < LatinFolds.Length ? LatinFolds[c] : c;

    private static char[] BuildLatinFolds()
    {
        var folds = new char[0x0250];
        for (var i = 0; i < folds.Length; i++)
        {
            var c = (char)i;
            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            folds[i] = i >= 128 && decomposed.Length > 0 && decomposed[0] < 128 && char.IsLetter(decomposed[0]) ? decomposed[0] : c;
        }

        return folds;
    }
}
