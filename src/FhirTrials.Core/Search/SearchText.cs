using System.Globalization;
using System.Text;

namespace FhirTrials.Core.Search;

/// <summary>
/// FHIR string search is case- and accent-insensitive: the index writer and the query side both compare
/// <see cref="Fold"/>ed text, so "Sjögren" is found by "sjogren" and "SJÖGREN".
/// </summary>
public static class SearchText
{
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var folded = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.Format or UnicodeCategory.Control)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = folded.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                folded.Append(' ');
                pendingSpace = false;
            }

            AppendLower(folded, c);
        }

        return folded.ToString();
    }

    // Letters that are not a base letter plus a combining mark, so Unicode decomposition leaves them alone.
    private static void AppendLower(StringBuilder folded, char c)
    {
        switch (c)
        {
            case 'ß' or 'ẞ': folded.Append("ss"); break;
            case 'Æ' or 'æ': folded.Append("ae"); break;
            case 'Œ' or 'œ': folded.Append("oe"); break;
            case 'Ø' or 'ø': folded.Append('o'); break;
            case 'Ł' or 'ł': folded.Append('l'); break;
            case 'Đ' or 'đ' or 'Ð' or 'ð': folded.Append('d'); break;
            case 'Þ' or 'þ': folded.Append("th"); break;
            case 'ı': folded.Append('i'); break;
            default: folded.Append(char.ToLowerInvariant(c)); break;
        }
    }
}
