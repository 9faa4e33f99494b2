using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Trial identifiers and their kinds: NCT numbers, EudraCT numbers (2020-005876-36), EU CT numbers from CTIS
/// (2024-518516-39-00), other registries' ids, grants and sponsor protocol ids, with the source's type words
/// ("2020-005876-36 ( EudraCT Number )", "Identifier Type: OTHER_GRANT").
/// </summary>
internal static class IdentifierParser
{
    private static readonly string[] RegistryPrefixes = ["ISRCTN", "DRKS", "ChiCTR", "ACTRN", "jRCT", "JPRN", "CTRI", "IRCT", "KCT", "NTR", "PACTR", "TCTR", "EUCTR", "RBR", "SLCTR", "UMIN"];

    public static bool IsNct(string text) =>
        text.Length == 11 && text.StartsWith("NCT", StringComparison.OrdinalIgnoreCase) && text[3..].All(char.IsAsciiDigit);

    /// <summary>Reads "value ( type words )" pairs from a run of text, e.g. "APHP180593 2020-005876-36 ( EudraCT Number )".</summary>
    public static List<(string Value, string? TypeText)> ReadList(string text)
    {
        var found = new List<(string, string?)>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] is ',' or ';'))
            {
                i++;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not (',' or ';' or '('))
            {
                i++;
            }

            if (i == start)
            {
                i++;
                continue;
            }

            var value = text[start..i];
            var after = i;
            while (after < text.Length && char.IsWhiteSpace(text[after]))
            {
                after++;
            }

            string? typeText = null;
            if (after < text.Length && text[after] == '(')
            {
                var close = MatchingParenthesis(text, after);
                typeText = text[(after + 1)..close].Trim();
                i = Math.Min(text.Length, close + 1);
            }

            found.Add((value, typeText));
        }

        return found;
    }

    public static IdentifierKind Classify(string value, string? typeText, bool firstUnqualified)
    {
        var type = TextKey.Of(typeText ?? string.Empty);
        if (IsNct(value))
        {
            return IdentifierKind.Nct;
        }

        if (type.Contains("eudract", StringComparison.Ordinal) || (type.Length == 0 && IsEudraCt(value)))
        {
            return IdentifierKind.EudraCt;
        }

        if (type.Contains("ctis", StringComparison.Ordinal) || type.Contains("eu trial", StringComparison.Ordinal)
            || type.Contains("eu ct", StringComparison.Ordinal) || (type.Length == 0 && IsEuCt(value)))
        {
            return IdentifierKind.EuCt;
        }

        if (type.Contains("grant", StringComparison.Ordinal) || type.Contains("funding", StringComparison.Ordinal))
        {
            return IdentifierKind.Grant;
        }

        if (type.Contains("registry", StringComparison.Ordinal) || RegistryPrefixes.Any(p => value.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            return IdentifierKind.OtherRegistry;
        }

        if (type.Contains("org study id", StringComparison.Ordinal) || type.Contains("sponsor", StringComparison.Ordinal)
            || type.Contains("protocol", StringComparison.Ordinal))
        {
            return IdentifierKind.SponsorProtocol;
        }

        // Registries list the sponsor's own protocol number next to the registry ids without naming it.
        return type.Length == 0 && firstUnqualified ? IdentifierKind.SponsorProtocol : IdentifierKind.Other;
    }

    public static bool LooksLikeIdentifier(string token) =>
        token.Length is >= 5 and <= 40 && token.Any(char.IsAsciiDigit) && !token.Contains(' ', StringComparison.Ordinal);

    // EudraCT: YYYY-NNNNNN-CC.
    private static bool IsEudraCt(string value) =>
        value.Length == 14 && value[4] == '-' && value[11] == '-' && value.Where((c, i) => i is not (4 or 11)).All(char.IsAsciiDigit);

    // EU CT (CTIS): YYYY-5NNNNN-NN-NN.
    private static bool IsEuCt(string value) =>
        value.Length == 17 && value[4] == '-' && value[11] == '-' && value[14] == '-'
        && value.Where((c, i) => i is not (4 or 11 or 14)).All(char.IsAsciiDigit);

    private static int MatchingParenthesis(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0)
            {
                return i;
            }
        }

        return text.Length;
    }
}
