using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// Trial identifiers and their kinds: NCT numbers, EudraCT numbers (2020-005876-36), EU CT numbers from CTIS
/// (2024-518516-39-00), the WHO UTN, every WHO registry's ids (<see cref="RegistryFormats"/>), grants and sponsor
/// protocol ids, with the source's type words ("2020-005876-36 ( EudraCT Number )", "Identifier Type: OTHER_GRANT").
/// </summary>
internal static class IdentifierParser
{
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

    /// <summary>
    /// An id as the page gives it, with its kind and registry: a registry's format wins, then the type words
    /// ("EudraCT Number", "OTHER_GRANT", "( ANZCTR )"), then the position (the first unqualified id of a list is the
    /// sponsor's protocol number).
    /// </summary>
    public static TrialIdentifier Recognise(string value, string? typeText, bool firstUnqualified)
    {
        var type = TextKey.Of(typeText ?? string.Empty);
        if (RegistryFormats.TryMatch(value, out var format, out var id) && (format.SelfNamed || type.Length == 0 || RegistryFormats.Named(typeText) == format))
        {
            return Of(format, id, typeText);
        }

        if (type.Contains("eudract", StringComparison.Ordinal))
        {
            return new TrialIdentifier(value, IdentifierKind.EudraCt, typeText);
        }

        if (type.Contains("ctis", StringComparison.Ordinal) || type.Contains("eu trial", StringComparison.Ordinal) || type.Contains("eu ct", StringComparison.Ordinal))
        {
            return new TrialIdentifier(value, IdentifierKind.EuCt, typeText);
        }

        if (type.Contains("grant", StringComparison.Ordinal) || type.Contains("funding", StringComparison.Ordinal))
        {
            return new TrialIdentifier(value, IdentifierKind.Grant, typeText);
        }

        // "12345 ( LTR )": the type words name a registry whose format the value does not have.
        if (RegistryFormats.Named(typeText) is { Kind: IdentifierKind.OtherRegistry } named)
        {
            return new TrialIdentifier(value, IdentifierKind.OtherRegistry, typeText, named.Assigner);
        }

        if (type.Contains("registry", StringComparison.Ordinal) || type.Contains("register", StringComparison.Ordinal))
        {
            return new TrialIdentifier(value, IdentifierKind.OtherRegistry, typeText);
        }

        if (type.Contains("org study id", StringComparison.Ordinal) || type.Contains("sponsor", StringComparison.Ordinal)
            || type.Contains("protocol", StringComparison.Ordinal))
        {
            return new TrialIdentifier(value, IdentifierKind.SponsorProtocol, typeText);
        }

        // Registries list the sponsor's own protocol number next to the registry ids without naming it.
        return new TrialIdentifier(value, type.Length == 0 && firstUnqualified ? IdentifierKind.SponsorProtocol : IdentifierKind.Other, typeText);
    }

    public static IdentifierKind Classify(string value, string? typeText, bool firstUnqualified) =>
        Recognise(value, typeText, firstUnqualified).Kind;

    /// <summary>A whole line or token that is a trial registry's id (NCT, ISRCTN, ACTRN, UTN...), in its registry's form.</summary>
    public static bool TryRegistryId(string text, out TrialIdentifier identifier)
    {
        identifier = null!;
        var trimmed = text.Trim().TrimEnd('.', ',', ';');
        if (trimmed.Length is < 5 or > 40 || !RegistryFormats.TryMatch(trimmed, out var format, out var id) || !format.SelfNamed)
        {
            return false;
        }

        identifier = Of(format, id, null);
        return true;
    }

    /// <summary>
    /// A line that only gives ids ("ISRCTN12345678 DOI 10.1186/ISRCTN12345678", "NCT05032131"): no word of its own
    /// beside the ids, links and DOIs, so it is never a title.
    /// </summary>
    public static bool IsIdLine(string text)
    {
        var ids = RegistryFormats.FindAll(text).Where(f => f.Format.SelfNamed).ToList();
        if (ids.Count == 0)
        {
            return false;
        }

        return text.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(token =>
            ids.Any(i => token.Contains(i.Value, StringComparison.OrdinalIgnoreCase))
            || token.StartsWith("http", StringComparison.OrdinalIgnoreCase) || token.StartsWith("10.", StringComparison.Ordinal)
            || token.Count(char.IsLetter) < 4);
    }

    /// <summary>A line that gives a registry's id among other words ("ISRCTN12345678 DOI 10.1186/ISRCTN12345678").</summary>
    public static bool ContainsRegistryId(string text) => RegistryFormats.FindAll(text).Any(f => f.Format.SelfNamed);

    /// <summary>Ids that name a trial in a registry (and the WHO UTN): the ones that make a page a trial document.</summary>
    public static bool IsRegistryId(TrialIdentifier identifier) =>
        identifier.Kind is IdentifierKind.Nct or IdentifierKind.EudraCt or IdentifierKind.EuCt or IdentifierKind.OtherRegistry
        || (identifier.Kind == IdentifierKind.Other && identifier.Assigner == "WHO");

    internal static TrialIdentifier Of(RegistryFormat format, string id, string? typeText) =>
        new(id, format.Kind, typeText ?? (format.Assigner == "WHO" ? RegistryFormats.UtnTypeText : null), format.Assigner);

    /// <summary>A short value of at most three words with a digit, such as "CSET 4388": one id, not three.</summary>
    public static bool LooksLikeSpacedIdentifier(string text) =>
        text.Trim().Length is >= 5 and <= 30 && text.Any(char.IsAsciiDigit) && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3;

    public static bool LooksLikeIdentifier(string token) =>
        token.Length is >= 5 and <= 40 && token.Any(char.IsAsciiDigit) && !token.Contains(' ', StringComparison.Ordinal);

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
