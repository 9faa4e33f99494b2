using Hl7.Fhir.Model;

namespace FhirTrials.Core.Search;

/// <summary>
/// R4 has no ResearchStudy search parameter for the condition studied, which is what people search trials by:
/// this is ours, with its own SearchParameter definition (published in the CapabilityStatement).
/// </summary>
public static class ConditionSearchParameter
{
    public const string Code = "condition";
    public const string Id = "ResearchStudy-condition";
    public const string Url = "https://fhirtrials.org/fhir/SearchParameter/" + Id;
    public const string Expression = "ResearchStudy.condition";

    public static SearchParameter Definition() => new()
    {
        Id = Id,
        Url = Url,
        Name = "ResearchStudyCondition",
        Status = PublicationStatus.Active,
        Experimental = false,
        Publisher = "FhirTrials",
        Description = new Markdown("The condition studied (ResearchStudy.condition): a token on its codings, and on its text with :text."),
        Code = Code,
        Base = [ResourceType.ResearchStudy],
        Type = SearchParamType.Token,
        Expression = Expression,
        XpathUsage = SearchParameter.XPathUsageType.Normal,
        Modifier = [SearchParameter.SearchModifierCode.Missing, SearchParameter.SearchModifierCode.Not, SearchParameter.SearchModifierCode.Text],
    };
}
