using System.Collections.Frozen;
using FhirTrials.Core.Reading.Normalization;

namespace FhirTrials.Core.Reading.Text;

/// <summary>Word lists that let the reader recognise unlabelled values: site names, organisations, countries.</summary>
internal static class PageVocabulary
{
    private static readonly (string Key, string Name)[] Sites =
    [
        ("clinicaltrials veeva", "ClinicalTrials.Veeva"),
        ("clinicaltrials gov", "ClinicalTrials.gov"),
        ("eu clinical trials register", "EU Clinical Trials Register"),
        ("ctis", "EU CTIS"),
        ("isrctn", "ISRCTN"),
        ("who ictrp", "WHO ICTRP"),
    ];

    // Words that mark a line as an organisation's name (a sponsor printed under the title, an affiliation).
    private static readonly FrozenSet<string> OrganisationWords = new[]
    {
        "university", "universite", "universitat", "universidad", "hospital", "hopital", "hopitaux", "hospitals", "chu", "institute",
        "institut", "instituto", "center", "centre", "centro", "clinic", "clinique", "foundation", "fondation", "inc", "ltd", "llc",
        "gmbh", "ag", "sa", "sas", "plc", "corporation", "corp", "company", "pharma", "pharmaceuticals", "pharmaceutical",
        "therapeutics", "biotech", "biosciences", "sciences", "laboratories", "ministry", "agency", "council", "assistance",
        "publique", "nhs", "trust", "college", "school", "society", "association", "group", "network", "consortium", "inserm",
        "cnrs", "national", "medical", "health", "healthcare", "oncology", "research",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> CountryNames = new[]
    {
        "France", "United States", "USA", "United Kingdom", "UK", "Germany", "Italy", "Spain", "Belgium", "Netherlands",
        "Switzerland", "Austria", "Portugal", "Ireland", "Denmark", "Sweden", "Norway", "Finland", "Poland", "Czechia",
        "Czech Republic", "Hungary", "Greece", "Romania", "Bulgaria", "Croatia", "Slovenia", "Slovakia", "Estonia", "Latvia",
        "Lithuania", "Luxembourg", "Canada", "Mexico", "Brazil", "Argentina", "Chile", "Colombia", "Peru", "Australia",
        "New Zealand", "Japan", "China", "Korea, Republic of", "South Korea", "Taiwan", "India", "Israel", "Turkey", "Türkiye",
        "Egypt", "South Africa", "Russian Federation", "Russia", "Ukraine", "Iran", "Saudi Arabia", "Singapore", "Thailand",
        "Malaysia", "Vietnam", "Philippines", "Indonesia", "Pakistan", "Tunisia", "Morocco", "Algeria", "Lebanon", "Qatar",
    }.Select(c => TextKey.Of(c)).ToFrozenSet(StringComparer.Ordinal);

    public static string? SiteName(string line)
    {
        var key = TextKey.Of(line);
        return Sites.FirstOrDefault(s => key == s.Key).Name;
    }

    public static bool IsCountry(string text) => CountryNames.Contains(TextKey.Of(text));

    public static bool LooksLikeOrganisation(string text) =>
        text.Length is > 3 and < 120 && !text.EndsWith('.') && TextKey.Of(text).Split(' ').Any(OrganisationWords.Contains);
}
