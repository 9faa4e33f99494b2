using System.Text.RegularExpressions;

namespace FhirTrials.Core.Reading.ClinicalTrialsGov;

/// <summary>Pulls a DOI out of a citation's text ("... doi: 10.1016/j.jcyt.2021.02.114.").</summary>
internal static partial class CitationDoi
{
    public static string? Find(string citation)
    {
        var match = Doi().Match(citation);
        return match.Success ? match.Value.TrimEnd('.', ',', ';', ')', ']') : null;
    }

    [GeneratedRegex(@"10\.\d{4,9}/[^\s""<>]+", RegexOptions.CultureInvariant)]
    private static partial Regex Doi();
}
