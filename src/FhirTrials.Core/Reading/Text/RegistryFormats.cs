using System.Text.RegularExpressions;
using FhirTrials.Core.Reading.Normalization;
using FhirTrials.Core.Records;

namespace FhirTrials.Core.Reading.Text;

/// <summary>
/// One registry's identifier format: the assigner written on the identifier, the pattern of its ids, and the words
/// that name the registry (a type text "( ANZCTR )" or running text "registered with the DRKS").
/// </summary>
/// <param name="Pattern">The id alone; group "id" is the registry's own form when the printed form adds a prefix
/// (ICTRP's "EUCTR2019-001234-56-DE" and "JPRN-UMIN000012345").</param>
/// <param name="SelfNamed">The id starts with its registry's letters (ISRCTN..., DRKS...), so it is recognised
/// without a label; a bare number (EudraCT's 2019-001234-56) needs a label or its registry named beside it.</param>
internal sealed record RegistryFormat(string? Assigner, IdentifierKind Kind, string Pattern, bool SelfNamed, params string[] Names)
{
    public Regex Whole { get; } = new("^(?:" + Pattern + ")$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    // Compiled: every short line of a page is scanned with each format, so this runs thousands of times a page.
    public Regex Within { get; } = new(@"(?<![\p{L}\p{N}])(?:" + Pattern + @")(?![\p{L}\p{N}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
}

/// <summary>
/// The id formats of ClinicalTrials.gov, the EU registers, the WHO Universal Trial Number and every WHO primary
/// registry and partner, as the registries publish them (see docs/page-reader.md for the table and its sources).
/// </summary>
internal static class RegistryFormats
{
    public const string UtnTypeText = "WHO Universal Trial Number";

    // Order matters where one form contains another: EUCTR before the bare EudraCT number, EU CT before EudraCT.
    public static IReadOnlyList<RegistryFormat> All { get; } =
    [
        new(null, IdentifierKind.Nct, @"(?<id>NCT\d{8})", true, "clinicaltrials gov", "nct", "ctgov"),
        new(null, IdentifierKind.EudraCt, @"EUCTR(?<id>\d{4}-\d{6}-\d{2})(?:-[A-Z0-9]{2,3})?", true, "euctr", "eu clinical trials register"),
        new(null, IdentifierKind.EuCt, @"(?<id>\d{4}-\d{6}-\d{2}-\d{2})", false, "eu ct", "euct", "ctis", "clinical trials information system", "eu trial"),
        new(null, IdentifierKind.EudraCt, @"(?<id>\d{4}-\d{6}-\d{2})", false, "eudract", "euctr", "eu clinical trials register"),
        new("WHO", IdentifierKind.Other, @"(?<id>U1111-\d{4}-\d{4})", true, "utn", "universal trial number"),
        new("ISRCTN", IdentifierKind.OtherRegistry, @"(?<id>ISRCTN\d{8})", true, "isrctn"),
        new("ANZCTR", IdentifierKind.OtherRegistry, @"(?<id>ACTRN\d{14}p?)", true, "anzctr", "australian new zealand clinical trials registry", "actrn"),
        new("CTRI", IdentifierKind.OtherRegistry, @"(?<id>CTRI/\d{4}/\d{2,3}/\d{6})", true, "ctri", "clinical trials registry india"),
        new("PACTR", IdentifierKind.OtherRegistry, @"(?<id>PACTR\d{15})", true, "pactr", "pan african clinical trials registry", "pan african clinical trial registry"),
        new("ChiCTR", IdentifierKind.OtherRegistry, @"(?<id>ChiCTR(?:-[A-Z]{2,5}-)?\d{8,10})", true, "chictr", "chinese clinical trial registry"),
        new("ChiMCTR", IdentifierKind.OtherRegistry, @"(?<id>ChiMCTR\d{10})", true, "chimctr", "chinese medicine clinical trials registry", "chinese medicine clinical trial registry"),
        new("ITMCTR", IdentifierKind.OtherRegistry, @"(?<id>ITMCTR\d{10,12})", true, "itmctr", "international traditional medicine clinical trial registry"),
        new("UMIN-CTR", IdentifierKind.OtherRegistry, @"(?:JPRN-)?(?<id>UMIN\d{9})", true, "umin", "umin ctr", "umin clinical trials registry"),
        new("jRCT", IdentifierKind.OtherRegistry, @"(?:JPRN-)?(?<id>jRCT[a-z]?\d{9,10})", true, "jrct", "japan registry of clinical trials"),
        new("JapicCTI", IdentifierKind.OtherRegistry, @"(?:JPRN-)?(?<id>JapicCTI-\d{6})", true, "japiccti", "japic"),
        new("JMACCT", IdentifierKind.OtherRegistry, @"(?:JPRN-)?(?<id>JMA-IIA\d{5})", true, "jmacct", "jma"),
        new("DRKS", IdentifierKind.OtherRegistry, @"(?<id>DRKS\d{8})", true, "drks", "deutsches register klinischer studien", "german clinical trials register"),
        new("IRCT", IdentifierKind.OtherRegistry, @"(?<id>IRCT\d{8,14}N\d{1,3})", true, "irct", "iranian registry of clinical trials"),
        new("CRIS", IdentifierKind.OtherRegistry, @"(?<id>KCT\d{7})", true, "cris", "clinical research information service"),
        new("TCTR", IdentifierKind.OtherRegistry, @"(?<id>TCTR\d{11})", true, "tctr", "thai clinical trials registry"),
        new("ReBEC", IdentifierKind.OtherRegistry, @"(?<id>RBR-[0-9a-z]{6,10})", true, "rebec", "registro brasileiro de ensaios clinicos", "brazilian clinical trials registry"),
        new("SLCTR", IdentifierKind.OtherRegistry, @"(?<id>SLCTR/\d{4}/\d{3})", true, "slctr", "sri lanka clinical trials registry"),
        new("LBCTR", IdentifierKind.OtherRegistry, @"(?<id>LBCTR\d{10})", true, "lbctr", "lebanese clinical trials registry"),
        new("LTR", IdentifierKind.OtherRegistry, @"(?<id>NTR\d{1,5})", true, "ltr", "ntr", "netherlands trial register", "nederlands trial register", "landelijk trial register"),
        new("LTR", IdentifierKind.OtherRegistry, @"(?<id>NL\d{4,5})", false, "ltr", "netherlands trial register", "nederlands trial register", "landelijk trial register"),
        new("REPEC", IdentifierKind.OtherRegistry, @"(?<id>PER-\d{3}-\d{2})", false, "repec", "registro peruano de ensayos clinicos", "peruvian clinical trials registry"),
        new("RPCEC", IdentifierKind.OtherRegistry, @"(?<id>RPCEC\d{8})", true, "rpcec", "registro publico cubano de ensayos clinicos", "cuban public registry of clinical trials"),
        new("HKUCTR", IdentifierKind.OtherRegistry, @"(?<id>HKUCTR-\d{1,5})", true, "hkuctr"),
    ];

    /// <summary>The registry a whole token is an id of, and the id in the registry's own form.</summary>
    public static bool TryMatch(string token, out RegistryFormat format, out string value)
    {
        format = All[0];
        value = string.Empty;
        if (token.AsSpan().IndexOfAnyInRange('0', '9') < 0)
        {
            return false;
        }

        foreach (var candidate in All)
        {
            var match = candidate.Whole.Match(token);
            if (match.Success)
            {
                format = candidate;
                value = Canonical(candidate, match.Groups["id"].Value);
                return true;
            }
        }

        format = All[0];
        value = string.Empty;
        return false;
    }

    /// <summary>The registry named by type words ("( ANZCTR )", "Universal Trial Number (UTN)"), if any.</summary>
    public static RegistryFormat? Named(string? typeText)
    {
        if (string.IsNullOrWhiteSpace(typeText))
        {
            return null;
        }

        var key = " " + TextKey.Of(typeText) + " ";
        return All.FirstOrDefault(f => f.Names.Any(n => key.Contains(" " + n + " ", StringComparison.Ordinal)));
    }

    /// <summary>Every id of a registry in a run of text, with its position.</summary>
    public static IEnumerable<(RegistryFormat Format, string Value, int Index)> FindAll(string text)
    {
        // Every format holds digits: a line without one is skipped before any pattern runs.
        if (text.AsSpan().IndexOfAnyInRange('0', '9') < 0)
        {
            yield break;
        }

        var taken = new List<(int Start, int End)>();
        for (var f = 0; f < All.Count; f++)
        {
            var format = All[f];
            // Match/NextMatch rather than Matches: a format that does not occur costs no collection.
            for (var match = format.Within.Match(text); match.Success; match = match.NextMatch())
            {
                if (Overlaps(taken, match.Index, match.Index + match.Length))
                {
                    continue;
                }

                taken.Add((match.Index, match.Index + match.Length));
                yield return (format, Canonical(format, match.Groups["id"].Value), match.Index);
            }
        }
    }

    private static bool Overlaps(List<(int Start, int End)> taken, int start, int end)
    {
        foreach (var (takenStart, takenEnd) in taken)
        {
            if (start < takenEnd && takenStart < end)
            {
                return true;
            }
        }

        return false;
    }

    // Registries print their prefixes in one case ("jRCT", "ChiCTR"); a page that shouts them keeps its digits.
    private static string Canonical(RegistryFormat format, string id) => format.Kind switch
    {
        IdentifierKind.Nct => id.ToUpperInvariant(),
        _ when format.Assigner is "ISRCTN" or "DRKS" or "CTRI" or "PACTR" or "UMIN-CTR" or "TCTR" or "SLCTR" or "LBCTR" or "RPCEC" or "IRCT" => id.ToUpperInvariant(),
        _ => id,
    };
}
