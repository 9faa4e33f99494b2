using FhirTrials.Core.Fhir;
using FhirTrials.Core.Matching;
using Hl7.Fhir.Model;

namespace FhirTrials.Core.Search;

/// <summary>
/// Our ResearchStudy search parameters behind <c>ResearchStudy/$match</c>, each usable alone and published as a
/// SearchParameter resource like <see cref="ConditionSearchParameter"/>: eligible-age, eligible-sex,
/// healthy-volunteers, site-status and site-near. They read the <see cref="StudyMatchExtensions"/> the mapper writes.
/// </summary>
public static class MatchSearchParameters
{
    public const string EligibleAge = "eligible-age";
    public const string EligibleSex = "eligible-sex";
    public const string HealthyVolunteers = "healthy-volunteers";
    public const string SiteStatus = "site-status";
    public const string SiteNear = "site-near";
    public const string ConditionWord = "condition-word";
    public const string ConditionAncestor = "condition-ancestor";

    /// <summary>Index form of "no upper age limit": above any real age.</summary>
    public const double OpenMaximumYears = 999.99;

    private const string UrlBase = "https://fhirtrials.org/fhir/SearchParameter/ResearchStudy-";

    public static IReadOnlyList<SearchParameter> All { get; } =
    [
        Define(EligibleAge, SearchParamType.Number, $"ResearchStudy.extension('{StudyMatchExtensions.EligibleAgeUrl}').value",
            "Studies whose eligible age range contains the given age in whole years (an open end contains every age; a study with no age limit contains all)."),
        Define(EligibleSex, SearchParamType.Token, $"ResearchStudy.extension('{StudyMatchExtensions.EligibleSexUrl}').value",
            "Studies that enrol the given administrative gender (female or male): those restricted to it and those open to all sexes."),
        Define(HealthyVolunteers, SearchParamType.Token, $"ResearchStudy.extension('{StudyMatchExtensions.HealthyVolunteersUrl}').value",
            "Whether the study accepts healthy volunteers (true or false), as its eligibility Group says."),
        Define(SiteStatus, SearchParamType.Token, $"ResearchStudy.site.extension('{R5Extensions.ProgressStatusUrl}').extension('state').value",
            "The recruitment state of any of the study's sites (R5 research-study-status codes, e.g. recruiting)."),
        Define(SiteNear, SearchParamType.Special, $"ResearchStudy.site.extension('{StudyMatchExtensions.SitePositionUrl}')",
            "Studies with a site still taking patients within a distance, given as Location's near: latitude|longitude|distance|unit (km default)."),
        Define(ConditionWord, SearchParamType.String, "ResearchStudy.condition.text | ResearchStudy.condition.coding.display",
            "A word of a condition's name (text or coding display), folded; word order does not matter, so type 2 diabetes meets Diabetes Mellitus, Type 2 word by word."),
        Define(ConditionAncestor, SearchParamType.Token, $"ResearchStudy.extension('{StudyMatchExtensions.MeshAncestorUrl}').value",
            "A MeSH ancestor of the conditions studied (CT.gov v2 derivedSection.conditionBrowseModule.ancestors), as a token."),
    ];

    public static SearchParameter? Find(string name) => All.FirstOrDefault(p => p.Code == name);

    /// <summary>Any SearchParameter this server defines, by id (for the read interaction).</summary>
    public static SearchParameter? Definition(string id) =>
        id == ConditionSearchParameter.Id ? ConditionSearchParameter.Definition() : All.FirstOrDefault(p => p.Id == id)?.DeepCopy() as SearchParameter;

    private static SearchParameter Define(string code, SearchParamType type, string expression, string description) => new()
    {
        Id = "ResearchStudy-" + code,
        Url = UrlBase + code,
        Name = "ResearchStudy" + string.Concat(code.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])),
        Status = PublicationStatus.Active,
        Experimental = false,
        Publisher = "FhirTrials",
        Description = new Markdown(description),
        Code = code,
        Base = [ResourceType.ResearchStudy],
        Type = type,
        Expression = expression,
        XpathUsage = SearchParameter.XPathUsageType.Normal,
        Modifier = type switch
        {
            SearchParamType.Token => [SearchParameter.SearchModifierCode.Missing, SearchParameter.SearchModifierCode.Not],
            SearchParamType.String => [SearchParameter.SearchModifierCode.Missing, SearchParameter.SearchModifierCode.Exact],
            _ => [SearchParameter.SearchModifierCode.Missing],
        },
    };
}
