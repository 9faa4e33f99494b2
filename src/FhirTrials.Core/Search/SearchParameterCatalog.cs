using Hl7.Fhir.Model;

namespace FhirTrials.Core.Search;

/// <summary>
/// The search parameters served per resource type. Names, types, expressions, urls and reference targets come from
/// the R4 table in Firely's <see cref="ModelInfo.SearchParameters"/>; which parameters we serve, and the elements they
/// read, from <see cref="SearchParameterSelectors"/>; plus <c>_id</c>, <c>_lastUpdated</c> and our
/// <see cref="ConditionSearchParameter"/>.
/// </summary>
public static class SearchParameterCatalog
{
    public const string IdParameter = "_id";
    public const string LastUpdatedParameter = "_lastUpdated";

    private static readonly Dictionary<string, IReadOnlyList<SearchParameterInfo>> Parameters = Build();

    /// <summary>Resource types served, in the order the CapabilityStatement lists them.</summary>
    public static IReadOnlyList<string> ResourceTypes { get; } =
        ["ResearchStudy", "PlanDefinition", "Group", "Organization", "Practitioner", "PractitionerRole", "Location", "Provenance"];

    public static bool Supports(string resourceType) => Parameters.ContainsKey(resourceType);

    public static IReadOnlyList<SearchParameterInfo> For(string resourceType) =>
        Parameters.TryGetValue(resourceType, out var parameters) ? parameters : [];

    public static bool TryGet(string resourceType, string name, out SearchParameterInfo parameter)
    {
        parameter = For(resourceType).FirstOrDefault(p => p.Name == name)!;
        return parameter is not null;
    }

    private static Dictionary<string, IReadOnlyList<SearchParameterInfo>> Build()
    {
        var result = new Dictionary<string, IReadOnlyList<SearchParameterInfo>>(StringComparer.Ordinal);
        foreach (var (type, selectors) in SearchParameterSelectors.ByType)
        {
            var list = new List<SearchParameterInfo>
            {
                new(type, IdParameter, SearchParamType.Token, "Resource.id", "http://hl7.org/fhir/SearchParameter/Resource-id", [], r => [r.IdElement]),
                new(type, LastUpdatedParameter, SearchParamType.Date, "Resource.meta.lastUpdated", "http://hl7.org/fhir/SearchParameter/Resource-lastUpdated", [], r => [r.Meta?.LastUpdatedElement]),
            };
            foreach (var (name, select) in selectors)
            {
                list.Add(type == "ResearchStudy" && name == ConditionSearchParameter.Code
                    ? new(type, name, SearchParamType.Token, ConditionSearchParameter.Expression, ConditionSearchParameter.Url, [], select)
                    : type == "ResearchStudy" && MatchSearchParameters.Find(name) is { } ours
                    ? new(type, name, ours.Type!.Value, ours.Expression!, ours.Url!, [], select)
                    : FromModelInfo(type, name, select));
            }

            result[type] = list;
        }

        return result;
    }

    private static SearchParameterInfo FromModelInfo(string type, string name, Func<Resource, IEnumerable<Base?>> select)
    {
        var definition = ModelInfo.SearchParameters.FirstOrDefault(p => p.Resource == type && p.Name == name)
            ?? throw new InvalidOperationException($"{type}.{name} is not an R4 search parameter.");

        // Shared definitions (e.g. individual-family) list every resource type; keep the branches of this one.
        var branches = (definition.Expression ?? "").Split('|', StringSplitOptions.TrimEntries)
            .Where(b => b.StartsWith(type + ".", StringComparison.Ordinal) || b.StartsWith("(" + type + ".", StringComparison.Ordinal));
        var targets = (definition.Target ?? []).Select(t => t.ToString()).ToArray();
        return new SearchParameterInfo(type, name, definition.Type, string.Join(" | ", branches), definition.Url ?? "", targets, select);
    }
}
